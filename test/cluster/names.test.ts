// R72 generated names: a generated name that is already taken is drawn again, as the API server's create retries
// an AlreadyExists up to 8 times (apiserver registry/store.go createWithGenerateNameRetry). The robustness review
// found a Deployment of 3,000 replicas aborting on a Pod-name collision.
import { describe, expect, it } from 'vitest'
import { VirtualClock } from '../../src/cluster/clock.ts'
import { ApiError } from '../../src/cluster/errors.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { SeededRandom } from '../../src/cluster/random.ts'
import { MAX_NAME_GENERATION_ATTEMPTS, ObjectStore } from '../../src/cluster/store.ts'
import { Simulation } from '../../src/sync/simulation.ts'

/** Random suffixes taken from a script first (to force collisions), then seeded. */
class ScriptedRandom extends SeededRandom {
  constructor(private script: string[]) { super(1) }
  override chars(n: number, alphabet: string): string {
    return this.script.shift() ?? super.chars(n, alphabet)
  }
}

function storeWith(script: string[]): ObjectStore {
  const store = new ObjectStore(new VirtualClock(), new ScriptedRandom(script))
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } })
  return store
}
const generated = (): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-', namespace: 'default' } })

describe('R72 generateName collisions are retried as the API server retries them', () => {
  it('a taken name is drawn again', () => {
    const store = storeWith(['bbbbb', 'bbbbb', 'ccccc'])
    expect(store.create(generated()).metadata.name).toBe('cfg-bbbbb')
    expect(store.create(generated()).metadata.name).toBe('cfg-ccccc')
  })

  it('after 8 taken names the create fails AlreadyExists, as on a real API server', () => {
    expect(MAX_NAME_GENERATION_ATTEMPTS).toBe(8)
    const store = storeWith(Array(1 + MAX_NAME_GENERATION_ATTEMPTS).fill('bbbbb'))
    store.create(generated())
    let error: unknown
    try { store.create(generated()) } catch (e) { error = e }
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).message).toBe('configmaps "cfg-bbbbb" already exists')
  })

  it('a Deployment of 3,000 replicas syncs: 3,000 Pods, distinct names, Healthy', async () => {
    const sim = new Simulation({ seed: 1 })
    const app = await sim.createApp('app', 'default')
    app.setRevision({ revision: 'abcdef0123456789abcdef0123456789abcdef01', manifests: [{
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 3000, selector: { matchLabels: { app: 'web' } },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
    }, {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'after', annotations: { 'argocd.argoproj.io/hook': 'PostSync' } },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } },
    }] })
    app.sync({})
    await sim.runOperation(app)
    expect(app.currentOperation!.result()).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' })
    const pods = sim.fake.store.list('Pod').filter(p => p.metadata.name!.startsWith('web-'))
    expect(pods).toHaveLength(3000)
    expect(new Set(pods.map(p => p.metadata.name)).size).toBe(3000)
  }, 60_000)
})
