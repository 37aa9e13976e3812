// `synclab serve`'s Kubernetes REST API, over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/serve.ts'
import { call, configMap, job, readWatch, serve, until } from './helpers.ts'

let s: RunningServer
beforeAll(async () => { s = await serve({ speed: 100 }) })
afterAll(async () => { await s.close() })

const CM = '/api/v1/namespaces/lab/configmaps'

describe('discovery', () => {
  it('serves /version, /api, /apis and resource lists built from the KindRegistry', async () => {
    expect((await call(s, 'GET', '/version')).body.major).toBe('1')
    expect((await call(s, 'GET', '/api')).body.versions).toEqual(['v1'])
    const groups = (await call(s, 'GET', '/apis')).body
    expect(groups.kind).toBe('APIGroupList')
    expect(groups.groups.map((g: { name: string }) => g.name)).toContain('batch')
    const core = (await call(s, 'GET', '/api/v1')).body
    const pods = core.resources.find((r: { name: string }) => r.name === 'pods')
    expect(pods).toMatchObject({ kind: 'Pod', namespaced: true, shortNames: ['po'] })
    expect(pods.verbs).toEqual(expect.arrayContaining(['get', 'list', 'watch', 'create', 'delete', 'patch', 'update']))
    expect(core.resources.some((r: { name: string }) => r.name === 'pods/log')).toBe(true)
    const ns = core.resources.find((r: { name: string }) => r.name === 'namespaces')
    expect(ns.namespaced).toBe(false)
    const batch = (await call(s, 'GET', '/apis/batch/v1')).body
    expect(batch.resources.find((r: { name: string }) => r.name === 'jobs').kind).toBe('Job')
    expect((await call(s, 'GET', '/apis/nope/v1')).status).toBe(404)
  })
})

describe('objects', () => {
  it('creates, gets, lists, updates, patches and deletes, with the API server\'s status codes', async () => {
    const created = await call(s, 'POST', CM, configMap('one', { a: '1' }, { labels: { tier: 'web' } }))
    expect(created.status).toBe(201)
    expect(created.body.metadata).toMatchObject({ name: 'one', namespace: 'lab' })
    const again = await call(s, 'POST', CM, configMap('one'))
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ kind: 'Status', reason: 'AlreadyExists', code: 409 })
    const missing = await call(s, 'GET', `${CM}/nope`)
    expect(missing.status).toBe(404)
    expect(missing.body).toMatchObject({ kind: 'Status', status: 'Failure', reason: 'NotFound', message: 'configmaps "nope" not found' })

    await call(s, 'POST', CM, configMap('two', {}, { labels: { tier: 'db' } }))
    const list = await call(s, 'GET', `${CM}?labelSelector=tier%3Dweb`)
    expect(list.body.kind).toBe('ConfigMapList')
    expect(list.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toEqual(['one'])
    const notWeb = await call(s, 'GET', `${CM}?labelSelector=tier!%3Dweb`)
    expect(notWeb.body.items.map((o: { metadata: { name: string } }) => o.metadata.name)).toContain('two')

    const live = (await call(s, 'GET', `${CM}/one`)).body
    const put = await call(s, 'PUT', `${CM}/one`, { ...live, data: { a: '2' } })
    expect(put.status).toBe(200)
    expect(put.body.data).toEqual({ a: '2' })
    const stale = await call(s, 'PUT', `${CM}/one`, { ...live, data: { a: '3' } })
    expect(stale.status).toBe(409)
    expect(stale.body.reason).toBe('Conflict')
    // An update that changes nothing keeps the resourceVersion.
    const same = await call(s, 'PUT', `${CM}/one`, put.body)
    expect(same.body.metadata.resourceVersion).toBe(put.body.metadata.resourceVersion)

    const merged = await call(s, 'PATCH', `${CM}/one`, { data: { b: 'x', a: null } }, 'application/merge-patch+json')
    expect(merged.body.data).toEqual({ b: 'x' })

    expect((await call(s, 'DELETE', `${CM}/one`)).status).toBe(200)
    expect((await call(s, 'GET', `${CM}/one`)).status).toBe(404)
    expect((await call(s, 'DELETE', `${CM}/one`)).status).toBe(404)
  })

  it('merges lists of named objects in a strategic merge patch', async () => {
    const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'a', image: 'nginx:1' }, { name: 'b', image: 'busybox', env: [{ name: 'X', value: '1' }] }] } } } }
    expect((await call(s, 'POST', '/apis/apps/v1/namespaces/lab/deployments', dep)).status).toBe(201)
    const patch = { spec: { template: { spec: {
      '$setElementOrder/containers': [{ name: 'a' }, { name: 'b' }],
      containers: [{ name: 'b', env: [{ name: 'Y', value: '2' }] }, { name: 'a', image: 'nginx:2' }] } } } }
    const out = await call(s, 'PATCH', '/apis/apps/v1/namespaces/lab/deployments/web', patch,
      'application/strategic-merge-patch+json')
    expect(out.status).toBe(200)
    const containers = out.body.spec.template.spec.containers
    expect(containers.map((c: { name: string }) => c.name)).toEqual(['a', 'b'])
    expect(containers[0].image).toBe('nginx:2')
    expect(containers[1].image).toBe('busybox')
    expect(containers[1].env).toEqual([{ name: 'X', value: '1' }, { name: 'Y', value: '2' }])
    const del = await call(s, 'PATCH', '/apis/apps/v1/namespaces/lab/deployments/web',
      { spec: { template: { spec: { containers: [{ name: 'b', $patch: 'delete' }] } } } }, 'application/strategic-merge-patch+json')
    expect(del.body.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['a'])
    // Foreground deletion: the object stays with a deletionTimestamp until its dependents are gone.
    const gone = await call(s, 'DELETE', '/apis/apps/v1/namespaces/lab/deployments/web', { propagationPolicy: 'Foreground' })
    expect(gone.status).toBe(200)
    await until(async () => (await call(s, 'GET', '/apis/apps/v1/namespaces/lab/deployments/web')).status === 404, 5000, 'foreground delete')
  })

  it('answers 422 Invalid for a changed immutable field, and dryRun=All writes nothing', async () => {
    expect((await call(s, 'POST', '/apis/batch/v1/namespaces/lab/jobs', job('imm'))).status).toBe(201)
    const changed = await call(s, 'PATCH', '/apis/batch/v1/namespaces/lab/jobs/imm',
      { spec: { template: { spec: { containers: [{ name: 'main', image: 'alpine' }] } } } }, 'application/strategic-merge-patch+json')
    expect(changed.status).toBe(422)
    expect(changed.body.reason).toBe('Invalid')
    expect(changed.body.message).toMatch(/field is immutable/)
    const dry = await call(s, 'POST', `${CM}?dryRun=All`, configMap('dry'))
    expect(dry.status).toBe(201)
    expect((await call(s, 'GET', `${CM}/dry`)).status).toBe(404)
    const badNs = await call(s, 'POST', '/api/v1/namespaces/nowhere/configmaps', configMap('x'))
    expect(badNs.status).toBe(404)
    expect(badNs.body.message).toBe('namespaces "nowhere" not found')
  })

  it('serves cluster-scoped kinds without a namespace', async () => {
    const ns = await call(s, 'POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'extra' } })
    expect(ns.status).toBe(201)
    expect((await call(s, 'GET', '/api/v1/namespaces/extra')).body.metadata.name).toBe('extra')
    const names = (await call(s, 'GET', '/api/v1/namespaces')).body.items.map((o: { metadata: { name: string } }) => o.metadata.name)
    expect(names).toEqual(expect.arrayContaining(['default', 'lab', 'extra']))
  })
})

describe('watch and logs', () => {
  it('streams changes as JSON lines and resumes from a resourceVersion', async () => {
    const start = (await call(s, 'GET', CM)).body.metadata.resourceVersion
    const w = readWatch(`${s.url}${CM}?watch=1&resourceVersion=${start}`)
    await call(s, 'POST', CM, configMap('w1'))
    await call(s, 'PATCH', `${CM}/w1`, { data: { k: 'v' } }, 'application/merge-patch+json')
    await call(s, 'DELETE', `${CM}/w1`)
    await until(() => w.events.length >= 3, 3000, 'three watch events')
    w.close()
    expect(w.events.map(e => `${e.type} ${e.object.metadata.name}`)).toEqual(['ADDED w1', 'MODIFIED w1', 'DELETED w1'])
    const rvs = w.events.map(e => Number(e.object.metadata.resourceVersion))
    expect(rvs[0]! < rvs[1]! && rvs[1]! < rvs[2]!).toBe(true)
    // Resume after the first event: the two later ones come again.
    const resumed = readWatch(`${s.url}${CM}?watch=1&resourceVersion=${rvs[0]}`)
    await until(() => resumed.events.length >= 2, 3000, 'resumed events')
    resumed.close()
    expect(resumed.events.map(e => e.type)).toEqual(['MODIFIED', 'DELETED'])
    // With a label selector, a change that stops matching is a DELETED.
    await call(s, 'POST', CM, configMap('sel', {}, { labels: { keep: 'yes' } }))
    const rv = (await call(s, 'GET', CM)).body.metadata.resourceVersion
    const sel = readWatch(`${s.url}${CM}?watch=true&labelSelector=keep%3Dyes&resourceVersion=${rv}`)
    await call(s, 'PATCH', `${CM}/sel`, { metadata: { labels: { keep: 'no' } } }, 'application/merge-patch+json')
    await until(() => sel.events.length >= 1, 3000, 'selector event')
    sel.close()
    expect(sel.events[0]!.type).toBe('DELETED')
  })

  it('answers 410 Expired for a resourceVersion older than the history', async () => {
    const small = await serve({ watchHistory: 2 })
    try {
      for (const n of ['a', 'b', 'c', 'd']) await call(small, 'POST', CM, configMap(n))
      const w = readWatch(`${small.url}${CM}?watch=1&resourceVersion=1`)
      await w.done
      expect(w.events).toHaveLength(1)
      expect(w.events[0]).toMatchObject({ type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired' } })
    } finally {
      await small.close()
    }
  })

  it('serves pod logs, following them until the container ends', async () => {
    await call(s, 'POST', '/apis/batch/v1/namespaces/lab/jobs', job('logs', ['sh', '-c', 'echo one; sleep 3; echo two']))
    let pod = ''
    await until(async () => {
      const pods = (await call(s, 'GET', '/api/v1/namespaces/lab/pods?labelSelector=job-name%3Dlogs')).body.items
      pod = pods[0]?.metadata.name ?? ''
      return pods[0]?.status?.phase === 'Running'
    }, 5000, 'a running pod')
    const followed = await call(s, 'GET', `/api/v1/namespaces/lab/pods/${pod}/log?follow=true`)
    expect(followed.body).toBe('one\ntwo\n')
    const once = await call(s, 'GET', `/api/v1/namespaces/lab/pods/${pod}/log?container=main`)
    expect(once.body).toBe('one\ntwo\n')
    const wrong = await call(s, 'GET', `/api/v1/namespaces/lab/pods/${pod}/log?container=nope`)
    expect(wrong.status).toBe(400)
  }, 20_000) // real time: the Pod's start, then its 3 s sleep followed to the end (5 s was short on a busy machine)
})
