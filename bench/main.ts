// npm run bench [-- --json] [-- --only NAME]: runs every benchmark and prints its figures, as a table or as one
// JSON object per case and line. Each case is warmed up once at its largest size, then run three times; the run
// with the median wall time is reported. The peak heap comes from one more run that starts from a collected heap.
// Each goal is checked and printed beside the figures; figures are never asserted by unit tests.
import { benchClusterJobs } from './cluster-jobs.ts'
import { benchSyncApp } from './sync-app.ts'
import type { BenchResult, RunMode } from './measure.ts'

interface Suite {
  name: string
  sizes: number[]
  run: (n: number, mode: RunMode) => BenchResult | Promise<BenchResult>
  /** Goals, as lines "ok"/"MISSED" with the figures they compare. */
  goals: (results: BenchResult[]) => string[]
}

const suites: Suite[] = [
  {
    name: 'cluster.jobs', sizes: [1_000, 10_000], run: benchClusterJobs,
    goals: ([small, large]) => {
      const perSmall = small!.wallMs / small!.n
      const perLarge = large!.wallMs / large!.n
      return [
        goal(`10,000 Jobs to completion in under 1 s wall: ${large!.wallMs} ms`, large!.wallMs < 1000),
        goal(`time per Job at 10,000 ≤ 1.5× at 1,000: ${(perLarge * 1000).toFixed(1)} µs vs ` +
          `${(perSmall * 1000).toFixed(1)} µs (${(perLarge / perSmall).toFixed(2)}×)`, perLarge <= 1.5 * perSmall),
      ]
    },
  },
  {
    name: 'sync.app', sizes: [1_000, 10_000], run: benchSyncApp,
    goals: ([small, large]) => {
      const perSmall = small!.wallMs / small!.n
      const perLarge = large!.wallMs / large!.n
      return [
        goal(`10,000 resources (50 waves, 1,000 hooks) synced in under 1 s wall: ${large!.wallMs} ms ` +
          `(virtual ${(large!.virtualMs! / 1000).toFixed(1)} s, ${large!['ratio']}× faster than a real cluster)`, large!.wallMs < 1000),
        goal(`time per resource at 10,000 ≤ 1.5× at 1,000: ${(perLarge * 1000).toFixed(1)} µs vs ` +
          `${(perSmall * 1000).toFixed(1)} µs (${(perLarge / perSmall).toFixed(2)}×)`, perLarge <= 1.5 * perSmall),
      ]
    },
  },
]

/** Each figure is the run with the median wall time of this many. */
const RUNS = 3

async function median(runs: number, run: () => BenchResult | Promise<BenchResult>): Promise<BenchResult> {
  const results: BenchResult[] = []
  for (let i = 0; i < runs; i++) results.push(await run())
  results.sort((a, b) => a.wallMs - b.wallMs)
  return results[Math.floor(runs / 2)]!
}

function goal(text: string, ok: boolean): string {
  return `${ok ? 'ok    ' : 'MISSED'} ${text}`
}

const args = process.argv.slice(2)
const json = args.includes('--json')
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined

for (const suite of suites) {
  if (only && suite.name !== only) continue
  // Warm-up at the largest size: the JIT has compiled the hot paths and the heap has grown before measuring.
  await suite.run(suite.sizes.at(-1)!, { heap: false })
  const results: BenchResult[] = []
  for (const n of suite.sizes) {
    const timed = await median(RUNS, () => suite.run(n, { heap: false }))
    const { heapMB } = await suite.run(n, { heap: true })
    results.push({ ...timed, ...(heapMB !== undefined ? { heapMB } : {}) })
  }
  if (json) {
    for (const r of results) console.log(JSON.stringify(r))
    continue
  }
  console.log(`\n${suite.name}`)
  console.table(results.map(({ bench: _b, ...figures }) => figures))
  for (const line of suite.goals(results)) console.log(`  ${line}`)
}
