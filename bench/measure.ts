// What every benchmark reports, and a peak-heap sampler (sampled while the case runs).

export interface BenchResult {
  bench: string
  n: number
  wallMs: number
  virtualMs?: number
  eventsPerSec?: number
  heapMB?: number
  [figure: string]: number | string | undefined
}

/**
 * Peak V8 heap in use while a case runs. For the heap figure the harness collects garbage first (node
 * --expose-gc); timed runs do not, since shrinking the heap before each would time its regrowth too.
 */
export class HeapSampler {
  peakMB = 0
  constructor(collectFirst = false) {
    if (collectFirst) (globalThis as { gc?: () => void }).gc?.()
    this.sample()
  }
  sample(): void {
    const used = process.memoryUsage().heapUsed / 1024 / 1024
    if (used > this.peakMB) this.peakMB = used
  }
}

/** How a case is run: timed, or to read its peak heap from a collected start. */
export interface RunMode {
  heap: boolean
}
