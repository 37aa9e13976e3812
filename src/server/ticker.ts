// Runs the simulated cluster's virtual clock in real time, or `speed` times faster: every few wall milliseconds
// the clock runs what is due up to the virtual time that corresponds to the wall time now.
import type { VirtualClock } from '../cluster/clock.ts'

export class WallClockTicker {
  private timer: ReturnType<typeof setInterval> | undefined
  private wallStart = 0
  private virtualStart = 0

  constructor(private clock: VirtualClock, readonly speed = 1, private intervalMs = 10,
    private onError: (e: unknown) => void = e => console.error('synclab serve:', e)) {
    if (!(speed > 0)) throw new Error(`speed must be a positive number (got ${speed})`)
  }

  start(): void {
    if (this.timer) return
    this.wallStart = Date.now()
    this.virtualStart = this.clock.now()
    this.timer = setInterval(() => this.tick(), this.intervalMs)
    this.timer.unref?.()
  }

  /** Brings the virtual clock up to the wall clock. */
  tick(): void {
    const target = this.virtualStart + (Date.now() - this.wallStart) * this.speed
    try {
      this.clock.runUntil(Math.max(target, this.clock.now()))
    } catch (e) {
      this.onError(e)
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = undefined
  }
}
