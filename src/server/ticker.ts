// Runs the simulated cluster's virtual clock in real time, or `speed` times faster: every few wall milliseconds
// the clock runs what is due up to the virtual time that corresponds to the wall time now.
import type { VirtualClock } from '../cluster/clock.ts'

/**
 * The speeds the ticker keeps up with: past 1000x one tick of 10 ms runs over 10 virtual seconds of controllers at
 * once, and a Pod's whole life fits between two looks of kubectl; below 0.01x nothing visibly moves.
 */
export const MIN_SPEED = 0.01
export const MAX_SPEED = 1000

export function speedProblem(speed: number): string | undefined {
  if (!Number.isFinite(speed) || speed < MIN_SPEED || speed > MAX_SPEED) {
    return `speed must be a number from ${MIN_SPEED} to ${MAX_SPEED} (virtual seconds per wall second)`
  }
  return undefined
}

export class WallClockTicker {
  private timer: ReturnType<typeof setInterval> | undefined
  private wallStart = 0
  private virtualStart = 0

  constructor(private clock: VirtualClock, readonly speed = 1, private intervalMs = 10,
    private onError: (e: unknown) => void = e => console.error('synclab serve:', e)) {
    const problem = speedProblem(speed)
    if (problem) throw new Error(`${problem}; got ${speed}`)
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
