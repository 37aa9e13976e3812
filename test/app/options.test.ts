import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { configMap, REV1, REV2, setup } from './helpers.ts'

const job = (command: string[]): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'migrate' },
  spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'busybox', command }] } } },
})

describe('sync options (R55, R23)', () => {
  it('R55 CreateNamespace=true creates the missing destination namespace first, untracked', async () => {
    const sim = new Simulation({ seed: 'ns' })
    const app = await sim.createApp('app', 'team-a', { createNamespace: false })
    app.setRevision({ revision: REV1, manifests: [configMap('a')] })
    app.sync({ options: { createNamespace: true } })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    expect(r.resources[0]).toMatchObject({ kind: 'Namespace', name: 'team-a', syncPhase: 'PreSync', message: 'namespace/team-a created' })
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'team-a', name: 'a' })).toBeDefined()
    expect(app.live().has('//Namespace//team-a')).toBe(false)
  })

  it('without CreateNamespace=true a missing namespace passes the client-side dry run (R45) and fails the apply', async () => {
    const sim = new Simulation({ seed: 'ns' })
    const app = await sim.createApp('app', 'team-b', { createNamespace: false })
    app.setRevision({ revision: REV1, manifests: [configMap('a')] })
    app.sync()
    await sim.runOperation(app)
    expect(app.operations[0]!.result()).toMatchObject({ phase: 'Failed',
      message: 'one or more objects failed to apply, reason: namespaces "team-b" not found' })
  })

  it('R73 a changed Job template fails to apply; R55 Force=true deletes and re-creates it', async () => {
    for (const force of [false, true]) {
      const { sim, app } = await setup()
      app.setRevision({ revision: REV1, manifests: [job(['true'])] })
      app.sync()
      await sim.runOperation(app)
      app.setRevision({ revision: REV2, manifests: [job(['sh', '-c', 'echo v2'])] })
      app.sync(force ? { force: true } : {})
      await sim.runOperation(app)
      const r = app.operations[1]!.result()
      if (force) {
        expect(r.phase).toBe('Succeeded')
        expect(r.resources[0]?.message).toBe('job.batch/migrate configured')
      } else {
        expect(r.phase).toBe('Failed')
        expect(r.resources[0]?.message).toMatch(/^Job\.batch "migrate" is invalid: spec\.template: .*field is immutable$/)
        expect(r.message).toMatch(/^one or more objects failed to apply, reason: Job\.batch "migrate" is invalid/)
      }
    }
  })

  it('R23 ApplyOutOfSyncOnly=true applies only what changed (hooks always run)', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a', { v: '1' }), configMap('b', { v: '1' })] })
    app.sync()
    await sim.runOperation(app)
    app.setRevision({ revision: REV2, manifests: [configMap('a', { v: '1' }), configMap('b', { v: '2' })] })
    app.sync({ options: { applyOutOfSyncOnly: true } })
    await sim.runOperation(app)
    const r = app.operations[1]!.result()
    expect(r.resources.map(x => `${x.name}: ${x.message}`)).toEqual(['b: configmap/b configured'])
  })
})
