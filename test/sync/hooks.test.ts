// Section A/C of semantics.md as observed through a sync: which objects become tasks, hook names, namespaces,
// the hook finalizer, hook outcomes and the three delete policies.
import { describe, expect, it } from 'vitest'
import { EPOCH_MS } from '../../src/cluster/clock.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import {
  applied, configMap, deletes, eventsOf, exists, FAIL, HOOK_FINALIZER, job, live, messages, pod, REV, resultOf, run,
  runUntil, setup, syncAndRun,
} from './helpers.ts'

const unixSeconds = (virtualMs: number) => Math.floor((EPOCH_MS + virtualMs) / 1000)

describe('which objects become tasks', () => {
  it('R5 a Skip resource is never applied and, having a manifest, never pruned', async () => {
    const s = await run([configMap('skipped', { hook: 'Skip' }), configMap('kept-live', { hook: 'Skip' }), configMap('cm')], {
      live: [configMap('kept-live', { hook: 'Skip', data: { old: 'yes' } })], request: { prune: true },
    })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/cm'])
    expect(exists(s, 'ConfigMap', 'skipped')).toBe(false)
    expect(live(s, 'ConfigMap', 'kept-live')?.data).toEqual({ old: 'yes' })
    expect(s.result.resources.map(r => r.name)).toEqual(['cm'])
  })

  it('R5 Skip combined with another type behaves as the other type', async () => {
    const s = await run([configMap('pre', { hook: 'Skip,PreSync' }), configMap('cm')])
    expect(applied(s.app)).toEqual(['ConfigMap/pre', 'ConfigMap/cm'])
    expect(resultOf(s.result.resources, 'ConfigMap', 'pre')).toMatchObject({ hookType: 'PreSync', syncPhase: 'PreSync' })
  })

  it('R6 a PreSync,PostSync hook runs twice: two tasks, two results keyed by phase', async () => {
    const s = await run([configMap('twice', { hook: 'PreSync,PostSync', policy: 'HookSucceeded' }), configMap('cm')])
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/twice', 'ConfigMap/cm', 'ConfigMap/twice'])
    const twice = s.result.resources.filter(r => r.name === 'twice')
    expect(twice.map(r => [r.syncPhase, r.hookType, r.hookPhase])).toEqual([
      ['PreSync', 'PreSync', 'Succeeded'], ['PostSync', 'PostSync', 'Succeeded']])
  })

  it('R6 Helm pre-install,pre-upgrade collapses to one PreSync task', async () => {
    const s = await run([configMap('helm', { annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade' } }), configMap('cm')])
    expect(applied(s.app)).toEqual(['ConfigMap/helm', 'ConfigMap/cm'])
    expect(s.result.resources.filter(r => r.name === 'helm').map(r => r.syncPhase)).toEqual(['PreSync'])
  })

  it('R8 hooks are never pruned: a live tracked hook no longer in Git gets no task and no result (TestDoNotSyncOrPruneHooks)', async () => {
    const s = await run([configMap('cm')], {
      live: [job('old-hook', { hook: 'PreSync' }), configMap('old-hook-cm', { hook: 'PostSync' })], request: { prune: true },
    })
    expect(s.result.phase).toBe('Succeeded')
    expect(s.result.resources.map(r => r.name)).toEqual(['cm'])
    expect(exists(s, 'Job', 'old-hook')).toBe(true)
    expect(exists(s, 'ConfigMap', 'old-hook-cm')).toBe(true)
    expect(deletes(s.app)).toEqual([])
  })

  it('R8 a sync of nothing but a hook that is not in Git succeeds with no results', async () => {
    const s = await run([], { live: [pod('do-not-prune-me', { hook: 'PreSync' })], request: { prune: true } })
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)', resources: [] })
  })

  it('R9 an object that is both a hook and a managed resource yields only its hook task (TestDeDupingTasks)', async () => {
    const s = await run([configMap('both', { hook: 'Sync', policy: 'HookFailed' })],
      { live: [configMap('both', { hook: 'Sync', policy: 'HookFailed' })], request: { prune: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(s.result.resources).toHaveLength(1)
    expect(s.result.resources[0]).toMatchObject({ name: 'both', hookType: 'Sync', status: 'Synced' })
  })
})

describe('hook names and namespaces', () => {
  it('R24 an unnamed hook is named generateName + rev7-phase-<startedAt unix seconds> (TestUnnamedHooksGetUniqueNames)', async () => {
    const s = await setup([configMap('', { generateName: 'hook-', hook: 'PreSync,PostSync', policy: 'HookFailed' }),
      configMap('cm')])
    await s.sim.advance(90_000)
    const startedAt = s.sim.fake.now()
    const result = await syncAndRun(s)
    const secs = unixSeconds(startedAt)
    const names = result.resources.filter(r => r.name.startsWith('hook-')).map(r => r.name)
    expect(names).toEqual([`hook-abcdef0-presync-${secs}`, `hook-abcdef0-postsync-${secs}`])
    expect(exists(s, 'ConfigMap', `hook-abcdef0-presync-${secs}`)).toBe(true)
    expect(exists(s, 'ConfigMap', `hook-abcdef0-postsync-${secs}`)).toBe(true)
  })

  it('R24 a revision shorter than 8 characters is used whole', async () => {
    const s = await run([configMap('', { generateName: 'h-', hook: 'PreSync', policy: 'HookFailed' })], { revision: 'foobar' })
    expect(s.result.resources[0]?.name).toBe(`h-foobar-presync-${unixSeconds(0)}`)
  })

  it('R24 a managed resource with only generateName stays nameless and fails the dry run (TestManagedResourceAreNotNamed)', async () => {
    const s = await run([configMap('', { generateName: 'plain-' }), configMap('ok')])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply (dry run)' })
    expect(s.result.resources).toEqual([expect.objectContaining({ kind: 'ConfigMap', name: '', status: 'SyncFailed',
      message: 'from plain-: cannot use generate name with apply' })])
    expect(s.sim.fake.list('ConfigMap', 'default')).toEqual([])
  })

  it('R24 two hooks with the same generateName in the same phase collide on one name', async () => {
    const s = await run([configMap('', { generateName: 'x-', hook: 'PreSync', policy: 'HookFailed', data: { a: '1' } }),
      configMap('', { generateName: 'x-', hook: 'PreSync', policy: 'HookFailed', data: { b: '2' } })])
    const name = `x-abcdef0-presync-${unixSeconds(0)}`
    expect(s.result.resources.filter(r => r.name === name)).toHaveLength(1)
    expect(s.sim.fake.list('ConfigMap', 'default').filter(o => o.metadata.name?.startsWith('x-'))).toHaveLength(1)
  })

  it('R25 objects without a namespace get the Application destination namespace (TestObjectsGetANamespace)', async () => {
    const sim = new Simulation({ seed: 't' })
    const app = await sim.createApp('app', 'team-a')
    app.setRevision({ revision: REV, manifests: [configMap('cm'), job('hook', { hook: 'PreSync', command: ['sleep', '1'] }),
      configMap('elsewhere', { namespace: 'default' })] })
    app.sync()
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'team-a', name: 'cm' })).toBeDefined()
    expect(sim.fake.get({ kind: 'Job', namespace: 'team-a', name: 'hook' })).toBeDefined()
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'elsewhere' })).toBeDefined()
    expect(r.resources.map(x => `${x.namespace}/${x.name}`)).toEqual(['team-a/hook', 'team-a/cm', 'default/elsewhere'])
  })
})

describe('hook finalizer and outcome', () => {
  it('R26 a hook is created with the hook finalizer, removed once Argo CD sees it completed', async () => {
    const s = await setup([job('migrate', { hook: 'PreSync', command: ['sleep', '10'] }), configMap('cm')])
    s.app.sync()
    await runUntil(s, () => exists(s, 'Job', 'migrate'))
    expect(live(s, 'Job', 'migrate')?.metadata.finalizers).toContain(HOOK_FINALIZER)
    await s.sim.runOperation(s.app)
    expect(s.app.operations[0]!.result().phase).toBe('Succeeded')
    expect(live(s, 'Job', 'migrate')?.metadata.finalizers ?? []).not.toContain(HOOK_FINALIZER)
  })

  it('R26 R74 a hook deleted by its TTL keeps a deletionTimestamp until observed; its outcome still counts', async () => {
    const hook: KubeObject = job('ttl', { hook: 'PreSync', command: ['sleep', '5'] })
    ;(hook.spec as Record<string, unknown>).ttlSecondsAfterFinished = 0
    const s = await setup([hook, configMap('cm')])
    s.app.sync()
    let sawDeleting = false
    await runUntil(s, () => {
      const j = live(s, 'Job', 'ttl')
      if (j?.metadata.deletionTimestamp && j.metadata.finalizers?.includes(HOOK_FINALIZER)) sawDeleting = true
      return !s.app.operationRunning
    })
    const r = s.app.operations[0]!.result()
    expect(sawDeleting).toBe(true)
    expect(r.phase).toBe('Succeeded')
    expect(resultOf(r.resources, 'Job', 'ttl')?.hookPhase).toBe('Succeeded')
    await s.sim.advance(60_000)
    expect(exists(s, 'Job', 'ttl')).toBe(false)
  })

  it('R28 a hook without health check (ConfigMap) is Succeeded "<name> created" on the tick after it was applied', async () => {
    const s = await run([configMap('cfg', { hook: 'PreSync' }), configMap('cm')])
    const hookEv = eventsOf(s.app, 'hook').find(e => e.name === 'cfg')!
    const appliedAt = eventsOf(s.app, 'apply').find(e => e.name === 'cfg' && !e.dryRun)!.t
    expect(hookEv.hookPhase).toBe('Succeeded')
    expect(hookEv.t).toBeGreaterThan(appliedAt)
    expect(resultOf(s.result.resources, 'ConfigMap', 'cfg')).toMatchObject({ hookPhase: 'Succeeded', message: 'cfg created' })
  })

  it('R28 R29 a Job hook that completes is Succeeded; one that fails is Failed with the Job condition message', async () => {
    const ok = await run([job('ok', { hook: 'Sync', command: ['sleep', '3'] })])
    expect(resultOf(ok.result.resources, 'Job', 'ok')).toMatchObject({ hookPhase: 'Succeeded', status: 'Synced' })
    const bad = await run([job('bad', { hook: 'Sync', command: FAIL })])
    expect(bad.result.phase).toBe('Failed')
    expect(resultOf(bad.result.resources, 'Job', 'bad')).toMatchObject({ hookPhase: 'Failed', status: 'Synced',
      message: 'Job has reached the specified backoff limit' })
  })

  it('R28 R30 a Pod hook whose container exits non-zero is Failed', async () => {
    const s = await run([pod('p', { hook: 'Sync', command: FAIL })])
    expect(s.result.phase).toBe('Failed')
    expect(resultOf(s.result.resources, 'Pod', 'p')?.hookPhase).toBe('Failed')
  })

  it('R27 R26 a hook that exists without BeforeHookCreation is re-applied with kubectl apply (its finalizer put back)', async () => {
    const cm = configMap('keep', { hook: 'Sync', policy: 'HookFailed' })
    const s = await setup([cm])
    await syncAndRun(s)
    await syncAndRun(s)
    const actions = eventsOf(s.app, 'apply').filter(e => !e.dryRun).map(e => `${e.op}:${e.action}`)
    // The completed hook lost its finalizer (R26); the target carries it again, so the apply configures it.
    expect(actions).toEqual(['1:created', '2:configured'])
    expect(deletes(s.app)).toEqual([])
  })
})

describe('delete policies', () => {
  it('R32 a hook with no (or no recognised) policy has BeforeHookCreation: the next sync deletes and re-creates it', async () => {
    const s = await setup([job('plain', { hook: 'PreSync', command: ['sleep', '2'] }),
      job('typo', { hook: 'PreSync', policy: 'hook-succeeded-typo', command: ['sleep', '2'] }), configMap('cm')])
    await syncAndRun(s)
    expect(exists(s, 'Job', 'plain')).toBe(true)
    expect(exists(s, 'Job', 'typo')).toBe(true)
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Succeeded')
    expect(deletes(s.app)).toEqual(['Job/plain:BeforeHookCreation', 'Job/typo:BeforeHookCreation'])
    expect(eventsOf(s.app, 'apply').filter(e => e.op === 2 && !e.dryRun && e.kind === 'Job').map(e => e.action))
      .toEqual(['created', 'created'])
  })

  it('R33 BeforeHookCreation waits for its own group; the tick ends "waiting for deletion of hook", creation comes later', async () => {
    const post = job('post', { hook: 'PostSync', command: ['sleep', '2'] })
    const s = await setup([job('pre', { hook: 'PreSync', policy: 'HookSucceeded', command: ['sleep', '2'] }), configMap('cm'), post])
    await syncAndRun(s)
    expect(exists(s, 'Job', 'post')).toBe(true)
    s.app.sync()
    await s.sim.runOperation(s.app)
    const op2 = s.app.events.filter(e => e.op === 2)
    const del = op2.find(e => e.type === 'delete' && e.name === 'post')!
    const cmApplied = op2.find(e => e.type === 'apply' && !e.dryRun && e.name === 'cm')!
    const postCreated = op2.find(e => e.type === 'apply' && !e.dryRun && e.name === 'post')!
    const gone = op2.find(e => e.type === 'gone' && e.kind === 'Job' && e.name === 'post')!
    expect(del.t).toBeGreaterThan(cmApplied.t) // not before its own (PostSync) group
    expect(gone.t).toBeGreaterThanOrEqual(del.t)
    expect(postCreated.t).toBeGreaterThan(del.t) // a later tick
    expect(postCreated.t).toBeGreaterThanOrEqual(gone.t)
    expect(messages(s.app)).toContain('waiting for deletion of hook batch/Job/post')
    expect(s.app.operations[1]!.result().phase).toBe('Succeeded')
  })

  it('R33 with generateName the name differs per operation, so BeforeHookCreation never removes earlier hooks', async () => {
    const s = await setup([job('', { generateName: 'gen-', hook: 'PreSync', command: ['sleep', '1'] }), configMap('cm')])
    await syncAndRun(s)
    await s.sim.advance(60_000)
    await syncAndRun(s)
    expect(deletes(s.app)).toEqual([])
    expect(s.sim.fake.list('Job', 'default').filter(j => j.metadata.name?.startsWith('gen-'))).toHaveLength(2)
  })

  it('R33 existing hooks lose their finalizer at the start of their group; only the BeforeHookCreation one is deleted (TestSync_ExistingHooksWithFinalizer)', async () => {
    const hooks = [configMap('existing-hook-1', { hook: 'PreSync', policy: 'BeforeHookCreation' }),
      configMap('existing-hook-2', { hook: 'PreSync', policy: 'HookFailed' }),
      configMap('existing-hook-3', { hook: 'PreSync', policy: 'HookSucceeded' })]
    const s = await setup(hooks, { live: hooks.map(h => ({ ...h, metadata: { ...h.metadata, finalizers: [HOOK_FINALIZER] } })) })
    s.app.sync()
    await runUntil(s, () => messages(s.app).includes('waiting for deletion of hook /ConfigMap/existing-hook-1'))
    expect(s.app.currentOperation!.op.phase).toBe('Running')
    expect(deletes(s.app)).toEqual(['ConfigMap/existing-hook-1:BeforeHookCreation'])
    expect(live(s, 'ConfigMap', 'existing-hook-2')?.metadata.finalizers).toBeUndefined()
    expect(live(s, 'ConfigMap', 'existing-hook-3')?.metadata.finalizers).toBeUndefined()
    await s.sim.runOperation(s.app)
    expect(s.app.operations[0]!.result().phase).toBe('Succeeded')
  })

  it('R34 HookSucceeded hooks are deleted only when the whole operation succeeds: a PreSync hook survives Sync and PostSync', async () => {
    const s = await run([job('pre', { hook: 'PreSync', policy: 'HookSucceeded', command: ['sleep', '2'] }),
      job('post', { hook: 'PostSync', command: ['sleep', '2'] }), configMap('cm')])
    expect(s.result.phase).toBe('Succeeded')
    const del = eventsOf(s.app, 'delete').find(e => e.name === 'pre')!
    expect(del.reason).toBe('HookSucceeded')
    expect(del.t).toBe(s.result.finishedAt)
    const postApplied = eventsOf(s.app, 'apply').find(e => e.name === 'post' && !e.dryRun)!
    expect(del.t).toBeGreaterThan(postApplied.t)
  })

  it('R34 if the operation fails, HookSucceeded hooks are not deleted, even those that succeeded', async () => {
    const s = await run([job('pre', { hook: 'PreSync', policy: 'HookSucceeded', command: ['sleep', '1'] }),
      job('boom', { hook: 'Sync', policy: 'HookSucceeded', command: FAIL })])
    expect(s.result.phase).toBe('Failed')
    expect(deletes(s.app)).toEqual([])
    expect(exists(s, 'Job', 'pre')).toBe(true)
    expect(exists(s, 'Job', 'boom')).toBe(true)
  })

  it('R35 HookFailed hooks are deleted when the operation fails, including those that succeeded (TestSync_HooksDeletedAfterSyncFailed)', async () => {
    const s = await run([
      configMap('hook-1', { hook: 'PreSync', policy: 'BeforeHookCreation' }),
      configMap('hook-2', { hook: 'PreSync', policy: 'HookFailed' }),
      configMap('hook-3', { hook: 'PreSync', policy: 'HookSucceeded' }),
      job('hook-4', { hook: 'PreSync', policy: 'HookFailed', command: FAIL }),
    ])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(deletes(s.app).sort()).toEqual(['ConfigMap/hook-2:HookFailed', 'Job/hook-4:HookFailed'])
    expect(exists(s, 'ConfigMap', 'hook-1')).toBe(true)
    expect(exists(s, 'ConfigMap', 'hook-3')).toBe(true)
  })

  it('R34 on success only HookSucceeded hooks are deleted; HookFailed ones are kept (TestSync_HooksDeletedAfterSyncSucceeded)', async () => {
    const s = await run([
      configMap('hook-1', { hook: 'PreSync', policy: 'BeforeHookCreation' }),
      configMap('hook-2', { hook: 'PreSync', policy: 'HookFailed' }),
      configMap('hook-3', { hook: 'PreSync', policy: 'HookSucceeded' }),
    ])
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' })
    expect(deletes(s.app)).toEqual(['ConfigMap/hook-3:HookSucceeded'])
    expect(live(s, 'ConfigMap', 'hook-3')?.metadata.deletionTimestamp).toBeDefined() // R37: not waited for
    expect(live(s, 'ConfigMap', 'hook-1')?.metadata.finalizers).toBeUndefined()
    expect(live(s, 'ConfigMap', 'hook-2')?.metadata.finalizers).toBeUndefined()
  })

  it('R34 nothing is deleted while a hook of the phase is still running (TestSync_HooksNotDeletedIfPhaseNotCompleted)', async () => {
    const s = await setup([
      job('hook-1', { hook: 'PreSync', command: ['sleep', '60'] }),
      configMap('hook-2', { hook: 'PreSync', policy: 'HookFailed' }),
      configMap('hook-3', { hook: 'PreSync', policy: 'HookSucceeded' }),
    ])
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'hook').filter(e => e.hookPhase === 'Succeeded').length === 2)
    expect(s.app.currentOperation!.op.message).toBe('waiting for completion of hook batch/Job/hook-1')
    expect(deletes(s.app)).toEqual([])
    // The completed hooks still carry the finalizer: it is removed only on a tick where nothing runs.
    expect(live(s, 'ConfigMap', 'hook-3')?.metadata.finalizers).toContain(HOOK_FINALIZER)
    await s.sim.runOperation(s.app)
    expect(deletes(s.app)).toEqual(['ConfigMap/hook-3:HookSucceeded'])
  })

  it('R34 a success deletes a HookSucceeded hook left by an earlier operation even though it did not run (GE: not running, live object)', async () => {
    const failHook = configMap('notify', { hook: 'SyncFail', policy: 'HookSucceeded' })
    const s = await setup([failHook, job('boom', { hook: 'Sync', command: FAIL })])
    expect((await syncAndRun(s)).phase).toBe('Failed')
    expect(exists(s, 'ConfigMap', 'notify')).toBe(true) // R44: its own operation failed
    s.app.setRevision({ revision: REV, manifests: [failHook, configMap('cm')] })
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Succeeded')
    expect(deletes(s.app)).toContain('ConfigMap/notify:HookSucceeded')
  })

  it('R37 hook deletions are fire-and-forget: the operation ends while the deleted Job is still going', async () => {
    const s = await run([job('post', { hook: 'PostSync', policy: 'HookSucceeded', command: ['sleep', '2'] }), configMap('cm')])
    expect(s.result.phase).toBe('Succeeded')
    const j = live(s, 'Job', 'post')
    expect(j?.metadata.deletionTimestamp).toBeDefined()
    await s.sim.advance(120_000)
    expect(exists(s, 'Job', 'post')).toBe(false)
  })

  it('R38 a named hook without BeforeHookCreation that still exists Complete is not run again', async () => {
    const s = await setup([job('once', { hook: 'PreSync', policy: 'HookFailed', command: ['sleep', '5'] }), configMap('cm')])
    await syncAndRun(s)
    const podsBefore = s.sim.fake.list('Pod', 'default').length
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Succeeded')
    expect(resultOf(r.resources, 'Job', 'once')).toMatchObject({ hookPhase: 'Succeeded', status: 'Synced' })
    expect(eventsOf(s.app, 'apply').filter(e => e.op === 2 && e.name === 'once' && !e.dryRun).map(e => e.action)).toEqual(['configured'])
    expect(s.sim.fake.list('Pod', 'default').length).toBe(podsBefore) // the Job's status is reused: no new Pod
  })

  it('R38 a named hook without BeforeHookCreation that still exists Failed fails the next sync at once', async () => {
    const s = await setup([job('bad', { hook: 'PreSync', policy: 'HookSucceeded', command: FAIL }), configMap('cm')])
    expect((await syncAndRun(s)).phase).toBe('Failed')
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Failed')
    expect(exists(s, 'ConfigMap', 'cm')).toBe(false)
    expect(s.sim.fake.list('Pod', 'default')).toHaveLength(1)
  })

  // Argo CD's dry run is kubectl's client-side one, which does not see immutable-field errors (R45).
  it('R38 R73 a changed pod template of an existing named hook fails to apply with "field is immutable"', async () => {
    const s = await setup([job('mig', { hook: 'PreSync', policy: 'HookFailed', command: ['sleep', '1'] }), configMap('cm')])
    await syncAndRun(s)
    s.app.setRevision({ revision: REV, manifests: [job('mig', { hook: 'PreSync', policy: 'HookFailed', command: ['sleep', '2'] }), configMap('cm')] })
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Failed')
    expect(resultOf(r.resources, 'Job', 'mig')).toMatchObject({ status: 'SyncFailed' })
    expect(resultOf(r.resources, 'Job', 'mig')?.message).toContain('field is immutable')
  })
})
