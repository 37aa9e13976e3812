// The KubeCluster adapter against `synclab serve`'s server over 127.0.0.1 (no HTTP mocks).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WatchEvent } from '../../src/cluster/store.ts'
import { wallClock } from '../../src/kube/clock.ts'
import { APP_LABEL, KubeCluster, MANAGED_BY_LABEL } from '../../src/kube/kube-cluster.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { call, configMap, job, serve, until } from '../server/helpers.ts'

let s: RunningServer
let cluster: KubeCluster
beforeAll(async () => {
  s = await serve({ speed: 100 })
  cluster = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'demo', clock: wallClock(100),
    reconnectDelayMs: 20 })
})
afterAll(async () => {
  cluster.close()
  await s.close()
})

const ref = (name: string) => ({ kind: 'ConfigMap', namespace: 'lab', name })

describe('KubeCluster', () => {
  it('reads discovery', () => {
    expect(cluster.kindInfo('batch/v1', 'Job')).toMatchObject({ plural: 'jobs', namespaced: true })
    expect(cluster.kindInfo('v1', 'Namespace')?.namespaced).toBe(false)
    expect(cluster.kindInfo('example.com/v1', 'Widget')).toBeUndefined()
    expect(cluster.servesGroupVersion('apps/v1')).toBe(true)
    expect(cluster.servesGroupVersion('apps/v9')).toBe(false)
  })

  it('applies with kubectl semantics: created, unchanged, configured, and removes fields dropped from the manifest', async () => {
    const first = await cluster.apply(configMap('app', { a: '1', b: '2' }))
    expect(first.action).toBe('created')
    expect(first.object.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'demo' })
    expect(first.object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeDefined()
    expect((await cluster.apply(configMap('app', { a: '1', b: '2' }))).action).toBe('unchanged')
    // A field someone else added survives; one the manifest dropped goes.
    await call(s, 'PATCH', '/api/v1/namespaces/lab/configmaps/app', { data: { other: 'x' } }, 'application/merge-patch+json')
    const second = await cluster.apply(configMap('app', { a: '1' }))
    expect(second.action).toBe('configured')
    expect((await cluster.get(ref('app')))?.['data']).toEqual({ a: '1', other: 'x' })
    const list = await cluster.list()
    expect(list.some(o => o.kind === 'ConfigMap' && o.metadata.name === 'app')).toBe(true)
    expect(list.some(o => o.kind === 'Namespace' && o.metadata.name === 'lab')).toBe(true)
    expect(await cluster.get(ref('nope'))).toBeUndefined()
  })

  it('dry runs on the server: validated, nothing written', async () => {
    const dry = await cluster.apply(configMap('dry', { a: '1' }), { dryRun: true })
    expect(dry.action).toBe('created')
    expect(await cluster.get(ref('dry'))).toBeUndefined()
    await cluster.apply(configMap('dry2', { a: '1' }))
    expect((await cluster.apply(configMap('dry2', { a: '2' }), { dryRun: true })).action).toBe('configured')
    expect((await cluster.get(ref('dry2')))?.['data']).toEqual({ a: '1' })
    await expect(cluster.create(configMap('Bad_Name'), { dryRun: true })).rejects.toMatchObject({ reason: 'Invalid' })
  })

  it('lets a changed immutable field through the dry run (client-side, R45) and fails the real apply with 422', async () => {
    await cluster.apply(job('imm'))
    const changed = job('imm', ['sh', '-c', 'exit 0'])
    expect((await cluster.apply(changed, { dryRun: true })).action).toBe('configured')
    await expect(cluster.apply(changed)).rejects.toMatchObject({ reason: 'Invalid', code: 422,
      message: expect.stringMatching(/field is immutable/) })
  })

  it('replaces, creates and deletes; errors carry the API server\'s reason', async () => {
    await cluster.apply(configMap('rep', { a: '1' }))
    const replaced = await cluster.apply(configMap('rep', { b: '2' }), { replace: true })
    expect(replaced.action).toBe('configured')
    expect((await cluster.get(ref('rep')))?.['data']).toEqual({ b: '2' })
    await cluster.create(configMap('made'))
    await expect(cluster.create(configMap('made'))).rejects.toMatchObject({ reason: 'AlreadyExists', code: 409 })
    await cluster.delete(ref('made'), { propagationPolicy: 'Background' })
    expect(await cluster.get(ref('made'))).toBeUndefined()
    await expect(cluster.delete(ref('made'))).rejects.toMatchObject({ reason: 'NotFound' })
  })

  it('removes a finalizer', async () => {
    await cluster.apply(configMap('fin', {}, { finalizers: ['example.com/keep'] }))
    await cluster.delete(ref('fin'))
    expect((await cluster.get(ref('fin')))?.metadata.deletionTimestamp).toBeDefined()
    await cluster.removeFinalizer(ref('fin'), 'example.com/keep')
    await until(async () => (await cluster.get(ref('fin'))) === undefined, 3000, 'finalized object gone')
  })

  it('watches, and resumes from the last resourceVersion when the stream drops', async () => {
    const events: WatchEvent[] = []
    const stop = cluster.watch(e => { if (e.object.kind === 'ConfigMap') events.push(e) })
    try {
      await cluster.watchesReady()
      events.length = 0
      await cluster.apply(configMap('w', { n: '1' }))
      await until(() => events.some(e => e.type === 'ADDED' && e.object.metadata.name === 'w'), 3000, 'ADDED')
      s.api.dropStreams()
      // Changes while the watch is down arrive once it is back, in order, none twice.
      await call(s, 'PATCH', '/api/v1/namespaces/lab/configmaps/w', { data: { n: '2' } }, 'application/merge-patch+json')
      await cluster.delete(ref('w'))
      await until(() => events.some(e => e.type === 'DELETED' && e.object.metadata.name === 'w'), 3000, 'DELETED after drop')
      const seen = events.filter(e => e.object.metadata.name === 'w').map(e => e.type)
      expect(seen).toEqual(['ADDED', 'MODIFIED', 'DELETED'])
      const modified = events.find(e => e.type === 'MODIFIED' && e.object.metadata.name === 'w')!
      expect(modified.old?.['data']).toEqual({ n: '1' })
      // A kind first applied while watching is watched from then on.
      await cluster.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } })
      await until(() => true)
    } finally {
      stop()
    }
  })

  it('re-lists when the resourceVersion has expired (410)', async () => {
    const small = await serve({ watchHistory: 1, speed: 100 })
    const c = await KubeCluster.connect({ server: small.url, namespace: 'lab', appName: 'demo', reconnectDelayMs: 20,
      watchKinds: ['ConfigMap'] })
    const events: WatchEvent[] = []
    const stop = c.watch(e => events.push(e))
    try {
      await c.watchesReady()
      await c.apply(configMap('keep'))
      await c.apply(configMap('drop'))
      await until(() => events.filter(e => e.type === 'ADDED').length === 2, 3000, 'two ADDED')
      small.api.dropStreams()
      // Several changes while down: the history (1 entry) no longer reaches back; the adapter re-lists.
      await c.delete(ref('drop'))
      await c.apply(configMap('new1'))
      await c.apply(configMap('new2'))
      await until(() => events.some(e => e.type === 'ADDED' && e.object.metadata.name === 'new1') &&
        events.some(e => e.type === 'DELETED' && e.object.metadata.name === 'drop'), 3000, 'relist events')
    } finally {
      stop()
      c.close()
      await small.close()
    }
  })

  it('polls the kinds it does not stream (a browser has ~6 connections per host): the same events, no watch request', async () => {
    const requests: string[] = []
    const counting: typeof fetch = (input, init) => {
      requests.push(`${init?.method ?? 'GET'} ${String(input)}`)
      return fetch(input, init)
    }
    const c = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'demo', fetch: counting,
      watchKinds: ['ConfigMap', 'Pod'], streamKinds: ['Pod'], pollMs: 20 })
    const events: WatchEvent[] = []
    const stop = c.watch(e => { if (e.object.kind === 'ConfigMap' && e.object.metadata.name === 'polled') events.push(e) })
    try {
      await c.watchesReady()
      await c.apply(configMap('polled', { n: '1' }))
      await until(() => events.some(e => e.type === 'ADDED'), 3000, 'ADDED by a poll')
      await call(s, 'PATCH', '/api/v1/namespaces/lab/configmaps/polled', { data: { n: '2' } }, 'application/merge-patch+json')
      await until(() => events.some(e => e.type === 'MODIFIED'), 3000, 'MODIFIED by a poll')
      expect(events.find(e => e.type === 'MODIFIED')?.old?.['data']).toEqual({ n: '1' })
      expect(c.objects().find(o => o.metadata.name === 'polled')?.['data']).toEqual({ n: '2' })
      await c.delete(ref('polled'))
      await until(() => events.some(e => e.type === 'DELETED'), 3000, 'DELETED by a poll')
      expect(events.map(e => e.type)).toEqual(['ADDED', 'MODIFIED', 'DELETED'])
      expect(requests.filter(r => r.includes('watch=1')).every(r => r.includes('/pods?'))).toBe(true)
      expect(requests.some(r => r.includes('/pods?watch=1'))).toBe(true)
      expect(requests.filter(r => r.startsWith('GET') && r.endsWith('/configmaps')).length).toBeGreaterThan(2)
    } finally {
      stop()
      c.close()
    }
  })

  it('indexes what the watches hold by owner: a Job\'s Pods are its dependents', async () => {
    const c = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'demo', clock: wallClock(100),
      watchKinds: ['Job', 'Pod'] })
    const stop = c.watch(() => {})
    try {
      await c.watchesReady()
      const { object } = await c.apply(job('owner'))
      await until(() => c.dependents(object.metadata.uid!).some(p => p.kind === 'Pod'), 3000, 'the Job\'s Pod')
      expect(c.dependents(object.metadata.uid!).every(p => p.metadata.ownerReferences?.[0]?.name === 'owner')).toBe(true)
      expect(c.dependents('no-such-uid')).toEqual([])
    } finally {
      stop()
      c.close()
    }
  })
})
