// R98: objects already live when an operation starts were created long before it and have settled: Pods Running and
// Ready, Deployments available, Jobs finished. Seeded as `synclab sync --live` and the cluster compare seed them.
import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { liveSince, seedLive, settleSeeded } from '../../src/sync/seed-live.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { configMap, deployment, eventsOf, messages, pod, REV } from './helpers.ts'

async function withLive(live: KubeObject[], manifests: KubeObject[]) {
  const sim = new Simulation({ seed: 'settled', ...liveSince() })
  for (const obj of live) seedLive(sim.fake, 'app', 'default', obj)
  settleSeeded(sim.fake)
  const app = await sim.createApp('app', 'default', { waveDelayMs: 0 })
  app.setRevision({ revision: REV, manifests })
  return { sim, app }
}

describe('R98 already-live objects are settled', () => {
  it('R98 at the operation\'s start (virtual 0) a live Deployment is available, its Pod Running and Ready', async () => {
    const { sim } = await withLive([deployment('web')], [deployment('web')])
    expect(sim.fake.now()).toBe(0)
    const web = sim.fake.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    expect(getHealth(web)?.status).toBe('Healthy')
    const [p] = sim.fake.list('Pod', 'default')
    expect(p?.status).toMatchObject({ phase: 'Running' })
    expect((p?.status as { conditions?: Array<{ type: string; status: string }> }).conditions)
      .toContainEqual(expect.objectContaining({ type: 'Ready', status: 'True' }))
    expect(Date.parse(web.metadata.creationTimestamp!)).toBeLessThan(Date.UTC(2025, 0, 1))
  })

  it('R98 R75 R51 pruning a running Pod is graceful: the next wave waits for its deletion', async () => {
    const { sim, app } = await withLive([pod('old', { command: ['sleep', '3600'] })], [configMap('next', { wave: 1 })])
    expect(sim.fake.get({ kind: 'Pod', namespace: 'default', name: 'old' })?.status).toMatchObject({ phase: 'Running' })
    app.sync({ prune: true })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    expect(messages(app)).toContain('waiting for deletion of /Pod/old')
    const applied = eventsOf(app, 'apply').find(e => !e.dryRun && e.name === 'next')!
    expect(applied.t).toBeGreaterThanOrEqual(30_000) // terminationGracePeriodSeconds
  })

  it('R98 R17 a prune in the final group does not delay Succeeded', async () => {
    const { sim, app } = await withLive([pod('old', { command: ['sleep', '3600'] })], [configMap('cm')])
    app.sync({ prune: true })
    await sim.runOperation(app)
    const r = app.operations[0]!.result()
    expect(r).toMatchObject({ phase: 'Succeeded', finishedAt: 0 })
    expect(sim.fake.get({ kind: 'Pod', namespace: 'default', name: 'old' })?.metadata.deletionTimestamp).toBeDefined()
  })
})
