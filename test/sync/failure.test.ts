// Section D of semantics.md: failed hooks, failed applies, the SyncFail phase, the dry run, missing resources and
// invalid tasks.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import {
  applied, appliedAt, configMap, deletes, deployment, eventsOf, exists, FAIL, failApply, job, messages, pod, resultOf,
  run, runUntil, setup, syncAndRun,
} from './helpers.ts'

describe('a failing task fails the sync', () => {
  it('R39 a failing PreSync hook: no Sync resource applied, no PostSync, HookFailed hooks deleted, SyncFail hooks run', async () => {
    const s = await run([
      job('pre', { hook: 'PreSync', policy: 'HookFailed', command: FAIL }),
      configMap('cm'), job('post', { hook: 'PostSync', command: ['sleep', '1'] }),
      configMap('on-fail', { hook: 'SyncFail' }),
    ])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(applied(s.app)).toEqual(['Job/pre', 'ConfigMap/on-fail'])
    expect(deletes(s.app)).toEqual(['Job/pre:HookFailed'])
    expect(resultOf(s.result.resources, 'ConfigMap', 'on-fail')).toMatchObject({ hookType: 'SyncFail', hookPhase: 'Succeeded' })
  })

  it('R39 a missing resource counts as a failed task (see R46)', async () => {
    const s = await setup([deployment('web', { paused: true }), configMap('later', { wave: 1 })])
    s.app.sync()
    await runUntil(s, () => exists(s, 'Deployment', 'web'))
    s.sim.fake.delete({ kind: 'Deployment', namespace: 'default', name: 'web' }, { propagationPolicy: 'Background' })
    await s.sim.runOperation(s.app)
    expect(s.app.operations[0]!.result().phase).toBe('Failed')
    expect(applied(s.app)).toEqual(['Deployment/web'])
  })

  it('R40 a missing namespace is an apply failure of the wet run (the client-side dry run does not see it)', async () => {
    const s = await run([configMap('lost', { namespace: 'does-not-exist' })])
    expect(s.result).toMatchObject({ phase: 'Failed',
      message: 'one or more objects failed to apply, reason: namespaces "does-not-exist" not found' })
  })

  it('R40 an apply failure with nothing else running and no SyncFail hooks fails in the same tick', async () => {
    const s = await setup([configMap('bad'), configMap('later', { wave: 1 })])
    failApply(s, { bad: 'namespace not found' })
    const r = await syncAndRun(s)
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply, reason: namespace not found',
      finishedAt: 0 })
    expect(resultOf(r.resources, 'ConfigMap', 'bad')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed',
      message: 'namespace not found' })
  })

  it('R40 the other tasks of the group were still applied; a running one keeps the operation Running', async () => {
    const s = await setup([configMap('bad'), configMap('ok'), job('hook', { hook: 'Sync', command: ['sleep', '10'] }),
      configMap('later', { wave: 1 })])
    failApply(s, { bad: 'boom' })
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'apply').some(e => !e.dryRun))
    expect(s.app.currentOperation!.op.phase).toBe('Running')
    expect(s.app.currentOperation!.op.message).toBe('waiting for completion of hook batch/Job/hook and 1 more resources')
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully, reason: boom' })
    expect(applied(s.app)).toEqual(['ConfigMap/ok', 'Job/hook'])
    expect(r.finishedAt).toBeGreaterThan(10_000)
  })

  it('R40 with SyncFail hooks they start at once while the group\'s running tasks finish', async () => {
    const s = await setup([configMap('bad'), job('hook', { hook: 'Sync', command: ['sleep', '10'] }),
      job('on-fail', { hook: 'SyncFail', command: ['sleep', '3'] })])
    failApply(s, { bad: 'boom' })
    const r = await syncAndRun(s)
    expect(appliedAt(s.app, 'Job', 'on-fail')).toBe(appliedAt(s.app, 'Job', 'hook'))
    expect(messages(s.app)).toContain('waiting for completion of hook batch/Job/hook and 1 more hooks')
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully, reason: boom' })
    expect(resultOf(r.resources, 'Job', 'on-fail')?.hookPhase).toBe('Succeeded')
    expect(resultOf(r.resources, 'Job', 'hook')?.hookPhase).toBe('Succeeded')
  })

  it('R40 R43 SyncFail hooks: one fails to apply, the other still runs (TestSync_FailedSyncWithSyncFailHook_ApplyFailed)', async () => {
    const s = await setup([pod('my-pod'), configMap('successful-sync-fail-hook', { hook: 'SyncFail' }),
      configMap('failed-sync-fail-hook', { hook: 'SyncFail' })])
    failApply(s, { 'my-pod': 'fake pod failure', 'failed-sync-fail-hook': 'fake hook failure' })
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'apply').some(e => !e.dryRun))
    const op = s.app.currentOperation!.op
    expect(op.phase).toBe('Running')
    expect(op.message).toBe('waiting for completion of hook /ConfigMap/failed-sync-fail-hook and 1 more hooks')
    let results = s.app.operations[0]!.result().resources
    expect(results).toHaveLength(3)
    expect(resultOf(results, 'Pod', 'my-pod')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' })
    expect(resultOf(results, 'ConfigMap', 'failed-sync-fail-hook')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' })
    expect(resultOf(results, 'ConfigMap', 'successful-sync-fail-hook')).toMatchObject({ status: 'Synced', hookPhase: 'Running' })
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r.phase).toBe('Failed')
    expect(r.message).toBe('one or more synchronization tasks completed unsuccessfully, reason: fake pod failure\n' +
      'one or more SyncFail hooks failed, reason: fake hook failure')
    results = r.resources
    expect(resultOf(results, 'ConfigMap', 'successful-sync-fail-hook')).toMatchObject({ status: 'Synced', hookPhase: 'Succeeded' })
  })

  it('R40 the same failure message of several tasks is given once (Test_executeSyncFailPhase_DuplicatedMessages)', async () => {
    const s = await setup([configMap('a'), configMap('b')])
    failApply(s, { a: 'namespace not found', b: 'namespace not found' })
    const r = await syncAndRun(s)
    expect(r.message).toBe('one or more objects failed to apply, reason: namespace not found')
  })

  it('R41 a hook failure gives the message without reason (TestSync_FailedSyncWithSyncFailHook_HookFailed)', async () => {
    const s = await run([pod('my-pod', { command: ['sleep', '1'] }), job('hook-1', { hook: 'Sync', command: FAIL }),
      configMap('sync-fail-hook', { hook: 'SyncFail', policy: 'HookSucceeded' })])
    expect(messages(s.app)).toContain('waiting for completion of hook batch/Job/hook-1 and 1 more resources')
    expect(messages(s.app)).toContain('waiting for completion of hook /ConfigMap/sync-fail-hook')
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(s.result.resources).toHaveLength(3)
  })

  it('R42 all SyncFail hooks start in one batch, whatever their waves; the operation waits for them all', async () => {
    const s = await run([job('boom', { hook: 'Sync', command: FAIL }),
      job('notify-late', { hook: 'SyncFail', wave: 5, command: ['sleep', '20'] }),
      job('notify-early', { hook: 'SyncFail', wave: -3, command: ['sleep', '2'] })])
    expect(s.result.phase).toBe('Failed')
    const early = appliedAt(s.app, 'Job', 'notify-early')!
    expect(appliedAt(s.app, 'Job', 'notify-late')).toBe(early)
    expect(eventsOf(s.app, 'apply').filter(e => !e.dryRun && e.syncPhase === 'SyncFail').map(e => e.name))
      .toEqual(['notify-early', 'notify-late'])
    expect(s.result.finishedAt! - early).toBeGreaterThan(20_000)
  })

  it('R42 SyncFail hooks never run on success', async () => {
    const s = await run([configMap('cm'), configMap('on-fail', { hook: 'SyncFail' })])
    expect(s.result.phase).toBe('Succeeded')
    expect(applied(s.app)).toEqual(['ConfigMap/cm'])
  })

  it('R43 a SyncFail Job that runs and fails only gets hookPhase Failed; the message is unchanged', async () => {
    const s = await run([job('boom', { hook: 'PreSync', command: FAIL }), job('notify', { hook: 'SyncFail', command: FAIL })])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully' })
    expect(resultOf(s.result.resources, 'Job', 'notify')).toMatchObject({ status: 'Synced', hookPhase: 'Failed' })
  })

  it('R44 a SyncFail hook with HookSucceeded is never deleted by its own operation (which always fails)', async () => {
    const s = await run([job('boom', { hook: 'Sync', command: FAIL }),
      configMap('slack', { hook: 'SyncFail', policy: 'HookSucceeded' })])
    expect(s.result.phase).toBe('Failed')
    expect(resultOf(s.result.resources, 'ConfigMap', 'slack')?.hookPhase).toBe('Succeeded')
    expect(exists(s, 'ConfigMap', 'slack')).toBe(true)
    expect(deletes(s.app)).toEqual([])
  })

  it('R35 R42 a SyncFail hook with HookFailed is deleted once the SyncFail phase is done', async () => {
    const s = await run([job('boom', { hook: 'Sync', command: FAIL }),
      configMap('slack', { hook: 'SyncFail', policy: 'HookFailed' })])
    expect(s.result.phase).toBe('Failed')
    expect(deletes(s.app)).toEqual(['ConfigMap/slack:HookFailed'])
  })
})

/** A Pod without containers: the API server (and kubectl's schema validation) rejects it. */
function invalidPod(name: string, hook?: string, wave?: number): KubeObject {
  const p = pod(name, { ...(hook ? { hook } : {}), ...(wave !== undefined ? { wave } : {}) })
  return { ...p, spec: { containers: [] } }
}

/** Makes the dry run fail for the named objects (as gitops-engine's tests mock kubectl). */
function failDryRun(s: Awaited<ReturnType<typeof setup>>, names: Record<string, string>): void {
  const cluster = s.sim.cluster as { apply: typeof s.sim.cluster.apply }
  const original = cluster.apply
  cluster.apply = async (obj, opts) => {
    const msg = names[obj.metadata.name ?? '']
    if (msg !== undefined && opts?.dryRun) throw new Error(msg)
    return original(obj, opts)
  }
}

describe('dry run, missing resources, invalid tasks', () => {
  it('R45 the first tick dry-runs every task; a failure fails the operation, nothing is created, no SyncFail', async () => {
    const s = await run([job('pre', { hook: 'PreSync', command: ['sleep', '1'] }), configMap('ok'),
      configMap('', { generateName: 'broken-' }), configMap('on-fail', { hook: 'SyncFail' })])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply (dry run)', finishedAt: 0 })
    expect(s.result.resources.map(r => [r.name, r.status, r.hookPhase])).toEqual([['', 'SyncFailed', 'Failed']])
    expect(s.result.resources[0]?.message).toBe('from broken-: cannot use generate name with apply') // R24
    expect(applied(s.app)).toEqual([])
    expect(exists(s, 'Job', 'pre')).toBe(false)
    expect(exists(s, 'ConfigMap', 'ok')).toBe(false)
  })

  it('R45 the dry run covers hooks of every phase, SyncFail included', async () => {
    const s = await setup([configMap('cm'), configMap('on-fail', { hook: 'SyncFail' })])
    failDryRun(s, { 'on-fail': 'invalid object failing dry-run' })
    const r = await syncAndRun(s)
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply (dry run)' })
    expect(r.resources.map(x => [x.name, x.message])).toEqual([['on-fail', 'invalid object failing dry-run']])
  })

  it('R45 R76 the dry run is client-side: what only the API server refuses passes it and fails the real apply', async () => {
    const always = job('bad', { wave: 1 })
    const spec = always.spec as { template: { spec: Record<string, unknown> } }
    spec.template.spec['restartPolicy'] = 'Always'
    const s = await run([configMap('first'), always, invalidPod('no-containers', undefined, 1),
      configMap('typo', { wave: 1, data: { k: 'v' } })])
    expect(applied(s.app)).toEqual(['ConfigMap/first', 'ConfigMap/typo'])
    expect(resultOf(s.result.resources, 'Job', 'bad')).toMatchObject({ status: 'SyncFailed',
      message: 'Job.batch "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"' })
    expect(resultOf(s.result.resources, 'Pod', 'no-containers')?.message).toBe(
      'Pod "no-containers" is invalid: spec.containers: Required value')
    expect(s.result.phase).toBe('Failed')
    // R40: the ConfigMap of the same group was still running, so the operation failed on a later tick.
    expect(s.result.message).toMatch(/^one or more synchronization tasks completed unsuccessfully, reason: .*Job\.batch "bad" is invalid/)
  })

  it('R76 an unknown field passes the client dry run and fails the real apply with strict decoding (R79)', async () => {
    const cm = { ...configMap('odd'), spec: { k: 'v' } }
    const s = await run([cm])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply, reason: ' +
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"' })
  })

  it('R46 a running task whose object disappeared fails: SyncFailed/Error "is missing" (TestSync_MultistepResourceDeletionMidstep)', async () => {
    const s = await setup([pod('pod-1', { wave: 1, command: ['sleep', '3600'], restartPolicy: 'Always' }),
      pod('pod-2', { wave: 2 })])
    s.app.sync()
    await runUntil(s, () => exists(s, 'Pod', 'pod-1'))
    let r = s.app.operations[0]!.result()
    expect(r.resources.map(x => [x.name, x.status, x.hookPhase])).toEqual([['pod-1', 'Synced', 'Running']])
    s.sim.fake.delete({ kind: 'Pod', namespace: 'default', name: 'pod-1' }, { gracePeriodSeconds: 0 } as never)
    await runUntil(s, () => resultOf(s.app.operations[0]!.result().resources, 'Pod', 'pod-1')?.hookPhase === 'Error')
    r = s.app.operations[0]!.result()
    expect(r.phase).toBe('Running')
    expect(resultOf(r.resources, 'Pod', 'pod-1')).toMatchObject({ status: 'SyncFailed', hookPhase: 'Error',
      message: 'Resource /Pod/pod-1 is missing, it might have been deleted' })
    const t = s.sim.fake.now()
    await s.sim.runOperation(s.app)
    r = s.app.operations[0]!.result()
    // R41: the missing resource is SyncFailed, so its message is the reason.
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more synchronization tasks completed unsuccessfully, ' +
      'reason: Resource /Pod/pod-1 is missing, it might have been deleted' })
    expect(r.finishedAt).toBeGreaterThan(t)
    expect(applied(s.app)).toEqual(['Pod/pod-1'])
  })

  it('R47 a kind the API server does not serve makes the task invalid: Failed before any apply, no SyncFail', async () => {
    const s = await run([configMap('cm'), { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } },
      configMap('on-fail', { hook: 'SyncFail' })])
    expect(s.result.phase).toBe('Failed')
    expect(s.result.message).toBe('one or more synchronization tasks are not valid: failed to discover server resources ' +
      'for group version example.com/v1: the server could not find the requested resource')
    expect(eventsOf(s.app, 'apply')).toEqual([])
    expect(resultOf(s.result.resources, 'Widget', 'w')).toMatchObject({ status: 'SyncFailed' })
    expect(resultOf(s.result.resources, 'Widget', 'w')?.hookPhase).toBeUndefined()
  })

  it('R47 an unknown kind of a served group version names the kind', async () => {
    const s = await run([{ apiVersion: 'apps/v1', kind: 'Gadget', metadata: { name: 'g' } }])
    expect(s.result.phase).toBe('Failed')
    expect(s.result.message).toMatch(/^one or more synchronization tasks are not valid: /)
  })

  it('R47 a custom resource whose CRD is in the same sync is valid (dry run skipped for it)', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
      spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object',
          'x-kubernetes-preserve-unknown-fields': true } } }] },
    }
    const s = await run([crd, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} }])
    expect(s.result.phase).toBe('Succeeded')
    expect(exists(s, 'Widget', 'w')).toBe(true)
  })
})
