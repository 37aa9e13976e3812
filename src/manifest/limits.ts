// Limits of the reader: how deep a document may nest, and objects that appear twice. Both are checked on what the
// YAML parser built, before anything recursive runs over it, so a hostile file gets a clear error, not a stack
// overflow.
import { isCollection, isMap, isPair, isScalar, type Node } from 'yaml'
import { MAX_PODS_PER_NAMESPACE } from '../cluster/limits.ts'

/**
 * Deepest nesting the reader follows. Kubernetes objects nest far less (a CRD's schema, one of the deepest, stays
 * under 40 levels); deeper documents are refused with an error at the node past the limit.
 */
export const MAX_NESTING = 100

/** The first node nested deeper than MAX_NESTING levels, or undefined. Iterative: no recursion to overflow. */
export function tooDeep(root: unknown): Node | undefined {
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

/**
 * Keys repeated in a mapping (the second and later ones). The YAML library's own check compares every key with
 * every other (a 10 MB ConfigMap took minutes), so the reader turns it off and checks here with a set per map.
 * Only scalar keys are compared; `<<` merge keys may repeat.
 */
export function repeatedKeys(root: unknown): Node[] {
  const out: Node[] = []
  const stack: unknown[] = [root]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!isCollection(node)) continue
    const seen = isMap(node) ? new Set<string>() : undefined
    for (const item of node.items) {
      if (!isPair(item)) {
        stack.push(item)
        continue
      }
      if (seen && isScalar(item.key) && item.key.value !== '<<') {
        const key = String(item.key.value)
        if (seen.has(key)) out.push(item.key)
        seen.add(key)
      } else if (!isScalar(item.key)) stack.push(item.key)
      stack.push(item.value)
    }
  }
  return out
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
