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

export class HeapSampler {
  private base = process.memoryUsage().heapUsed
  peakMB = 0
  sample(): void {
    const used = (process.memoryUsage().heapUsed - this.base) / 1024 / 1024
    if (used > this.peakMB) this.peakMB = used
  }
}
