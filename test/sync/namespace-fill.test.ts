// R25 (corrected): gitops-engine gives every target without a namespace the destination namespace, cluster-scoped
// ones included; R13 (corrected) then sees them living there. After TestObjectsGetANamespace and
// TestSyncTasksSort_NamespaceAndObjectInNamespace.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { configMap, eventsOf, namespace, REV, resultOf, run } from './helpers.ts'

const clusterRole = (name: string, wave?: number): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRole', metadata: { name, ...(wave !== undefined ? { annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } } : {}) },
  rules: [] })

async function inTeamA(manifests: KubeObject[]) {
  const sim = new Simulation({ seed: 'fill' })
  const app = await sim.createApp('app', 'team-a', { createNamespace: false, waveDelayMs: 0 })
  app.setRevision({ revision: REV, manifests })
  app.sync()
  await sim.runOperation(app)
  const applies = eventsOf(app, 'apply').filter(e => !e.dryRun).map(e => `${e.kind}/${e.name}@${e.syncPhase}:${e.wave}`)
  return { sim, app, result: app.operations[0]!.result(), applies }
}

describe('R25 the destination namespace on every target', () => {
  it('R25 a cluster-scoped target\'s result carries the destination namespace; the object itself has none (TestObjectsGetANamespace)', async () => {
    const s = await run([clusterRole('reader'), configMap('cm')])
    expect(resultOf(s.result.resources, 'ClusterRole', 'reader')).toMatchObject({ namespace: 'default', status: 'Synced' })
    const live = s.sim.fake.get({ kind: 'ClusterRole', namespace: '', name: 'reader' })
    expect(live?.metadata.namespace).toBeUndefined()
  })

  it('R13 R25 a cluster-scoped target pulls the destination Namespace forward to its phase and wave', async () => {
    const { result, applies } = await inTeamA([namespace('team-a', { wave: 1 }), clusterRole('reader', -1), configMap('cm')])
    expect(result.phase).toBe('Succeeded')
    expect(applies).toEqual(['Namespace/team-a@Sync:-1', 'ClusterRole/reader@Sync:-1', 'ConfigMap/cm@Sync:0'])
  })

  it('R13 a Namespace only moves earlier: already first, it keeps its own wave', async () => {
    const { applies } = await inTeamA([namespace('team-a', { wave: -5 }), clusterRole('reader', -1), configMap('cm')])
    expect(applies).toEqual(['Namespace/team-a@Sync:-5', 'ClusterRole/reader@Sync:-1', 'ConfigMap/cm@Sync:0'])
  })

  it('R13 a prune does not pull the Namespace forward', async () => {
    const sim = new Simulation({ seed: 'fill' })
    const app = await sim.createApp('app', 'default', { waveDelayMs: 0 })
    const { withTracking } = await import('../../src/sync/tracking.ts')
    sim.fake.store.create(withTracking('app', { ...clusterRole('old'), metadata: { name: 'old',
      annotations: { 'argocd.argoproj.io/sync-wave': '-3' } } }))
    app.setRevision({ revision: REV, manifests: [namespace('default', { wave: 2 }), configMap('cm')] })
    app.sync({ prune: true })
    await sim.runOperation(app)
    const applies = eventsOf(app, 'apply').filter(e => !e.dryRun).map(e => `${e.kind}/${e.name}@${e.wave}`)
    expect(applies).toEqual(['Namespace/default@0', 'ConfigMap/cm@0']) // pulled by cm's wave 0, not the prune's -3
  })
})
