// Section G of semantics.md: operation phases, per-resource results, transitions and Argo CD's exact messages.
import { describe, expect, it } from 'vitest'
import {
  configMap, deployment, eventsOf, FAIL, failApply, job, messages, pod, resultOf, run, runUntil, setup, syncAndRun,
} from './helpers.ts'

describe('results', () => {
  it('R56 an operation is Running, then completed as Succeeded, Failed or Error', async () => {
    const ok = await run([configMap('cm')])
    expect(eventsOf(ok.app, 'operation').map(e => e.phase)).toEqual(['Running', 'Running', 'Succeeded'])
    const bad = await run([job('x', { hook: 'Sync', command: FAIL })])
    expect(eventsOf(bad.app, 'operation').at(-1)?.phase).toBe('Failed')
  })

  it('R57 a result names the resource, its status, hook type and phase, sync phase, message and images', async () => {
    const s = await run([job('migrate', { hook: 'PreSync', command: ['sleep', '1'] }), deployment('web')])
    expect(s.result.resources).toEqual([
      { group: 'batch', version: 'v1', kind: 'Job', namespace: 'default', name: 'migrate', status: 'Synced',
        hookType: 'PreSync', hookPhase: 'Succeeded', syncPhase: 'PreSync', message: 'Reached expected number of succeeded pods',
        images: ['busybox'] },
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'default', name: 'web', status: 'Synced',
        hookPhase: 'Running', syncPhase: 'Sync', message: 'deployment.apps/web created', images: ['nginx'] },
    ])
  })

  it('R57 results are listed in the order of their first apply or prune', async () => {
    const s = await run([configMap('z', { wave: -1 }), configMap('a', { wave: 1 }), configMap('m', { hook: 'PreSync' })],
      { live: [configMap('old', { wave: 0 })], request: { prune: true } })
    expect(s.result.resources.map(r => r.name)).toEqual(['m', 'z', 'old', 'a'])
  })

  it('R58 apply OK -> Synced/Running with kubectl\'s message; a hook then Running -> Succeeded', async () => {
    const s = await setup([job('migrate', { hook: 'Sync', command: ['sleep', '5'] })])
    s.app.sync()
    await runUntil(s, () => eventsOf(s.app, 'apply').some(e => !e.dryRun))
    expect(resultOf(s.app.operations[0]!.result().resources, 'Job', 'migrate')).toMatchObject({ status: 'Synced',
      hookPhase: 'Running', message: 'job.batch/migrate created' })
    await s.sim.runOperation(s.app)
    expect(resultOf(s.app.operations[0]!.result().resources, 'Job', 'migrate')?.hookPhase).toBe('Succeeded')
  })

  it('R58 apply error -> SyncFailed/Failed with the error as message', async () => {
    const s = await setup([configMap('cm')])
    failApply(s, { cm: 'the server is on fire' })
    const r = await syncAndRun(s)
    expect(r.resources).toEqual([expect.objectContaining({ status: 'SyncFailed', hookPhase: 'Failed', message: 'the server is on fire' })])
  })

  it('R58 non-hook resources of the final group keep hookPhase Running in a Succeeded operation', async () => {
    const s = await run([configMap('w0'), deployment('web', { wave: 1 })])
    expect(s.result.phase).toBe('Succeeded')
    expect(resultOf(s.result.resources, 'ConfigMap', 'w0')?.hookPhase).toBe('Succeeded')
    expect(resultOf(s.result.resources, 'Deployment', 'web')?.hookPhase).toBe('Running')
  })
})

describe('R59 messages (Test_setRunningPhase, through real syncs)', () => {
  const waitMessage = async (manifests: Parameters<typeof setup>[0], opts: Parameters<typeof setup>[1] = {}) => {
    const s = await setup(manifests, opts)
    s.app.sync({ prune: true })
    // (after a non-final group the message is set once the wave delay is over)
    await runUntil(s, () => s.app.currentOperation!.op.message.startsWith('waiting'))
    return s.app.currentOperation!.op.message
  }

  it('R59 single hook: "waiting for completion of hook /Pod/hook-1"', async () => {
    expect(await waitMessage([pod('hook-1', { hook: 'Sync' })])).toBe('waiting for completion of hook /Pod/hook-1')
  })

  it('R59 several hooks: "... and 1 more hooks"', async () => {
    expect(await waitMessage([pod('hook-1', { hook: 'Sync' }), pod('hook-2', { hook: 'Sync' })]))
      .toBe('waiting for completion of hook /Pod/hook-1 and 1 more hooks')
  })

  it('R59 hooks and resources: the hook is named first, "... and 2 more resources"', async () => {
    expect(await waitMessage([pod('pod-1'), pod('hook-1', { hook: 'Sync' }), pod('pod-2')]))
      .toBe('waiting for completion of hook /Pod/hook-1 and 2 more resources')
  })

  it('R59 resources of a multi-step sync: "waiting for healthy state of /Pod/pod-1 and 2 more resources"', async () => {
    expect(await waitMessage([pod('pod-1'), pod('pod-2'), pod('pod-3'), configMap('later', { wave: 1 })]))
      .toBe('waiting for healthy state of /Pod/pod-1 and 2 more resources')
  })

  it('R59 a core kind has an empty group; other kinds are named by group', async () => {
    expect(await waitMessage([deployment('web'), configMap('later', { wave: 1 })]))
      .toBe('waiting for healthy state of apps/Deployment/web')
  })

  it('R59 hooks being deleted before creation: "waiting for deletion of hook /ConfigMap/hook-1 and 1 more hooks"', async () => {
    const hooks = [configMap('hook-1', { hook: 'Sync' }), configMap('hook-2', { hook: 'Sync' })]
    expect(await waitMessage(hooks, { live: hooks })).toBe('waiting for deletion of hook /ConfigMap/hook-1 and 1 more hooks')
  })

  it('R59 pruned objects being deleted: "waiting for deletion of /Pod/pod-1 and 2 more resources"', async () => {
    const pods = ['pod-1', 'pod-2', 'pod-3'].map(n => pod(n, { command: ['sleep', '3600'], restartPolicy: 'Always' }))
    const s = await setup([configMap('later', { wave: 1 })], { live: pods })
    await s.sim.advance(20_000)
    s.app.sync({ prune: true })
    await runUntil(s, () => messages(s.app).some(m => m.startsWith('waiting for deletion')))
    expect(messages(s.app)).toContain('waiting for deletion of /Pod/pod-1 and 2 more resources')
  })

  it('R59 the success and failure messages', async () => {
    expect((await run([configMap('a')])).result.message).toBe('successfully synced (all tasks run)')
    expect((await run([configMap('a', { hook: 'Sync' })])).result.message).toBe('successfully synced (no more tasks)')
    expect((await run([job('x', { hook: 'Sync', command: FAIL })])).result.message)
      .toBe('one or more synchronization tasks completed unsuccessfully')
  })

  it('R59 "one or more tasks are running" while a group is being applied', async () => {
    const s = await run([configMap('a')])
    expect(messages(s.app)[0]).toBe('one or more tasks are running')
  })
})
