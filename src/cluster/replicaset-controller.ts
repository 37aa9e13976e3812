// The ReplicaSet controller: keeps spec.replicas Pods running from the template and reports how many are ready.
import { byteCompare } from './byte-order.ts'
import type { VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import { createPodFromTemplate } from './pod-template.ts'
import { deepEqual } from './json.ts'
import { availableFrom } from './pod-state.ts'
import { type Pod, type ReplicaSet, type ReplicaSetStatus, refOf } from './objects.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { WorkQueue } from './work-queue.ts'

export class ReplicaSetController {
  private queue: WorkQueue

  constructor(private store: ObjectStore, private clock: VirtualClock, private events: EventRecorder) {
    this.queue = new WorkQueue(clock, key => this.reconcile(key), 'replicaset-controller')
    store.watch(e => this.onEvent(e), ['ReplicaSet', 'Pod'])
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object
    if (obj.kind === 'ReplicaSet' && e.type !== 'DELETED') this.queue.enqueue(obj.metadata.uid!)
    if (obj.kind === 'Pod') {
      const owner = obj.metadata.ownerReferences?.find(o => o.controller && o.kind === 'ReplicaSet')
      if (!owner) return
      const key = owner.uid
      if (e.type === 'ADDED' && this.queue.isReconciling(key)) return // created by this reconcile: already counted
      this.queue.enqueue(key)
    }
  }

  private reconcile(key: string): void {
    const rs = this.store.getByUid(key) as ReplicaSet | undefined
    if (!rs || rs.metadata.deletionTimestamp) return
    const pods = this.store.dependents(rs.metadata.uid!).filter((o): o is Pod => o.kind === 'Pod')
    const live = pods.filter(p => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' &&
      p.status?.phase !== 'Failed')
    const want = rs.spec.replicas ?? 1
    if (live.length < want) {
      for (let i = live.length; i < want; i++) live.push(this.createPod(rs))
    } else if (live.length > want) {
      // Not-ready Pods go first, then the newest, as the real controller prefers (controller_utils.go ActivePods).
      // Ties, which Kubernetes leaves to an unstable sort, go by name: as bytes, so that every machine and locale
      // picks the same Pod.
      const victims = [...live].sort((a, b) => Number(isReady(a)) - Number(isReady(b)) ||
        byteCompare(b.metadata.creationTimestamp ?? '', a.metadata.creationTimestamp ?? '') ||
        byteCompare(b.metadata.name ?? '', a.metadata.name ?? ''))
        .slice(0, live.length - want)
      for (const pod of victims) {
        this.store.delete(refOf(pod))
        this.events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, 'replicaset-controller')
      }
    }
    // Failed or finished pods of a ReplicaSet are replaced; remove them so they do not pile up.
    for (const pod of pods) {
      if (!pod.metadata.deletionTimestamp && (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded')) {
        this.store.delete(refOf(pod))
      }
    }
    const current = pods.filter(p => !p.metadata.deletionTimestamp)
    const ready = current.filter(isReady).length
    const status: ReplicaSetStatus = {
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: ready,
      availableReplicas: this.available(rs, current),
      observedGeneration: rs.metadata.generation ?? 1,
    }
    if (!deepEqual(status, rs.status ?? {})) this.store.updateStatus(rs, status)
  }

  /**
   * R91: Ready for minReadySeconds. Most ReplicaSets have none: then available = ready, with no timestamps read. A
   * Pod still waiting it out wakes the controller when it ends.
   */
  private available(rs: ReplicaSet, pods: Pod[]): number {
    const minReadySeconds = rs.spec.minReadySeconds ?? 0
    if (minReadySeconds <= 0) return pods.filter(isReady).length
    const now = this.clock.now()
    let available = 0
    let wake = Infinity
    for (const pod of pods) {
      const from = availableFrom(pod, minReadySeconds)
      if (from === undefined) continue
      if (from <= now) available++
      else wake = Math.min(wake, from)
    }
    if (wake < Infinity) this.queue.enqueue(rs.metadata.uid!, wake - now)
    return available
  }

  private createPod(rs: ReplicaSet): Pod {
    return createPodFromTemplate(this.store, this.events, rs, rs.spec.template, 'replicaset-controller')
  }

}

export function isReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' &&
    (pod.status.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false)
}
