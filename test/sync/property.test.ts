// Property tests over random applications of Jobs, Pods, Deployments and ConfigMaps with random hook types, delete
// policies, waves and outcomes: gating between groups (R14, R16, R39), hook clean-up (R33–R35), termination of
// every operation, and determinism.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import type { RecordedEvent } from '../../src/sync/events.ts'
import { PHASE_ORDER, type SyncPhase } from '../../src/sync/types.ts'
import { configMap, deployment, eventsOf, FAIL, job, pod, run } from './helpers.ts'

type Kind = 'Job' | 'Pod' | 'Deployment' | 'ConfigMap'
type Hook = 'none' | SyncPhase
type Policy = 'BeforeHookCreation' | 'HookSucceeded' | 'HookFailed'

interface Item {
  kind: Kind
  hook: Hook
  policies: Policy[]
  wave: number
  fails: boolean
  seconds: number
}

const itemArb: fc.Arbitrary<Item> = fc.record({
  kind: fc.constantFrom<Kind>('Job', 'Pod', 'Deployment', 'ConfigMap'),
  hook: fc.constantFrom<Hook>('none', 'none', 'PreSync', 'Sync', 'PostSync', 'SyncFail'),
  policies: fc.subarray<Policy>(['BeforeHookCreation', 'HookSucceeded', 'HookFailed'], { maxLength: 2 }),
  wave: fc.integer({ min: -2, max: 3 }),
  fails: fc.boolean(),
  seconds: fc.integer({ min: 1, max: 4 }),
})

const appArb = fc.array(itemArb, { minLength: 1, maxLength: 6 })

const nameOf = (item: Item, i: number) => `${item.kind.toLowerCase()}-${i}`

function manifest(item: Item, i: number): KubeObject {
  const meta = {
    wave: item.wave,
    ...(item.hook !== 'none' ? { hook: item.hook } : {}),
    ...(item.hook !== 'none' && item.policies.length > 0 ? { policy: item.policies.join(',') } : {}),
  }
  const command = item.fails ? FAIL : ['sleep', String(item.seconds)]
  switch (item.kind) {
    case 'Job': return job(nameOf(item, i), { ...meta, command })
    case 'Pod': return pod(nameOf(item, i), { ...meta, command })
    case 'Deployment': return deployment(nameOf(item, i), meta)
    case 'ConfigMap': return configMap(nameOf(item, i), meta)
  }
}

/** The policies Argo CD reads (R32: none -> BeforeHookCreation). */
const policiesOf = (item: Item): Policy[] => (item.policies.length > 0 ? item.policies : ['BeforeHookCreation'])

const LIMIT_MS = 6 * 3_600_000

async function simulate(items: Item[], seed: string) {
  return run(items.map(manifest), { seed, request: { prune: true } })
}

const groupKey = (phase: SyncPhase, wave: number) => PHASE_ORDER[phase] * 1000 + wave

describe('sync properties', () => {
  it('R14 R16 R33 R34 R35 R39 R42 random apps: ordering, gating, hook clean-up, every operation ends', async () => {
    await fc.assert(fc.asyncProperty(appArb, fc.string({ minLength: 1, maxLength: 4 }), async (items, seed) => {
      const s = await simulate(items, seed)
      const r = s.result
      // (c) every operation ends in a completed phase
      expect(s.app.operationRunning).toBe(false)
      expect(['Succeeded', 'Failed', 'Error']).toContain(r.phase)
      expect(s.sim.fake.now()).toBeLessThan(LIMIT_MS)

      const byName = new Map(items.map((it, i) => [nameOf(it, i), it]))
      const applies = eventsOf(s.app, 'apply').filter(e => !e.dryRun)
      const hookDone = (name: string, at: number) =>
        eventsOf(s.app, 'hook').some(e => e.name === name && e.t <= at && e.hookPhase === 'Succeeded')
      const healthyBy = (name: string, at: number) => byName.get(name)!.kind === 'ConfigMap' ||
        eventsOf(s.app, 'health').some(e => e.name === name && e.t <= at && e.health === 'Healthy')
      const groups = new Set(items.map(it => groupKey(it.hook === 'none' ? 'Sync' : it.hook, it.wave)))
      const multiStep = groups.size > 1

      // (a) groups run in order; a later group starts only when every gating task of earlier groups finished
      const regular = applies.filter(e => e.syncPhase !== 'SyncFail')
      for (let i = 1; i < regular.length; i++) {
        expect(groupKey(regular[i]!.syncPhase, regular[i]!.wave))
          .toBeGreaterThanOrEqual(groupKey(regular[i - 1]!.syncPhase, regular[i - 1]!.wave))
      }
      for (const a of regular) {
        const g = groupKey(a.syncPhase, a.wave)
        for (const earlier of regular.filter(e => groupKey(e.syncPhase, e.wave) < g)) {
          if (earlier.hook) expect(hookDone(earlier.name, a.t), `${earlier.name} done before ${a.name}`).toBe(true)
          else if (multiStep) expect(healthyBy(earlier.name, a.t), `${earlier.name} healthy before ${a.name}`).toBe(true)
        }
      }
      // R39: after a failed hook no later group is started
      const firstFailure = eventsOf(s.app, 'hook').find(e => e.hookPhase === 'Failed' && regular.some(a => a.name === e.name))
      if (firstFailure) {
        const failedGroup = regular.find(e => e.name === firstFailure.name)!
        const g = groupKey(failedGroup.syncPhase, failedGroup.wave)
        expect(regular.filter(e => groupKey(e.syncPhase, e.wave) > g)).toEqual([])
        expect(r.phase).toBe('Failed')
      }
      // R42: SyncFail hooks run only when the operation fails, all in one batch
      const syncFailApplies = applies.filter(e => e.syncPhase === 'SyncFail')
      if (r.phase === 'Succeeded') expect(syncFailApplies).toEqual([])
      expect(new Set(syncFailApplies.map(e => e.t)).size).toBeLessThanOrEqual(1)

      // (b) every hook that ran is deleted or kept exactly as its policies and the outcome say
      const deleted = new Map<string, string>()
      for (const d of eventsOf(s.app, 'delete')) deleted.set(d.name, d.reason)
      items.forEach((item, i) => {
        if (item.hook === 'none') return
        const name = nameOf(item, i)
        const ran = applies.some(e => e.name === name)
        const policies = policiesOf(item)
        if (!ran) {
          expect(deleted.has(name)).toBe(false)
          return
        }
        const expectDelete = r.phase === 'Succeeded' ? policies.includes('HookSucceeded') : policies.includes('HookFailed')
        expect(deleted.has(name), `${name} ${policies.join(',')} after ${r.phase}`).toBe(expectDelete)
        if (expectDelete) expect(deleted.get(name)).toBe(r.phase === 'Succeeded' ? 'HookSucceeded' : 'HookFailed')
        else expect(s.sim.fake.get({ kind: item.kind, namespace: 'default', name })).toBeDefined()
      })
      // no prune and no BeforeHookCreation deletion in a first sync on an empty cluster
      expect([...deleted.values()].filter(r2 => r2 === 'Prune' || r2 === 'BeforeHookCreation')).toEqual([])
    }), { numRuns: Number(process.env.SYNC_PROP_RUNS ?? 40) })
  })

  it('determinism: the same app and seed give the identical event stream', async () => {
    await fc.assert(fc.asyncProperty(appArb, fc.string({ minLength: 1, maxLength: 4 }), async (items, seed) => {
      const a = await simulate(items, seed)
      const b = await simulate(items, seed)
      const json = (events: RecordedEvent[]) => JSON.stringify(events)
      expect(json(b.app.events)).toBe(json(a.app.events))
      expect(JSON.stringify(b.result)).toBe(JSON.stringify(a.result))
    }), { numRuns: 15 })
  })
})
