// Checks a manifest's field types against Kubernetes' own types (reader-types.json, generated from Kubernetes'
// OpenAPI by scripts/gen-kube-schema.mjs), as kubectl's schema validation does, and words each problem as kubectl
// does: `ValidationError(Job.spec.activeDeadlineSeconds): invalid type for io.k8s.api.batch.v1.JobSpec.
// activeDeadlineSeconds: got "map", expected "integer"`. The engine reads these fields; a wrong type there would
// reach a controller or the clock as garbage, so the reader refuses it. Loaded lazily (check-types.ts).
import readerTypes from './reader-types.json' with { type: 'json' }
import type { FieldPath, TypeIssue } from './check-types.ts'
import { overCapacity, overCapacityMessage } from '../limits.ts'
export { tooDeep } from '../limits.ts'
export { repeatedResourceWarnings } from '../repeated-resources.ts'

/** reader-types.json: apiVersion/kind -> definition, definition -> field -> type code. */
const KINDS: Readonly<Record<string, string>> = readerTypes.kinds
const TYPES: Readonly<Record<string, Readonly<Record<string, string>>>> = readerTypes.types
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'

const INT32 = 2 ** 31

/** What kubectl calls a YAML/JSON value's type (kube-openapi validation's getObjectKind). */
export function valueKind(v: unknown): string {
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object' && v !== null) return 'map'
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number'
  return typeof v
}

/** The Kubernetes definition of an apiVersion/kind the reader checks, or undefined (a custom resource). */
export function definitionOf(apiVersion: string, kind: string): string | undefined {
  const key = `${apiVersion}/${kind}`
  return Object.hasOwn(KINDS, key) ? KINDS[key] : undefined
}

/** The problem with `v` as a value of `code`, or undefined when it fits; `expected` is kubectl's type name. */
function mismatch(code: string, v: unknown): { got: string; expected: string } | undefined {
  const got = valueKind(v)
  const fits = (ok: boolean, expected: string) => (ok ? undefined : { got, expected })
  switch (code) {
    case 'any': return undefined
    case 'string': case 'date-time': return fits(typeof v === 'string', 'string')
    case 'boolean': return fits(typeof v === 'boolean', 'boolean')
    case 'number': return fits(typeof v === 'number' && Number.isFinite(v), 'number')
    case 'int32': return fits(Number.isInteger(v) && Math.abs(v as number) < INT32, 'integer')
    case 'int64': return fits(Number.isSafeInteger(v), 'integer')
    case 'int-or-string': return fits(typeof v === 'string' || (Number.isInteger(v) && Math.abs(v as number) < INT32), 'integer or string')
    case 'quantity': return fits(typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v)), 'string')
  }
  if (code.startsWith('[]')) return fits(Array.isArray(v), 'array')
  return fits(got === 'map', 'map') // a map of values, or a Kubernetes object type
}

/** check-types.ts checkTypes, once loaded. */
export function checkObjectTypes(obj: Record<string, unknown>, skip: (path: FieldPath) => boolean): TypeIssue[] {
  const issues: TypeIssue[] = []
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : ''
  const kind = typeof obj.kind === 'string' ? obj.kind : ''
  const root = definitionOf(apiVersion, kind)
  const label = kind || 'Object'
  // A custom resource's metadata is still ObjectMeta: the API server and the engine read it all the same.
  const walk = (code: string, v: unknown, path: FieldPath, owner: string): void => {
    if (v === null || v === undefined || skip(path)) return
    const bad = mismatch(code, v)
    if (bad) {
      issues.push({ path, message: `ValidationError(${label}${pathText(path)}): invalid type for ${owner}: got ` +
        `"${bad.got}", expected "${bad.expected}"` })
      return
    }
    if (code.startsWith('[]')) (v as unknown[]).forEach((x, i) => walk(code.slice(2), x, [...path, i], owner))
    else if (code.startsWith('{}')) {
      for (const [k, x] of Object.entries(v as object)) walk(code.slice(2), x, [...path, k], owner)
    } else if (Object.hasOwn(TYPES, code)) {
      const fields = TYPES[code]!
      for (const [k, x] of Object.entries(v as object)) {
        if (Object.hasOwn(fields, k)) walk(fields[k]!, x, [...path, k], `${code}.${k}`)
      }
    }
  }
  if (root) walk(root, obj, [], root)
  else walk(OBJECT_META, obj.metadata, ['metadata'], `${OBJECT_META}`)
  return issues
}

/** `.spec.template.spec.containers[0].image`, as kubectl prints a field path. */
export function pathText(path: FieldPath): string {
  return path.map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')
}

/** Fields validate.ts checks itself, with its own words: the type check leaves them out. */
function checkedByValidate(path: FieldPath): boolean {
  const [a, b] = path
  if (path.length === 1) return a === 'apiVersion' || a === 'kind'
  return a === 'metadata' && (b === 'name' || b === 'generateName' || b === 'namespace' || b === 'labels' ||
    b === 'annotations')
}

/** The reader's errors for one document that passed validate.ts: Pod counts over capacity, then wrong types. */
export function objectIssues(obj: Record<string, unknown>): Array<TypeIssue & { code: string }> {
  const capacity = overCapacity(obj).map(({ path, count }) =>
    ({ code: 'over-capacity', path, message: overCapacityMessage(String(obj.kind), path, count) }))
  if (capacity.length > 0) return capacity
  return checkObjectTypes(obj, checkedByValidate)
    .map(i => ({ ...i, code: 'invalid-type', message: `${i.message} (kubectl refuses the object; nothing is synced)` }))
}
