// Limits of the reader: how deep a document may nest, and objects that appear twice. Both are checked on what the
// YAML parser built, before anything recursive runs over it, so a hostile file gets a clear error, not a stack
// overflow.
import { isCollection, isMap, isPair, isScalar, type Node } from 'yaml'

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
