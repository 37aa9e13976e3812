import { describe, expect, it } from 'vitest'
import { configMap, deployment, REV1, REV2, setup } from './helpers.ts'

describe('application sync status and health', () => {
  it('a new application is OutOfSync and Missing; after a sync it is Synced and Healthy', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a', { k: 'v' }), deployment('web')] })
    expect(app.status().sync).toBe('OutOfSync')
    expect(app.status().health).toBe('Missing')
    app.sync()
    await sim.runOperation(app)
    await sim.advance(10_000)
    expect(app.status()).toMatchObject({ sync: 'Synced', health: 'Healthy' })
  })

  it('a changed manifest makes the resource OutOfSync until synced again', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a', { k: 'v' })] })
    app.sync()
    await sim.runOperation(app)
    app.setRevision({ revision: REV2, manifests: [configMap('a', { k: 'changed' })] })
    expect(app.status().resources.find(r => r.name === 'a')?.status).toBe('OutOfSync')
    app.sync()
    await sim.runOperation(app)
    expect(app.status().sync).toBe('Synced')
  })

  it('R48 a tracked object no longer in the manifests requires pruning', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), configMap('b')] })
    app.sync()
    await sim.runOperation(app)
    app.setRevision({ revision: REV2, manifests: [configMap('a')] })
    const b = app.status().resources.find(r => r.name === 'b')
    expect(b).toMatchObject({ status: 'OutOfSync', requiresPruning: true })
    expect(app.status().sync).toBe('OutOfSync')
  })

  it('R5 a Skip resource is never applied and does not make the app OutOfSync', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), configMap('skipped', {}, { 'argocd.argoproj.io/hook': 'Skip' })] })
    app.sync()
    await sim.runOperation(app)
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'skipped' })).toBeUndefined()
    expect(app.status().sync).toBe('Synced')
  })

  it('history records successful syncs only, not dry runs nor selective syncs (R53)', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), configMap('b')] })
    app.sync({ dryRun: true })
    await sim.runOperation(app)
    app.sync({ resources: [{ group: '', kind: 'ConfigMap', namespace: '', name: 'a' }] })
    await sim.runOperation(app)
    expect(app.history).toHaveLength(0)
    app.sync()
    await sim.runOperation(app)
    expect(app.history).toHaveLength(1)
    expect(app.history[0]).toMatchObject({ id: 0, revision: REV1, initiatedBy: { username: 'admin' } })
  })
})
