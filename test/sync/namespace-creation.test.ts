// CreateNamespace=true (R82) and a missing destination namespace without it (R83), after gitops-engine's
// TestSyncNamespaceCreatedBeforeDryRunWithoutFailure, TestSyncNamespaceCreatedBeforeDryRunWithFailure and
// TestNamespaceAutoCreation.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { configMap, job, namespace, pod, REV } from './helpers.ts'

async function missingNamespace(manifests: KubeObject[], ns = 'team-a') {
  const sim = new Simulation({ seed: 'ns' })
  const app = await sim.createApp('app', ns, { createNamespace: false, waveDelayMs: 0 })
  app.setRevision({ revision: REV, manifests })
  return { sim, app }
}

const role = (name: string): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name },
  rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] })
const clusterRole = (name: string): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
  metadata: { name }, rules: [] })

describe('R82 CreateNamespace=true', () => {
  it('R82 the first tick creates the namespace for real before the dry run and ends "waiting for healthy state of /Namespace/<ns>" (TestSyncNamespaceCreatedBeforeDryRunWithoutFailure)', async () => {
    const { sim, app } = await missingNamespace([pod('p')])
    app.sync({ options: { createNamespace: true } })
    await sim.run(() => app.events.some(e => e.type === 'operation' && e.phase === 'Running' && e.message !== undefined))
    const first = app.operations[0]!.result()
    expect(first).toMatchObject({ phase: 'Running', message: 'waiting for healthy state of /Namespace/team-a' })
    expect(first.resources).toEqual([expect.objectContaining({ kind: 'Namespace', name: 'team-a', status: 'Synced',
      hookPhase: 'Running', syncPhase: 'PreSync', message: 'namespace/team-a created' })])
    expect(sim.fake.get({ kind: 'Namespace', namespace: '', name: 'team-a' })).toBeDefined()
    expect(sim.fake.get({ kind: 'Pod', namespace: 'team-a', name: 'p' })).toBeUndefined()
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    // Later ticks drop the namespace task: its result stays Running.
    expect(r.resources[0]).toMatchObject({ kind: 'Namespace', hookPhase: 'Running' })
    expect(app.live().has('//Namespace//team-a')).toBe(false) // not tracked by the app
  })

  it('R82 R45 a failing dry run fails the operation; the namespace stays (TestSyncNamespaceCreatedBeforeDryRunWithFailure)', async () => {
    const { sim, app } = await missingNamespace([configMap('', { generateName: 'broken-' })])
    app.sync({ options: { createNamespace: true } })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply (dry run)' })
    expect(r.resources.map(x => [x.kind, x.status])).toEqual([['Namespace', 'Synced'], ['ConfigMap', 'SyncFailed']])
    expect(sim.fake.get({ kind: 'Namespace', namespace: '', name: 'team-a' })).toBeDefined()
  })

  it('R82 no namespace task when the namespace exists or the app manages a Namespace of that name (TestNamespaceAutoCreation)', async () => {
    const managed = await missingNamespace([namespace('team-a'), configMap('a')])
    managed.app.sync({ options: { createNamespace: true } })
    await managed.sim.runOperation(managed.app)
    const r = managed.app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    expect(r.resources.map(x => `${x.syncPhase}/${x.kind}/${x.name}`)).toEqual(['Sync/Namespace/team-a', 'Sync/ConfigMap/a'])
    const sim = new Simulation({ seed: 'ns' })
    const app = await sim.createApp('app', 'default')
    app.setRevision({ revision: REV, manifests: [configMap('a')] })
    app.sync({ options: { createNamespace: true } })
    await sim.runOperation(app)
    expect(app.operations[0]!.result().resources.map(x => x.kind)).toEqual(['ConfigMap'])
  })
})

describe('R82 CreateNamespace=true: the namespace fails', () => {
  it('R82 a namespace that fails to apply fails the operation: no dry run, no SyncFail hooks', async () => {
    const { sim, app } = await missingNamespace([configMap('a'), configMap('on-fail', { hook: 'SyncFail' })])
    const cluster = sim.cluster as { apply: typeof sim.cluster.apply }
    const original = cluster.apply
    cluster.apply = async (obj, opts) => {
      if (obj.kind === 'Namespace' && !opts?.dryRun) throw new Error('namespaces "team-a" is forbidden')
      return original(obj, opts)
    }
    app.sync({ options: { createNamespace: true } })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Failed',
      message: 'the namespace failed to apply, reason: namespaces "team-a" is forbidden' })
    expect(r.resources.map(x => x.kind)).toEqual(['Namespace'])
  })
})

describe('R83 a missing destination namespace without CreateNamespace', () => {
  it('R83 passes the dry run; each namespaced apply fails "namespaces not found", cluster-scoped objects still apply', async () => {
    const { sim, app } = await missingNamespace([configMap('a'), clusterRole('reader'), job('j')])
    app.sync()
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r.phase).toBe('Failed')
    expect(r.resources.map(x => [x.kind, x.status, x.message])).toEqual([
      ['ConfigMap', 'SyncFailed', 'namespaces "team-a" not found'],
      ['ClusterRole', 'Synced', 'clusterrole.rbac.authorization.k8s.io/reader created'],
      ['Job', 'SyncFailed', 'namespaces "team-a" not found'],
    ])
    // R40: the ClusterRole of the same group is still running when the others fail.
    expect(r.message).toBe('one or more synchronization tasks completed unsuccessfully, reason: namespaces "team-a" not found')
    expect(sim.fake.get({ kind: 'ClusterRole', namespace: '', name: 'reader' })).toBeDefined()
  })

  it('R83 a Role is applied through kubectl auth reconcile, which words the failure its own way', async () => {
    const { sim, app } = await missingNamespace([role('r')])
    app.sync()
    await sim.runOperation(app)
    expect(app.operations[0]!.result().resources[0]?.message).toBe(
      'error running kubectl auth reconcile: error getting namespace team-a: namespaces "team-a" not found')
  })
})
