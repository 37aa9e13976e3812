// The graph's edges as SVG path data: all curves in one path, all end dots in another (ResourceGraph's GraphEdges
// says why). DOM-free.
import type { GraphEdge } from './graph-model.ts'

/** The curves of some edges as one path's data, and their end dots (circles of radius 3) as another's. */
export function edgePaths(edges: readonly GraphEdge[]): { curves: string; dots: string } {
  let curves = ''
  let dots = ''
  for (const e of edges) {
    const mid = (e.x1 + e.x2) / 2
    curves += `M${e.x1},${e.y1}C${mid},${e.y1} ${mid},${e.y2} ${e.x2},${e.y2}`
    dots += `M${e.x2 - 6},${e.y2}a3,3 0 1,0 6,0a3,3 0 1,0 -6,0`
  }
  return { curves, dots }
}
