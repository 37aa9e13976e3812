// "Connect to a cluster": the session's HEAD revision synced on a real cluster (through a local `kubectl proxy`,
// reached same-origin at /k8s) by the same Application and sync machine as the simulation, shown live in the
// page's own views (app view with why it waits and the resource tree, timeline, event streams), then compared with
// the same revision on the simulated cluster. All logic is in controller.ts; this only renders it.
import { useEffect, useId, useState, useSyncExternalStore } from 'react'
import type { KubeObject } from '../../cluster/objects.ts'
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../kube/kube-cluster.ts'
import { SIMULATION, CLUSTER, type RunComparison } from '../../sync/compare.ts'
import { AppView } from '../app-view/AppView.tsx'
import { EventStream } from '../events/EventStream.tsx'
import { podWatchLines } from '../events/watch-lines.ts'
import { buildTimeline } from '../timeline/model.ts'
import { Timeline } from '../timeline/Timeline.tsx'
import { ClusterController, type ClusterState } from './controller.ts'
import './cluster.css'

export interface ClusterPanelProps {
  /** The HEAD revision's manifests (session.head?.manifests). */
  manifests: KubeObject[]
  /** The HEAD revision's id (session.head?.id). */
  revision: string
  /** The lab's wave delay, so the comparison runs the simulation the same way. */
  waveDelayMs?: number | undefined
  /** The lab's seed for the simulation side of the comparison. */
  seed?: number | string | undefined
  /** The proxy URL shown first; defaults to this page's /k8s (Vite proxies it to `kubectl proxy` on :8001). */
  defaultServer?: string
  /** For tests: an existing controller. */
  controller?: ClusterController
  /** Told the server connected to (undefined once disconnected): the page's Sync buttons say where they sync. */
  onConnection?: ((server: string | undefined) => void) | undefined
}

export function ClusterPanel(props: ClusterPanelProps) {
  const [controller] = useState(() => props.controller ??
    new ClusterController(props.seed !== undefined ? { seed: props.seed } : {}))
  useEffect(() => () => controller.disconnect(), [controller])
  const state = useSyncExternalStore(controller.subscribe, controller.getState, controller.getState)
  const server = state.connection?.server
  const { onConnection } = props
  useEffect(() => onConnection?.(server), [onConnection, server])
  return (
    <details className="panel cluster-panel" data-testid="cluster-panel">
      <summary><strong>Connect to a cluster</strong>{state.connection
        ? <span className="muted"> · namespace <code>{state.connection.namespace}</code></span> : null}</summary>
      <ClusterPanelBody {...props} controller={controller} state={state} />
    </details>
  )
}

/** The panel's content for a given state (rendered statically in tests). */
export function ClusterPanelBody({ controller, state, manifests, revision, waveDelayMs, defaultServer }:
  ClusterPanelProps & { controller: ClusterController; state: ClusterState }) {
  const id = useId()
  const [server, setServer] = useState(() => defaultServer ?? defaultProxyUrl())
  const [namespace, setNamespace] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const [confirmCleanup, setConfirmCleanup] = useState(false)
  const [prune, setPrune] = useState(false)
  const [dryRun, setDryRun] = useState(false)
  const conn = state.connection
  const ns = conn?.namespace ?? (namespace.trim() || 'NS')
  const busy = state.busy !== undefined
  const running = state.run?.running ?? false
  // A new connection (another namespace) asks again.
  useEffect(() => {
    setConfirmed(false)
    setConfirmCleanup(false)
  }, [conn?.server, conn?.namespace])

  return (
    <div className="cluster-body">
      <p className="cluster-confinement" data-testid="cluster-confinement">
        synclab works only in namespace <code>{ns}</code>: it labels what it creates
        (<code>{MANAGED_BY_LABEL}={MANAGED_BY_VALUE}</code>) and never deletes what it did not create.
      </p>
      <form className="cluster-connect" onSubmit={e => {
        e.preventDefault()
        void controller.connect(server, namespace)
      }}>
        <label htmlFor={`${id}-server`}>Proxy URL</label>
        <input id={`${id}-server`} type="url" value={server} onChange={e => setServer(e.target.value)} size={32}
          data-testid="cluster-server" />
        <label htmlFor={`${id}-ns`}>Namespace</label>
        <input id={`${id}-ns`} value={namespace} onChange={e => setNamespace(e.target.value)} required
          placeholder="required" spellCheck={false} data-testid="cluster-namespace" />
        <button type="submit" disabled={busy || running} data-testid="cluster-connect">
          {state.busy === 'connect' ? 'Connecting…' : conn ? 'Reconnect' : 'Connect'}</button>
        {conn ? <button type="button" onClick={() => controller.disconnect()} disabled={busy || running}>Disconnect</button> : null}
      </form>
      <p className="muted cluster-hint">Start <code>kubectl proxy --port=8001</code> first: it uses your kubeconfig, so
        the page never sees a credential.</p>
      {state.error ? <p className="cluster-error" role="alert" data-testid="cluster-error">{state.error}</p> : null}
      {conn ? (
        <p className="cluster-connected" data-testid="cluster-connected">
          Connected to {conn.version ? <>Kubernetes <code>{conn.version}</code></> : 'the API server'}
          {conn.platform ? <> ({conn.platform})</> : null} at <code>{conn.server}</code>, namespace <code>{conn.namespace}</code>.
        </p>
      ) : null}

      {conn ? (
        <section className="cluster-sync" aria-label="Sync on the cluster">
          <h3>Sync the current revision on the cluster</h3>
          <label className="cluster-confirm">
            <input type="checkbox" checked={confirmed} onChange={e => setConfirmed(e.target.checked)}
              data-testid="cluster-confirm" />{' '}
            I understand synclab will create and change objects in namespace <code>{conn.namespace}</code> on{' '}
            <code>{conn.server}</code>.
          </label>
          <div className="cluster-buttons">
            <label title="Delete what the application tracks on the cluster but the revision no longer has (R48); without it they are left, OutOfSync (R52)">
              <input type="checkbox" checked={prune} onChange={e => setPrune(e.target.checked)} data-testid="cluster-prune" /> Prune</label>
            <label title="Every apply and prune is a dry run: nothing changes on the cluster (R54)">
              <input type="checkbox" checked={dryRun} onChange={e => setDryRun(e.target.checked)} data-testid="cluster-dry-run" /> Dry run</label>
          </div>
          <div className="cluster-buttons">
            <button className="primary" disabled={!confirmed || busy || running || manifests.length === 0}
              onClick={() => void controller.sync({ manifests, revision, waveDelayMs, confirmed, request: { prune, dryRun } })}
              data-testid="cluster-sync">
              ⟳ Sync revision <code>{revision.slice(0, 7)}</code> on the cluster ({manifests.length} object{manifests.length === 1 ? '' : 's'})
            </button>
            <button disabled={!running} onClick={() => controller.terminate()} data-testid="cluster-terminate">■ Terminate</button>
          </div>
          {state.run ? <RunSection state={state} controller={controller} /> : null}
        </section>
      ) : null}

      {conn ? (
        <section className="cluster-cleanup" aria-label="Clean up">
          <h3>Clean up</h3>
          {state.cleanupPlan === undefined ? (
            <button disabled={busy || running} onClick={() => {
              setConfirmCleanup(false)
              void controller.planCleanup()
            }} data-testid="cluster-cleanup">Clean up…</button>
          ) : state.cleanupPlan.length === 0 ? (
            <p>Nothing to clean up: no object labelled <code>{MANAGED_BY_LABEL}={MANAGED_BY_VALUE}</code> in
              namespace <code>{conn.namespace}</code>. <button onClick={() => controller.cancelCleanup()}>OK</button></p>
          ) : (
            <div data-testid="cluster-cleanup-plan">
              <p>synclab would delete {state.cleanupPlan.length} object{state.cleanupPlan.length === 1 ? '' : 's'} it
                created in namespace <code>{conn.namespace}</code>:</p>
              <ul>{state.cleanupPlan.map(p => <li key={p}><code>{p}</code></li>)}</ul>
              <label><input type="checkbox" checked={confirmCleanup} onChange={e => setConfirmCleanup(e.target.checked)}
                data-testid="cluster-cleanup-confirm" /> Delete these from namespace <code>{conn.namespace}</code></label>
              <div className="cluster-buttons">
                <button className="danger" disabled={!confirmCleanup || busy}
                  onClick={() => void controller.cleanup({ confirmed: confirmCleanup })} data-testid="cluster-cleanup-go">Delete</button>
                <button onClick={() => controller.cancelCleanup()} disabled={busy}>Cancel</button>
              </div>
            </div>
          )}
          {state.cleanedUp ? (
            <p data-testid="cluster-cleaned">{state.cleanedUp.length === 0 ? 'Nothing was deleted.'
              : `Deleted ${state.cleanedUp.join(', ')}.`}</p>
          ) : null}
          {state.cleanupNotes ? (
            <ul data-testid="cluster-cleanup-notes">{state.cleanupNotes.map(n => <li key={n}>{n}</li>)}</ul>
          ) : null}
        </section>
      ) : null}
    </div>
  )
}

function RunSection({ state, controller }: { state: ClusterState; controller: ClusterController }) {
  const run = state.run!
  return (
    <div className="cluster-run" data-testid="cluster-run">
      <dl className="cluster-operation">
        <dt>Operation on the cluster</dt><dd data-testid="cluster-phase" className={`phase-${run.phase}`}>{run.phase}</dd>
        {run.finishedAfterMs !== undefined ? <><dt>Duration</dt><dd>{(run.finishedAfterMs / 1000).toFixed(1)} s</dd></> : null}
      </dl>
      {run.shown ? <AppView shown={run.shown} /> : <ResultLines run={run} />}
      <h4>Timeline on the cluster <span className="muted">(wall time from the operation's start)</span></h4>
      <Timeline timeline={buildTimeline(run.events, run.pods, run.now)} now={run.now} cursor={undefined} onCursor={noTimeTravel} />
      <div className="streams">
        <EventStream title="kubectl get pods --watch" lines={podWatchLines(run.pods, run.now)} />
        <EventStream lines={run.lines} title="Events on the cluster" />
      </div>
      {!run.running ? (
        <div className="cluster-compare">
          <button onClick={() => void controller.compare()} disabled={state.busy !== undefined} data-testid="cluster-compare">
            {state.busy === 'compare' ? 'Comparing…' : 'Compare with the simulation'}</button>
          {state.compare ? (
            <>
              <ComparisonView comparison={state.compare.comparison} />
              <p className="muted" data-testid="cluster-brought-over">{state.compare.broughtOver === 0
                ? 'The simulation started empty: the application had nothing on the cluster before this sync.'
                : `The simulation started from the ${state.compare.broughtOver} object${state.compare.broughtOver === 1 ? '' : 's'} ` +
                  'the application had on the cluster before this sync, left to settle first.'}</p>
              {state.compare.notBrought.length > 0 ? (
                <div role="note">Not brought into the simulation (so the runs may differ because of them):
                  <ul>{state.compare.notBrought.map(n => <li key={n}>{n}</li>)}</ul></div>
              ) : null}
              <h4>Timeline in the simulation <span className="muted">(virtual time, same revision, seed of the lab)</span></h4>
              <div data-testid="cluster-simulation-timeline">
                <Timeline timeline={buildTimeline(state.compare.simulationRun.events, state.compare.simulationRun.pods,
                  state.compare.simulationRun.now)} now={state.compare.simulationRun.now} cursor={undefined}
                onCursor={noTimeTravel} />
              </div>
            </>
          ) : null}
        </div>
      ) : null}
    </div>
  )
}

/** A real cluster's past cannot be replayed, nor the comparison's simulation: these cursors stay at now. */
const noTimeTravel = (): void => {}

/** The message and the result table, before the application is loaded. */
function ResultLines({ run }: { run: NonNullable<ClusterState['run']> }) {
  return (
    <>
      <p data-testid="cluster-message">{run.message}</p>
      <table className="cluster-results" data-testid="cluster-results">
        <thead><tr><th>KIND</th><th>NAME</th><th>STATUS</th><th>HOOK</th><th>HOOK PHASE</th><th>MESSAGE</th></tr></thead>
        <tbody>
          {run.results.map(r => (
            <tr key={`${r.group}/${r.kind}/${r.name}/${r.syncPhase}`}>
              <td>{r.kind}</td><td>{r.name}</td><td>{r.status}</td><td>{r.hookType ?? ''}</td><td>{r.hookPhase ?? ''}</td>
              <td>{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  )
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** Both timelines side by side (the simulation left, the cluster right), then the differences. */
export function ComparisonView({ comparison }: { comparison: RunComparison }) {
  const multi = new Set(comparison.timelines.map(r => r.op)).size > 1
  const lists = Object.entries(comparison.differences).filter(([, list]) => list.length > 0)
  return (
    <div className="cluster-comparison" data-testid="cluster-comparison">
      <table className="cluster-timelines">
        <thead><tr>{multi ? <th>OP</th> : null}<th colSpan={2}>{SIMULATION.name.toUpperCase()}</th>
          <th colSpan={2}>{CLUSTER.name.toUpperCase()}</th></tr></thead>
        <tbody>
          {comparison.timelines.map((r, i) => {
            const differs = !r.a || !r.b || r.a.step !== r.b.step
            return (
              <tr key={i} className={differs ? 'differs' : undefined}>
                {multi ? <td>{r.op}</td> : null}
                <td className="at">{r.a ? seconds(r.a.at) : '–'}</td><td>{r.a?.step ?? ''}</td>
                <td className="at">{r.b ? seconds(r.b.at) : '–'}</td><td>{r.b?.step ?? ''}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {comparison.same ? <p data-testid="cluster-same">No differences in order, outcome or deletions.</p> : (
        <div data-testid="cluster-differences">
          {lists.map(([name, list]) => (
            <div key={name}>
              <h4>Differences in {name}</h4>
              <ul>{list.map((s, i) => <li key={i}>{s.charAt(0).toUpperCase() + s.slice(1)}</li>)}</ul>
            </div>
          ))}
        </div>
      )}
      <p className="muted">Times differ by nature (wall time on the cluster, virtual time in the simulation) and are not
        compared.</p>
    </div>
  )
}

/** Built with an absolute base path (`vite build --base=/ui/`, served by `kubectl proxy --www`), the API is this very
 * origin. Otherwise (the default relative build, `./`, or dev's `/`) it is `k8s` beside the page: the dev or preview
 * server forwards /k8s to the proxy, and a host serving the page under a sub-path can proxy `<sub-path>/k8s`. */
function defaultProxyUrl(): string {
  if (typeof location === 'undefined') return 'http://127.0.0.1:8001'
  const base = import.meta.env.BASE_URL
  return base === '/' || base === './' ? new URL('k8s', document.baseURI).href : location.origin
}
