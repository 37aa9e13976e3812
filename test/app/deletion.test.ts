import { describe, expect, it } from 'vitest'
import { configMap, deployment, hookJob, REV1, setup } from './helpers.ts'

const names = (sim: Awaited<ReturnType<typeof setup>>['sim']) =>
  sim.fake.store.all().filter(o => o.metadata.namespace === 'default' && o.kind !== 'Pod').map(o => `${o.kind}/${o.metadata.name}`)

describe('deleting an application (R64–R66)', () => {
  it('cascade deletes every managed object, foreground, and waits until they are gone', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), deployment('web')] })
    app.sync()
    await sim.runOperation(app)
    app.delete()
    await sim.run(() => app.deleted, 600_000)
    await sim.advance(60_000)
    expect(names(sim)).toEqual([])
    expect(app.events.filter(e => e.type === 'delete').map(e => e.type === 'delete' && e.reason)).toEqual(['AppDeleted', 'AppDeleted'])
  })

  it('cascade=false leaves the resources in place', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a')] })
    app.sync()
    await sim.runOperation(app)
    app.delete({ cascade: false })
    await sim.run(() => app.deleted, 600_000)
    expect(names(sim)).toEqual(['ConfigMap/a'])
  })

  it('R64 a PreDelete hook runs first; resources go only after it is healthy', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), hookJob('backup', 'PreDelete', { seconds: 5 })] })
    app.sync()
    await sim.runOperation(app)
    expect(names(sim)).toEqual(['ConfigMap/a']) // R10: PreDelete hooks are not part of the sync
    app.delete()
    await sim.run(() => app.deleted, 600_000)
    const created = app.events.find(e => e.type === 'created' && e.name === 'backup')!
    const cmDeleted = app.events.find(e => e.type === 'delete' && e.name === 'a')!
    expect(cmDeleted.t).toBeGreaterThan(created.t + 5000)
    // No policy: BeforeHookCreation, never deleted in cleanup (R66).
    expect(names(sim)).toEqual(['Job/backup'])
  })

  it('R64 a failing PreDelete hook blocks the deletion with an error and is deleted to be retried', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'), hookJob('backup', 'PreDelete', { fail: true })] })
    app.sync()
    await sim.runOperation(app)
    app.delete()
    await sim.advance(120_000)
    expect(app.deleted).toBe(false)
    expect(app.deletion?.error).toBe('PreDelete hook(s) failed: default/backup')
    expect(app.events.some(e => e.type === 'app' && e.status === 'DeletionError')).toBe(true)
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'a' })).toBeDefined()
  })

  it('R65 R66 PostDelete hooks run after the resources are gone; HookSucceeded removes them on success', async () => {
    const { sim, app } = await setup()
    app.setRevision({ revision: REV1, manifests: [configMap('a'),
      hookJob('notify', 'PostDelete', { policy: 'HookSucceeded' }), hookJob('audit', 'PostDelete')] })
    app.sync()
    await sim.runOperation(app)
    app.delete()
    await sim.run(() => app.deleted, 600_000)
    const cmGone = app.events.find(e => e.type === 'gone' && e.name === 'a')!
    const notifyCreated = app.events.find(e => e.type === 'created' && e.name === 'notify')!
    expect(notifyCreated.t).toBeGreaterThanOrEqual(cmGone.t)
    await sim.advance(60_000)
    expect(names(sim)).toEqual(['Job/audit'])
  })
})
