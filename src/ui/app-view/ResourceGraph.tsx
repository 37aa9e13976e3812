// The resource tree drawn as Argo CD's application details graph: nodes in columns by depth, edges from owner to
// owned, deleted objects kept a moment, faded, with why. Loaded apart from the page (AppView imports it lazily).
// One Tab stop (roving tabindex), arrows move, Enter opens a node's details; Tab leaves the graph.
import { type KeyboardEvent, memo, useCallback, useMemo, useRef, useState } from 'react'
import { sameEdges } from './graph-equality.ts'
import { nextNodeId } from './graph-keys.ts'
import { buildGraph, type GraphEdge } from './graph-model.ts'
import type { GraphSource } from './graph-source.ts'
import { GraphNodeView } from './GraphNode.tsx'
import { NodeDetails } from './NodeDetails.tsx'
import './graph.css'

export function ResourceGraph({ source }: { source: GraphSource }) {
  // Focus and selection change without a new source: the model stays.
  const model = useMemo(() => buildGraph(source), [source])
  const [focused, setFocused] = useState<string | undefined>(undefined)
  const [selected, setSelected] = useState<string | undefined>(undefined)
  const canvas = useRef<HTMLDivElement>(null)
  const onSelect = useCallback((id: string) => setSelected(s => (s === id ? undefined : id)), [])
  const onClose = useCallback(() => {
    setSelected(undefined)
    canvas.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus()
  }, [])
  const tabStop = focused !== undefined && model.nodes.some(n => n.id === focused) ? focused : model.nodes[0]!.id
  const selectedNode = selected !== undefined ? model.nodes.find(n => n.id === selected) : undefined
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id
    if (current === undefined) return
    if (e.key === 'Escape' && selected !== undefined) return onClose()
    const next = nextNodeId(model.nodes, current, e.key)
    if (next === undefined) return
    e.preventDefault()
    setFocused(next)
    canvas.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(next)}"]`)?.focus()
  }
  return (
    <div className="graph-view">
      <div className="graph-scroll" data-testid="resource-graph">
        <div className="graph-canvas" ref={canvas} role="group" aria-label="Resource graph (arrow keys move between nodes)"
          style={{ width: model.width, height: model.height }} onKeyDown={onKeyDown}>
          <GraphEdges edges={model.edges} width={model.width} height={model.height} />
          {model.nodes.map(n => (
            <GraphNodeView key={n.id} node={n} tabbable={n.id === tabStop} selected={n.id === selected}
              onFocused={setFocused} onSelect={onSelect} />
          ))}
        </div>
      </div>
      {selectedNode ? <NodeDetails node={selectedNode} onClose={onClose} manifest={source.manifest} /> : null}
    </div>
  )
}

/** Owner → owned, as a curve from the owner's right edge to the owned one's left edge. */
const GraphEdges = memo(function GraphEdges({ edges, width, height }: { edges: readonly GraphEdge[]; width: number; height: number }) {
  return (
    <svg className="graph-edges" width={width} height={height} aria-hidden="true">
      {edges.map(e => {
        const mid = (e.x1 + e.x2) / 2
        return (
          <g key={e.id} className={e.gone ? 'edge gone' : 'edge'}>
            <path d={`M${e.x1},${e.y1} C${mid},${e.y1} ${mid},${e.y2} ${e.x2},${e.y2}`} />
            <circle cx={e.x2 - 3} cy={e.y2} r="3" />
          </g>
        )
      })}
    </svg>
  )
}, (a, b) => a.width === b.width && a.height === b.height && sameEdges(a.edges, b.edges))
