// npm run bench [-- --json] [-- --only NAME] (NAME: floor, cluster.jobs, sync.app, cli.start, sweep, page, page.slow): runs every benchmark and prints its figures, as a table or as one
// JSON object per case and line. Each case is warmed up once at its largest size, then run three times; the run
// with the median wall time is reported. The peak heap comes from one more run that starts from a collected heap.
// Each goal is checked and printed beside the figures; figures are never asserted by unit tests.
// The engine benches (cluster.jobs, sync.app, sweep) are also given as `xFloor`: their wall time over the `floor`
// (bench/floor.ts, a bare event loop walking as many Jobs) measured in the same process, so that the figure says
// what the engine costs above the event loop itself, whatever the machine. Selecting one of them measures the floor too.
import { benchCliStart } from './cli-start.ts'
import { benchClusterJobs } from './cluster-jobs.ts'
import { benchFloor } from './floor.ts'
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
  /** The case measures the engine: its figures get `xFloor`, and selecting it measures the floor first. */
  engine?: boolean
}

/** The floor's wall ms by size, measured before the engine benches (bench/floor.ts). */
const floorMs = new Map<number, number>()
const FLOOR_SIZES = [1_000, 10_000]

/**
 * How many times the floor a case's wall time is: against the floor at the same size, or else per item against the
 * floor's per Job at its largest size (sweep: per sync of the seed lab).
 */
function xFloor(r: BenchResult): number | undefined {
  const same = floorMs.get(r.n)
  const largest = FLOOR_SIZES.at(-1)!
  const floor = same ?? (floorMs.has(largest) ? (floorMs.get(largest)! / largest) * r.n : undefined)
  return floor === undefined ? undefined : Math.round((r.wallMs / floor) * 10) / 10
}

/** The goals of the two engine benches measured at 1,000 and 10,000: wall, growth per item, times the floor. */
function engineGoals(what: string, wallGoal: (large: BenchResult) => string, [small, large]: BenchResult[]): string[] {
  const perSmall = small!.wallMs / small!.n
  const perLarge = large!.wallMs / large!.n
  return [
    goal(wallGoal(large!), large!.wallMs < 1000),
    goal(`time per ${what} at 10,000 ≤ 1.5× at 1,000: ${(perLarge * 1000).toFixed(1)} µs vs ` +
      `${(perSmall * 1000).toFixed(1)} µs (${(perLarge / perSmall).toFixed(2)}×)`, perLarge <= 1.5 * perSmall),
    goal(`at 10,000 at most 10× the floor: ${large!['xFloor']}× (${large!.wallMs} ms vs ${floorMs.get(large!.n)} ms; ` +
      `at 1,000: ${small!['xFloor']}×)`, (large!['xFloor'] as number) <= 10),
  ]
}

const suites: Suite[] = [
  {
    name: 'floor', sizes: FLOOR_SIZES, run: benchFloor, once: true,
    goals: results => results.map(r => `       ${r.n.toLocaleString('en')} Jobs × 7 events in a bare binary-heap ` +
      `event loop: ${r.wallMs} ms (median of 5 after a warm-up)`),
  },
  {
    name: 'cluster.jobs', sizes: [1_000, 10_000], run: benchClusterJobs, engine: true,
    goals: results => engineGoals('Job', large => `10,000 Jobs to completion in under 1 s wall: ${large.wallMs} ms`, results),
  },
  {
    name: 'sync.app', sizes: [1_000, 10_000], run: benchSyncApp, engine: true,
    goals: results => engineGoals('resource', large => `10,000 resources (50 waves, 1,000 hooks) synced in under 1 s ` +
      `wall: ${large.wallMs} ms (virtual ${(large.virtualMs! / 1000).toFixed(1)} s, ${large['ratio']}× faster than a ` +
      `real cluster)`, results),
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
    name: 'sweep', sizes: [60], run: benchSweep, engine: true,
    goals: ([r]) => [
      goal(`at least 50 syncs of the seed lab's app per second in one process (synclab sweep): ${r!['syncsPerSec']} ` +
        `syncs/s (${r!.n} syncs in ${r!.wallMs} ms; a sync costs ${r!['xFloor']}× a Job's walk in the floor)`,
        (r!['syncsPerSec'] as number) >= 50),
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
        `median of plays ${page!['frameWorkP95Plays']} (rAF interval p95 ${page!['p95FrameMs']} ms over ${page!['frames']} frames, max ${page!['maxFrameMs']} ms; ` +
        `that play's work p50 p75 p90 p95 p99: ${page!['frameWorkQuantiles']} ms)`,
        (page!['frameWorkP95Ms'] as number) < 16),
      goal(`p95 frame under 16 ms with the timeline in view while ${page!.n} resources play at 20×: main-thread work ` +
        `${page!['frameWorkP95InViewMs']} ms, median of plays ${page!['frameWorkP95InViewPlays']} (rAF interval p95 ${page!['p95FrameInViewMs']} ms over ` +
        `${page!['framesInView']} frames, max ${page!['maxFrameInViewMs']} ms; that play's work p50 p75 p90 p95 p99: ` +
        `${page!['frameWorkQuantilesInView']} ms)`,
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
        `${page!['p95FrameMs']} ms over ${page!['frames']} frames, max ${page!['maxFrameMs']} ms; that play's work p50 p75 ` +
        `p90 p95 p99: ${page!['frameWorkQuantiles']} ms)`,
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
const selected = (suite: Suite): boolean => !only || suite.name === only ||
  (suite.name === 'floor' && suites.some(s => s.engine && s.name === only))
for (const suite of suites) {
  if (!selected(suite)) continue
  if (suite.once) {
    const results: BenchResult[] = []
    for (const n of suite.sizes) results.push(await suite.run(n, { heap: false }))
    if (suite.name === 'floor') for (const r of results) floorMs.set(r.n, r.wallMs)
    report(suite, results)
    continue
  }
  // Warm-up at the largest size: the JIT has compiled the hot paths and the heap has grown before measuring.
  await suite.run(suite.sizes.at(-1)!, { heap: false })
  const results: BenchResult[] = []
  for (const n of suite.sizes) {
    const timed = await median(RUNS, () => suite.run(n, { heap: false }))
    const { heapMB } = await suite.run(n, { heap: true })
    const measured: BenchResult = { ...timed, ...(heapMB !== undefined ? { heapMB } : {}) }
    const times = suite.engine ? xFloor(measured) : undefined
    results.push(times === undefined ? measured : { ...measured, xFloor: times })
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
