// sync.app: one application of N resources in 50 waves, N/10 of them hooks (Jobs), a tenth of those failing
// with HookFailed, synced on a fresh simulated cluster until the operation ends. The failing hooks sit in the last
// wave, so that every wave runs before the failure ends the operation (and SyncFail-time cleanup deletes them).
import type { KubeObject } from '../src/cluster/objects.ts'
import { Simulation } from '../src/sync/simulation.ts'
import { type BenchResult, HeapSampler, type RunMode } from './measure.ts'

const WAVES = 50

function resource(i: number, wave: number): KubeObject {
  const annotations = { 'argocd.argoproj.io/sync-wave': String(wave) }
  if (i % 100 === 0) {
    return { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `web-${i}`, annotations },
      spec: { replicas: 1, selector: { matchLabels: { app: `web-${i}` } },
        template: { metadata: { labels: { app: `web-${i}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } } }
  }
  if (i % 10 === 1) {
    return { apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, annotations },
      spec: { selector: { app: `web-${i}` }, ports: [{ port: 80 }] } }
  }
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, annotations }, data: { index: String(i) } }
}

function hook(i: number, wave: number, fails: boolean): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name: `hook-${i}`, annotations: { 'argocd.argoproj.io/hook': 'Sync',
      'argocd.argoproj.io/hook-delete-policy': 'HookFailed', 'argocd.argoproj.io/sync-wave': String(wave) } },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox:1.36', command: fails ? ['sh', '-c', 'exit 1'] : ['sleep', '2'] }] } } },
  }
}

export function manifests(n: number): KubeObject[] {
  const hooks = n / 10
  const failing = hooks / 10
  const out: KubeObject[] = []
  for (let i = 0; i < n - hooks; i++) out.push(resource(i, i % WAVES))
  for (let i = 0; i < hooks - failing; i++) out.push(hook(i, i % WAVES, false))
  for (let i = hooks - failing; i < hooks; i++) out.push(hook(i, WAVES - 1, true))
  return out
}

export async function benchSyncApp(n: number, mode: RunMode = { heap: false }): Promise<BenchResult> {
  const objects = manifests(n)
  const heap = new HeapSampler(mode.heap)
  const start = performance.now()
  const sim = new Simulation({ seed: 'bench' })
  const app = await sim.createApp('bench', 'default')
  app.setRevision({ revision: '0123456789abcdef0123456789abcdef01234567', manifests: objects })
  app.sync({ prune: true })
  await sim.runOperation(app)
  const wallMs = performance.now() - start
  heap.sample()
  const result = app.operations[0]!.result()
  if (result.phase !== 'Failed') throw new Error(`sync.app: expected the failing hooks to fail the sync, got ${result.phase}`)
  const virtualMs = result.finishedAt! - result.startedAt
  return { bench: 'sync.app', n, wallMs: Math.round(wallMs * 10) / 10, virtualMs,
    ratio: Math.round(virtualMs / wallMs), heapMB: Math.round(heap.peakMB * 10) / 10 }
}
