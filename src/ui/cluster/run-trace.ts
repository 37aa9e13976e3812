// A run as the timeline and the event streams draw it, with times counted from its operation's start: the wall
// clock of a real cluster and the virtual clock of a simulation then share one axis.
import type { RecordedEvent } from '../../sync/events.ts'
import type { PodHistory } from '../timeline/pod-history.ts'

export interface RunTrace {
  events: RecordedEvent[]
  pods: PodHistory[]
  now: number
}

/** The operations' events with times from `startedAt` (what came before the first operation is left out). */
export function relativeEvents(events: readonly RecordedEvent[], startedAt: number): RecordedEvent[] {
  return events.filter(e => e.op >= 1).map(e => ({ ...e, t: Math.max(0, e.t - startedAt) }))
}

/**
 * A Pod's history with times from `origin` (creationTimestamp too, so AGE stays right). A creationTimestamp later
 * than the Pod was first seen means the server's clock runs ahead of this one (`synclab serve`'s virtual clock):
 * AGE then counts from when it was seen, rather than printing kubectl's `<invalid>` on every line.
 */
export function relativePod(h: PodHistory, origin: number): PodHistory {
  const at = (t: number): number => t - origin
  return {
    ...h, createdAt: Math.max(0, at(h.createdAt)), creationTimestamp: at(Math.min(h.creationTimestamp, h.createdAt)),
    transitions: h.transitions.map(tr => ({ ...tr, t: Math.max(0, at(tr.t)),
      ...(tr.lastRestartAt !== undefined ? { lastRestartAt: at(tr.lastRestartAt) } : {}) })),
    ...(h.deletingAt !== undefined ? { deletingAt: Math.max(0, at(h.deletingAt)) } : {}),
    ...(h.goneAt !== undefined ? { goneAt: Math.max(0, at(h.goneAt)) } : {}),
  }
}
