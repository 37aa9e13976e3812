// sweep: syncs per second of the seed lab's app (acend pre-post-sync-hook: a Service, a Deployment, a PreSync and
// a PostSync Job) in one process, as `synclab sweep` runs them: 3 delete policies × 2 PostSync outcomes × n/12
// replica counts, two syncs each on a fresh cluster.
import { readManifestFiles } from '../src/cli/files.ts'
import { parseManifests } from '../src/manifest/index.ts'
import { sweep } from '../src/lib/sweep.ts'
import { type BenchResult, HeapSampler, type RunMode } from './measure.ts'

const SEED_LAB = 'labs/01-resource-hooks/repo/pre-post-sync-hook'
const REPEAT = 2

export async function benchSweep(n: number, mode: RunMode = { heap: false }): Promise<BenchResult> {
  const manifests = parseManifests(readManifestFiles([SEED_LAB])).manifests
  const replicas = Array.from({ length: Math.max(1, Math.round(n / (3 * 2 * REPEAT))) }, (_, i) => i + 1)
  const heap = new HeapSampler(mode.heap)
  const start = performance.now()
  const { rows } = await sweep(manifests, { sync: { repeat: REPEAT }, vary: [
    { annotation: { kind: 'Job', name: 'before', key: 'argocd.argoproj.io/hook-delete-policy',
      values: ['HookSucceeded', 'HookFailed', 'BeforeHookCreation'] } },
    { whatIf: { kind: 'Job', name: 'after', values: ['succeeds', 'fails'] } },
    { field: { kind: 'Deployment', name: 'pre-post-sync-hook', path: 'spec.replicas', values: replicas } },
  ] })
  const wallMs = performance.now() - start
  heap.sample()
  const syncs = rows.reduce((sum, r) => sum + r.operations.length, 0)
  if (syncs !== rows.length * REPEAT) throw new Error(`sweep: expected ${rows.length * REPEAT} syncs, got ${syncs}`)
  return { bench: 'sweep', n: syncs, wallMs: Math.round(wallMs * 10) / 10,
    syncsPerSec: Math.round(syncs / (wallMs / 1000)), heapMB: Math.round(heap.peakMB * 10) / 10 }
}
