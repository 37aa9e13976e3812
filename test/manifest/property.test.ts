import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { stringify } from 'yaml'
import type { KubeObject } from '../../src/cluster/objects.ts'
import {
  ANNOTATION_KEYS, ARGO_HOOK_VALUES, DELETE_POLICIES, HELM_DELETE_POLICIES, HELM_HOOK_VALUES, hasErrors,
  parseManifests, readSyncSettings, type ParseResult,
} from '../../src/manifest/index.ts'
import { jobYaml } from './helpers.ts'

const VALID = jobYaml({ 'argocd.argoproj.io/hook': 'PreSync,PostSync', 'argocd.argoproj.io/sync-wave': '"-1"' }) +
  '---\n# comment\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\ndata: {a: "1"}\n'

/** The reader's contract: no throw, positions 1-based and inside the text (or just past its end). */
function check(text: string): ParseResult {
  let r: ParseResult | undefined
  expect(() => { r = parseManifests([{ path: 'p.yaml', text }]) }).not.toThrow()
  const lines = text.split(/\r\n|\r|\n/).length
  for (const d of r!.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1)
    expect(d.col).toBeGreaterThanOrEqual(1)
    expect(d.line).toBeLessThanOrEqual(lines + 1)
    expect(d.endLine).toBeGreaterThanOrEqual(d.line)
    expect(['error', 'warning']).toContain(d.severity)
    expect(d.message.length).toBeGreaterThan(0)
  }
  for (const m of r!.manifests) {
    expect(m.settings.deletePolicies.length).toBeGreaterThan(0) // R32
    expect(Number.isInteger(m.settings.wave)).toBe(true)
    if (m.settings.dropped) expect(m.settings.isHook && m.settings.hookTypes.length === 0).toBe(true) // R4
    if (m.settings.skip) expect(m.settings.isHook).toBe(false) // R5
  }
  return r!
}

const yamlToken = fc.constantFrom(
  '---', '...', 'apiVersion: v1', 'kind: Job', 'metadata:', '  name: x', '  annotations:', '    argocd.argoproj.io/hook: Foo',
  '- a', '  - b', 'a: [1, 2', '{', '}', ']', '"', "'", '&a x', '*a', '*b', '<<: *a', '!!set', '!!binary', '? k', ': v',
  '%YAML 1.2', '%TAG ! x', '\t', '# c', '|', '>-', 'key: |', '  text', 'no', 'null', '~', '2001-12-14', 'x: 22:22', '@', '`',
  '\r', '\u0000', '\uFEFF', 'ä: ö', '  ', '',
)
const yamlish = fc.array(yamlToken, { maxLength: 30 }).map(ls => ls.join('\n'))

describe('property: the reader never throws and positions are 1-based', () => {
  it('R1 arbitrary text', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), yamlish), text => { check(text) }), { numRuns: 400 })
  })

  it('R1 truncations of a valid manifest', () => {
    fc.assert(fc.property(fc.nat({ max: VALID.length }), n => { check(VALID.slice(0, n)) }), { numRuns: 300 })
  })

  it('R1 inserted and deleted characters in a valid manifest', () => {
    const edit = fc.record({
      at: fc.nat({ max: VALID.length }),
      del: fc.nat({ max: 5 }),
      ins: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(':', '-', ' ', '\n', '\t', '"', '[', '{', '#', '&', '*', '|', ',', '---\n')),
    })
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), edits => {
      let text = VALID
      for (const e of edits) {
        const at = Math.min(e.at, text.length)
        text = text.slice(0, at) + e.ins + text.slice(at + e.del)
      }
      check(text)
    }), { numRuns: 400 })
  })

  it('R4 random annotations on a valid Job: never throws, settings follow the rules', () => {
    const known = [...ARGO_HOOK_VALUES, ...HELM_HOOK_VALUES, ...DELETE_POLICIES, ...Object.keys(HELM_DELETE_POLICIES),
      'PruneLast=true', 'Prune=false', '1', '+1', ' 1', '1.0', '-7', 'postsync', '']
    const value = fc.oneof(
      fc.tuple(fc.array(fc.constantFrom(...known), { maxLength: 3 }), fc.constantFrom(',', ', ', ' ,')).map(([xs, sep]) => xs.join(sep)),
      fc.string(), fc.integer(), fc.boolean(), fc.constant(null),
    )
    const key = fc.oneof(fc.constantFrom(...ANNOTATION_KEYS, 'argocd.argoproj.io/Hook'), fc.string({ minLength: 1, maxLength: 8 }))
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 6 }), annotations => {
      const obj = {
        apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', annotations },
        spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'a', image: 'b' }] } } },
      }
      const r = check(stringify(obj, { version: '1.1' })) // quotes 'no', 'on', … as the reader reads YAML 1.1
      const allStrings = Object.values(annotations).every(v => typeof v === 'string')
      expect(hasErrors(r.diagnostics)).toBe(!allStrings)
      expect(r.manifests.length).toBe(allStrings ? 1 : 0)
      if (allStrings) {
        expect(r.manifests[0]!.settings).toEqual(readSyncSettings(obj as KubeObject).settings)
      }
    }), { numRuns: 400 })
  })

  it('R2 readSyncSettings never throws on arbitrary values', () => {
    fc.assert(fc.property(fc.anything(), fc.anything(), (meta, annotations) => {
      expect(() => readSyncSettings({ metadata: meta } as unknown as KubeObject)).not.toThrow()
      expect(() => readSyncSettings({ metadata: { annotations } } as unknown as KubeObject)).not.toThrow()
    }), { numRuns: 300 })
  })
})
