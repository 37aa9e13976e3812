// Section H of semantics.md: terminating an operation and retrying a failed one.
import { describe, expect, it } from 'vitest'
import { EPOCH_MS } from '../../src/cluster/clock.ts'
import { kitchenTime } from '../../src/sync/retry.ts'
import {
  applied, configMap, deletes, deployment, eventsOf, exists, FAIL, HOOK_FINALIZER, job, live, messages, resultOf, runUntil,
  setup,
} from './helpers.ts'

describe('terminate', () => {
  it('R60 terminating leaves non-hook resources as they are: Failed "Operation terminated" (TestTerminate)', async () => {
    const s = await setup([deployment('web', { paused: true }), configMap('later', { wave: 1 })])
    s.app.sync()
    await runUntil(s, () => s.app.currentOperation!.op.message === 'waiting for healthy state of apps/Deployment/web')
    s.app.terminate()
    expect(s.app.currentOperation!.op.phase).toBe('Terminating')
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    expect(exists(s, 'Deployment', 'web')).toBe(true)
    expect(deletes(s.app)).toEqual([])
    expect(eventsOf(s.app, 'operation').map(e => e.phase)).toContain('Terminating')
  })

  it('R60 running hooks are deleted whatever their policy; their results become Failed "Terminated" (TestTerminate_Hooks_Running)', async () => {
    const s = await setup([
      job('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation', command: ['sleep', '600'] }),
      job('hook-2', { hook: 'Sync', policy: 'HookFailed', command: ['sleep', '600'] }),
      job('hook-3', { hook: 'Sync', policy: 'HookSucceeded', command: ['sleep', '600'] }),
      deployment('web'), configMap('on-fail', { hook: 'SyncFail' }),
    ])
    s.app.sync()
    await runUntil(s, () => s.app.currentOperation!.op.message.startsWith('waiting for completion'))
    await s.sim.advance(20_000)
    s.app.terminate()
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    for (const name of ['hook-1', 'hook-2', 'hook-3']) {
      expect(resultOf(r.resources, 'Job', name)).toMatchObject({ hookPhase: 'Failed', message: 'Terminated' })
      expect(live(s, 'Job', name)?.metadata.finalizers ?? []).not.toContain(HOOK_FINALIZER)
    }
    expect(deletes(s.app).sort()).toEqual(['Job/hook-1:Terminate', 'Job/hook-2:Terminate', 'Job/hook-3:Terminate'])
    expect(exists(s, 'Deployment', 'web')).toBe(true) // non-hook resources are left as they are
    expect(applied(s.app)).not.toContain('ConfigMap/on-fail') // no SyncFail hooks
  })

  it('R60 a running hook that already completed takes its real outcome; only HookFailed ones are deleted (TestTerminate_Hooks_Running_Healthy)', async () => {
    const s = await setup([
      configMap('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation' }),
      configMap('hook-2', { hook: 'Sync', policy: 'HookFailed' }),
      configMap('hook-3', { hook: 'Sync', policy: 'HookSucceeded' }),
    ])
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'apply').some(e => !e.dryRun))
    s.app.terminate()
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    for (const name of ['hook-1', 'hook-2', 'hook-3']) {
      expect(resultOf(r.resources, 'ConfigMap', name)).toMatchObject({ hookPhase: 'Succeeded', message: `${name} created` })
    }
    expect(deletes(s.app)).toEqual(['ConfigMap/hook-2:Terminate'])
  })

  it('R60 completed hooks keep their status and lose the finalizer, nothing is deleted (TestTerminate_Hooks_Completed)', async () => {
    const s = await setup([
      configMap('hook-1', { hook: 'Sync', policy: 'BeforeHookCreation' }),
      job('hook-2', { hook: 'Sync', policy: 'HookFailed', command: FAIL }),
      configMap('hook-3', { hook: 'Sync', policy: 'HookSucceeded' }),
      job('long', { hook: 'Sync', command: ['sleep', '600'] }),
    ])
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'hook').some(e => e.name === 'hook-2' && e.hookPhase === 'Failed'))
    s.app.terminate()
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    expect(resultOf(r.resources, 'ConfigMap', 'hook-1')?.hookPhase).toBe('Succeeded')
    expect(resultOf(r.resources, 'Job', 'hook-2')).toMatchObject({ hookPhase: 'Failed',
      message: 'Job has reached the specified backoff limit' })
    expect(resultOf(r.resources, 'ConfigMap', 'hook-3')?.hookPhase).toBe('Succeeded')
    expect(resultOf(r.resources, 'Job', 'long')).toMatchObject({ hookPhase: 'Failed', message: 'Terminated' })
    expect(deletes(s.app)).toEqual(['Job/long:Terminate'])
    for (const [kind, name] of [['ConfigMap', 'hook-1'], ['Job', 'hook-2'], ['ConfigMap', 'hook-3']] as const) {
      expect(live(s, kind, name)?.metadata.finalizers ?? []).not.toContain(HOOK_FINALIZER)
    }
  })

  it('R60 a failed finalizer removal: Error "Operation termination had errors" (TestTerminate_Hooks_Error)', async () => {
    const s = await setup([job('hook-1', { hook: 'Sync', command: ['sleep', '600'] })])
    s.app.sync()
    await runUntil(s, () => s.app.currentOperation!.op.message.startsWith('waiting for completion'))
    const cluster = s.sim.cluster as { removeFinalizer: typeof s.sim.cluster.removeFinalizer }
    cluster.removeFinalizer = async () => { throw new Error('update failed') }
    s.app.terminate()
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Error', message: 'Operation termination had errors' })
    expect(resultOf(r.resources, 'Job', 'hook-1')?.hookPhase).toBe('Error')
    expect(resultOf(r.resources, 'Job', 'hook-1')?.message).toContain('update failed')
    expect(deletes(s.app)).toEqual([])
  })

  it('R60 a running hook that goes away once its finalizer is removed is no termination error', async () => {
    const s = await setup([job('hook-1', { hook: 'Sync', command: ['sleep', '600'] })])
    s.app.sync()
    await runUntil(s, () => s.app.currentOperation!.op.message.startsWith('waiting for completion'))
    // Someone deletes the running hook; Argo CD's finalizer keeps it (R26) until the terminate removes it.
    s.sim.fake.delete({ kind: 'Job', namespace: 'default', name: 'hook-1' }, { propagationPolicy: 'Background' })
    expect(live(s, 'Job', 'hook-1')?.metadata.deletionTimestamp).toBeDefined()
    s.app.terminate()
    await s.sim.runOperation(s.app)
    expect(s.app.operations[0]!.result()).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
  })

  it('R60 a terminated operation is not retried', async () => {
    const s = await setup([job('hook-1', { hook: 'Sync', command: ['sleep', '600'] })])
    s.app.sync({ retry: { limit: 3 } })
    await runUntil(s, () => s.app.currentOperation!.op.message.startsWith('waiting for completion'))
    s.app.terminate()
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'Operation terminated', retryCount: 0 })
  })
})

describe('retry', () => {
  it('R61 a failed operation is retried: "<msg>. Retrying attempt #N at <time>.", then "(retried N times)."', async () => {
    const s = await setup([job('boom', { hook: 'Sync', command: FAIL })])
    s.app.sync({ retry: { limit: 2 } })
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    const base = 'one or more synchronization tasks completed unsuccessfully'
    expect(r).toMatchObject({ phase: 'Failed', message: `${base} (retried 2 times).`, retryCount: 2 })
    const retrying = messages(s.app).filter(m => m.includes('Retrying attempt'))
    expect(retrying).toHaveLength(2)
    const failures = eventsOf(s.app, 'operation').filter(e => e.message?.includes('Retrying attempt #'))
    // The message shows duration * factor^(N-1) (5 s, 10 s), counted from the failure.
    expect(failures[0]!.message).toBe(`${base}. Retrying attempt #1 at ${kitchenTime(EPOCH_MS + failures[0]!.t + 5000)}.`)
    expect(failures[1]!.message).toBe(`${base}. Retrying attempt #2 at ${kitchenTime(EPOCH_MS + failures[1]!.t + 10_000)}.`)
  })

  it('R61 the real waits are 10 s, then 20 s, and each attempt starts over (new dry run, all groups)', async () => {
    const s = await setup([configMap('first'), job('boom', { hook: 'Sync', wave: 1, command: FAIL })])
    s.app.sync({ retry: { limit: 2 } })
    await s.sim.runOperation(s.app)
    const failedAt = eventsOf(s.app, 'operation').filter(e => e.message?.includes('Retrying attempt #')).map(e => e.t)
    const firstApplies = eventsOf(s.app, 'apply').filter(e => !e.dryRun && e.name === 'first').map(e => e.t)
    expect(firstApplies).toHaveLength(3)
    expect(firstApplies[1]! - failedAt[0]!).toBeGreaterThanOrEqual(10_000)
    expect(firstApplies[1]! - failedAt[0]!).toBeLessThan(15_000)
    expect(firstApplies[2]! - failedAt[1]!).toBeGreaterThanOrEqual(20_000)
    expect(firstApplies[2]! - failedAt[1]!).toBeLessThan(25_000)
  })

  it('R61 retries keep startedAt: a generateName hook gets the same name and BeforeHookCreation deletes the previous one', async () => {
    const s = await setup([job('', { generateName: 'mig-', hook: 'PreSync', command: FAIL })])
    s.app.sync({ retry: { limit: 1 } })
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r.phase).toBe('Failed')
    const names = new Set(eventsOf(s.app, 'apply').filter(e => !e.dryRun).map(e => e.name))
    expect(names.size).toBe(1)
    const [name] = [...names]
    expect(deletes(s.app)).toEqual([`Job/${name}:BeforeHookCreation`])
    expect(r.startedAt).toBe(0)
  })

  it('R61 an operation that succeeds on a retry ends Succeeded', async () => {
    // The first attempt fails on a missing-resource apply error; the object is fixed before the retry.
    const s = await setup([configMap('cm')])
    const cluster = s.sim.cluster as { apply: typeof s.sim.cluster.apply }
    const original = cluster.apply
    let failures = 1
    cluster.apply = async (obj, opts) => {
      if (!opts?.dryRun && failures > 0) {
        failures--
        throw new Error('transient')
      }
      return original(obj, opts)
    }
    s.app.sync({ retry: { limit: 3 } })
    await s.sim.runOperation(s.app)
    expect(s.app.operations[0]!.result()).toMatchObject({ phase: 'Succeeded', retryCount: 1 })
  })
})
