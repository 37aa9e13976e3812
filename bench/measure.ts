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

/** Peak V8 heap in use while a case runs (the heap is collected first when node runs with --expose-gc). */
export class HeapSampler {
  peakMB = 0
  constructor() {
    ;(globalThis as { gc?: () => void }).gc?.()
    this.sample()
  }
  sample(): void {
    const used = process.memoryUsage().heapUsed / 1024 / 1024
    if (used > this.peakMB) this.peakMB = used
  }
}
