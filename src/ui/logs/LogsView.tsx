// The log view, like Argo CD's LOGS tab: pick a Pod of the run (gone ones too), see its containers' log lines with
// the times they were printed. It shows the run at the moment shown (the timeline's cursor). A Pod that is gone is
// marked: its log is kept here, but on a real cluster it went with the Pod (`kubectl logs` says NotFound).
import { type UIEvent, useLayoutEffect, useRef, useState } from 'react'
import type { Session } from '../session/session.ts'
import { type ContainerLog, containerLogs, goneMark, logLineText, type PodLogEntry, podLogEntries,
  type TimeText } from './pod-logs.ts'
import './logs.css'

/** `clockTime`: how the page prints a virtual time (pod-logs.ts TimeText). */
export function LogsView({ session, clockTime }: { session: Session; version: number; clockTime: TimeText }) {
  const run = session.shown
  const pods = podLogEntries(run.logs, run.sim.apps.flatMap(a => a.events), run.now)
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const selected = pods.find(p => p.uid === picked) ?? pods[0]
  if (pods.length === 0) return <p className="muted" data-testid="logs-empty">No Pod has run yet.</p>
  return (
    <div className="logs-view" data-testid="logs-view">
      <ul className="logs-pods" aria-label="Pods">
        {pods.map(p => (
          <li key={p.uid}>
            <button type="button" aria-pressed={p === selected} onClick={() => setPicked(p.uid)}
              data-testid="logs-pod" data-pod={p.name} data-gone={p.goneAt !== undefined}>
              <span className="logs-pod-name">{p.name}</span>
              <span className="muted">{p.owner ?? 'Pod'}{p.goneAt !== undefined ? ` · gone ${clockTime(p.goneAt)}` : ''}</span>
            </button>
          </li>
        ))}
      </ul>
      {selected ? <PodLog key={selected.uid} pod={selected} containers={containerLogs(run.logs, selected.uid)}
        clockTime={clockTime} /> : null}
    </div>
  )
}

function PodLog({ pod, containers, clockTime }: { pod: PodLogEntry; containers: ContainerLog[]; clockTime: TimeText }) {
  const [picked, setPicked] = useState<string | undefined>(undefined)
  const container = containers.find(c => c.container === picked) ?? containers[0]
  const mark = goneMark(pod, clockTime)
  return (
    <section className="logs-pod" aria-label={`Logs of ${pod.name}`} data-testid="logs-pod-view" data-pod={pod.name}>
      <header>
        <h3>{pod.name}</h3>
        <span className="muted">{pod.owner ? `${pod.owner} · ` : ''}created {clockTime(pod.createdAt)}</span>
        {containers.length > 1 ? (
          <span className="tabs" role="group" aria-label="Containers">
            {containers.map(c => (
              <button type="button" key={c.container} aria-pressed={c === container}
                onClick={() => setPicked(c.container)}>{c.container}</button>
            ))}
          </span>
        ) : container ? <span className="muted">container {container.container}</span> : null}
      </header>
      {mark ? (
        <p className="logs-gone" role="note" data-testid="logs-gone-mark">
          {mark}{pod.removedBy && pod.removedBy.object !== `Pod/${pod.name}`
            ? ` (${pod.removedBy.object} was deleted and took its Pods along).` : '.'}
        </p>
      ) : null}
      <Lines container={container} clockTime={clockTime} />
    </section>
  )
}

/** Within this many px of the bottom, the lines follow new output (as `kubectl logs -f`). */
const FOLLOW_PX = 8

function Lines({ container, clockTime }: { container: ContainerLog | undefined; clockTime: TimeText }) {
  const runs = container?.runs ?? []
  const empty = runs.every(r => r.lines.length === 0)
  const ref = useRef<HTMLPreElement>(null)
  const follow = useRef(true)
  const count = runs.reduce((n, r) => n + r.lines.length, runs.length)
  useLayoutEffect(() => {
    if (ref.current && follow.current) ref.current.scrollTop = ref.current.scrollHeight
  }, [count])
  const onScroll = (e: UIEvent<HTMLPreElement>): void => {
    const el = e.currentTarget
    follow.current = el.scrollHeight - el.scrollTop - el.clientHeight <= FOLLOW_PX
  }
  return (
    <pre ref={ref} className="logs-lines" tabIndex={0} role="log" aria-label={`Log of ${container?.container ?? 'the Pod'}`}
      onScroll={onScroll} data-testid="logs-lines">
      {empty ? <span className="muted">{runs.length === 0 ? '(the container has not started)' : '(no output)'}</span>
        : runs.map((r, i) => (
          <span key={i} className="logs-run">
            {runs.length > 1 ? <span className="logs-restart">{`── run ${i + 1}, started ${clockTime(r.startedAt)} ──\n`}</span> : null}
            {r.lines.map((l, j) => (
              <span key={j} className={l.stream === 'stderr' ? 'logs-stderr' : undefined}>{`${logLineText(l, clockTime)}\n`}</span>
            ))}
          </span>
        ))}
    </pre>
  )
}
