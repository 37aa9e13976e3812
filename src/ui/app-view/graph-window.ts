// Which part of the resource graph is drawn: the nodes and edges near the graph's scrolled view, not all of them. A
// 200-resource app makes a canvas of 15,000 px in a 600-px view; each node drawn was a paint layer of its own that
// the browser checked on every frame of a playing run (content-visibility, layers, cull rects) and that React
// compared on every redraw, in view or not. DOM-free: the view measures, this picks.
import { type GraphEdge, type GraphNode, NODE_HEIGHT } from './graph-model.ts'

/** A band of the canvas, in its own (unzoomed) pixels. */
export interface Band {
  top: number
  bottom: number
}

/** The whole canvas: before the view is measured, everything is drawn. */
export const EVERYTHING: Band = { top: Number.NEGATIVE_INFINITY, bottom: Number.POSITIVE_INFINITY }

/** Drawn beyond the view, above and below, as a share of its height: scrolling shows nodes already there. */
const MARGIN = 1
/** The band moves in steps of this share of the view: a scroll redraws the graph a few times, not on every pixel. */
const STEP = 0.5

/**
 * The band drawn for a view of `height` pixels scrolled to `scrollTop` (both on screen, zoomed by `scale`): the view
 * and a margin of one view above and below, its edges snapped to steps of half a view.
 */
export function bandAround(scrollTop: number, height: number, scale: number): Band {
  if (height <= 0 || scale <= 0) return EVERYTHING
  const view = height / scale
  const step = view * STEP
  const top = Math.floor((scrollTop / scale - view * MARGIN) / step) * step
  const bottom = Math.ceil((scrollTop / scale + view * (1 + MARGIN)) / step) * step
  return { top, bottom }
}

export function sameBand(a: Band, b: Band): boolean {
  return a.top === b.top && a.bottom === b.bottom
}

/** The indexes of the nodes that meet the band, and of those always drawn (the Tab stop, the selected node). */
export function nodesInBand(nodes: readonly GraphNode[], band: Band, always: ReadonlySet<string>): number[] {
  const out: number[] = []
  nodes.forEach((n, i) => {
    if (always.has(n.id) || (n.y + NODE_HEIGHT >= band.top && n.y <= band.bottom)) out.push(i)
  })
  return out
}

/** The edges whose curve crosses the band (an edge from the Application in mid-canvas down to a node in view). */
export function edgesInBand(edges: readonly GraphEdge[], band: Band): GraphEdge[] {
  return edges.filter(e => Math.max(e.y1, e.y2) >= band.top && Math.min(e.y1, e.y2) <= band.bottom)
}
