// The log view's data: the Pods of a run with their logs, including Pods that are gone, and for a gone Pod what
// removed it. The reason is read off the operation events: a hook Job deleted by its delete policy (R34–R36) takes
// its Pods along, a prune or the app's deletion removes them too. DOM-free; no rule is decided here.
import type { ContainerLog, LogBook } from '../../labs/log-book.ts'
import type { DeleteReason, RecordedEvent } from '../../sync/events.ts'
import { clockTime } from '../events/watch-lines.ts'

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
export function goneMark(entry: PodLogEntry): string | undefined {
  if (entry.goneAt === undefined) return undefined
  const how = entry.removedBy ? `deleted at ${clockTime(entry.goneAt)} by ${entry.removedBy.reason}`
    : `gone at ${clockTime(entry.goneAt)}`
  return `${how}: on a real cluster these logs are gone`
}

/** One line as the view prints it: `00:12  text`. */
export function logLineText(line: { t: number; text: string }): string {
  return `${clockTime(line.t)}  ${line.text}`
}

export type { ContainerLog }
