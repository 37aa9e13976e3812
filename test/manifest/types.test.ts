// The reader checks field types against Kubernetes' types (src/manifest/schema), as kubectl's schema validation
// does: each finding of the robustness review ("wrong-typed fields crash the engine") is a reader error here.
import { describe, expect, it } from 'vitest'
import kubeTypes from '../../src/manifest/schema/kube-types.json' with { type: 'json' }
import readerTypes from '../../src/manifest/schema/reader-types.json' with { type: 'json' }
import { checkTypes } from '../../src/manifest/schema/check-types.ts'
import { formatDiagnostic, hasErrors } from '../../src/manifest/index.ts'
import { parse } from './helpers.ts'

const JOB = (spec: string, podSpec = '', container = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: before
spec:
${spec}  template:
    spec:
      restartPolicy: Never
${podSpec}      containers:
        - name: main
          image: busybox
${container}`

function typeErrors(text: string): string[] {
  const r = parse(text, 'app.yaml')
  return r.diagnostics.filter(d => d.code === 'invalid-type').map(formatDiagnostic)
}

describe('wrong types are errors at file:line:col, in kubectl\'s words', () => {
  it('activeDeadlineSeconds as a mapping (the CLI hang, the page freeze)', () => {
    expect(typeErrors(JOB('  activeDeadlineSeconds: {a: 1}\n'))).toEqual([
      'app.yaml:6:26: error: ValidationError(Job.spec.activeDeadlineSeconds): invalid type for ' +
      'io.k8s.api.batch.v1.JobSpec.activeDeadlineSeconds: got "map", expected "integer" (kubectl refuses the ' +
      'object; nothing is synced)'])
  })

  it('a string where a duration or a count belongs', () => {
    expect(typeErrors(JOB('  backoffLimit: "3"\n  activeDeadlineSeconds: 30s\n', '      terminationGracePeriodSeconds: "5"\n')))
      .toEqual([
        expect.stringMatching(/^app\.yaml:6:17: .*Job\.spec\.backoffLimit\).*got "string", expected "integer"/),
        expect.stringMatching(/^app\.yaml:7:26: .*Job\.spec\.activeDeadlineSeconds\).*got "string", expected "integer"/),
        expect.stringMatching(/^app\.yaml:11:38: .*Job\.spec\.template\.spec\.terminationGracePeriodSeconds\).*io\.k8s\.api\.core\.v1\.PodSpec\.terminationGracePeriodSeconds: got "string"/),
      ])
  })

  it('containers as a mapping, image as a number', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    name: c\n    image: busybox\n' +
      '---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec:\n  containers:\n    - name: c\n      image: 5\n'
    expect(typeErrors(text)).toEqual([
      expect.stringMatching(/^app\.yaml:6:5: .*Pod\.spec\.containers\): invalid type for io\.k8s\.api\.core\.v1\.PodSpec\.containers: got "map", expected "array"/),
      expect.stringMatching(/^app\.yaml:15:14: .*Pod\.spec\.containers\[0\]\.image\): invalid type for io\.k8s\.api\.core\.v1\.Container\.image: got "integer", expected "string"/),
    ])
  })

  it('finalizers as a number, on a built-in kind and on a custom resource', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, finalizers: 3}\n---\n' +
      'apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: t, finalizers: [1]}\nspec: {any: [thing]}\n'
    expect(typeErrors(text)).toEqual([
      expect.stringMatching(/^app\.yaml:3:33: .*ConfigMap\.metadata\.finalizers\).*ObjectMeta\.finalizers: got "integer", expected "array"/),
      expect.stringMatching(/^app\.yaml:7:34: .*Thing\.metadata\.finalizers\[0\]\).*got "integer", expected "string"/),
    ])
  })

  it('int-or-string and quantities take both; other numbers must be integers in range', () => {
    const ok = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {a: b}}\n' +
      '  strategy: {rollingUpdate: {maxUnavailable: 25%, maxSurge: 1}}\n  template:\n    metadata: {labels: {a: b}}\n' +
      '    spec:\n      containers:\n        - name: c\n          image: nginx\n          resources: {limits: {cpu: 1, memory: 1Gi}}\n' +
      '          ports: [{containerPort: 80}]\n'
    expect(parse(ok).diagnostics).toEqual([])
    expect(typeErrors(ok.replace('maxSurge: 1', 'maxSurge: [1]').replace('containerPort: 80', 'containerPort: 3000000000')))
      .toEqual([
        expect.stringMatching(/maxSurge\): .*got "array", expected "integer or string"/),
        expect.stringMatching(/containerPort\): .*got "integer", expected "integer"/),
      ])
  })

  it('null is unset, unknown fields are not type errors, and sync settings still get read', () => {
    const r = parse(JOB('  activeDeadlineSeconds:\n  notAField: {x: 1}\n'))
    expect(r.diagnostics).toEqual([])
    expect(r.manifests).toHaveLength(1)
  })

  it('a wrong type means nothing is synced: the document yields no manifest', () => {
    const r = parse(JOB('  parallelism: true\n'))
    expect(hasErrors(r.diagnostics)).toBe(true)
    expect(r.manifests).toEqual([])
  })
})

describe('one source of truth: the reader\'s types are the editor\'s Kubernetes types', () => {
  type Def = { properties: Record<string, { type?: unknown; format?: string; $ref?: string; items?: unknown; additionalProperties?: unknown }> }
  const defs = kubeTypes.definitions as unknown as Record<string, Def>
  it('every field the reader checks has the same type in kube-types.json', () => {
    const code = (s: Def['properties'][string]): string => {
      if (s.$ref) {
        const name = s.$ref.slice('#/definitions/'.length)
        return Object.hasOwn(readerTypes.types, name) ? name : 'any'
      }
      if (s.type === 'array') return `[]${code(s.items as Def['properties'][string])}`
      if (s.type === 'object') return `{}${code(s.additionalProperties as Def['properties'][string])}`
      if (s.format === 'int-or-string' || s.format === 'quantity' || s.format === 'date-time') return s.format
      if (s.type === 'integer') return s.format === 'int32' ? 'int32' : 'int64'
      return (s.type as string | undefined) ?? 'any'
    }
    const types = readerTypes.types as Record<string, Record<string, string>>
    expect(Object.keys(types).length).toBeGreaterThan(50)
    for (const [name, fields] of Object.entries(types)) {
      for (const [field, c] of Object.entries(fields)) expect(`${name}.${field}: ${c}`).toBe(`${name}.${field}: ${code(defs[name]!.properties[field]!)}`)
    }
  })

  it('checkTypes works on plain objects too (the engine\'s own inputs)', () => {
    expect(checkTypes({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { replicas: 'x' } })
      .map(i => i.path.join('.'))).toEqual(['spec.replicas'])
  })
})
