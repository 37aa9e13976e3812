// While a run plays the application view redraws ten times a second; a graph node draws again only when what it
// shows changed: its object (objects are immutable, an update is a new object), its place, its statuses. DOM-free.
import type { GraphEdge, GraphNode } from './graph-model.ts'

export function sameNodeDrawing(a: GraphNode, b: GraphNode): boolean {
  return a.id === b.id && a.obj === b.obj && a.x === b.x && a.y === b.y && a.name === b.name &&
    a.health === b.health && a.healthMessage === b.healthMessage && a.sync === b.sync &&
    a.requiresPruning === b.requiresPruning && a.hook?.phase === b.hook?.phase && a.info === b.info &&
    a.gone?.reason === b.gone?.reason && a.children === b.children && a.parent === b.parent
}

export function sameEdges(a: readonly GraphEdge[], b: readonly GraphEdge[]): boolean {
  return a.length === b.length && a.every((e, i) => {
    const f = b[i]!
    return e.id === f.id && e.x1 === f.x1 && e.y1 === f.y1 && e.x2 === f.x2 && e.y2 === f.y2 && e.gone === f.gone
  })
}

/**
 * The key each node is drawn under: its object's kind/namespace/name, so that a resource of the revision drawn
 * Missing keeps its element when it is created (its id turns from `missing:…` to the object's uid) and is updated in
 * place, with the flash of a change, instead of being replaced by a new element; a sync of 200 resources did that to
 * most of them. An object deleted a moment ago is keyed by its id (another life of the same name may be drawn live),
 * as is any node whose name came already.
 */
export function drawKeys(nodes: readonly GraphNode[]): string[] {
  const taken = new Set<string>()
  return nodes.map(n => {
    if (n.gone || n.id === 'app') return n.id
    const key = `obj:${n.kind}/${n.namespace}/${n.name}`
    if (taken.has(key)) return n.id
    taken.add(key)
    return key
  })
}
