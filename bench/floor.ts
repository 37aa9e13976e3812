// floor: what a discrete-event simulation of Jobs costs at the least, to judge the engine benches against. A bare
// binary-heap event loop (no engine code: no store, no watches, no controllers) walks N Jobs through 7 lifecycle
// events, each scheduling the next at a virtual time: created, Pod created, scheduled, image pulled, container
// started, container exited, Job complete. Entries are (time, sequence, callback), ordered as the engine's clock
// orders them, so the figure is the price of the event loop itself.
import type { BenchResult, RunMode } from './measure.ts'

interface Entry {
  at: number
  seq: number
  fn: () => void
}

class EventHeap {
  private heap: Entry[] = []
  private seq = 0
  now = 0
  processed = 0

  schedule(delayMs: number, fn: () => void): void {
    const h = this.heap
    const entry: Entry = { at: this.now + delayMs, seq: ++this.seq, fn }
    let i = h.length
    h.push(entry)
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!before(entry, h[parent]!)) break
      h[i] = h[parent]!
      i = parent
    }
    h[i] = entry
  }

  /** Runs the earliest entry; false when none is left. */
  step(): boolean {
    const h = this.heap
    const top = h[0]
    if (!top) return false
    const last = h.pop()!
    if (h.length > 0) siftDown(h, last)
    this.now = top.at
    this.processed++
    top.fn()
    return true
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}

function siftDown(h: Entry[], entry: Entry): void {
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= h.length) break
    const r = l + 1
    const m = r < h.length && before(h[r]!, h[l]!) ? r : l
    if (!before(h[m]!, entry)) break
    h[i] = h[m]!
    i = m
  }
  h[i] = entry
}

/** The lifecycle of one Job, in the order the engine's controllers and kubelet walk it, with its delays (ms). */
const LIFECYCLE: Array<{ phase: string; delayMs: (i: number) => number }> = [
  { phase: 'Created', delayMs: () => 0 },
  { phase: 'PodCreated', delayMs: () => 0 },
  { phase: 'Scheduled', delayMs: () => 100 },
  { phase: 'ImagePulled', delayMs: () => 1_000 },
  { phase: 'Running', delayMs: () => 300 },
  { phase: 'Exited', delayMs: i => (5 + (i % 20)) * 1000 },
  { phase: 'Complete', delayMs: () => 0 },
]

interface SimJob {
  index: number
  phase: string
  changedAt: number
}

function advance(loop: EventHeap, job: SimJob, step: number): void {
  const next = LIFECYCLE[step]!
  loop.schedule(next.delayMs(job.index), () => {
    job.phase = next.phase
    job.changedAt = loop.now
    if (step + 1 < LIFECYCLE.length) advance(loop, job, step + 1)
  })
}

/** One walk of `n` Jobs through the lifecycle; returns wall ms and the events run. */
function walk(n: number): { wallMs: number; events: number; virtualMs: number } {
  const start = performance.now()
  const loop = new EventHeap()
  const jobs: SimJob[] = []
  for (let i = 0; i < n; i++) {
    const job: SimJob = { index: i, phase: '', changedAt: 0 }
    jobs.push(job)
    advance(loop, job, 0)
  }
  while (loop.step()) { /* run to idle */ }
  const wallMs = performance.now() - start
  const done = jobs.filter(j => j.phase === 'Complete').length
  if (done !== n) throw new Error(`floor: only ${done} of ${n} Jobs completed`)
  return { wallMs, events: loop.processed, virtualMs: loop.now }
}

/** Runs of which the median is the floor figure (each call is warmed up first). */
const FLOOR_RUNS = 5
/** The warm-up walks at least this many Jobs, so that the loop is compiled before a small size is timed. */
const WARM_UP_JOBS = 10_000

export function benchFloor(n: number, _mode: RunMode = { heap: false }): BenchResult {
  walk(Math.max(n, WARM_UP_JOBS)) // warm-up
  const runs = Array.from({ length: FLOOR_RUNS }, () => walk(n)).sort((a, b) => a.wallMs - b.wallMs)
  const median = runs[Math.floor(FLOOR_RUNS / 2)]!
  return { bench: 'floor', n, wallMs: Math.round(median.wallMs * 100) / 100, virtualMs: median.virtualMs,
    events: median.events, eventsPerSec: Math.round(median.events / (median.wallMs / 1000)) }
}
