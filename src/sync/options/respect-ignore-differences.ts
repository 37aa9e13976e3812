// R80 RespectIgnoreDifferences=true: before the apply, an object that is already live gets the live values of the
// fields the Application's spec.ignoreDifferences names, so the sync does not undo them (an HPA's replicas, a
// mutated image); new objects are applied as they are. Argo CD controller/sync.go normalizeTargetResources.
import { groupOf, type KubeObject } from '../../cluster/objects.ts'

/** One entry of an Application's spec.ignoreDifferences. */
export interface IgnoreDifference {
  group: string
  kind: string
  name?: string
  namespace?: string
  /** RFC 6901 pointers: /spec/replicas */
  jsonPointers?: string[]
  /** Simple jq paths: .spec.replicas, .spec.template.spec.containers[0].image */
  jqPathExpressions?: string[]
}

type Path = Array<string | number>

/** What the Application reads: the target normalised for its ignoreDifferences (the page, without any, never loads this). */
export type TargetNormalizer = (target: KubeObject, live: KubeObject | undefined) => KubeObject

export function ignoreDifferencesNormalizer(rules: readonly IgnoreDifference[]): TargetNormalizer {
  return (target, live) => withIgnoredFieldsFromLive(target, live, rules)
}

/** The target with the ignored fields taken from the live object (absent there: absent here too). */
export function withIgnoredFieldsFromLive(target: KubeObject, live: KubeObject | undefined,
  rules: readonly IgnoreDifference[]): KubeObject {
  if (!live) return target
  const paths = rules.filter(r => matches(r, target)).flatMap(pathsOf)
  if (paths.length === 0) return target
  let out = structuredClone(target)
  for (const path of paths) {
    const value = at(live, path)
    out = (value === undefined ? without(out, path) : set(out, path, structuredClone(value))) as KubeObject
  }
  return out
}

function matches(r: IgnoreDifference, obj: KubeObject): boolean {
  return r.group === groupOf(obj.apiVersion) && r.kind === obj.kind &&
    (!r.name || r.name === obj.metadata.name) && (!r.namespace || r.namespace === obj.metadata.namespace)
}

function pathsOf(r: IgnoreDifference): Path[] {
  const out: Path[] = []
  for (const p of r.jsonPointers ?? []) out.push(pointerPath(p))
  for (const q of r.jqPathExpressions ?? []) {
    const path = jqPath(q)
    if (path) out.push(path)
  }
  return out
}

/** "/spec/template/spec/containers/0/image" (~1 is '/', ~0 is '~'). */
export function pointerPath(pointer: string): Path {
  return pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')).map(s => (/^\d+$/.test(s) ? Number(s) : s))
}

/** ".spec.containers[0].image"; undefined for jq beyond plain paths. */
export function jqPath(expr: string): Path | undefined {
  const re = /\.([A-Za-z_][\w-]*)|\["([^"]+)"\]|\[(\d+)\]/gy
  const out: Path = []
  let end = 0
  for (let m = re.exec(expr); m; m = re.exec(expr)) {
    out.push(m[3] !== undefined ? Number(m[3]) : (m[1] ?? m[2])!)
    end = re.lastIndex
  }
  return end === expr.length && out.length > 0 ? out : undefined
}

function at(obj: unknown, path: Path): unknown {
  let cur = obj
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string | number, unknown>)[key]
  }
  return cur
}

function set(obj: unknown, path: Path, value: unknown): unknown {
  const [key, ...rest] = path
  if (key === undefined) return value
  const base = (obj !== null && typeof obj === 'object' ? obj : typeof key === 'number' ? [] : {}) as Record<string | number, unknown>
  base[key] = set(base[key], rest, value)
  return base
}

function without(obj: unknown, path: Path): unknown {
  const parent = at(obj, path.slice(0, -1))
  const key = path.at(-1)!
  if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[key]
  return obj
}
