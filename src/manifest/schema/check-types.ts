// Checks a manifest's field types against Kubernetes' own types (reader-types.json, generated from Kubernetes'
// OpenAPI by scripts/gen-kube-schema.mjs), as kubectl's schema validation does, and words each problem as kubectl
// does: `ValidationError(Job.spec.activeDeadlineSeconds): invalid type for io.k8s.api.batch.v1.JobSpec.
// activeDeadlineSeconds: got "map", expected "integer"`. The engine reads these fields; a wrong type there would
// reach a controller or the clock as garbage, so the reader refuses it.
// The types (~20 KB) are loaded once with loadReaderTypes(): the CLI and the tests load them before reading; the
// page loads them after it first renders (its entry chunk has a size budget), and reads its files again then.

/** reader-types.json: apiVersion/kind -> definition, definition -> field -> type code. */
export interface ReaderTypes {
  kinds: Readonly<Record<string, string>>
  types: Readonly<Record<string, Readonly<Record<string, string>>>>
}

let loaded: ReaderTypes | undefined
const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta'

/** Loads the reader's Kubernetes types (a separate chunk in the page); resolves at once when they are loaded. */
export async function loadReaderTypes(): Promise<void> {
  if (loaded) return
  const module = await import('./reader-types.json', { with: { type: 'json' } })
  loaded = module.default
}

/** Whether wrong types are checked yet (always, once loadReaderTypes resolved). */
export function readerTypesLoaded(): boolean {
  return loaded !== undefined
}

export type FieldPath = Array<string | number>

export interface TypeIssue {
  path: FieldPath
  message: string
}

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
  return loaded && Object.hasOwn(loaded.kinds, key) ? loaded.kinds[key] : undefined
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

/**
 * Every field of `obj` whose type differs from Kubernetes' type for it. Fields unknown to the types, and null
 * values (Kubernetes reads null as unset), are not type errors. `skip` leaves out paths another check words.
 */
export function checkTypes(obj: Record<string, unknown>, skip: (path: FieldPath) => boolean = () => false): TypeIssue[] {
  const issues: TypeIssue[] = []
  if (!loaded) return issues
  const TYPES = loaded.types
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
