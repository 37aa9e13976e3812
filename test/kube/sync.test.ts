// A full Argo CD sync of the seed lab through KubeCluster against `synclab serve`'s server, at high speed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readManifestFiles } from '../../src/cli/files.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { wallClock } from '../../src/kube/clock.ts'
import { APP_LABEL, KubeCluster, MANAGED_BY_LABEL } from '../../src/kube/kube-cluster.ts'
import { openApplication, syncOnce } from '../../src/kube/run-app.ts'
import { parseManifests } from '../../src/manifest/index.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { serve } from '../server/helpers.ts'

const SPEED = 100
const SEED_LAB = 'labs/01-resource-hooks/repo/pre-post-sync-hook'

let s: RunningServer
let cluster: KubeCluster
beforeAll(async () => {
  s = await serve({ speed: SPEED })
  cluster = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'hooks', clock: wallClock(SPEED) })
})
afterAll(async () => {
  cluster.close()
  await s.close()
})

function seedLab(): KubeObject[] {
  const { manifests, diagnostics } = parseManifests(readManifestFiles([SEED_LAB]))
  expect(diagnostics.filter(d => d.severity === 'error')).toEqual([])
  return manifests.map(m => m.object)
}

describe('the seed lab on a served cluster through KubeCluster', () => {
  it('syncs: PreSync job, Service and Deployment, PostSync job; the operation Succeeds', async () => {
    const app = await openApplication(cluster)
    try {
      const result = await syncOnce(app, { manifests: seedLab(), timeoutMs: 10_000 })
      expect(result.phase).toBe('Succeeded')
      expect(result.message).toBe('successfully synced (no more tasks)')
      const rows = result.resources.map(r => `${r.kind}/${r.name} ${r.hookType ?? ''} ${r.status}`)
      expect(rows).toEqual(expect.arrayContaining(['Job/before PreSync Synced', 'Job/after PostSync Synced',
        'Service/pre-post-sync-hook  Synced', 'Deployment/pre-post-sync-hook  Synced']))
      const phases = app.events.filter(e => e.type === 'phase').map(e => (e as { syncPhase: string }).syncPhase)
      expect(phases).toEqual(['PreSync', 'Sync', 'PostSync'])
      // The created objects carry synclab's labels; the hooks were deleted (HookSucceeded).
      const dep = s.fake.get({ kind: 'Deployment', namespace: 'lab', name: 'pre-post-sync-hook' })
      expect(dep?.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'hooks' })
      // Hook deletions are fire-and-forget (R37) and foreground: the Job goes once the served clock has moved on.
      await vi.waitFor(() => expect(s.fake.get({ kind: 'Job', namespace: 'lab', name: 'before' })).toBeUndefined(),
        { timeout: 5_000, interval: 20 })
      expect(app.status().sync).toBe('Synced')

      // A second sync: the resources are unchanged, the hooks run again.
      const again = await syncOnce(app, { manifests: seedLab(), timeoutMs: 10_000 })
      expect(again.phase).toBe('Succeeded')
      expect(again.resources.find(r => r.kind === 'Service')?.message).toBe('service/pre-post-sync-hook unchanged')
    } finally {
      app.dispose()
    }
  })
})

describe('a StatefulSet left by an earlier connection (R48)', () => {
  const db: KubeObject = {
    apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'lab' },
    spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'postgres:16' }] } } },
  } as KubeObject
  const config: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'lab' }, data: { a: '1' } } as KubeObject

  it('is seen by a new connection and pruned once it left Git', async () => {
    const first = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'db-app', clock: wallClock(SPEED) })
    const before = await openApplication(first)
    try {
      expect((await syncOnce(before, { manifests: [db, config], timeoutMs: 10_000 })).phase).toBe('Succeeded')
    } finally {
      before.dispose()
      first.close()
    }
    // A new connection has applied nothing yet: the StatefulSet is found by its watch, so it becomes a prune task.
    const second = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'db-app', clock: wallClock(SPEED) })
    const after = await openApplication(second)
    try {
      const result = await syncOnce(after, { manifests: [config], request: { prune: true }, timeoutMs: 10_000 })
      expect(result.phase).toBe('Succeeded')
      expect(result.resources.find(r => r.kind === 'StatefulSet')?.message).toBe('pruned')
      await vi.waitFor(() => expect(s.fake.get({ kind: 'StatefulSet', namespace: 'lab', name: 'db' })).toBeUndefined(),
        { timeout: 5_000, interval: 20 })
    } finally {
      after.dispose()
      second.close()
    }
  })
})
