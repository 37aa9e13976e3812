// The resource tree drawn as Argo CD's application details graph: nodes in columns by depth, edges from owner to
// owned, deleted objects kept a moment, faded, with why. Loaded apart from the page (AppView imports it lazily).
// One Tab stop (roving tabindex), arrows move, Enter opens a node's details; Tab leaves the graph.
import { type KeyboardEvent, memo, type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { flushSync } from 'react-dom'
import { drawKeys, sameEdges } from './graph-equality.ts'
import { nextNodeId } from './graph-keys.ts'
import { edgePaths } from './graph-edge-paths.ts'
import { buildGraph, type GraphEdge } from './graph-model.ts'
import type { GraphSource } from './graph-source.ts'
import { type Band, bandAround, edgesInBand, EVERYTHING, nodesInBand, sameBand } from './graph-window.ts'
import { GraphNodeView } from './GraphNode.tsx'
import { NodeDetails } from './NodeDetails.tsx'
import { AnchorIcon, StatusIcon } from './status-icons.tsx'
import { PRESENTER_SCALE } from '../appearance/presenter.ts'
import { usePresenter } from '../appearance/use-presenter.ts'
import './graph.css'

// Loaded with the graph, so the page itself does not carry it (AppView imports both lazily from here).
export { HookOnlyNote } from './HookOnlyNote.tsx'

export function ResourceGraph({ source }: { source: GraphSource }) {
  // Focus and selection change without a new source: the model stays.
  const model = useMemo(() => buildGraph(source), [source])
  const keys = useMemo(() => drawKeys(model.nodes), [model])
  const [focused, setFocused] = useState<string | undefined>(undefined)
  const [selected, setSelected] = useState<string | undefined>(undefined)
  const canvas = useRef<HTMLDivElement>(null)
  const [zoom, setZoom] = useState<'fit' | number>('fit')
  const room = useRoom()
  // Presenter mode lets the graph grow to its larger type when there is room.
  const most = usePresenter() ? PRESENTER_SCALE : 1
  const scale = zoomScale(zoom, room.width, model.width, most)
  const onSelect = useCallback((id: string) => setSelected(s => (s === id ? undefined : id)), [])
  const onClose = useCallback(() => {
    setSelected(undefined)
    canvas.current?.querySelector<HTMLElement>('[tabindex="0"]')?.focus()
  }, [])
  useSkippedMarks(canvas)
  const tabStop = focused !== undefined && model.nodes.some(n => n.id === focused) ? focused : model.nodes[0]!.id
  // Only the nodes and edges near the scrolled view are drawn (graph-window.ts); the Tab stop and the selected node
  // always are, so that the keyboard and the details find them.
  const band = useScrollBand(room.el, room.height, scale)
  const shown = useMemo(() => nodesInBand(model.nodes, band, new Set([tabStop, ...(selected !== undefined ? [selected] : [])])),
    [model, band, tabStop, selected])
  const shownEdges = useMemo(() => edgesInBand(model.edges, band), [model, band])
  const selectedNode = selected !== undefined ? model.nodes.find(n => n.id === selected) : undefined
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const current = (e.target as HTMLElement).closest<HTMLElement>('[data-id]')?.dataset.id
    if (current === undefined) return
    if (e.key === 'Escape' && selected !== undefined) return onClose()
    const next = nextNodeId(model.nodes, current, e.key)
    if (next === undefined) return
    e.preventDefault()
    // Drawn now (the Tab stop always is), then focused: it may have been out of the drawn band.
    flushSync(() => setFocused(next))
    canvas.current?.querySelector<HTMLElement>(`[data-id="${CSS.escape(next)}"]`)?.focus()
  }
  return (
    <div className="graph-view">
      <div className="zoom" role="group" aria-label="Zoom">
        <button type="button" onClick={() => setZoom(Math.max(MIN_ZOOM, scale - 0.1))} aria-label="Zoom out">−</button>
        <button type="button" aria-pressed={zoom === 'fit'} onClick={() => setZoom('fit')}
          title="Fit the graph to the width">{Math.round(scale * 100)}%</button>
        <button type="button" onClick={() => setZoom(Math.min(MAX_ZOOM, scale + 0.1))} aria-label="Zoom in">+</button>
      </div>
      <div className="graph-scroll" data-testid="resource-graph" ref={room.ref}>
        <div className="graph-canvas" ref={canvas} role="group" aria-label="Resource graph (arrow keys move between nodes)"
          style={{ width: model.width, height: model.height, zoom: scale }} onKeyDown={onKeyDown}>
          <GraphEdges edges={shownEdges} width={model.width} height={model.height} />
          {shown.map(i => {
            const n = model.nodes[i]!
            return <GraphNodeView key={keys[i]} node={n} tabbable={n.id === tabStop} selected={n.id === selected}
              onFocused={setFocused} onSelect={onSelect} />
          })}
        </div>
      </div>
      <GraphLegend />
      {selectedNode ? <NodeDetails node={selectedNode} onClose={onClose} manifest={source.manifest} /> : null}
    </div>
  )
}

const MIN_ZOOM = 0.6
const MAX_ZOOM = 2

/**
 * "fit": as large as the room allows, never above `most` (100 %, or presenter mode's scale) nor below MIN_ZOOM (then
 * it scrolls, as Argo CD's).
 */
function zoomScale(zoom: 'fit' | number, room: number | undefined, width: number, most: number): number {
  if (zoom !== 'fit') return zoom
  if (room === undefined || width <= 0) return most
  return Math.round(Math.min(most, Math.max(MIN_ZOOM, room / width)) * 100) / 100
}

/**
 * Marks the nodes the browser skips, out of the graph's view (content-visibility: auto, graph.css), with
 * data-skipped: they then move and appear without their transition. Each moving node's transition is a composited
 * animation, and a new Pod near the top moves every node below it: with 200 resources that made a hundred layers at
 * once. Nodes in view still slide. The attribute is the browser's fact, set outside React's props.
 */
function useSkippedMarks(canvas: RefObject<HTMLDivElement | null>): void {
  useEffect(() => {
    const el = canvas.current
    if (!el) return
    const onState = (e: Event): void => {
      const node = e.target as HTMLElement
      if (node.classList.contains('gnode')) node.toggleAttribute('data-skipped', (e as Event & { skipped?: boolean }).skipped === true)
    }
    el.addEventListener('contentvisibilityautostatechange', onState)
    return () => el.removeEventListener('contentvisibilityautostatechange', onState)
  }, [canvas])
}

/** The content box of the graph's scroller, followed with a ResizeObserver (no layout read while a run plays). */
function useRoom(): { ref: (el: HTMLDivElement | null) => void; el: HTMLDivElement | null; width: number | undefined; height: number } {
  const [el, setEl] = useState<HTMLDivElement | null>(null)
  const [size, setSize] = useState<{ width: number | undefined; height: number }>({ width: undefined, height: 0 })
  useEffect(() => {
    if (!el) return
    const observer = new ResizeObserver(entries => {
      const rect = entries[0]?.contentRect
      if (rect) setSize(s => (s.width === rect.width && s.height === rect.height ? s : { width: rect.width, height: rect.height }))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [el])
  return { ref: setEl, el, ...size }
}

/**
 * The band of the canvas drawn, around the scroller's view (graph-window.ts): it changes when a scroll crosses a step
 * of half a view, or when the view's height or the zoom changes. Everything until the view is measured.
 */
function useScrollBand(el: HTMLDivElement | null, height: number, scale: number): Band {
  const [band, setBand] = useState<Band>(EVERYTHING)
  useEffect(() => {
    if (!el || height <= 0) return
    const follow = (): void => {
      const next = bandAround(el.scrollTop, height, scale)
      setBand(b => (sameBand(b, next) ? b : next))
    }
    follow()
    el.addEventListener('scroll', follow, { passive: true })
    return () => el.removeEventListener('scroll', follow)
  }, [el, height, scale])
  return band
}

/** What the icons and the faded nodes mean. */
const GraphLegend = memo(function GraphLegend() {
  return (
    <ul className="graph-legend" aria-label="Legend">
      <li><StatusIcon value="Synced" label="Sync status" />Synced</li>
      <li><StatusIcon value="OutOfSync" label="Sync status" />OutOfSync</li>
      <li><StatusIcon value="Healthy" label="Health" />Healthy</li>
      <li><StatusIcon value="Progressing" label="Health" />Progressing</li>
      <li><StatusIcon value="Degraded" label="Health" />Degraded</li>
      <li><StatusIcon value="Missing" label="Health" />Missing</li>
      <li><span className="hook-anchor"><AnchorIcon /></span>hook</li>
      <li><span className="legend-gone" />deleted a moment ago</li>
    </ul>
  )
})

/**
 * Owner → owned, as a curve from the owner's right edge to the owned one's left edge, ending in a dot. All edges are
 * drawn as four paths (live and gone, curves and dots), not one element each: the Application sits midway between its
 * children, so a node added while a run plays moves the Application and every edge from it, and an element per edge
 * had ~200 paths restyled and laid out again on every redraw of a 200-resource sync.
 */
const GraphEdges = memo(function GraphEdges({ edges, width, height }: { edges: readonly GraphEdge[]; width: number; height: number }) {
  const live = edgePaths(edges.filter(e => !e.gone))
  const gone = edgePaths(edges.filter(e => e.gone))
  return (
    <svg className="graph-edges" width={width} height={height} aria-hidden="true" data-edges={edges.length}>
      <g className="edge"><path d={live.curves} /><path className="dots" d={live.dots} /></g>
      {gone.curves ? <g className="edge gone"><path d={gone.curves} /><path className="dots" d={gone.dots} /></g> : null}
    </svg>
  )
}, (a, b) => a.width === b.width && a.height === b.height && sameEdges(a.edges, b.edges))
