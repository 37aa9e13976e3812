// Keyboard use of the resource graph (one Tab stop, roving tabindex, as the list's tree-keys.ts): Up/Down go to
// the previous/next node in depth-first order, Home/End to the first/last, Left to the parent, Right to the first
// child. DOM-free: it answers which node to focus.
import type { GraphNode } from './graph-model.ts'

export function nextNodeId(nodes: readonly GraphNode[], currentId: string, key: string): string | undefined {
  const at = nodes.findIndex(n => n.id === currentId)
  if (at < 0) return undefined
  switch (key) {
    case 'ArrowDown': return nodes[at + 1]?.id
    case 'ArrowUp': return nodes[at - 1]?.id
    case 'Home': return nodes[0]?.id
    case 'End': return nodes.at(-1)?.id
    case 'ArrowLeft': return nodes[at]!.parent
    case 'ArrowRight': return nodes.find(n => n.parent === currentId)?.id
    default: return undefined
  }
}
