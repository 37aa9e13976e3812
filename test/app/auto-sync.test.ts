import { describe, expect, it } from 'vitest'
import { configMap, hookJob, REV1, REV2, setup } from './helpers.ts'

describe('automated sync policy', () => {
  it('a new revision starts a sync by itself, marked as automated', async () => {
    const { sim, app } = await setup()
    app.setSyncPolicy({ automated: {} })
    app.setRevision({ revision: REV1, manifests: [configMap('a')] })
    await sim.advance(1)
    expect(app.operations).toHaveLength(1)
    await sim.runOperation(app)
    expect(app.operations[0]!.result()).toMatchObject({ phase: 'Succeeded', initiatedBy: { automated: true } })
    expect(app.events.some(e => e.type === 'autosync' && e.action === 'started' &&
      e.message === `Initiated automated sync to '${REV1}'`)).toBe(true)
    app.setRevision({ revision: REV2, manifests: [configMap('a', { x: 'y' })] })
    await sim.advance(1)
    await sim.runOperation(app)
    expect(app.operations.map(o => o.result().revision)).toEqual([REV1, REV2])
  })

  it('R62 automated syncs retry 5 times by default, then the failed revision is not synced again', async () => {
    const { sim, app } = await setup()
    app.setSyncPolicy({ automated: {} })
    app.setRevision({ revision: REV1, manifests: [configMap('a'), hookJob('migrate', 'PreSync', { fail: true })] })
    await sim.advance(1)
    await sim.runOperation(app)
    const result = app.operations[0]!.result()
    expect(result.phase).toBe('Failed')
    expect(result.retryCount).toBe(5)
    expect(result.message).toMatch(/\(retried 5 times\)\.$/)
    await sim.advance(600_000)
    expect(app.operations).toHaveLength(1)
    expect(app.events.some(e => e.type === 'autosync' && e.action === 'skipped' &&
      e.message === `Skipping auto-sync: failed previous sync attempt to ${REV1}`)).toBe(true)
  })

  it('without self-heal, drift is left alone; with it, the same revision is synced again', async () => {
    for (const selfHeal of [false, true]) {
      const { sim, app } = await setup()
      app.setSyncPolicy({ automated: { selfHeal } })
      app.setRevision({ revision: REV1, manifests: [configMap('a', { k: 'v' })] })
      await sim.advance(1)
      await sim.runOperation(app)
      sim.fake.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default',
        annotations: sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'a' })!.metadata.annotations! },
        data: { k: 'drifted' } })
      await sim.advance(60_000)
      expect(app.operations.length).toBe(selfHeal ? 2 : 1)
      const data = (sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'a' }) as unknown as { data: Record<string, string> }).data
      expect(data.k).toBe(selfHeal ? 'v' : 'drifted')
    }
  })

  it('without automated prune, extra resources alone do not start a sync', async () => {
    const { sim, app } = await setup()
    app.setSyncPolicy({ automated: { prune: false } })
    app.setRevision({ revision: REV1, manifests: [configMap('a'), configMap('b')] })
    await sim.advance(1)
    await sim.runOperation(app)
    app.setRevision({ revision: REV2, manifests: [configMap('a')] })
    await sim.advance(1)
    expect(app.operations).toHaveLength(1)
    expect(app.events.at(-1)).toMatchObject({ type: 'autosync', action: 'skipped',
      message: `Skipping sync attempt to ${REV2}: need to prune extra resources only but automated prune is disabled` })
  })
})
