// KubeCluster's confinement: one namespace, no cluster-scoped kinds, and nothing changed, deleted or pruned that
// synclab did not create. Each rule is attacked directly and through a sync, and must answer with a refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { wallClock } from '../../src/kube/clock.ts'
import { ConfinementError } from '../../src/kube/errors.ts'
import { KubeCluster } from '../../src/kube/kube-cluster.ts'
import { openApplication, syncOnce } from '../../src/kube/run-app.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { TRACKING_ANNOTATION } from '../../src/sync/tracking.ts'
import { call, configMap, serve } from '../server/helpers.ts'

let s: RunningServer
let cluster: KubeCluster
beforeAll(async () => {
  s = await serve({ speed: 100, namespaces: ['lab', 'other'] })
  cluster = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'guard', clock: wallClock(100) })
})
afterAll(async () => {
  cluster.close()
  await s.close()
})

const clusterRole: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'admin-ish' },
  rules: [] }

describe('confinement to one namespace', () => {
  it('refuses objects and references in another namespace', async () => {
    await expect(cluster.apply(configMap('x', {}, { namespace: 'other' }))).rejects.toThrow(ConfinementError)
    await expect(cluster.apply(configMap('x', {}, { namespace: 'other' }))).rejects
      .toThrow('synclab is confined to namespace "lab": refusing ConfigMap "x" in namespace "other"')
    await expect(cluster.create(configMap('x', {}, { namespace: 'other' }))).rejects.toThrow(ConfinementError)
    await expect(cluster.get({ kind: 'ConfigMap', namespace: 'other', name: 'x' })).rejects.toThrow(ConfinementError)
    await expect(cluster.delete({ kind: 'ConfigMap', namespace: 'other', name: 'x' })).rejects.toThrow(ConfinementError)
    await expect(cluster.removeFinalizer({ kind: 'ConfigMap', namespace: 'other', name: 'x' }, 'f')).rejects.toThrow(ConfinementError)
    await expect(cluster.cleanup('other')).rejects.toThrow(ConfinementError)
    expect((await call(s, 'GET', '/api/v1/namespaces/other/configmaps/x')).status).toBe(404)
  })

  it('refuses cluster-scoped kinds', async () => {
    await expect(cluster.apply(clusterRole)).rejects.toThrow('refusing cluster-scoped ClusterRole "admin-ish"')
    await expect(cluster.apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'lab' } })).rejects.toThrow(ConfinementError)
    await expect(cluster.delete({ kind: 'Namespace', namespace: '', name: 'lab' })).rejects.toThrow(ConfinementError)
    expect((await call(s, 'GET', '/apis/rbac.authorization.k8s.io/v1/clusterroles/admin-ish')).status).toBe(404)
  })

  it('a sync with such objects fails at its dry run and applies nothing', async () => {
    const app = await openApplication(cluster)
    try {
      const result = await syncOnce(app, { timeoutMs: 5000,
        manifests: [configMap('fine'), configMap('elsewhere', {}, { namespace: 'other' }), clusterRole] })
      expect(result.phase).toBe('Failed')
      const messages = result.resources.map(r => `${r.kind}/${r.name}: ${r.message}`)
      expect(messages).toEqual(expect.arrayContaining([
        expect.stringMatching(/^ConfigMap\/elsewhere: synclab is confined to namespace "lab"/),
        expect.stringMatching(/^ClusterRole\/admin-ish: .*refusing cluster-scoped ClusterRole/)]))
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/fine')).status).toBe(404)
    } finally {
      app.dispose()
    }
  })
})

describe('only what synclab created', () => {
  it('refuses to change or delete an unlabelled object', async () => {
    await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap('theirs', { keep: 'me' }))
    await expect(cluster.delete({ kind: 'ConfigMap', namespace: 'lab', name: 'theirs' })).rejects
      .toThrow(/synclab refuses to delete ConfigMap "theirs" in namespace "lab": it lacks the labels/)
    await expect(cluster.apply(configMap('theirs', { keep: 'changed' }))).rejects.toThrow(/refuses to change/)
    const live = (await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/theirs')).body
    expect(live.data).toEqual({ keep: 'me' })
  })

  it('a prune of an unlabelled object that the app tracks is refused; the object stays', async () => {
    // Someone else's object carrying this app's tracking id: Argo CD would prune it.
    await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap('stray', {}, {
      annotations: { [TRACKING_ANNOTATION]: 'guard:/ConfigMap:lab/stray' } }))
    const app = await openApplication(cluster)
    try {
      expect([...app.live().keys()].some(k => k.endsWith('/stray'))).toBe(true)
      const result = await syncOnce(app, { manifests: [configMap('mine')], request: { prune: true }, timeoutMs: 5000 })
      const stray = result.resources.find(r => r.name === 'stray')
      expect(stray?.status).toBe('SyncFailed')
      expect(stray?.message).toMatch(/synclab refuses to delete ConfigMap "stray"/)
      expect(result.phase).toBe('Failed')
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/stray')).status).toBe(200)
      // Prunes run first in their group (R15): after the refusal nothing else was applied.
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/mine')).status).toBe(404)
    } finally {
      app.dispose()
    }
  })

  it('a sync whose prunes reach outside the confinement writes nothing: the refusal comes in the dry run', async () => {
    // Two prunes in one group: the app's own object first, then someone else's that carries the app's tracking id.
    await cluster.apply(configMap('a-mine-old', {}, { annotations: { [TRACKING_ANNOTATION]: 'guard:/ConfigMap:lab/a-mine-old' } }))
    await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap('z-theirs-tracked', {}, {
      annotations: { [TRACKING_ANNOTATION]: 'guard:/ConfigMap:lab/z-theirs-tracked' } }))
    const writes: string[] = []
    const counting = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'guard', clock: wallClock(100),
      fetch: (input, init) => {
        if ((init?.method ?? 'GET') !== 'GET' && !String(input).includes('dryRun=All')) writes.push(`${init?.method} ${String(input)}`)
        return fetch(input, init)
      } })
    const app = await openApplication(counting)
    try {
      const result = await syncOnce(app, { manifests: [configMap('a-mine-new')], request: { prune: true }, timeoutMs: 5000 })
      expect(result.phase).toBe('Failed')
      expect(result.message).toMatch(/one or more synchronization tasks are not valid|dry run/)
      expect(result.resources.find(r => r.name === 'z-theirs-tracked')?.message)
        .toMatch(/synclab refuses to delete ConfigMap "z-theirs-tracked"/)
      expect(writes).toEqual([])
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/a-mine-old')).status).toBe(200)
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/z-theirs-tracked')).status).toBe(200)
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/a-mine-new')).status).toBe(404)
    } finally {
      app.dispose()
      counting.close()
    }
  })

  it('cleanup removes what synclab created in the namespace and nothing else', async () => {
    await cluster.apply(configMap('mine'))
    await cluster.apply({ ...configMap('hooked'), metadata: { name: 'hooked', finalizers: ['argocd.argoproj.io/hook-finalizer'] } })
    const deleted = await cluster.cleanup()
    expect(deleted).toEqual(expect.arrayContaining(['ConfigMap/mine', 'ConfigMap/hooked']))
    const names = (await call(s, 'GET', '/api/v1/namespaces/lab/configmaps')).body.items.map((o: { metadata: { name: string } }) => o.metadata.name)
    expect(names).toEqual(expect.arrayContaining(['theirs', 'stray']))
    expect(names).not.toContain('mine')
    expect(names).not.toContain('hooked')
  })
})
