// Limits of the reader: deep nesting, repeated keys (in linear time), repeated objects (Argo CD's
// RepeatedResourceWarning, AC controller/state.go DeduplicateTargetObjects).
import { describe, expect, it } from 'vitest'
import { formatDiagnostic, parseManifests } from '../../src/manifest/index.ts'
import { MAX_NESTING } from '../../src/manifest/limits.ts'
import { parse } from './helpers.ts'

const CM = (name: string, extra = '') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${extra}`

describe('deep nesting is a clear error, never a stack overflow', () => {
  for (const depth of [MAX_NESTING + 1, 1_000, 10_000]) {
    it(`flow nesting ${depth} deep`, () => {
      const r = parse(CM('c', `data:\n  a: ${'['.repeat(depth)}${']'.repeat(depth)}\n`))
      expect(r.manifests).toEqual([])
      expect(r.diagnostics.map(d => d.code)).toEqual(['too-deep'])
      expect(r.diagnostics[0]!.message).toMatch(/nests deeper than 100 levels/)
    }, 30_000)
  }
  it('block nesting past the limit points at the node', () => {
    const lines = Array.from({ length: MAX_NESTING + 5 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')
    const r = parse(CM('c', `spec:\n${lines} 1\n`))
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^app\.yaml:10[0-9]:\d+: error: this document nests deeper/)])
  })
  it('a depth within the limit reads fine', () => {
    expect(parse(CM('c', `spec:\n  a: ${'['.repeat(50)}${']'.repeat(50)}\n`)).diagnostics).toEqual([])
  })
})

describe('repeated keys', () => {
  it('are an error at the second key', () => {
    expect(parse(CM('c', 'data:\n  a: "1"\n  a: "2"\n')).diagnostics.map(formatDiagnostic))
      .toEqual([expect.stringMatching(/^app\.yaml:7:3: error: Map keys must be unique: "a" appears twice/)])
  })
  it('a mapping of 30,000 keys reads in linear time (the YAML library\'s own check is quadratic)', () => {
    const data = Array.from({ length: 30_000 }, (_, i) => `  k${i}: v\n`).join('')
    const start = performance.now()
    const r = parse(CM('c', `data:\n${data}`))
    expect(r.diagnostics).toEqual([])
    expect(Object.keys(r.manifests[0]!.object.data as object)).toHaveLength(30_000)
    expect(performance.now() - start).toBeLessThan(20_000) // quadratic took minutes; generous for a loaded machine
  }, 30_000)
})

describe('repeated objects: Argo CD\'s RepeatedResourceWarning', () => {
  it('warns at each earlier copy with Argo CD\'s message; the destination namespace fills in', () => {
    const text = `${CM('c')}---\n${CM('c', 'data: {a: "1"}\n')}---\n${CM('c', '  namespace: other\n')}---\n` +
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ns\n'
    const r = parseManifests([{ path: 'app.yaml', text }], { namespace: 'lab' })
    expect(r.manifests).toHaveLength(5)
    expect(r.diagnostics.map(formatDiagnostic)).toEqual([
      'app.yaml:1:1: warning: Resource /ConfigMap/lab/c appeared 2 times among application resources. Argo CD syncs ' +
      'only the last one (app.yaml:6) and ignores this one.',
      'app.yaml:18:1: warning: Resource /Namespace//ns appeared 2 times among application resources. Argo CD syncs ' +
      'only the last one (app.yaml:23) and ignores this one.',
    ])
  })
  it('objects named by generateName are never repeated', () => {
    const gen = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\n'
    // (R24 warns of generateName on a non-hook; no RepeatedResourceWarning.)
    expect(parse(`${gen}---\n${gen}`).diagnostics.filter(d => d.code !== 'generate-name-not-hook')).toEqual([])
  })
})

describe('synclab\'s capacity: more Pods than the simulated cluster holds are refused by the reader', () => {
  it('a billion replicas (found by the fuzzer: the simulation would never end)', () => {
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  replicas: 1000000000\n'
    expect(parse(text).diagnostics.filter(d => d.severity === 'error').map(formatDiagnostic)).toEqual(['app.yaml:5:13: error: Deployment.spec.replicas: ' +
      '1000000000 Pods are more than synclab\'s simulated cluster holds (at most 5000 Pods in a namespace, as if a ' +
      'ResourceQuota said so). Nothing is synced.'])
    expect(parse(text.replace('1000000000', '3000')).diagnostics.filter(d => d.severity === 'error')).toEqual([])
  })
})
