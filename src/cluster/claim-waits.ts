// The scheduler's volume check: a Pod whose PersistentVolumeClaim is missing or not Bound yet stays Pending with
// FailedScheduling, in the scheduler's words (kubernetes volumebinding plugin: ErrReasonUnboundImmediatePVC, and
// "persistentvolumeclaim "x" not found"), and is tried again when one of its claims changes.
import type { EventRecorder } from './events.ts'
import type { Pod } from './objects.ts'
import type { ObjectStore, WatchEvent } from './store.ts'

const SCHEDULER = 'default-scheduler'

export class ClaimWaits {
  /** `<namespace>/<claim>` → the uids of the Pods that wait for it. */
  private waiting = new Map<string, Set<string>>()
  /** Pod uid → the last reason given, so a retry that fails the same way says nothing new. */
  private said = new Map<string, string>()

  constructor(private store: ObjectStore, private events: EventRecorder, private nodeCount: number,
    retry: (podUid: string) => void) {
    store.watch(e => this.onClaim(e, retry), ['PersistentVolumeClaim'])
  }

  /** true when the Pod can be bound; otherwise it waits for its claims and the scheduler's event is recorded. */
  ready(pod: Pod): boolean {
    if (!pod.spec.volumes?.length) return true // most Pods: nothing to wait for, no list built
    const claims = pod.spec.volumes.flatMap(v => v.persistentVolumeClaim?.claimName ?? [])
    if (claims.length === 0) return true
    const namespace = pod.metadata.namespace!
    let reason: string | undefined
    for (const name of claims) {
      const claim = this.store.get({ kind: 'PersistentVolumeClaim', namespace, name })
      const phase = (claim?.status as { phase?: string } | undefined)?.phase
      if (claim && phase === 'Bound') continue
      reason ??= claim ? 'pod has unbound immediate PersistentVolumeClaims' : `persistentvolumeclaim "${name}" not found`
      const key = `${namespace}/${name}`
      let pods = this.waiting.get(key)
      if (!pods) this.waiting.set(key, pods = new Set())
      pods.add(pod.metadata.uid!)
    }
    if (reason === undefined) {
      this.said.delete(pod.metadata.uid!)
      return true
    }
    if (this.said.get(pod.metadata.uid!) !== reason) {
      this.said.set(pod.metadata.uid!, reason)
      const n = this.nodeCount
      this.events.record(pod, 'Warning', 'FailedScheduling', `0/${n} nodes are available: ${reason}. preemption: ` +
        `0/${n} nodes are available: ${n} Preemption is not helpful for scheduling.`, SCHEDULER)
    }
    return false
  }

  forget(podUid: string): void {
    this.said.delete(podUid)
  }

  private onClaim(e: WatchEvent, retry: (podUid: string) => void): void {
    if (e.type === 'DELETED') return
    const key = `${e.object.metadata.namespace}/${e.object.metadata.name}`
    const pods = this.waiting.get(key)
    if (!pods) return
    this.waiting.delete(key)
    for (const uid of pods) retry(uid)
  }
}
