// Section B of semantics.md: phases, waves, sort order, one group per tick, gating, success condition, wave delay.
import { describe, expect, it } from 'vitest'
import {
  applied, appliedAt, configMap, deployment, eventsOf, FAIL, job, messages, namespace, pod, resultOf, run, runUntil,
  secret, service, setup, syncAndRun,
} from './helpers.ts'

describe('phases and sort order', () => {
  it('R11 phases run in order PreSync < Sync < PostSync, whatever the waves; prunes run in Sync', async () => {
    const s = await run([
      configMap('post', { hook: 'PostSync', wave: -5 }),
      configMap('sync-hook', { hook: 'Sync', wave: 3 }),
      configMap('res', { wave: 9 }),
      configMap('pre', { hook: 'PreSync', wave: 7 }),
    ], { live: [configMap('gone', { wave: 2 })], request: { prune: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/pre', 'ConfigMap/sync-hook', 'ConfigMap/res', 'ConfigMap/post'])
    expect(eventsOf(s.app, 'phase').map(e => `${e.syncPhase}:${e.wave}`)).toEqual(
      ['PreSync:7', 'Sync:2', 'Sync:3', 'Sync:9', 'PostSync:-5'])
    expect(resultOf(s.result.resources, 'ConfigMap', 'gone')).toMatchObject({ syncPhase: 'Sync', status: 'Pruned' })
  })

  it('R12 inside a group tasks are sorted by kind rank, then by name byte-wise; namespace is not a key', async () => {
    const s = await run([
      job('a-job', { hook: 'Sync', command: ['sleep', '1'] }),
      deployment('web'), service('svc'), pod('zpod', { command: ['sleep', '1'] }),
      configMap('b', { namespace: 'kube-public' }), configMap('a0', { namespace: 'kube-system' }), configMap('a-1'),
      secret('s'),
    ])
    // byte-wise: '-' (0x2d) < '0' (0x30); a locale compare would put a0 first.
    expect(applied(s.app)).toEqual(['Secret/s', 'ConfigMap/a-1', 'ConfigMap/a0', 'ConfigMap/b', 'Service/svc', 'Pod/zpod',
      'Deployment/web', 'Job/a-job'])
  })

  // `kubectl apply --dry-run=client` does not check that the namespace exists (R45).
  it('R13 a Namespace and the objects in it are created in one sync', async () => {
    const s = await run([namespace('fresh'), configMap('inside', { namespace: 'fresh' })])
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['Namespace/fresh', 'ConfigMap/inside'])
  })

  it('R12 unknown kinds (custom resources) come after every known kind', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object',
          'x-kubernetes-preserve-unknown-fields': true } } }] },
    }
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a-widget' }, spec: {} }
    const s = await run([widget, crd, job('z', { hook: 'Sync', command: ['sleep', '1'] }), configMap('cm')])
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/cm', 'CustomResourceDefinition/widgets.example.com', 'Job/z', 'Widget/a-widget'])
  })

  it('R13 a Namespace moves before the first task in it and takes that task\'s phase and wave', async () => {
    const s = await run([namespace('extra', { wave: 5 }), configMap('early', { namespace: 'extra', wave: -1 }),
      configMap('cm', { wave: 0 })], { untracked: [namespace('extra')] })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['Namespace/extra', 'ConfigMap/early', 'ConfigMap/cm'])
    const ns = eventsOf(s.app, 'apply').find(e => e.kind === 'Namespace' && !e.dryRun)!
    expect([ns.syncPhase, ns.wave]).toEqual(['Sync', -1])
  })

  it('R13 a Namespace needed by a PreSync hook is created in PreSync', async () => {
    const s = await run([namespace('jobs'), job('migrate', { namespace: 'jobs', hook: 'PreSync', command: ['sleep', '1'] }),
      configMap('cm')], { untracked: [namespace('jobs')] })
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['Namespace/jobs', 'Job/migrate', 'ConfigMap/cm'])
    expect(resultOf(s.result.resources, 'Namespace', 'jobs')?.syncPhase).toBe('PreSync')
  })
})

describe('groups and gating', () => {
  it('R14 each tick executes at most one (phase, wave) group', async () => {
    const s = await run([configMap('w0', { wave: 0 }), configMap('w1', { wave: 1 }), configMap('w2', { wave: 2 })],
      { waveDelayMs: 0 })
    const groups = eventsOf(s.app, 'phase')
    expect(groups.map(g => g.wave)).toEqual([0, 1, 2])
    expect(new Set(groups.map(g => g.t)).size).toBe(3)
    expect(groups[1]!.t).toBeGreaterThan(groups[0]!.t)
    expect(groups[2]!.t).toBeGreaterThan(groups[1]!.t)
  })

  it('R15 inside a group prunes run first, then BeforeHookCreation deletions end the tick, then applies come later', async () => {
    const hook = configMap('h', { hook: 'Sync' })
    const s = await setup([hook, configMap('cm')], { live: [configMap('old'), hook] })
    const r = await syncAndRun(s, { prune: true })
    expect(r.phase).toBe('Succeeded')
    const del = eventsOf(s.app, 'delete')
    expect(del.map(e => `${e.name}:${e.reason}`)).toEqual(['old:Prune', 'h:BeforeHookCreation'])
    expect(del[0]!.t).toBe(del[1]!.t)
    expect(appliedAt(s.app, 'ConfigMap', 'cm')).toBeGreaterThan(del[1]!.t)
    expect(messages(s.app)).toContain('waiting for deletion of hook /ConfigMap/h')
  })

  it('R15 applies are batched by runs of one kind, in sort order (no health wait inside a group)', async () => {
    const s = await run([deployment('web', { paused: true }), configMap('a'), configMap('b'), service('svc'),
      job('j', { hook: 'Sync', command: ['sleep', '1'] })])
    const ev = eventsOf(s.app, 'apply').filter(e => !e.dryRun)
    expect(ev.map(e => e.name)).toEqual(['a', 'b', 'svc', 'web', 'j'])
    expect(new Set(ev.map(e => e.t)).size).toBe(1)
  })

  it('R16 in a single-step sync a non-hook resource does not gate (a paused Deployment does not block)', async () => {
    const s = await run([deployment('web', { paused: true }), job('hook', { hook: 'Sync', command: ['sleep', '5'] })])
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' })
    expect(resultOf(s.result.resources, 'Deployment', 'web')?.hookPhase).toBe('Running')
  })

  it('R16 in a multi-step sync a Suspended (paused) Deployment blocks the next wave forever', async () => {
    const s = await setup([deployment('web', { paused: true }), configMap('later', { wave: 1 })])
    s.app.sync()
    await s.sim.runOperation(s.app, 10 * 60_000)
    const op = s.app.currentOperation!.op
    expect(op.phase).toBe('Running')
    expect(op.message).toBe('waiting for healthy state of apps/Deployment/web')
    expect(applied(s.app)).toEqual(['Deployment/web'])
  })

  it('R16 SyncFail hooks count for multi-step: with one, a paused Deployment in the hook\'s group gates', async () => {
    const manifests = [deployment('web', { paused: true }), job('hook', { hook: 'Sync', command: ['sleep', '5'] })]
    const s = await setup([...manifests, configMap('on-fail', { hook: 'SyncFail' })])
    s.app.sync()
    await s.sim.runOperation(s.app, 10 * 60_000)
    expect(s.app.currentOperation!.op.phase).toBe('Running')
    expect(s.app.currentOperation!.op.message).toBe('waiting for healthy state of apps/Deployment/web')
  })

  it('R16 a Degraded non-hook resource in a gated group fails the sync; the next wave is never applied', async () => {
    const s = await run([pod('crash', { command: FAIL }), configMap('later', { wave: 1 })])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(resultOf(s.result.resources, 'Pod', 'crash')).toMatchObject({ status: 'Synced', hookPhase: 'Failed' })
    expect(applied(s.app)).toEqual(['Pod/crash'])
  })

  it('R16 a resource with no health check is Succeeded when observed (no gate)', async () => {
    const s = await run([configMap('w0'), configMap('w1', { wave: 1 })])
    expect(resultOf(s.result.resources, 'ConfigMap', 'w0')?.hookPhase).toBe('Succeeded')
    expect(resultOf(s.result.resources, 'ConfigMap', 'w0')?.message).toBe('configmap/w0 created')
  })

  it('R17 a last group without hooks succeeds at apply time: "(all tasks run)", health never checked (TestSyncSuccessfully)', async () => {
    const s = await run([pod('doomed', { command: FAIL }), service('lb', { type: 'LoadBalancer' })],
      { live: [configMap('old')], request: { prune: true } })
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)', finishedAt: 0 })
    expect(resultOf(s.result.resources, 'ConfigMap', 'old')).toMatchObject({ status: 'Pruned', message: 'pruned' })
    expect(resultOf(s.result.resources, 'Pod', 'doomed')).toMatchObject({ status: 'Synced', hookPhase: 'Running' })
    await s.sim.advance(60_000)
    expect(s.sim.fake.health(s.sim.fake.get({ kind: 'Pod', namespace: 'default', name: 'doomed' })!)?.status).toBe('Degraded')
    expect(s.app.operations[0]!.result().phase).toBe('Succeeded')
  })

  it('R17 multi-step: the first wave must be healthy, then the last wave succeeds "(all tasks run)" (TestSyncSuccessfully_Multistep)', async () => {
    const s = await run([service('my-service', { wave: 0 }), service('new-svc-2', { wave: 5 })])
    expect(messages(s.app)).toContain('waiting for healthy state of /Service/my-service')
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)' })
    expect(s.result.resources).toHaveLength(2)
  })

  it('R17 a last group with hooks stays Running until they complete, then "(no more tasks)"', async () => {
    const s = await run([configMap('cm'), job('hook', { hook: 'Sync', command: ['sleep', '10'] })])
    expect(s.result.message).toBe('successfully synced (no more tasks)')
    expect(s.result.finishedAt).toBeGreaterThan(10_000)
  })

  it('R17 a SyncFail hook does not change a successful sync (TestSync_SuccessfulSyncWithSyncFailHook)', async () => {
    const s = await run([pod('my-pod', { command: ['sleep', '1'] }), configMap('hook-1', { hook: 'Sync' }),
      configMap('sync-fail-hook', { hook: 'SyncFail', policy: 'HookSucceeded' })])
    expect(messages(s.app)).toContain('waiting for completion of hook /ConfigMap/hook-1 and 1 more resources')
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' })
    expect(s.result.resources).toHaveLength(2)
    expect(applied(s.app)).not.toContain('ConfigMap/sync-fail-hook')
  })

  it('R18 PostSync hooks start only after every Sync-phase resource is Healthy', async () => {
    const s = await run([deployment('web', { replicas: 2 }), job('post', { hook: 'PostSync', command: ['sleep', '1'] })])
    expect(s.result.phase).toBe('Succeeded')
    const healthy = eventsOf(s.app, 'health').find(e => e.name === 'web' && e.health === 'Healthy')!
    expect(appliedAt(s.app, 'Job', 'post')).toBeGreaterThanOrEqual(healthy.t)
  })

  it('R18 without a PostSync hook the last Sync wave is not health-gated', async () => {
    const s = await run([configMap('cm'), deployment('web', { wave: 1, paused: true })])
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (all tasks run)' })
  })

  it('R19 a Degraded resource in a last group that has hooks fails even a single-step sync', async () => {
    const s = await run([pod('crash', { command: FAIL }), job('hook', { hook: 'Sync', command: ['sleep', '30'] })])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(resultOf(s.result.resources, 'Pod', 'crash')?.hookPhase).toBe('Failed')
    expect(resultOf(s.result.resources, 'Job', 'hook')?.hookPhase).toBe('Succeeded')
  })

  it('R19 a Progressing resource in such a group is simply ignored in a single-step sync', async () => {
    const s = await run([deployment('web', { image: 'nginx' }), job('hook', { hook: 'Sync', command: ['sleep', '1'] })])
    expect(s.result.phase).toBe('Succeeded')
  })

  it('R20 after a non-final group the tick sleeps the wave delay (counted from apply); none after the final group', async () => {
    const s = await run([configMap('w0'), configMap('w1', { wave: 1 }), configMap('w2', { wave: 2 })], { waveDelayMs: 7000 })
    const t0 = appliedAt(s.app, 'ConfigMap', 'w0')!
    const t1 = appliedAt(s.app, 'ConfigMap', 'w1')!
    const t2 = appliedAt(s.app, 'ConfigMap', 'w2')!
    expect(t1 - t0).toBeGreaterThanOrEqual(7000)
    expect(t2 - t1).toBeGreaterThanOrEqual(7000)
    expect(s.result.finishedAt).toBe(t2)
    const ops = eventsOf(s.app, 'operation')
    const afterW0 = ops.find(e => e.t > t0 && e.message?.startsWith('waiting'))!
    expect(afterW0.t).toBe(t0 + 7000)
  })

  it('R20 no wave delay after a failed apply', async () => {
    const s = await setup([configMap('w0'), configMap('w1', { wave: 1 })], { waveDelayMs: 7000 })
    const { failApply } = await import('./helpers.ts')
    failApply(s, { w0: 'boom' })
    const r = await syncAndRun(s)
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply, reason: boom', finishedAt: 0 })
  })

  it('R22 empty phases are skipped: without PreSync hooks the Sync phase starts at once', async () => {
    const s = await run([configMap('cm'), job('post', { hook: 'PostSync', command: ['sleep', '1'] })])
    expect(appliedAt(s.app, 'ConfigMap', 'cm')).toBe(0)
    expect(eventsOf(s.app, 'phase')[0]).toMatchObject({ syncPhase: 'Sync', wave: 0, t: 0 })
  })

  it('R23 every group of every sync is applied from the first: synced resources are re-applied (unchanged)', async () => {
    const s = await setup([configMap('a', { wave: 0 }), configMap('b', { wave: 1 })])
    await syncAndRun(s)
    const r = await syncAndRun(s)
    expect(r.phase).toBe('Succeeded')
    expect(eventsOf(s.app, 'apply').filter(e => e.op === 2 && !e.dryRun).map(e => `${e.name}:${e.action}`))
      .toEqual(['a:unchanged', 'b:unchanged'])
  })

  it('R23 ApplyOutOfSyncOnly=true skips unmodified non-hook resources; hooks still run', async () => {
    const s = await setup([configMap('a'), configMap('b'), configMap('h', { hook: 'Sync', policy: 'HookFailed' })])
    await syncAndRun(s)
    s.app.setRevision({ revision: 'x', manifests: [configMap('a', { data: { k: 'changed' } }), configMap('b'),
      configMap('h', { hook: 'Sync', policy: 'HookFailed' })] })
    await syncAndRun(s, { options: { applyOutOfSyncOnly: true } })
    expect(eventsOf(s.app, 'apply').filter(e => e.op === 2 && !e.dryRun).map(e => e.name)).toEqual(['a', 'h'])
  })

  it('R21 a ConfigMap hook needs two ticks: applied, then observed Succeeded on a later tick', async () => {
    const s = await setup([configMap('cfg', { hook: 'Sync' })])
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'apply').some(e => !e.dryRun))
    expect(s.app.currentOperation!.op.message).toBe('waiting for completion of hook /ConfigMap/cfg')
    await s.sim.runOperation(s.app)
    const ev = eventsOf(s.app, 'hook')[0]!
    expect(ev.t).toBeGreaterThan(appliedAt(s.app, 'ConfigMap', 'cfg')!)
  })
})
