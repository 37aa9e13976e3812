// Application-level sync options that read the Application itself: RespectIgnoreDifferences (R80) with its
// spec.ignoreDifferences, and FailOnSharedResource (R81) with the SharedResourceWarning of its comparison.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { ignoreDifferencesNormalizer, jqPath, pointerPath } from '../../src/sync/options/respect-ignore-differences.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { withTracking } from '../../src/sync/tracking.ts'
import { configMap, deployment, job, REV } from './helpers.ts'

async function appWith(manifests: KubeObject[], live: KubeObject[], opts: Parameters<Simulation['createApp']>[2] = {}) {
  const sim = new Simulation({ seed: 'opts' })
  for (const obj of live) sim.fake.store.create(obj)
  const app = await sim.createApp('app', 'default', opts)
  app.setRevision({ revision: REV, manifests })
  return { sim, app }
}

const inDefault = (obj: KubeObject): KubeObject => ({ ...obj, metadata: { ...obj.metadata, namespace: 'default' } })

describe('R80 RespectIgnoreDifferences', () => {
  const ignoreReplicas = [{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]

  it('R80 a live object keeps the live values of the ignored fields; the rest of the manifest is applied', async () => {
    const { sim, app } = await appWith([deployment('web', { replicas: 1, image: 'nginx:1.27' })],
      [withTracking('app', inDefault(deployment('web', { replicas: 5, image: 'nginx' })))], { ignoreDifferences: ignoreDifferencesNormalizer(ignoreReplicas) })
    app.sync({ options: { respectIgnoreDifferences: true } })
    await sim.runOperation(app)
    const web = sim.fake.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    expect(web.spec).toMatchObject({ replicas: 5, template: { spec: { containers: [{ image: 'nginx:1.27' }] } } })
  })

  it('R80 the comparison ignores the fields: the app is Synced while they differ', async () => {
    const { app } = await appWith([deployment('web', { replicas: 1 })],
      [withTracking('app', inDefault(deployment('web', { replicas: 5 })))], { ignoreDifferences: ignoreDifferencesNormalizer(ignoreReplicas) })
    expect(app.status().sync).toBe('Synced')
    const plain = await appWith([deployment('web', { replicas: 1 })],
      [withTracking('app', inDefault(deployment('web', { replicas: 5 })))])
    expect(plain.app.status().sync).toBe('OutOfSync')
  })

  it('R80 without the option the ignored field is synced like any other', async () => {
    const { sim, app } = await appWith([deployment('web', { replicas: 1 })],
      [withTracking('app', inDefault(deployment('web', { replicas: 5 })))], { ignoreDifferences: ignoreDifferencesNormalizer(ignoreReplicas) })
    app.sync()
    await sim.runOperation(app)
    expect(sim.fake.get({ kind: 'Deployment', namespace: 'default', name: 'web' })?.spec).toMatchObject({ replicas: 1 })
  })

  it('R80 a new object is applied as it is; jq paths name fields too', async () => {
    const { sim, app } = await appWith([configMap('cm', { data: { k: 'git' } })], [],
      { ignoreDifferences: ignoreDifferencesNormalizer([{ group: '', kind: 'ConfigMap', jqPathExpressions: ['.data.k'] }]) })
    app.sync({ options: { respectIgnoreDifferences: true } })
    await sim.runOperation(app)
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'cm' })?.['data']).toEqual({ k: 'git' })
  })

  it('R80 paths: JSON pointers (with ~1 escapes) and plain jq paths', () => {
    expect(pointerPath('/metadata/annotations/a~1b/0')).toEqual(['metadata', 'annotations', 'a/b', 0])
    expect(jqPath('.spec.template.spec.containers[0].image')).toEqual(['spec', 'template', 'spec', 'containers', 0, 'image'])
    expect(jqPath('.spec | del(.x)')).toBeUndefined()
  })
})

describe('R81 FailOnSharedResource', () => {
  const others = withTracking('other', inDefault(configMap('shared')))

  it('R81 a target live under another application fails the operation before any task: no dry run, no result', async () => {
    const { sim, app } = await appWith([configMap('shared'), job('pre', { hook: 'PreSync' }),
      configMap('on-fail', { hook: 'SyncFail' })], [others])
    app.sync({ options: { failOnSharedResource: true } })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed',
      message: 'Shared resource found: ConfigMap/shared is part of applications app and other', resources: [] })
    expect(sim.fake.get({ kind: 'Job', namespace: 'default', name: 'pre' })).toBeUndefined()
  })

  it('R81 without the option the shared resource is synced (and taken over)', async () => {
    const { sim, app } = await appWith([configMap('shared')], [others])
    app.sync()
    await sim.runOperation(app)
    expect(app.operations[0]!.result().phase).toBe('Succeeded')
  })

  it('R81 R61 the failure is retried like any failed operation', async () => {
    const { sim, app } = await appWith([configMap('shared')], [others])
    app.sync({ options: { failOnSharedResource: true }, retry: { limit: 1 } })
    await sim.runOperation(app)
    expect(app.operations[0]!.result()).toMatchObject({ phase: 'Failed', retryCount: 1,
      message: 'Shared resource found: ConfigMap/shared is part of applications app and other (retried 1 times).' })
  })
})
