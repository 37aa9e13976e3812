// What the StatefulSet and DaemonSet controllers share: a work queue keyed by the workload's uid, woken by the
// workload's changes and its Pods' (not by its own status writes), the template hash of each generation, Pod
// availability with a wake-up when minReadySeconds ends (R91), and status writes that skip unchanged statuses.
import type { VirtualClock } from './clock.ts'
import { templateHash } from './deployment-controller.ts'
import { deepEqual } from './json.ts'
import { type KubeObject, type Pod, type PodTemplate } from './objects.ts'
import { availableFrom } from './pod-state.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { WorkQueue } from './work-queue.ts'

type Workload = KubeObject & { spec: { template: PodTemplate; minReadySeconds?: number } }

export abstract class WorkloadController<T extends Workload> {
  protected queue: WorkQueue
  private writing = false
  private hashes = new Map<string, { generation: number; hash: string }>()

  constructor(protected store: ObjectStore, protected clock: VirtualClock, private kind: string, source: string) {
    this.queue = new WorkQueue(clock, key => {
      const obj = store.getByUid(key) as T | undefined
      if (obj && !obj.metadata.deletionTimestamp) this.reconcile(obj)
    }, source)
    store.watch(e => this.onEvent(e), [kind, 'Pod'])
  }

  protected abstract reconcile(obj: T): void

  private onEvent(e: WatchEvent): void {
    const obj = e.object
    if (obj.kind === this.kind) {
      if (e.type !== 'DELETED' && !this.writing) this.queue.enqueue(obj.metadata.uid!)
      return
    }
    const owner = obj.metadata.ownerReferences?.find(o => o.controller && o.kind === this.kind)
    if (!owner) return
    if (e.type === 'ADDED' && this.queue.isReconciling(owner.uid)) return // created by this reconcile
    this.queue.enqueue(owner.uid)
  }

  /** The template hash of the workload's current generation, computed once per generation. */
  protected hashOf(obj: T): string {
    const uid = obj.metadata.uid!
    const generation = obj.metadata.generation ?? 1
    const known = this.hashes.get(uid)
    if (known?.generation === generation) return known.hash
    const hash = templateHash(obj.spec.template)
    this.hashes.set(uid, { generation, hash })
    return hash
  }

  /** Ready for minReadySeconds (R91); a Pod still waiting that out wakes the controller when it ends. */
  protected isAvailable(obj: T, pod: Pod, now: number): boolean {
    const from = availableFrom(pod, obj.spec.minReadySeconds ?? 0)
    if (from === undefined) return false
    if (from > now) this.queue.enqueue(obj.metadata.uid!, from - now)
    return from <= now
  }

  protected writeStatus(obj: T, status: unknown): void {
    if (deepEqual(status, obj.status ?? {})) return
    this.writing = true
    try {
      this.store.updateStatus(obj, status)
    } finally {
      this.writing = false
    }
  }
}
