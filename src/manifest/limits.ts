// Limits of the reader: how deep a document may nest (checked on what the YAML parser built, before anything
// recursive runs over it) and how many Pods a workload may ask for. Loaded with the reader's Kubernetes types
// (check-types.ts loadReaderTypes): the page's first load does without them; the engine has its own guards.
import { isCollection, isPair, isScalar } from 'yaml'
import { MAX_PODS_PER_NAMESPACE } from '../cluster/limits.ts'

/**
 * Deepest nesting the reader follows. Kubernetes objects nest far less (a CRD's schema, one of the deepest, stays
 * under 40 levels); deeper documents are refused with an error at the node past the limit.
 */
export const MAX_NESTING = 100

/**
 * The first node nested deeper than MAX_NESTING levels (a yaml Node, for positions.ts nodeSpan), or undefined.
 * Iterative: no recursion to overflow. Typed `unknown` so that the library's declarations need no yaml types.
 */
export function tooDeep(root: unknown): unknown {
  const stack: Array<[unknown, number]> = [[root, 0]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (!isCollection(node)) continue
    if (depth >= MAX_NESTING) return node
    for (const item of node.items) {
      if (isPair(item)) {
        if (!isScalar(item.key)) stack.push([item.key, depth + 1])
        stack.push([item.value, depth + 1])
      } else stack.push([item, depth + 1])
    }
  }
  return undefined
}

/** Counts of Pods a workload asks for, by kind: more than the simulated cluster holds is refused. */
const POD_COUNTS: Readonly<Record<string, ReadonlyArray<readonly string[]>>> = {
  Deployment: [['spec', 'replicas']], ReplicaSet: [['spec', 'replicas']], StatefulSet: [['spec', 'replicas']],
  ReplicationController: [['spec', 'replicas']], Job: [['spec', 'parallelism']],
}

/** Paths whose Pod count is over MAX_PODS_PER_NAMESPACE, with the count. */
export function overCapacity(obj: Record<string, unknown>): Array<{ path: string[]; count: number }> {
  const out: Array<{ path: string[]; count: number }> = []
  const paths = typeof obj.kind === 'string' && Object.hasOwn(POD_COUNTS, obj.kind) ? POD_COUNTS[obj.kind]! : []
  for (const path of paths) {
    let v: unknown = obj
    for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[k] : undefined
    if (typeof v === 'number' && v > MAX_PODS_PER_NAMESPACE) out.push({ path: [...path], count: v })
  }
  return out
}

export function overCapacityMessage(kind: string, path: string[], count: number): string {
  return `${kind}.${path.join('.')}: ${count} Pods are more than synclab's simulated cluster holds (at most ` +
    `${MAX_PODS_PER_NAMESPACE} Pods in a namespace, as if a ResourceQuota said so). Nothing is synced.`
}
