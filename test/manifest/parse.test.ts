import { describe, expect, it } from 'vitest'
import { ANNOTATION, formatDiagnostic, hasErrors, parseManifests } from '../../src/manifest/index.ts'
import { codes, jobYaml, only, parse } from './helpers.ts'

describe('parsing and positions', () => {
  it('R1 a valid Job yields one manifest with its object, positions and settings', () => {
    const text = jobYaml({ [ANNOTATION.hook]: 'PreSync', [ANNOTATION.hookDeletePolicy]: 'HookSucceeded' })
    const { manifests, diagnostics } = parse(text)
    expect(diagnostics).toEqual([])
    expect(manifests).toHaveLength(1)
    const m = manifests[0]!
    expect(m.object.metadata.name).toBe('migrate')
    expect(JSON.parse(JSON.stringify(m.object))).toEqual(m.object) // plain JSON
    expect(m.settings).toMatchObject({ phases: ['PreSync'], deletePolicies: ['HookSucceeded'], deletePolicyDefaulted: false })
    expect(m.source).toMatchObject({ file: 'app.yaml', docIndex: 0, document: { line: 1, col: 1 } })
    expect(m.source.apiVersion?.value).toEqual({ line: 1, col: 13, endLine: 1, endCol: 21 })
    expect(m.source.kind).toEqual({ key: { line: 2, col: 1, endLine: 2, endCol: 5 }, value: { line: 2, col: 7, endLine: 2, endCol: 10 } })
    expect(m.source.name?.value).toEqual({ line: 4, col: 9, endLine: 4, endCol: 16 })
    expect(m.source.generateName).toBeNull()
    expect(m.source.annotations[ANNOTATION.hook]).toEqual({
      key: { line: 6, col: 5, endLine: 6, endCol: 28 }, value: { line: 6, col: 30, endLine: 6, endCol: 37 },
    })
    expect(m.source.annotations[ANNOTATION.hookDeletePolicy]?.value).toMatchObject({ line: 7, col: 44 })
  })

  it('R24 generateName position is recorded', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: hook-\nspec:\n  containers: [{name: a, image: b}]\n'
    const m = parse(text).manifests[0]!
    expect(m.source.generateName?.value).toMatchObject({ line: 4, col: 17 })
    expect(m.settings.usesGenerateName).toBe(true)
  })

  it('R6 multi-document files keep each document index, empty documents counted but skipped', () => {
    const text = '# leading comment only\n---\n' + jobYaml({}, 'a') + '---\n---\n# only a comment\n---\n' +
      jobYaml({ [ANNOTATION.hook]: 'PreSync,PostSync' }, 'b')
    const { manifests, diagnostics } = parse(text)
    expect(diagnostics).toEqual([])
    // The leading comment belongs to document 0 (it precedes its `---`).
    expect(manifests.map(m => [m.object.metadata.name, m.source.docIndex, m.source.document.line])).toEqual([
      ['a', 0, 3], ['b', 3, 18],
    ])
    expect(manifests[1]?.settings.phases).toEqual(['PreSync', 'PostSync'])
  })

  it('R1 empty input, --- alone, comment-only and null documents give nothing and no diagnostics', () => {
    for (const text of ['', '---', '---\n', '# x\n', '---\n# a\n---\n', 'null\n', '~\n---\n']) {
      expect(parse(text), JSON.stringify(text)).toEqual({ manifests: [], diagnostics: [] })
    }
  })

  it('R1 several files: diagnostics name their file', () => {
    const r = parseManifests([{ path: 'a.yaml', text: jobYaml({}) }, { path: 'dir/b.yaml', text: 'kind: Job\n' }])
    expect(r.manifests).toHaveLength(1)
    expect(new Set(r.diagnostics.map(d => d.file))).toEqual(new Set(['dir/b.yaml']))
  })

  it('R1 YAML 1.1 like Argo CD: dates and 22:22 stay strings', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  d: 2001-12-14\n  p: 22:22\n  q: "x"\n'
    expect(parse(text).manifests[0]?.object.data).toEqual({ d: '2001-12-14', p: '22:22', q: 'x' })
  })
})

describe('errors: Argo CD cannot render the app', () => {
  it('R1 a YAML syntax error is an error at the library position (4:1)', () => {
    const { diagnostics, manifests } = parse('a: 1\n---\nb: [1, 2\nc: 3\n')
    const d = only(diagnostics, 'yaml-syntax')
    expect(d).toMatchObject({ severity: 'error', line: 4, col: 1 })
    expect(d.message).toContain('Flow sequence')
    expect(manifests).toEqual([])
  })

  it('R1 a tab indentation error is reported with line and column', () => {
    const d = parse('apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n').diagnostics[0]!
    expect(d).toMatchObject({ severity: 'error', code: 'yaml-syntax', line: 4, col: 1 })
  })

  it('R1 a duplicate key is an error', () => {
    expect(only(parse('apiVersion: v1\nkind: Pod\nkind: Job\n').diagnostics, 'yaml-syntax')).toMatchObject({ line: 3, col: 1 })
  })

  it('R1 a document that is not a mapping is an error at the document', () => {
    const text = jobYaml({}) + '---\n- a\n- b\n---\njust text\n'
    const { diagnostics, manifests } = parse(text)
    expect(manifests).toHaveLength(1)
    expect(diagnostics.filter(d => d.code === 'not-a-mapping').map(d => [d.line, d.col, d.severity])).toEqual([
      [13, 1, 'error'], [16, 1, 'error'],
    ])
    expect(diagnostics[0]?.message).toContain('a list, not a mapping')
  })

  it('R1 missing apiVersion, kind and name are errors; the object is not returned', () => {
    const { diagnostics, manifests } = parse('metadata:\n  labels: {a: b}\n')
    expect(codes(diagnostics).sort()).toEqual(['missing-apiVersion', 'missing-kind', 'missing-name'])
    expect(diagnostics.every(d => d.severity === 'error')).toBe(true)
    expect(only(diagnostics, 'missing-name')).toMatchObject({ line: 1, col: 1 }) // the metadata key
    expect(manifests).toEqual([])
    expect(hasErrors(diagnostics)).toBe(true)
  })

  it('R24 generateName alone is enough (no error; a warning on a non-hook); an empty name is missing', () => {
    expect(codes(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  generateName: c-\n').diagnostics))
      .toEqual(['generate-name-not-hook'])
    expect(codes(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ""\n').diagnostics)).toEqual(['missing-name'])
  })

  it('R1 name: no is a YAML 1.1 boolean, an error at the value', () => {
    const d = only(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: no\n').diagnostics, 'invalid-field')
    expect(d).toMatchObject({ line: 4, col: 9, severity: 'error' })
    expect(d.message).toContain('quote it')
  })

  it('R7 an unquoted number as annotation value is an error at the value (Argo CD fails to render)', () => {
    const { diagnostics, manifests } = parse(jobYaml({ [ANNOTATION.syncWave]: '1' }))
    const d = only(diagnostics, 'non-string-annotation')
    expect(d).toMatchObject({ severity: 'error', line: 6, col: 35 })
    expect(d.message).toContain('quote it ("1")')
    expect(manifests).toEqual([])
  })

  it('R2 an empty annotation value (null) is an error; an empty annotations map is fine', () => {
    expect(codes(parse(jobYaml({ [ANNOTATION.hook]: '' })).diagnostics)).toEqual(['non-string-annotation'])
    expect(parse('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\n  labels:\n').diagnostics).toEqual([])
  })

  it('R2 a non-string label is only a warning (the API server refuses it)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels:\n    tier: 3\n'
    const { diagnostics, manifests } = parse(text)
    expect(only(diagnostics, 'non-string-label')).toMatchObject({ severity: 'warning', line: 6, col: 11 })
    expect(manifests).toHaveLength(1)
  })
})

describe('warnings point at the exact node', () => {
  it('R4 an unknown hook type "postsync" warns that Argo CD drops the object, at the value', () => {
    const { diagnostics, manifests } = parse(jobYaml({ [ANNOTATION.hook]: 'postsync' }))
    const d = only(diagnostics, 'unknown-hook-type')
    expect(d).toMatchObject({ severity: 'warning', line: 6, col: 30, endLine: 6, endCol: 38 })
    expect(d.message).toMatch(/^argocd\.argoproj\.io\/hook: unknown hook type "postsync": Argo CD drops this object/)
    expect(d.message).toContain('Did you mean "PostSync"')
    expect(manifests[0]?.settings.dropped).toBe(true)
    expect(hasErrors(diagnostics)).toBe(false)
  })

  it('R4 in a CSV list the warning points at the bad item', () => {
    const d = only(parse(jobYaml({ [ANNOTATION.hook]: 'PreSync, Foo' })).diagnostics, 'unknown-hook-type')
    expect(d).toMatchObject({ line: 6, col: 39, endCol: 42 })
  })

  it('R4 a quoted value: the item column skips the quote', () => {
    const d = only(parse(jobYaml({ [ANNOTATION.hook]: '"Foo"' })).diagnostics, 'unknown-hook-type')
    expect(d).toMatchObject({ line: 6, col: 31 })
  })

  it('R32 an unknown delete policy points at the policy item', () => {
    const d = only(parse(jobYaml({ [ANNOTATION.hook]: 'Sync', [ANNOTATION.hookDeletePolicy]: 'OnSuccess' })).diagnostics, 'unknown-delete-policy')
    expect(d).toMatchObject({ line: 7, col: 44 })
  })

  it('R7 a non-integer sync wave points at the value and says what Argo CD uses instead', () => {
    const d = only(parse(jobYaml({ [ANNOTATION.syncWave]: '"1.5"' })).diagnostics, 'invalid-sync-wave')
    expect(d).toMatchObject({ line: 6, col: 35, endCol: 40, severity: 'warning' })
    expect(d.message).toContain('Argo CD uses wave 0')
  })

  it('R55 an unknown sync option points at the item', () => {
    const d = only(parse(jobYaml({ [ANNOTATION.syncOptions]: 'PruneLast=true,Bogus=1' })).diagnostics, 'unknown-sync-option')
    expect(d).toMatchObject({ line: 6, col: 53 })
  })

  it('R1 a misspelt annotation key points at the key', () => {
    const d = only(parse(jobYaml({ 'argocd.argoproj.io/Hook': 'PreSync' })).diagnostics, 'annotation-key-typo')
    expect(d).toMatchObject({ line: 6, col: 5 })
  })

  it('R1 diagnostics of a file are sorted by position', () => {
    const ds = parse(jobYaml({ [ANNOTATION.syncWave]: 'x', [ANNOTATION.hook]: 'Foo' })).diagnostics
    expect(ds.map(d => d.line)).toEqual([6, 7])
  })
})

describe('formatting', () => {
  it('R1 formatDiagnostic gives file:line:col: severity: message', () => {
    const d = only(parse('a: 1\n---\nb: [1, 2\nc: 3\n', 'labs/x.yaml').diagnostics, 'yaml-syntax')
    expect(formatDiagnostic(d)).toMatch(/^labs\/x\.yaml:4:1: error: Flow sequence/)
    expect(hasErrors([])).toBe(false)
  })
})

describe('plain JSON objects', () => {
  it('R1 explicit !!binary, !!set and !!omap values become JSON (base64, list, mapping)', () => {
    // A custom resource: its data has no Kubernetes type the reader checks (a Secret's data holds strings only).
    const text = 'apiVersion: example.com/v1\nkind: Thing\nmetadata:\n  name: s\ndata:\n  b: !!binary aGVsbG8=\n' +
      '  s: !!set {a, b}\n  o: !!omap [x: 1, z: 2]\n'
    const m = parse(text).manifests[0]!
    expect(m.object.data).toEqual({ b: 'aGVsbG8=', s: ['a', 'b'], o: { x: 1, z: 2 } })
    expect(JSON.parse(JSON.stringify(m.object))).toEqual(m.object)
  })

  it('R1 an alias bomb is an error, not a hang or a throw', () => {
    const bomb = 'a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n' +
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n'
    expect(parse(bomb).diagnostics).toEqual([expect.objectContaining({ severity: 'error', line: 1, col: 1 })])
  })

  it('R1 CRLF line endings give the same positions', () => {
    const d = parse('apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: x\r\nspec:\r\n  containers: []\r\n').diagnostics
    expect(d).toEqual([expect.objectContaining({ code: 'no-containers', line: 6, col: 3 })])
  })
})
