// How objects are written: Replace and Force (R55, R77), ServerSideApply (R78), Validate=false (R79). The cases
// follow gitops-engine's TestSync_Replace, TestSync_ServerSideApply, TestSyncContext_ServerSideApplyWithDryRun,
// TestSync_Force and TestSyncOptionValidate, checked here by what the cluster and the result show.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { configMap, job, live, namespace, pod, resultOf, run, setup, syncAndRun } from './helpers.ts'

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'
const managers = (obj: KubeObject | undefined) =>
  ((obj?.metadata as { managedFields?: Array<{ manager: string; operation: string }> })?.managedFields ?? [])
    .map(m => `${m.manager}:${m.operation}`)

describe('R78 ServerSideApply (TestSync_ServerSideApply)', () => {
  it('R78 without the option a plain kubectl apply: "created", last-applied annotation, no managed fields', async () => {
    const s = await run([configMap('a')])
    expect(s.result.resources[0]?.message).toBe('configmap/a created')
    expect(live(s, 'ConfigMap', 'a')?.metadata.annotations?.[LAST_APPLIED]).toBeDefined()
    expect(managers(live(s, 'ConfigMap', 'a'))).toEqual([])
  })

  it('R78 the annotation ServerSideApply=true: "serverside-applied", field manager argocd-controller, no last-applied', async () => {
    const s = await run([configMap('a', { syncOptions: 'ServerSideApply=true' })])
    expect(s.result).toMatchObject({ phase: 'Succeeded' })
    expect(s.result.resources[0]?.message).toBe('configmap/a serverside-applied')
    expect(live(s, 'ConfigMap', 'a')?.metadata.annotations?.[LAST_APPLIED]).toBeUndefined()
    expect(managers(live(s, 'ConfigMap', 'a'))).toEqual(['argocd-controller:Apply'])
  })

  it('R78 the app option applies every object server-side; the annotation ServerSideApply=false opts one out', async () => {
    const s = await run([configMap('a'), configMap('b', { syncOptions: 'ServerSideApply=false' }),
      job('j', { command: ['true'] })], { request: { options: { serverSideApply: true } } })
    expect(s.result.resources.map(r => r.message)).toEqual([
      'configmap/a serverside-applied', 'configmap/b created', 'job.batch/j serverside-applied'])
  })

  it('R78 a field the manager set and the manifest dropped is removed; fields of other managers stay', async () => {
    const s = await setup([configMap('a', { data: { one: '1', two: '2' }, syncOptions: 'ServerSideApply=true' })],
      { live: [configMap('a', { data: { mine: 'kept' } })] })
    await syncAndRun(s)
    expect(live(s, 'ConfigMap', 'a')?.data).toEqual({ mine: 'kept', one: '1', two: '2' })
    s.app.setRevision({ revision: 'r2', manifests: [configMap('a', { data: { one: '1' }, syncOptions: 'ServerSideApply=true' })] })
    const r = await syncAndRun(s)
    expect(r.resources[0]?.message).toBe('configmap/a serverside-applied')
    expect(live(s, 'ConfigMap', 'a')?.data).toEqual({ mine: 'kept', one: '1' })
  })

  it('R78 R45 the dry run stays client-side (TestSyncContext_ServerSideApplyWithDryRun)', async () => {
    const s = await run([configMap('a', { syncOptions: 'ServerSideApply=true' })], { request: { dryRun: true } })
    expect(s.result.resources[0]?.message).toBe('configmap/a created (dry run)')
    expect(live(s, 'ConfigMap', 'a')).toBeUndefined()
  })

  it('R77 Replace beats ServerSideApply: a live object is replaced, a live Namespace updated', async () => {
    const s = await run([configMap('a', { syncOptions: 'ServerSideApply=true,Replace=true', data: { k: 'new' } }),
      namespace('extra', { syncOptions: 'ServerSideApply=true,Replace=true' })],
    { live: [configMap('a'), namespace('extra')] })
    expect(resultOf(s.result.resources, 'ConfigMap', 'a')?.message).toBe('configmap/a replaced')
    expect(resultOf(s.result.resources, 'Namespace', 'extra')?.message).toBe('Namespace/extra updated')
    expect(managers(live(s, 'ConfigMap', 'a'))).toEqual([])
  })

  it('R77 Force with ServerSideApply fails every real apply (kubectl option validation), not the dry run', async () => {
    const s = await run([configMap('a', { syncOptions: 'ServerSideApply=true,Force=true' })])
    expect(s.result).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply, reason: ' +
      'error validating options: --force cannot be used with --server-side' })
  })
})

describe('R55 R77 Replace and Force (TestSync_Replace, TestSync_Force)', () => {
  const changedJob = (name: string, syncOptions?: string) =>
    job(name, { command: ['sh', '-c', 'echo v2'], ...(syncOptions ? { syncOptions } : {}) })

  it('R55 Replace=true: create when absent, replace when live (annotation on the target or on the live object)', async () => {
    const s = await run([configMap('new', { syncOptions: 'Replace=true' }), configMap('t', { syncOptions: 'Replace=true' }),
      configMap('l')], { live: [configMap('t'), configMap('l', { syncOptions: 'Replace=true' })] })
    expect(s.result.resources.map(r => r.message)).toEqual(['configmap/l replaced', 'configmap/new created', 'configmap/t replaced'])
    expect(live(s, 'ConfigMap', 't')?.metadata.annotations?.[LAST_APPLIED]).toBeUndefined()
  })

  it('R55 Replace alone still fails on an immutable field', async () => {
    const s = await run([changedJob('j', 'Replace=true')], { live: [job('j', { command: ['true'] })] })
    expect(s.result.phase).toBe('Failed')
    expect(s.result.resources[0]?.message).toMatch(/^Job\.batch "j" is invalid: .*spec\.template: .*field is immutable/)
  })

  it('R55 R77 Force=true alone: apply; only a rejected patch is deleted and created again ("configured")', async () => {
    const s = await run([changedJob('j', 'Force=true'), configMap('c', { syncOptions: 'Force=true' })],
      { live: [job('j', { command: ['true'] })] })
    expect(s.result).toMatchObject({ phase: 'Succeeded' })
    expect(s.result.resources.map(r => r.message)).toEqual(['configmap/c created', 'job.batch/j configured'])
  })

  it('R77 Force=true on the live object counts as on the target (TestSync_Force ForceReplaceAnnotationIsSetOnLive)', async () => {
    const s = await run([changedJob('j')], { live: [job('j', { command: ['true'], syncOptions: 'Force=true' })] })
    expect(s.result).toMatchObject({ phase: 'Succeeded' })
    expect(s.result.resources[0]?.message).toBe('job.batch/j configured')
  })

  it('R55 Force=true: an object still terminating after the delete fails "context deadline exceeded"', async () => {
    const s = await run([changedJob('j', 'Force=true')],
      { live: [job('j', { command: ['true'], finalizers: ['example.com/keep'] })] })
    expect(s.result).toMatchObject({ phase: 'Failed',
      message: 'one or more objects failed to apply, reason: context deadline exceeded' })
    expect(live(s, 'Job', 'j')?.metadata.deletionTimestamp).toBeDefined()
  })

  it('R77 the operation\'s force (argocd app sync --force) counts; an app-level Force=true option does not', async () => {
    for (const [request, phase] of [[{ force: true }, 'Succeeded'], [{ options: { force: true } }, 'Failed']] as const) {
      const s = await run([changedJob('j')], { live: [job('j', { command: ['true'] })], request })
      expect(s.result.phase).toBe(phase)
    }
  })

  it('R55 Replace with Force: kubectl replace --force deletes, waits until the running Pod is gone, creates ("replaced")', async () => {
    const s = await setup([pod('p', { command: ['sleep', '3600'], syncOptions: 'Replace=true,Force=true' })],
      { live: [pod('p', { command: ['sleep', '3600'] })] })
    await s.sim.advance(10_000)
    const before = live(s, 'Pod', 'p')
    expect(before?.status).toMatchObject({ phase: 'Running' })
    const r = await syncAndRun(s)
    expect(r).toMatchObject({ phase: 'Succeeded' })
    expect(r.resources[0]?.message).toBe('pod/p replaced')
    expect(live(s, 'Pod', 'p')?.metadata.uid).not.toBe(before?.metadata.uid)
    // The delete waited out the Pod's grace period (30 s, R75) inside the apply.
    expect(r.finishedAt! - r.startedAt).toBeGreaterThanOrEqual(30_000)
  })
})

describe('R79 Validate=false (TestSyncOptionValidate)', () => {
  const withUnknown = (syncOptions?: string): KubeObject => ({ ...configMap('cm', syncOptions ? { syncOptions } : {}),
    spec: { stray: true } })

  it('R79 by default an unknown field fails the real apply with strict decoding', async () => {
    const s = await run([withUnknown()])
    expect(s.result.resources[0]?.message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "spec"')
  })

  it('R79 Validate=false (annotation or app option) drops the unknown field instead', async () => {
    for (const [obj, options] of [[withUnknown('Validate=false'), {}], [withUnknown(), { validateDisabled: true }]] as const) {
      const s = await run([obj], { request: { options } })
      expect(s.result).toMatchObject({ phase: 'Succeeded' })
      expect(live(s, 'ConfigMap', 'cm')?.['spec']).toBeUndefined()
    }
  })
})
