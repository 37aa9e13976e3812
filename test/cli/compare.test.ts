// `synclab sync --cluster ... --compare` against `synclab serve`'s server, started in-process on a random loopback
// port (no HTTP mocks), at SPEED so a seed-lab sync takes well under a second. The served cluster is the same
// simulator as the simulated sync, so the seed lab must show no differences.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncDocument } from '../../src/cli/sync.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { APP_LABEL, MANAGED_BY_LABEL } from '../../src/kube/kube-cluster.ts'
import { call, configMap as serverConfigMap, serve } from '../server/helpers.ts'
import { cli, configMap, fixture, SEED_LAB } from './helpers.ts'

const SPEED = 100
let s: RunningServer

beforeAll(async () => {
  s = await serve({ speed: SPEED, namespaces: ['cmp', 'cmp-json', 'cmp-again', 'cmp-by-hand', 'cmp-fail'] })
})
afterAll(async () => {
  await s.close()
})

const clusterSync = (namespace: string, ...argv: string[]) =>
  cli('sync', ...argv, '--cluster', s.url, '--dest-namespace', namespace, '--speed', String(SPEED), '--yes')

/**
 * The `comparison` property and its definitions, as schema/sync-output.schema.json needs them (the top level
 * allows no other property). Applied here when the schema file does not have them yet.
 */
const COMPARISON_PROPERTY = {
  description: '--cluster --compare only: the same sync on the simulated cluster (seeded by --seed) compared with the ' +
    'real run. Only order, outcome and deletions are compared, never timing.',
  $ref: '#/definitions/comparison',
}
const COMPARISON_DEFINITIONS = {
  comparison: {
    type: 'object',
    additionalProperties: false,
    required: ['seed', 'same', 'differences', 'simulation', 'timeline'],
    properties: {
      seed: { type: ['integer', 'string'] },
      same: { description: 'No differences in order, outcome or deletions.', type: 'boolean' },
      differences: {
        description: 'Plain sentences, simulation first; empty lists when the runs agree.',
        type: 'object',
        additionalProperties: false,
        required: ['order', 'outcome', 'deletions'],
        properties: {
          order: { type: 'array', items: { type: 'string', minLength: 1 } },
          outcome: { type: 'array', items: { type: 'string', minLength: 1 } },
          deletions: { type: 'array', items: { type: 'string', minLength: 1 } },
        },
      },
      simulation: {
        type: 'object',
        additionalProperties: false,
        required: ['operations'],
        properties: {
          operations: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['phase', 'message'],
              properties: { phase: { $ref: '#/definitions/operationPhase' }, message: { type: 'string' } },
            },
          },
        },
      },
      timeline: {
        description: 'Both runs aligned: one row per group start, apply, hook phase, deletion and operation end; a ' +
          'side is absent when it had no such step. at: ms since that side\'s operation started.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['op'],
          minProperties: 2,
          properties: {
            op: { type: 'integer', minimum: 1 },
            simulation: { $ref: '#/definitions/comparisonStep' },
            cluster: { $ref: '#/definitions/comparisonStep' },
          },
        },
      },
    },
  },
  comparisonStep: {
    type: 'object',
    additionalProperties: false,
    required: ['at', 'step'],
    properties: { at: { type: 'number' }, step: { type: 'string', minLength: 1 } },
  },
}

function schemaWithComparison(): object {
  const schema = JSON.parse(readFileSync('schema/sync-output.schema.json', 'utf8')) as {
    properties: Record<string, unknown>; definitions: Record<string, unknown>
  }
  schema.properties['comparison'] ??= COMPARISON_PROPERTY
  for (const [name, def] of Object.entries(COMPARISON_DEFINITIONS)) schema.definitions[name] ??= def
  return schema
}

describe('synclab sync --cluster --compare', () => {
  it('the seed lab: the run, then "Compared with the simulation" side by side, no differences, exit 0', async () => {
    const { code, out, err } = await clusterSync('cmp', SEED_LAB, '--compare')
    expect(err).toBe(`synclab will sync 4 objects into namespace cmp on ${s.url} (app synclab)\n`)
    expect(code).toBe(0)
    expect(out).toMatch(/^Phase: {14}Succeeded$/m)
    const section = out.slice(out.indexOf('Compared with the simulation:\n'))
    expect(out.indexOf('Compared with the simulation:\n')).toBeGreaterThan(out.indexOf('Phase:'))
    expect(section).toMatch(/^SIMULATION {2}CLUSTER {2}STEP$/m)
    // Every step on both sides, in the same order; the times are the simulation's (virtual) and the cluster's.
    const steps = section.split('\n').filter(l => /^ *\d+\.\ds +\d+\.\ds {2}/.test(l)).map(l => l.replace(/^ *\S+ +\S+ {2}/, ''))
    expect(steps).toEqual([
      'PreSync wave 0 starts', 'Job/before (PreSync hook) created', 'Job/before hook Succeeded', 'Sync wave 0 starts',
      'Service/pre-post-sync-hook created', 'Deployment/pre-post-sync-hook created', 'PostSync wave 0 starts',
      'Job/after (PostSync hook) created', 'Job/after hook Succeeded', 'Job/before deleted (HookSucceeded)',
      'Job/after deleted (HookSucceeded)', 'operation Succeeded: successfully synced (no more tasks)'])
    expect(section).toMatch(/^ +0\.0s +\d+\.\ds {2}PreSync wave 0 starts$/m)
    expect(section).toMatch(/^ +21\.5s +\d+\.\ds {2}Job\/before hook Succeeded$/m) // seed 1: the seed lab's virtual times
    expect(section.endsWith('\nNo differences in order, outcome or deletions.\n')).toBe(true)
  })

  it('--json adds a "comparison" object; the document validates with the schema addition', async () => {
    const { code, out } = await clusterSync('cmp-json', SEED_LAB, '--compare', '--json', '--seed', '7')
    expect(code).toBe(0)
    const doc = JSON.parse(out) as SyncDocument
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schemaWithComparison())
    validate(doc)
    expect(validate.errors ?? []).toEqual([])
    const c = doc.comparison!
    expect(c).toMatchObject({ seed: 7, same: true, differences: { order: [], outcome: [], deletions: [] },
      simulation: { operations: [{ phase: 'Succeeded', message: 'successfully synced (no more tasks)' }] } })
    expect(c.timeline.length).toBe(12)
    expect(c.timeline.every(r => r.op === 1 && r.simulation && r.cluster && r.simulation.step === r.cluster.step)).toBe(true)
    expect(c.timeline[0]).toMatchObject({ simulation: { at: 0, step: 'PreSync wave 0 starts' } })
    // The real part of the document is as without --compare.
    expect(doc.operations.map(o => o.phase)).toEqual(['Succeeded'])
    expect(doc.cluster.every(e => e.namespace === 'cmp-json')).toBe(true)
  })

  it('the simulation starts from what the application had on the cluster: a second sync is "unchanged" on both sides', async () => {
    const dir = fixture({ 'cm.yaml': configMap('settings') })
    expect((await clusterSync('cmp-again', dir)).code).toBe(0)
    const again = await clusterSync('cmp-again', dir, '--compare')
    expect(again.code).toBe(0)
    expect(again.out).toMatch(/^ +\d+\.\ds +\d+\.\ds {2}ConfigMap\/settings unchanged$/m)
    expect(again.out).toContain('No differences')
  })

  it('differences are listed but do not change the exit status, unless --fail-on-difference', async () => {
    // Labelled as synclab's but not tracked by the application (someone applied it by hand): the cluster's apply
    // configures it, the simulation (which starts from the application's objects only) creates it.
    await call(s, 'POST', '/api/v1/namespaces/cmp-by-hand/configmaps', serverConfigMap('settings', { a: '0' },
      { labels: { [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'synclab' } }))
    const dir = fixture({ 'cm.yaml': configMap('settings') })
    const listed = await clusterSync('cmp-by-hand', dir, '--compare')
    expect(listed.code).toBe(0)
    const sentence = 'Operation 1: ConfigMap/settings was created in the simulation, configured on the cluster ' +
      '(the cluster had it already)'
    expect(listed.out).toContain(`Differences in outcome:\n  - ${sentence}\n`)
    expect(listed.out).not.toContain('No differences')
    expect(listed.out).toMatch(/^ +\d+\.\ds +\d+\.\ds {2}ConfigMap\/settings created \| cluster: ConfigMap\/settings configured$/m)

    // Now tracked: the next runs start alike. Take the tracking off by hand again to keep the difference.
    const untrack = () => call(s, 'PATCH', '/api/v1/namespaces/cmp-by-hand/configmaps/settings',
      { metadata: { annotations: { 'argocd.argoproj.io/tracking-id': null } } }, 'application/merge-patch+json')
    await untrack()
    const failing = await clusterSync('cmp-by-hand', dir, '--compare', '--fail-on-difference')
    expect(failing.code).toBe(1)
    expect(failing.err).toContain('synclab: the run on the cluster differs from the simulation (--fail-on-difference)')
    expect(failing.out).toContain('ConfigMap/settings was created in the simulation')

    await untrack()
    const json = await clusterSync('cmp-by-hand', dir, '--compare', '--json')
    expect(json.code).toBe(0)
    const doc = JSON.parse(json.out) as SyncDocument
    expect(doc.comparison?.same).toBe(false)
    expect(doc.comparison?.differences.outcome[0]).toMatch(/^operation 1: ConfigMap\/settings was created in the simulation/)
  })

  it('an object outside --dest-namespace: the cluster refuses it in the dry run, the simulation has no such guard', async () => {
    // A known difference, not a simulator bug: synclab confines itself to --dest-namespace on a real cluster.
    const dir = fixture({ 'a.yaml': configMap('fine'), 'b.yaml': configMap('elsewhere').replace('  name: elsewhere',
      '  name: elsewhere\n  namespace: missing-ns') })
    const { code, out, err } = await clusterSync('cmp-fail', dir, '--compare', '--json')
    expect(err).toContain('synclab: operation 1: Operation has completed with phase: Failed')
    expect(code).toBe(1) // as without --compare: the differences do not count without --fail-on-difference
    const c = (JSON.parse(out) as SyncDocument).comparison!
    expect(c.same).toBe(false)
    expect(c.differences.order).toEqual(['The simulation started Sync wave 0; the cluster did not.',
      'The simulation applied ConfigMap/elsewhere (Sync wave 0); the cluster did not.',
      'The simulation applied ConfigMap/fine (Sync wave 0); the cluster did not.'])
    expect(c.differences.outcome).toEqual([
      'operation 1: both Failed, but the simulation says "one or more synchronization tasks completed unsuccessfully, ' +
      'reason: namespaces "missing-ns" not found" and the cluster says "one or more objects failed to apply (dry run)"',
      'operation 1: ConfigMap/fine Synced in the simulation, no result on the cluster'])
    expect(c.differences.deletions).toEqual([])
  })

  it('--compare and --fail-on-difference are usage errors without --cluster / --compare (exit 2)', async () => {
    const alone = await cli('sync', SEED_LAB, '--compare')
    expect(alone.code).toBe(2)
    expect(alone.err).toContain('--compare applies only with --cluster URL')
    const fail = await cli('sync', SEED_LAB, '--cluster', s.url, '--dest-namespace', 'cmp', '--fail-on-difference')
    expect(fail.code).toBe(2)
    expect(fail.err).toContain('--fail-on-difference applies only with --compare')
  })
})
