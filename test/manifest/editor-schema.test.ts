// The editor's JSON Schema: valid draft-07, its enums are the manifest reader's constants, every annotation and
// value explains itself with a rule number, and the CSV patterns accept what Argo CD accepts.
import { Ajv } from 'ajv'
import { describe, expect, it } from 'vitest'
import { IMAGE_NAMES } from '../../src/cluster/images.ts'
import {
  ANNOTATION, ANNOTATION_KEYS, ARGO_HOOK_VALUES, DELETE_POLICIES, HELM_DELETE_POLICIES, HELM_HOOK_VALUES,
  RESOURCE_SYNC_OPTIONS,
} from '../../src/manifest/annotations.ts'
import { ANNOTATION_SCHEMAS, csvPattern, manifestSchema } from '../../src/manifest/schema/editor-schema.ts'

type Schema = Record<string, unknown>
const RULE = /\bR\d{1,2}\b/

function ajv(): Ajv {
  const a = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })
  // Keywords monaco-yaml / yaml-language-server read and Ajv does not know.
  for (const keyword of ['markdownDescription', 'markdownEnumDescriptions', 'patternErrorMessage', 'doNotSuggest',
    'defaultSnippets']) a.addKeyword(keyword)
  // OpenAPI formats of Kubernetes' types (kube-types.json); yaml-language-server ignores the ones it does not know.
  for (const format of ['int32', 'int64', 'double', 'byte', 'date-time', 'date-time-micro', 'int-or-string', 'quantity']) {
    a.addFormat(format, true)
  }
  return a
}
const validate = ajv().compile(manifestSchema)

const annotations = ((manifestSchema.definitions?.['ObjectMeta']?.properties?.['annotations'] as Schema)
  .properties) as Record<string, Schema>
const enumOf = (key: string): unknown[] => ((annotations[key]?.['oneOf'] as Schema[])[0]?.['enum']) as unknown[]
const patternOf = (key: string): RegExp => new RegExp(annotations[key]?.['pattern'] as string, 'u')

function doc(annos: Record<string, unknown>, extra: Schema = {}): Schema {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x', annotations: annos }, ...extra }
}

describe('editor schema', () => {
  it('is a valid draft-07 JSON Schema that Ajv compiles in strict mode', () => {
    const a = ajv()
    expect(a.validateSchema(manifestSchema)).toBe(true)
    expect(a.errors ?? []).toEqual([])
    expect(manifestSchema.$schema).toBe('http://json-schema.org/draft-07/schema#')
  })

  it('knows every annotation of src/manifest/annotations.ts, each described with a rule number', () => {
    expect(Object.keys(annotations).sort()).toEqual([...ANNOTATION_KEYS].sort())
    expect(Object.keys(ANNOTATION_SCHEMAS).sort()).toEqual([...ANNOTATION_KEYS].sort())
    for (const key of ANNOTATION_KEYS) {
      expect(annotations[key]?.['markdownDescription'], key).toMatch(RULE)
      expect(annotations[key]?.['type'], key).toBe('string')
    }
  })

  it('takes its enums from src/manifest/annotations.ts', () => {
    expect(enumOf(ANNOTATION.hook)).toEqual([...ARGO_HOOK_VALUES])
    expect(enumOf(ANNOTATION.hookDeletePolicy)).toEqual([...DELETE_POLICIES])
    expect(enumOf(ANNOTATION.helmHook)).toEqual([...HELM_HOOK_VALUES])
    expect(enumOf(ANNOTATION.helmHookDeletePolicy)).toEqual(Object.keys(HELM_DELETE_POLICIES))
    expect(enumOf(ANNOTATION.syncOptions)).toEqual(
      Object.entries(RESOURCE_SYNC_OPTIONS).flatMap(([k, vs]) => vs.map(v => `${k}=${v}`)))
  })

  it('explains every allowed value with a rule number', () => {
    for (const key of ANNOTATION_KEYS) {
      const oneOf = annotations[key]?.['oneOf'] as Schema[] | undefined
      if (oneOf === undefined) continue // sync-wave, hook-weight: integers
      const values = oneOf[0]?.['enum'] as string[]
      const docs = oneOf[0]?.['markdownEnumDescriptions'] as string[]
      expect(docs.length, key).toBe(values.length)
      values.forEach((v, i) => {
        expect(docs[i], `${key}: ${v}`).toContain(v)
        expect(docs[i], `${key}: ${v}`).toMatch(RULE)
      })
    }
    const policies = enumOf(ANNOTATION.hookDeletePolicy) as string[]
    const docs = (annotations[ANNOTATION.hookDeletePolicy]?.['oneOf'] as Schema[])[0]?.['markdownEnumDescriptions'] as string[]
    expect(docs[policies.indexOf('BeforeHookCreation')]).toMatch(/default \(R32\).*R33/)
  })

  it('hook pattern: comma-separated, case-sensitive (R1)', () => {
    const re = patternOf(ANNOTATION.hook)
    for (const ok of ['PreSync', 'PreSync,PostSync', 'PreSync, PostSync', ' Sync ', 'Skip,PreSync', 'PostDelete',
      'PreSync,', ',PostSync', 'PreSync,,PostSync', 'SyncFail']) expect(re.test(ok), ok).toBe(true)
    for (const bad of ['postsync', 'PreSync,postsync', 'Presync', 'Foo', '', ' , ', 'PreSyncPostSync',
      'PreSync;PostSync', 'PreSync PostSync', 'pre-install']) expect(re.test(bad), bad).toBe(false)
  })

  it('hook pattern by hand: the same regex csvPattern builds', () => {
    const re = new RegExp(csvPattern(['A', 'AB']))
    expect(['A', 'AB', 'AB,A', 'A , AB'].every(s => re.test(s))).toBe(true)
    expect(['a', 'ABA', 'A,B', 'B'].some(s => re.test(s))).toBe(false)
  })

  it('delete policy, Helm and sync-option patterns', () => {
    const del = patternOf(ANNOTATION.hookDeletePolicy)
    expect(del.test('BeforeHookCreation,HookSucceeded')).toBe(true)
    expect(del.test('hook-succeeded')).toBe(false)
    const helmDel = patternOf(ANNOTATION.helmHookDeletePolicy)
    expect(helmDel.test('before-hook-creation,hook-succeeded')).toBe(true)
    expect(helmDel.test('HookSucceeded')).toBe(false)
    const helm = patternOf(ANNOTATION.helmHook)
    expect(helm.test('pre-install,pre-upgrade')).toBe(true)
    expect(helm.test('PreSync')).toBe(false)
    const opts = patternOf(ANNOTATION.syncOptions)
    expect(opts.test('Prune=false,PruneLast=true')).toBe(true)
    expect(opts.test('Prune=true')).toBe(false)
    expect(opts.test('CreateNamespace=true')).toBe(false)
    const wave = patternOf(ANNOTATION.syncWave)
    for (const ok of ['0', '-1', '+2', '10']) expect(wave.test(ok), ok).toBe(true)
    for (const bad of ['1.0', ' 1', 'one', '']) expect(wave.test(bad), bad).toBe(false)
  })

  it('validates documents: good ones pass, wrong values fail', () => {
    const good = doc({ [ANNOTATION.hook]: 'PreSync,PostSync', [ANNOTATION.hookDeletePolicy]: 'HookSucceeded',
      [ANNOTATION.syncWave]: '-1', 'example.com/other': 'anything' },
    { spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
      containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'true'] }] } } } })
    expect(validate(good), JSON.stringify(validate.errors)).toBe(true)
    expect(validate(doc({ [ANNOTATION.hook]: 'postsync' }))).toBe(false)
    expect(validate(doc({ [ANNOTATION.syncWave]: 1 }))).toBe(false) // annotation values are strings
    expect(validate(doc({}, { spec: { template: { spec: { restartPolicy: 'Always' } } } }))).toBe(false) // R70
    expect(validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
      spec: { restartPolicy: 'Always', containers: [{ name: 'c', image: 'nginx' }] } })).toBe(true)
    expect(validate({ apiVersion: 'v1', kind: 'Deployment', metadata: { name: 'd' } })).toBe(false) // apps/v1
    expect(validate({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } })).toBe(true) // a CR
    expect(validate({ apiVersion: 'v1', kind: 'configmap', metadata: { name: 'c' } })).toBe(false)
    for (const kind of ['Job', 'Role', 'ConfigMap']) {
      expect(validate({ apiVersion: kind === 'Job' ? 'batch/v1' : kind === 'Role' ? 'rbac.authorization.k8s.io/v1' : 'v1',
        kind, metadata: { name: 'x' } }), kind).toBe(true)
    }
  })

  it('R89 R90 R91 R92 explains probes, minReadySeconds and progressDeadlineSeconds with their rules', () => {
    const defs = manifestSchema.definitions as Record<string, Schema>
    const props = (name: string) => defs[name]?.['properties'] as Record<string, Schema>
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      expect(props('Container')[probe]?.['markdownDescription'], probe).toMatch(/R90/)
    }
    for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold']) {
      expect(props('Probe')[field]?.['markdownDescription'], field).toMatch(/R89/)
    }
    expect(props('DeploymentSpec')['progressDeadlineSeconds']?.['markdownDescription']).toMatch(/R92/)
    expect(props('DeploymentSpec')['minReadySeconds']?.['markdownDescription']).toMatch(/R91/)
    const web = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { minReadySeconds: 10,
      progressDeadlineSeconds: 60, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { path: '/', port: 80 },
          periodSeconds: 5 }, livenessProbe: { exec: { command: ['true'] } } }] } } } }
    expect(validate(web), JSON.stringify(validate.errors)).toBe(true)
    const bad = structuredClone(web)
    ;(bad.spec.template.spec.containers[0]!.readinessProbe as Record<string, unknown>)['periodSeconds'] = 'often'
    expect(validate(bad)).toBe(false)
  })

  it('offers the image catalog for container images', () => {
    const image = manifestSchema.definitions?.['Container']?.properties?.['image'] as Schema
    expect((image['oneOf'] as Schema[])[0]?.['enum']).toEqual([...IMAGE_NAMES])
    // Any other image (a tag, a digest, an unknown one) is still valid YAML for the schema: the kubelet decides.
    for (const img of ['busybox', 'busybox:1.36', 'example.com/unknown:1']) {
      expect(validate({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' },
        spec: { containers: [{ name: 'c', image: img }] } }), img).toBe(true)
    }
    expect(IMAGE_NAMES.length).toBeGreaterThan(0)
  })

  it('maps every simulated kind to its apiVersion', () => {
    const ifs = (manifestSchema.allOf as Schema[]).map(s => [
      ((s['if'] as Schema)['properties'] as Record<string, Schema>)['kind']?.['const'],
      (((s['then'] as Schema)['properties'] as Record<string, Schema>)['apiVersion']?.['enum'] as string[]),
    ])
    const byKind = Object.fromEntries(ifs)
    expect(byKind).toMatchObject({ Job: ['batch/v1'], Deployment: ['apps/v1'], Pod: ['v1'], Service: ['v1'],
      ConfigMap: ['v1'], Secret: ['v1'], ServiceAccount: ['v1'], Namespace: ['v1'] })
  })
})
