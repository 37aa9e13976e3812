// The part of the graph drawn: the nodes and edges near the scrolled view, the Tab stop and the selected node always.
import { describe, expect, it } from 'vitest'
import { type GraphEdge, type GraphNode, NODE_HEIGHT } from '../../../src/ui/app-view/graph-model.ts'
import { bandAround, edgesInBand, EVERYTHING, nodesInBand, sameBand } from '../../../src/ui/app-view/graph-window.ts'

const node = (id: string, y: number): GraphNode =>
  ({ id, depth: 1, x: 0, y, kind: 'ConfigMap', group: '', name: id, namespace: 'default', children: 0 })
const edge = (id: string, y1: number, y2: number): GraphEdge => ({ id, x1: 150, y1, x2: 178, y2, gone: false })

describe('bandAround', () => {
  it('draws the view and one view above and below it, in unzoomed pixels, snapped to half views', () => {
    expect(bandAround(0, 600, 1)).toEqual({ top: -600, bottom: 1200 })
    expect(bandAround(1000, 600, 1)).toEqual({ top: 300, bottom: 2400 })
    // Zoomed to 50 %: the view of 600 screen pixels shows 1200 of the canvas.
    expect(bandAround(1000, 600, 0.5)).toEqual({ top: 600, bottom: 4800 })
  })

  it('moves only when a scroll crosses a step, so that a scroll redraws the graph a few times', () => {
    expect(sameBand(bandAround(10, 600, 1), bandAround(250, 600, 1))).toBe(true)
    expect(sameBand(bandAround(10, 600, 1), bandAround(320, 600, 1))).toBe(false)
  })

  it('draws everything while the view is not measured', () => {
    expect(bandAround(0, 0, 1)).toBe(EVERYTHING)
  })
})

describe('nodesInBand', () => {
  const nodes = [node('a', 0), node('b', 1000), node('c', 5000), node('d', 9000)]

  it('keeps the nodes that meet the band, in their order', () => {
    expect(nodesInBand(nodes, { top: 1000 + NODE_HEIGHT, bottom: 5000 }, new Set())).toEqual([1, 2])
    expect(nodesInBand(nodes, { top: 1000 + NODE_HEIGHT + 1, bottom: 4999 }, new Set())).toEqual([])
  })

  it('always keeps the Tab stop and the selected node', () => {
    expect(nodesInBand(nodes, { top: 0, bottom: 100 }, new Set(['d']))).toEqual([0, 3])
  })

  it('keeps every node for the whole canvas', () => {
    expect(nodesInBand(nodes, EVERYTHING, new Set())).toEqual([0, 1, 2, 3])
  })
})

describe('edgesInBand', () => {
  it('keeps an edge whose curve crosses the band, from either end', () => {
    const edges = [edge('up', 5000, 100), edge('down', 100, 5000), edge('far', 8000, 9000), edge('in', 200, 300)]
    expect(edgesInBand(edges, { top: 0, bottom: 1000 }).map(e => e.id)).toEqual(['up', 'down', 'in'])
    expect(edgesInBand(edges, { top: 2000, bottom: 3000 }).map(e => e.id)).toEqual(['up', 'down'])
  })
})
