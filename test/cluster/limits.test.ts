// Size limits of the simulated API server, in its own words: ConfigMap/Secret data over 1 MiB, annotations over
// 256 KiB (so kubectl's client-side apply of any object over 256 KiB fails on its last-applied copy, as with Argo
// CD's default apply), and objects etcd refuses ("etcdserver: request is too large").
import { describe, expect, it } from 'vitest'
import { ApiError } from '../../src/cluster/errors.ts'
import { MAX_DATA_BYTES, MAX_PODS_PER_NAMESPACE } from '../../src/cluster/limits.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { cluster } from './helpers.ts'

const cm = (name: string, data: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data })

function createError(obj: KubeObject): string {
  try {
    cluster().create(obj)
  } catch (e) {
    return (e as ApiError).message
  }
  return 'created'
}

describe('the API server\'s size limits', () => {
  it('a ConfigMap over 1 MiB of data', () => {
    expect(createError(cm('big', { a: 'x'.repeat(MAX_DATA_BYTES) })))
      .toBe('ConfigMap "big" is invalid: []: Too long: may not be more than 1048576 bytes')
    expect(createError(cm('ok', { a: 'x'.repeat(1000) }))).toBe('created')
  })

  it('a Secret over 1 MiB of data', () => {
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', namespace: 'default' },
      stringData: { a: 'x'.repeat(MAX_DATA_BYTES + 1) } } as KubeObject
    expect(createError(secret)).toBe('Secret "s" is invalid: data: Too long: may not be more than 1048576 bytes')
  })

  it('annotations over 256 KiB', () => {
    const obj = { ...cm('a', {}), metadata: { name: 'a', namespace: 'default', annotations: { note: 'x'.repeat(300_000) } } }
    expect(createError(obj)).toBe('ConfigMap "a" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes')
  })

  it('an object etcd refuses: over 1.5 MiB', () => {
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox', args: ['x'.repeat(1_600_000)] }] } } as KubeObject
    expect(createError(obj)).toBe('etcdserver: request is too large')
  })

  it('a sync of a 300 KB ConfigMap fails its apply on the last-applied copy, as Argo CD\'s client-side apply does', async () => {
    const sim = new Simulation({ seed: 1 })
    const app = await sim.createApp('app', 'default')
    app.setRevision({ revision: 'abcdef0123456789abcdef0123456789abcdef01', manifests: [cm('big', { a: 'x'.repeat(300_000) })] })
    app.sync({})
    await sim.runOperation(app)
    expect(app.currentOperation!.result()).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to ' +
      'apply, reason: ConfigMap "big" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes' })
  })

  it('synclab\'s capacity: at most 5,000 Pods in a namespace, refused as a ResourceQuota refuses', () => {
    const c = cluster()
    const pod = (i: number): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] } })
    for (let i = 0; i < MAX_PODS_PER_NAMESPACE; i++) c.store.create(pod(i))
    expect(() => c.store.create(pod(MAX_PODS_PER_NAMESPACE))).toThrow('pods "p5000" is forbidden: exceeded quota: ' +
      'synclab, requested: pods=1, used: pods=5000, limited: pods=5000')
    expect(() => c.store.create({ ...pod(0), metadata: { name: 'elsewhere', namespace: 'kube-system' } })).not.toThrow()
  }, 60_000)
})
