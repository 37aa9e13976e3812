// A controller's work queue in virtual time: a key is reconciled once per wake-up, however many watch events
// asked for it, as informer-driven controllers do.
import type { TimerHandle, VirtualClock } from './clock.ts'

export class WorkQueue {
  private queued = new Map<string, TimerHandle>()
  private current: string | undefined

  constructor(private clock: VirtualClock, private reconcile: (key: string) => void, private label: string) {}

  /** True while `key` is being reconciled: what it creates then is already accounted for ("expectations"). */
  isReconciling(key: string): boolean {
    return this.current === key
  }

  /** Reconciles `key` after `delayMs`, unless it is already due no later than that. */
  enqueue(key: string, delayMs = 0): void {
    const at = this.clock.now() + Math.max(0, delayMs)
    const existing = this.queued.get(key)
    if (existing && existing.at <= at) return
    if (existing) this.clock.cancel(existing)
    this.queued.set(key, this.clock.scheduleAt(at, () => this.run(key), this.label))
  }

  private run(key: string): void {
    this.queued.delete(key)
    this.current = key
    try {
      this.reconcile(key)
    } finally {
      this.current = undefined
    }
  }
}
