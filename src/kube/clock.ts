// A wall-clock Scheduler for the sync engine on a real API server: now() is milliseconds since synclab's virtual
// epoch (so timestamps and hook names come out as wall time), and timers are the host's setTimeout. `speed` > 1
// runs the engine's own delays (operation ticks, retries) faster, to match `synclab serve --speed`.
import { EPOCH_MS } from '../cluster/clock.ts'
import type { Scheduler } from '../sync/cluster.ts'

export function wallClock(speed = 1): Scheduler {
  if (!(speed > 0)) throw new Error(`speed must be a positive number (got ${speed})`)
  const wallStart = Date.now()
  const start = wallStart - EPOCH_MS
  return {
    now: () => start + (Date.now() - wallStart) * speed,
    setTimeout: (fn, ms) => globalThis.setTimeout(() => fn(), Math.max(0, ms) / speed),
    clearTimeout: id => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
  }
}
