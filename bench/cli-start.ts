// cli.start: `synclab sync` of a small app (a PreSync Job and a Deployment, examples/hooks/rendered) from process
// start to exit, as users run it: the compiled CLI (build/, `npm run build:cli`), through bin/synclab.mjs. Each
// figure is the median of 5 runs; the TypeScript sources through tsx (a checkout's `npx synclab`) for comparison.
import { execFileSync, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { BenchResult } from './measure.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RUNS = 5
const MANIFESTS = 'examples/hooks/rendered'

function medianWallMs(env: Record<string, string>): number {
  const times: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now()
    const r = spawnSync(process.execPath, ['bin/synclab.mjs', 'sync', MANIFESTS], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
    times.push(performance.now() - start)
    if (r.status !== 0) throw new Error(`cli.start: synclab sync exited ${r.status}: ${r.stderr}`)
  }
  times.sort((a, b) => a - b)
  return Math.round(times[Math.floor(RUNS / 2)]!)
}

export function benchCliStart(): BenchResult {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: ROOT, stdio: 'inherit' })
  const builtMs = medianWallMs({ SYNCLAB_BUILT: '1' })
  const sourcesMs = medianWallMs({ SYNCLAB_BUILT: '0' })
  const nodeMs = (() => {
    const times: number[] = []
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now()
      spawnSync(process.execPath, ['-e', '0'])
      times.push(performance.now() - start)
    }
    return Math.round(times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!)
  })()
  return { bench: 'cli.start', n: RUNS, wallMs: builtMs, sourcesMs, nodeMs }
}
