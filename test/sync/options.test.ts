// Section F of semantics.md: selective sync, the apply strategy, dry-run operations.
import { describe, expect, it } from 'vitest'
import {
  applied, configMap, deletes, eventsOf, exists, job, live, resultOf, run, setup, syncAndRun,
} from './helpers.ts'

const key = (name: string, kind = 'ConfigMap', group = '') => ({ group, kind, namespace: 'default', name })

describe('selective sync and apply strategy', () => {
  it('R53 a selective sync applies only the selected resources and runs no hook of any phase (TestSelectiveSyncOnly)', async () => {
    const s = await run([
      configMap('pre', { hook: 'PreSync' }), configMap('a', { wave: 2 }), configMap('b', { wave: 1 }), configMap('c'),
      configMap('post', { hook: 'PostSync' }), configMap('sync-hook', { hook: 'Sync' }),
    ], { live: [configMap('gone'), configMap('gone-too')], waveDelayMs: 0,
      request: { prune: true, resources: [key('a'), key('b'), key('gone')] } })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/b', 'ConfigMap/a'])
    expect(deletes(s.app)).toEqual(['ConfigMap/gone:Prune'])
    expect(exists(s, 'ConfigMap', 'gone-too')).toBe(true)
    expect(exists(s, 'ConfigMap', 'c')).toBe(false)
    expect(eventsOf(s.app, 'phase').map(e => e.wave)).toEqual([0, 1, 2]) // waves still honoured among them
  })

  it('R53 a selective sync that fails runs no SyncFail hook', async () => {
    const s = await run([job('bad', { command: ['sh', '-c', 'exit 1'] }), configMap('later', { wave: 1 }),
      configMap('on-fail', { hook: 'SyncFail' })], { request: { resources: [key('bad', 'Job', 'batch'), key('later')] } })
    expect(s.result.phase).toBe('Failed')
    expect(applied(s.app)).toEqual(['Job/bad'])
  })

  it('R53 syncStrategy apply runs no hooks', async () => {
    const s = await run([configMap('pre', { hook: 'PreSync' }), configMap('cm'), configMap('post', { hook: 'PostSync' })],
      { request: { applyStrategy: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/cm'])
  })
})

describe('dry-run operation', () => {
  it('R54 every apply and prune is a dry run: Synced/Succeeded "(dry run)" results, nothing changes in the cluster', async () => {
    const s = await setup([configMap('pre', { hook: 'PreSync' }), configMap('cm', { data: { k: 'new' } }),
      job('mig', { hook: 'Sync', command: ['sleep', '100'] }), configMap('w1', { wave: 1 })],
    { live: [configMap('old'), configMap('cm', { data: { k: 'old' } }), configMap('pre', { hook: 'PreSync' })] })
    const r = await syncAndRun(s, { dryRun: true, prune: true })
    // gitops-engine records the results of the first tick's dry run when the whole operation is a dry run, so
    // every task is done after it and the operation ends on that tick with "(no more tasks)".
    expect(r).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)', finishedAt: 0 })
    expect(resultOf(r.resources, 'ConfigMap', 'pre')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded',
      message: 'configmap/pre configured (dry run)' })
    expect(resultOf(r.resources, 'ConfigMap', 'cm')).toMatchObject({ hookPhase: 'Succeeded', message: 'configmap/cm configured (dry run)' })
    expect(resultOf(r.resources, 'Job', 'mig')).toMatchObject({ hookPhase: 'Succeeded', message: 'job.batch/mig created (dry run)' })
    expect(resultOf(r.resources, 'ConfigMap', 'old')).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned (dry run)' })
    expect(deletes(s.app)).toEqual([]) // no BeforeHookCreation delete, no prune
    expect(exists(s, 'Job', 'mig')).toBe(false)
    expect(exists(s, 'ConfigMap', 'w1')).toBe(false)
    expect(live(s, 'ConfigMap', 'cm')?.data).toEqual({ k: 'old' })
    expect(eventsOf(s.app, 'created').filter(e => e.op === 1 && e.t >= 0)).toEqual([])
  })

  it('R54 a dry-run operation ends on its first tick: no group is started, no health is awaited', async () => {
    const s = await run([configMap('a'), job('h', { hook: 'Sync', wave: 1, command: ['sleep', '1000'] }),
      configMap('c', { wave: 2 }), configMap('post', { hook: 'PostSync' })], { request: { dryRun: true } })
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)', finishedAt: 0 })
    expect(eventsOf(s.app, 'phase')).toEqual([])
    expect(s.result.resources.map(r => [r.name, r.hookPhase])).toEqual([
      ['a', 'Succeeded'], ['h', 'Succeeded'], ['c', 'Succeeded'], ['post', 'Succeeded']])
  })
})
