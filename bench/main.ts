// npm run bench [-- --json] [-- --only NAME] (NAME: cluster.jobs, sync.app, cli.start, sweep, page, page.slow): runs every benchmark and prints its figures, as a table or as one
// JSON object per case and line. Each case is warmed up once at its largest size, then run three times; the run
// with the median wall time is reported. The peak heap comes from one more run that starts from a collected heap.
// Each goal is checked and printed beside the figures; figures are never asserted by unit tests.
import { benchCliStart } from './cli-start.ts'
import { benchClusterJobs } from './cluster-jobs.ts'
import { benchPage } from './page.ts'
import { benchSweep } from './sweep.ts'
import { benchSyncApp } from './sync-app.ts'
import { serveSuite } from './serve-load.ts'
import type { BenchResult, RunMode } from './measure.ts'
import { loadCommandModel } from '../src/cluster/command-model.ts'

interface Suite {
  name: string
  sizes: number[]
  run: (n: number, mode: RunMode) => BenchResult | Promise<BenchResult>
  /** Goals, as lines "ok"/"MISSED" with the figures they compare. */
  goals: (results: BenchResult[]) => string[]
  /** The case takes its own medians (page: navigations in fresh browser profiles): run once, no warm-up, no heap run. */
  once?: boolean
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
  {
    name: 'cli.start', sizes: [5], run: benchCliStart, once: true,
    goals: ([r]) => [
      goal(`synclab sync of a PreSync Job and a Deployment, start to exit, under 300 ms wall (compiled CLI, median of ` +
        `5): ${r!.wallMs} ms (from the TypeScript sources through tsx: ${r!['sourcesMs']} ms; node alone: ${r!['nodeMs']} ms)`,
        r!.wallMs < 300),
    ],
  },
  {
    name: 'sweep', sizes: [60], run: benchSweep,
    goals: ([r]) => [
      goal(`at least 50 syncs of the seed lab's app per second in one process (synclab sweep): ${r!['syncsPerSec']} ` +
        `syncs/s (${r!.n} syncs in ${r!.wallMs} ms)`, (r!['syncsPerSec'] as number) >= 50),
    ],
  },
  {
    name: 'page', sizes: [200], run: n => benchPage(n), once: true,
    goals: ([page]) => [
      goal(`app view rendered in under 1 s from navigation (vite preview, median of 3 fresh profiles): ` +
        `${page!['appViewMs']} ms`, (page!['appViewMs'] as number) < 1000),
      goal(`editor ready in under 2.5 s from navigation: ${page!['editorMs']} ms`, (page!['editorMs'] as number) < 2500),
      goal(`app JavaScript under 200 KB gzip, Monaco excluded: ${page!['appJsGzipKB']} KB loads with the page ` +
        `(${page!['lazyJsGzipKB']} KB more when the editor, diff or terminal open; lab text ${page!['labContentGzipKB']} KB)`,
        (page!['appJsGzipKB'] as number) < 200),
      goal(`p95 frame under 16 ms while ${page!.n} resources play at 20×: main-thread work ${page!['frameWorkP95Ms']} ms, ` +
        `median of plays ${page!['frameWorkP95Plays']} (rAF interval p95 ${page!['p95FrameMs']} ms over ${page!['frames']} frames, max ${page!['maxFrameMs']} ms)`,
        (page!['frameWorkP95Ms'] as number) < 16),
      goal(`p95 frame under 16 ms with the timeline in view while ${page!.n} resources play at 20×: main-thread work ` +
        `${page!['frameWorkP95InViewMs']} ms, median of plays ${page!['frameWorkP95InViewPlays']} (rAF interval p95 ${page!['p95FrameInViewMs']} ms over ` +
        `${page!['framesInView']} frames, max ${page!['maxFrameInViewMs']} ms)`,
        (page!['frameWorkP95InViewMs'] as number) < 16),
    ],
  },
  {
    // A slow classroom laptop: the page with chromium's CPU slowed down 4×.
    name: 'page.slow', sizes: [200], run: n => benchPage(n, { cpuThrottle: SLOW_CPU }), once: true,
    goals: ([page]) => [
      goal(`CPU slowed ${SLOW_CPU}×: app view rendered in under 1 s from navigation (median of 3 fresh profiles): ` +
        `${page!['appViewMs']} ms`, (page!['appViewMs'] as number) < 1000),
      goal(`CPU slowed ${SLOW_CPU}×: editor ready in under 2.5 s from navigation: ${page!['editorMs']} ms`,
        (page!['editorMs'] as number) < 2500),
      goal(`CPU slowed ${SLOW_CPU}×: p95 frame under 16 ms while ${page!.n} resources play at 20×: main-thread work ` +
        `${page!['frameWorkP95Ms']} ms, median of plays ${page!['frameWorkP95Plays']} (rAF interval p95 ` +
        `${page!['p95FrameMs']} ms over ${page!['frames']} frames, max ${page!['maxFrameMs']} ms)`,
        (page!['frameWorkP95Ms'] as number) < 16),
    ],
  },
  serveSuite,
]

/** How many times page.slow slows chromium's CPU down (CDP Emulation.setCPUThrottlingRate). */
const SLOW_CPU = 4

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

await loadCommandModel() // cluster.jobs runs the clock of a FakeCluster itself
for (const suite of suites) {
  if (only && suite.name !== only) continue
  if (suite.once) {
    const results: BenchResult[] = []
    for (const n of suite.sizes) results.push(await suite.run(n, { heap: false }))
    report(suite, results)
    continue
  }
  // Warm-up at the largest size: the JIT has compiled the hot paths and the heap has grown before measuring.
  await suite.run(suite.sizes.at(-1)!, { heap: false })
  const results: BenchResult[] = []
  for (const n of suite.sizes) {
    const timed = await median(RUNS, () => suite.run(n, { heap: false }))
    const { heapMB } = await suite.run(n, { heap: true })
    results.push({ ...timed, ...(heapMB !== undefined ? { heapMB } : {}) })
  }
  report(suite, results)
}

function report(suite: Suite, results: BenchResult[]): void {
  if (json) {
    for (const r of results) console.log(JSON.stringify(r))
    return
  }
  console.log(`\n${suite.name}`)
  console.table(results.map(({ bench: _b, ...figures }) => figures))
  for (const line of suite.goals(results)) console.log(`  ${line}`)
}
