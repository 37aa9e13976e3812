// Does a new revision differ from the last synced one only in its hooks? Then the application stays Synced: Argo CD
// leaves hooks out of the comparison ("For resource hooks, don't store sync status, and do not affect overall sync
// status": AC controller/state.go CompareAppState; app-status.ts does the same), so nothing tells the learner that
// the commit is not deployed yet. The views say so with the hooks named.
// It imports nothing at run time: `isHook` is the engine's IsHook (R2: `settingsOf(obj).isHook`), given by the
// caller, so the views can load it apart from the page.
import type { KubeObject } from '../cluster/objects.ts'

/**
 * The hooks (`Kind/name`) added, removed or changed between `before` and `after`, when nothing else differs;
 * undefined when a non-hook manifest differs too or no hook changed.
 */
export function hookOnlyChange(before: readonly KubeObject[], after: readonly KubeObject[],
  isHook: (obj: KubeObject) => boolean): string[] | undefined {
  const cached = cache.get(before)
  if (cached && cached.after === after) return cached.answer
  const answer = compare(before, after, isHook)
  cache.set(before, { after, answer })
  return answer
}

const cache = new WeakMap<readonly KubeObject[], { after: readonly KubeObject[]; answer: string[] | undefined }>()

function compare(before: readonly KubeObject[], after: readonly KubeObject[],
  isHook: (obj: KubeObject) => boolean): string[] | undefined {
  const old = new Map(before.map(o => [keyOf(o), o]))
  const now = new Map(after.map(o => [keyOf(o), o]))
  const hooks = new Set<string>()
  for (const key of new Set([...old.keys(), ...now.keys()])) {
    const a = old.get(key)
    const b = now.get(key)
    if (a && b && sameJson(a, b)) continue
    const either = (b ?? a)!
    if ((a && !isHook(a)) || (b && !isHook(b))) return undefined
    hooks.add(`${either.kind}/${either.metadata.name ?? either.metadata.generateName ?? ''}`)
  }
  return hooks.size > 0 ? [...hooks] : undefined
}

/** One object in both revisions; hooks with only a generateName have no name yet (R24): told apart by it. */
function keyOf(obj: KubeObject): string {
  const { namespace = '', name, generateName = '' } = obj.metadata
  return `${obj.apiVersion}/${obj.kind}/${namespace}/${name ?? `generateName:${generateName}`}`
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every(k => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}
