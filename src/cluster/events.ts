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
  involved: ObjectRef & { uid: string }
}

export class EventRecorder {
  readonly events: ClusterEvent[] = []
  constructor(private clock: VirtualClock) {}

  record(obj: KubeObject, type: ClusterEvent['type'], reason: string, message: string, source: string): void {
    this.events.push({
      at: this.clock.now(), type, reason, message, source,
      involved: { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '',
        uid: obj.metadata.uid ?? '' },
    })
  }

  about(ref: ObjectRef): ClusterEvent[] {
    return this.events.filter(e => e.involved.kind === ref.kind && e.involved.name === ref.name &&
      e.involved.namespace === ref.namespace)
  }
}
