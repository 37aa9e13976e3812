// The --json document's JSON Schema (schema/sync-output.schema.json) holds for real output of several runs.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { configMap, failingSeedLab, fixture, job, SEED_LAB, syncJson } from './helpers.ts'

const schema = JSON.parse(readFileSync('schema/sync-output.schema.json', 'utf8')) as object
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema)

const HOOK = 'argocd.argoproj.io/hook'

describe('schema/sync-output.schema.json', () => {
  const runs: Array<[string, () => string[]]> = [
    ['success (seed lab)', () => [SEED_LAB]],
    ['failed PostSync hook (lab 3.2)', () => [failingSeedLab()]],
    ['prune with --live', () => {
      const live = fixture({ 'live.yaml': `${configMap('old')}---\n${configMap('keep', {}, 'a: "0"')}` })
      return ['--prune', '--live', join(live, 'live.yaml'), fixture({ 'a.yaml': configMap('keep') })]
    }],
    ['prune skipped', () => {
      const live = fixture({ 'live.yaml': configMap('old') })
      return ['--live', join(live, 'live.yaml'), fixture({ 'a.yaml': configMap('keep') })]
    }],
    ['dry run', () => ['--dry-run', SEED_LAB]],
    ['terminate', () => ['--terminate-after', '5s',
      fixture({ 'h.yaml': job('slow', { [HOOK]: 'PreSync' }, ['sleep', '60']), 'c.yaml': configMap('c') })]],
    ['timeout (Running)', () => ['--timeout', '10s', fixture({ 'h.yaml': job('slow', { [HOOK]: 'PreSync' }, ['sleep', '60']) })]],
    ['repeat', () => ['--repeat', '3', '--settle', '5s', SEED_LAB]],
    ['retry', () => ['--retry-limit', '1', '--retry-backoff-duration', '1s', failingSeedLab()]],
    ['selective sync', () => ['--resource', 'apps:Deployment:pre-post-sync-hook', SEED_LAB]],
    ['apply failure', () => [fixture({ 'a.yaml': configMap('a'),
      'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: missing-ns\ndata: {}\n' })]],
  ]

  it.each(runs)('real output validates: %s', async (_name, argv) => {
    const { doc, out } = await syncJson(...argv())
    const ok = validate(JSON.parse(out))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
    expect(doc.operations.length).toBeGreaterThan(0)
    const times = doc.events.map(e => e.t as number)
    expect(times).toEqual([...times].sort((a, b) => a - b)) // virtual-time order
  })

  it('rejects documents that break the contract', () => {
    expect(validate({ operations: [], events: [], cluster: [], extra: 1 })).toBe(false)
    expect(validate({ operations: [{ phase: 'Done', message: '', startedAt: 0, resources: [] }], events: [], cluster: [] })).toBe(false)
    expect(validate({ operations: [], events: [{ t: 0, op: 1, type: 'hook', kind: 'Job', namespace: 'd', name: 'x' }],
      cluster: [] })).toBe(false)
    expect(validate({ operations: [], events: [], cluster: [{ kind: 'Pod', namespace: 'd', name: 'p', health: 'Fine' }] })).toBe(false)
  })
})
