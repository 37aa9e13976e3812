// Kubernetes Events ("Scheduled", "Pulling", "BackOff", …) as `kubectl describe` and `kubectl get events` show
// them. Kept beside the store rather than in it: they are a record, not objects controllers react to.
import type { VirtualClock } from './clock.ts'
import type { KubeObject, ObjectRef } from './objects.ts'

export interface ClusterEvent {
  at: number
  type: 'Normal' | 'Warning'
  reason: string
  message: string
  /** The component that reported it, as kubectl shows in FROM ("kubelet", "job-controller"). */
  source: string
  /** Shared by consecutive events about the same object: read-only. */
  involved: Readonly<ObjectRef & { uid: string }>
}

export class EventRecorder {
  private list: ClusterEvent[] = []
  private sorted = true
  /** Who hears each event as it is recorded (the page's timeline); most recorders have none. */
  private listeners: Array<(e: ClusterEvent) => void> | undefined
  constructor(private clock: VirtualClock) {}

  /** Calls `listener` with every event recorded from now on; returns the way to stop. */
  listen(listener: (e: ClusterEvent) => void): () => void {
    (this.listeners ??= []).push(listener)
    return () => { this.listeners = this.listeners?.filter(l => l !== listener) }
  }

  /** Every event so far, in time order. */
  get events(): readonly ClusterEvent[] {
    if (!this.sorted) {
      this.list.sort((a, b) => a.at - b.at) // stable: same-time events keep their recording order
      this.sorted = true
    }
    return this.list
  }

  /** `at` (default now) may lie a little in the past: the event is inserted in time order. */
  record(obj: KubeObject, type: ClusterEvent['type'], reason: string, message: string, source: string,
    at = this.clock.now()): void {
    const event: ClusterEvent = { at, type, reason, message, source, involved: this.involvedOf(obj) }
    const last = this.list[this.list.length - 1]
    if (last && last.at > at) this.sorted = false
    this.list.push(event)
    if (this.listeners) for (const l of this.listeners) l(event)
  }

  /** A kubelet records several events about one Pod in a row: they share one reference to it. */
  private lastInvolved: ClusterEvent['involved'] | undefined
  private involvedOf(obj: KubeObject): ClusterEvent['involved'] {
    const namespace = obj.metadata.namespace ?? ''
    const name = obj.metadata.name ?? ''
    const uid = obj.metadata.uid ?? ''
    const last = this.lastInvolved
    if (last && last.uid === uid && last.name === name && last.namespace === namespace && last.kind === obj.kind) return last
    return (this.lastInvolved = { kind: obj.kind, namespace, name, uid })
  }

  about(ref: ObjectRef): ClusterEvent[] {
    return this.events.filter(e => e.involved.kind === ref.kind && e.involved.name === ref.name &&
      e.involved.namespace === ref.namespace)
  }
}
