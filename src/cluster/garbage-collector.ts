// The garbage collector: deletes dependents whose owner is gone (background propagation), deletes dependents
// first and then the owner when it is deleted in the foreground, and strips owner references for orphaning.
// A Job deleted in the foreground (as Argo CD deletes hooks) therefore stays until its Pods are gone (R75).
import type { VirtualClock } from './clock.ts'
import { type KubeObject, refOf } from './objects.ts'
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER, type ObjectStore, type WatchEvent } from './store.ts'
import { WorkQueue } from './work-queue.ts'

export class GarbageCollector {
  private queue: WorkQueue
  /** uid → object, for owners that have been removed (their dependents must follow). */
  private removed = new Map<string, KubeObject>()

  constructor(private store: ObjectStore, clock: VirtualClock) {
    this.queue = new WorkQueue(clock, key => this.reconcile(key), 'garbage-collector')
    store.watch(e => this.onEvent(e))
  }

  private onEvent(e: WatchEvent): void {
    const uid = e.object.metadata.uid
    if (!uid) return
    if (e.type === 'DELETED') {
      if (this.store.dependents(uid).length > 0 || e.object.kind === 'Namespace') {
        this.removed.set(uid, e.object)
        this.queue.enqueue(uid)
      }
      this.wakeOwners(e.object)
      return
    }
    if (e.object.metadata.deletionTimestamp) this.queue.enqueue(uid)
    if (e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp) this.wakeOwners(e.object)
  }

  /** An owner waiting in the foreground re-checks when one of its dependents changes. */
  private wakeOwners(obj: KubeObject): void {
    for (const owner of obj.metadata.ownerReferences ?? []) this.queue.enqueue(owner.uid)
  }

  private reconcile(uid: string): void {
    const gone = this.removed.get(uid)
    if (gone) {
      this.removed.delete(uid)
      this.collectOrphans(gone)
      return
    }
    const owner = this.findLive(uid)
    if (!owner?.metadata.deletionTimestamp) return
    const finalizers = owner.metadata.finalizers ?? []
    if (finalizers.includes(ORPHAN_FINALIZER)) {
      for (const d of this.store.dependents(uid)) {
        this.store.updateMetadata(refOf(d), m => {
          const rest = (m.ownerReferences ?? []).filter(o => o.uid !== uid)
          if (rest.length > 0) m.ownerReferences = rest
          else delete m.ownerReferences
        })
      }
      this.store.removeFinalizer(refOf(owner), ORPHAN_FINALIZER)
      return
    }
    if (finalizers.includes(FOREGROUND_FINALIZER)) {
      const dependents = this.store.dependents(uid)
      for (const d of dependents) {
        if (!d.metadata.deletionTimestamp) this.store.delete(refOf(d), { propagationPolicy: 'Foreground' })
      }
      const blocking = this.store.dependents(uid).filter(d =>
        d.metadata.ownerReferences?.some(o => o.uid === uid && o.blockOwnerDeletion))
      if (blocking.length === 0) this.store.removeFinalizer(refOf(owner), FOREGROUND_FINALIZER)
    }
  }

  /** Background propagation: dependents of a removed owner are deleted, unless another owner lives. */
  private collectOrphans(owner: KubeObject): void {
    const uid = owner.metadata.uid!
    const candidates = owner.kind === 'Namespace'
      ? this.store.all().filter(o => o.metadata.namespace === owner.metadata.name)
      : this.store.dependents(uid)
    for (const d of candidates) {
      if (d.metadata.deletionTimestamp) continue
      const others = (d.metadata.ownerReferences ?? []).filter(o => o.uid !== uid)
      if (others.some(o => this.findLive(o.uid))) continue
      this.store.delete(refOf(d), { propagationPolicy: 'Background' })
    }
  }

  private findLive(uid: string): KubeObject | undefined {
    return this.store.getByUid(uid)
  }
}
