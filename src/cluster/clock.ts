// A deterministic discrete-event clock. Nothing in the engine reads wall time: controllers schedule work at
// virtual times, and the clock runs that work in (time, scheduling order) order. It also satisfies xstate's
// Clock interface (setTimeout/clearTimeout), so delayed transitions of the sync machine run in virtual time.

/** Virtual time 0 is this instant, so timestamps and hook names built from them are repeatable. */
export const EPOCH_MS = Date.UTC(2025, 0, 1)

export interface TimerHandle {
  readonly id: number
  /** The virtual time it is due. */
  readonly at: number
}

/**
 * A time that is not a finite number reached the clock: a programming error upstream (a field read as a number
 * that is none). Refused at the clock's API with this RangeError, so it surfaces where it was made instead of
 * poisoning the schedule (a NaN time never sorts, and the clock would run or wait forever).
 */

/** Receives an exception thrown by a scheduled callback; true when it was dealt with (reported). */
export type FaultHandler = (error: unknown, label: string) => boolean

function finite(what: string, value: unknown, label = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`virtual clock: ${what} is not a finite number (${String(value)})${label ? ` [${label}]` : ''}`)
  }
  return value
}

/** A scheduled callback; it is also the handle given out, so cancelling needs no lookup. */
class Entry implements TimerHandle {
  cancelled = false
  constructor(readonly at: number, readonly id: number, readonly fn: () => void, readonly label: string) {}
}

/** Earlier time first; at the same time, scheduling order. */
function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.id < b.id)
}

export class VirtualClock {
  private heap: Entry[] = []
  /** Entries by id, for xstate's clearTimeout (which gets the number only). */
  private xstateTimers = new Map<number, Entry>()
  private seq = 0
  private waiting = 0
  private time: number
  /** How many scheduled callbacks have run. */
  eventsProcessed = 0

  /** `startMs` < 0: the cluster was there before the virtual epoch (objects live long before a sync, R98). */
  constructor(startMs = 0) {
    this.time = startMs
  }

  /** Virtual milliseconds since EPOCH_MS. */
  now(): number {
    return this.time
  }

  /** Runs `fn` `delayMs` from now (0 = after everything already due now). Throws a RangeError on a non-number. */
  schedule(delayMs: number, fn: () => void, label = ''): TimerHandle {
    return this.scheduleAt(this.time + Math.max(0, finite('a delay', delayMs, label)), fn, label)
  }

  scheduleAt(at: number, fn: () => void, label = ''): TimerHandle {
    const entry = new Entry(Math.max(finite('a time', at, label), this.time), ++this.seq, fn, label)
    this.push(entry)
    this.waiting++
    return entry
  }

  /** Cancels a callback that has not run yet (a handle of this clock; anything else is ignored). */
  cancel(handle: TimerHandle | undefined): void {
    if (!(handle instanceof Entry) || handle.cancelled) return
    handle.cancelled = true
    this.waiting--
    this.xstateTimers.delete(handle.id)
  }

  // xstate's Clock interface.
  setTimeout(fn: (...args: unknown[]) => void, timeout: number): number {
    const entry = this.schedule(timeout, () => fn(), 'xstate') as Entry
    this.xstateTimers.set(entry.id, entry)
    return entry.id
  }
  clearTimeout(id: unknown): void {
    if (typeof id === 'number') this.cancel(this.xstateTimers.get(id))
  }

  /** Number of callbacks waiting to run. */
  get pending(): number {
    return this.waiting
  }

  /** The virtual time of the next callback, or undefined when idle. */
  nextAt(): number | undefined {
    this.dropCancelled()
    return this.heap[0]?.at
  }

  /**
   * Who hears of an exception thrown by a scheduled callback (the Application fails its running operation with
   * it, as Argo CD's controller recovers a panic). Unheard, the exception propagates to whoever stepped the clock.
   */
  onFault(handler: FaultHandler): () => void {
    this.faultHandlers.push(handler)
    return () => { this.faultHandlers = this.faultHandlers.filter(h => h !== handler) }
  }
  private faultHandlers: FaultHandler[] = []

  /** Runs the next callback (advancing time to it). Returns false when nothing is scheduled. */
  step(): boolean {
    this.dropCancelled()
    const entry = this.pop()
    if (!entry) return false
    // Spent: a late cancel of its handle changes nothing.
    entry.cancelled = true
    this.waiting--
    if (entry.label === 'xstate') this.xstateTimers.delete(entry.id)
    this.time = entry.at
    this.eventsProcessed++
    try {
      entry.fn()
    } catch (e) {
      // Every handler hears it (each application fails its own running operation); unheard, it propagates.
      const heard = this.faultHandlers.map(h => h(e, entry.label))
      if (!heard.includes(true)) throw e
    }
    return true
  }

  /** Runs every callback due within the next `ms`, then sets the time to now + ms. */
  advance(ms: number): void {
    this.runUntil(this.time + finite('an advance', ms))
  }

  /** Runs every callback due at or before `t`, then sets the time to `t`. */
  runUntil(t: number): void {
    finite('a time', t)
    for (let next = this.nextAt(); next !== undefined && next <= t; next = this.nextAt()) this.step()
    if (t > this.time) this.time = t
  }

  /**
   * Runs until nothing is scheduled. `maxEvents` guards against work that reschedules itself forever
   * (a web server's readiness loop never ends, but such loops schedule nothing once settled).
   */
  runUntilIdle(maxEvents = 10_000_000): number {
    let n = 0
    while (n < maxEvents && this.step()) n++
    return n
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.heap[0]!.cancelled) this.pop()
  }

  // A binary heap; entries move into the hole left by the sifted one instead of swapping pairs.
  private push(entry: Entry): void {
    const h = this.heap
    let i = h.length
    h.push(entry)
    while (i > 0) {
      const parent = (i - 1) >> 1
      const p = h[parent]!
      if (!before(entry, p)) break
      h[i] = p
      i = parent
    }
    h[i] = entry
  }

  private pop(): Entry | undefined {
    const h = this.heap
    if (h.length === 0) return undefined
    const top = h[0]!
    const last = h.pop()!
    const n = h.length
    if (n > 0) {
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        if (l >= n) break
        const r = l + 1
        const m = r < n && before(h[r]!, h[l]!) ? r : l
        const child = h[m]!
        if (!before(child, last)) break
        h[i] = child
        i = m
      }
      h[i] = last
    }
    return top
  }
}

/** RFC 3339 timestamp (seconds precision, as Kubernetes writes them) of a virtual time. */
export function timestamp(virtualMs: number): string {
  const second = Math.floor(virtualMs / 1000)
  let text = timestamps.get(second)
  if (text === undefined) {
    if (timestamps.size > 100_000) timestamps.clear()
    text = new Date(EPOCH_MS + second * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    timestamps.set(second, text)
  }
  return text
}
const timestamps = new Map<number, string>()

/** Virtual ms of an RFC 3339 timestamp written by `timestamp`. */
export function parseTimestamp(ts: string): number {
  let ms = parsedTimestamps.get(ts)
  if (ms === undefined) {
    if (parsedTimestamps.size > 100_000) parsedTimestamps.clear()
    ms = Date.parse(ts) - EPOCH_MS
    parsedTimestamps.set(ts, ms)
  }
  return ms
}
/** Controllers read back the few timestamps they wrote (a Job's startTime on every reconcile): parsed once each. */
const parsedTimestamps = new Map<string, number>()
