// Keys repeated in a YAML mapping, found in linear time. Runs on every read, before anything else looks at the
// document, so it stays out of the lazily loaded checks (limits.ts).
import { isCollection, isMap, isPair, isScalar, type Node } from 'yaml'

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
