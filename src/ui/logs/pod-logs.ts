// The log view's data: the Pods of a run with their logs, including Pods that are gone, and for a gone Pod what
// removed it. The reason is read off the operation events: a hook Job deleted by its delete policy (R34–R36) takes
// its Pods along, a prune or the app's deletion removes them too. DOM-free; no rule is decided here.
import type { ContainerOutput, LogBook } from '../../labs/log-book.ts'
import type { DeleteReason, RecordedEvent } from '../../sync/events.ts'

/**
 * How the page prints a virtual time ("00:43", watch-lines.ts clockTime). Handed in by the caller: this module loads
 * with the log view, and an import of the page's own modules from here would split them into chunks of their own.
 */
export type TimeText = (ms: number) => string

export interface PodLogEntry {
  uid: string
  name: string
  namespace: string
  /** The controlling owner, as `Kind/name`. */
  owner?: string
  createdAt: number
  goneAt?: number
  /** What removed the Pod, when the operation events tell (its own deletion or its owner's). */
  removedBy?: { t: number; reason: DeleteReason; object: string }
}

/** The Pods of the run up to `t` (gone ones too), in the order they appeared. */
export function podLogEntries(logs: LogBook, events: readonly RecordedEvent[], t: number): PodLogEntry[] {
  const owners = ownersOf(events)
  return logs.pods().filter(p => p.createdAt <= t).map(p => {
    const goneAt = p.goneAt !== undefined && p.goneAt <= t ? p.goneAt : undefined
    const entry: PodLogEntry = { uid: p.uid, name: p.pod, namespace: p.namespace, createdAt: p.createdAt,
      ...(p.owner !== undefined ? { owner: p.owner } : {}), ...(goneAt !== undefined ? { goneAt } : {}) }
    if (goneAt !== undefined) {
      const removedBy = removalOf(events, owners, entry, goneAt)
      if (removedBy) entry.removedBy = removedBy
    }
    return entry
  })
}

/** `Kind/namespace/name` → the owner (`Kind/name`) its `created` event named. */
function ownersOf(events: readonly RecordedEvent[]): Map<string, string> {
  const owners = new Map<string, string>()
  for (const e of events) if (e.type === 'created' && e.owner !== undefined) owners.set(`${e.kind}/${e.namespace}/${e.name}`, e.owner)
  return owners
}

/**
 * The last deletion, between the Pod's creation and its end, of the Pod or of an object up its owner chain
 * (Pod → Job, Pod → ReplicaSet → Deployment).
 */
function removalOf(events: readonly RecordedEvent[], owners: Map<string, string>, pod: PodLogEntry,
  goneAt: number): PodLogEntry['removedBy'] {
  const chain = new Set<string>([`Pod/${pod.name}`])
  for (let owner = pod.owner; owner !== undefined && !chain.has(owner) && chain.size < 8;) {
    chain.add(owner)
    owner = owners.get(`${owner.slice(0, owner.indexOf('/'))}/${pod.namespace}/${owner.slice(owner.indexOf('/') + 1)}`)
  }
  let found: PodLogEntry['removedBy']
  for (const e of events) {
    if (e.type !== 'delete' || e.namespace !== pod.namespace || e.t < pod.createdAt || e.t > goneAt) continue
    const object = `${e.kind}/${e.name}`
    if (chain.has(object) && (!found || e.t >= found.t)) found = { t: e.t, reason: e.reason, object }
  }
  return found
}

/** "deleted at 00:43 by HookSucceeded: on a real cluster these logs are gone" (undefined while the Pod is there). */
export function goneMark(entry: PodLogEntry, clockTime: TimeText): string | undefined {
  if (entry.goneAt === undefined) return undefined
  const how = entry.removedBy ? `deleted at ${clockTime(entry.goneAt)} by ${entry.removedBy.reason}`
    : `gone at ${clockTime(entry.goneAt)}`
  return `${how}: on a real cluster these logs are gone`
}

/** One line as the view prints it: `00:12  text`. */
export function logLineText(line: { t: number; text: string }, clockTime: TimeText): string {
  return `${clockTime(line.t)}  ${line.text}`
}

/** A container's log as the view shows it: its runs (a restart starts a new one) in lines. */
export interface ContainerLog {
  container: string
  runs: Array<{ startedAt: number; endedAt?: number; lines: LogLine[] }>
}

/** A line of a container's output and the virtual time its first character was printed. */
export interface LogLine {
  t: number
  stream: 'stdout' | 'stderr'
  text: string
}

/** Each container's log of a Pod, in lines with their times (gone Pods too). */
export function containerLogs(logs: LogBook, uid: string): ContainerLog[] {
  return logs.output(uid).map(c => ({ container: c.container, runs: c.runs.map(({ output, ...run }) =>
    ({ ...run, lines: timedLines(output, run.startedAt) })) }))
}

/** Output chunks (times from `startedAt`) as lines: a line printed in several chunks has the time of its first. */
export function timedLines(chunks: ContainerOutput['runs'][number]['output'], startedAt: number): LogLine[] {
  const lines: LogLine[] = []
  let open: LogLine | undefined
  for (const chunk of chunks) {
    const parts = chunk.text.split('\n')
    parts.forEach((part, i) => {
      if (i > 0) open = undefined
      if (part === '' && i === parts.length - 1) return
      if (open) open.text += part
      else lines.push(open = { t: startedAt + chunk.atMs, stream: chunk.stream, text: part })
    })
  }
  return lines
}
