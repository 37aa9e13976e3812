// A chunk of lanes: a block of its own (skipped by the browser while off-screen, see .tl-chunk) holding an SVG
// with the lanes and, behind them, the bands' backgrounds, the tick lines and the operation lines for its height.
import { memo } from 'react'
import { laneHeight } from './geometry.ts'
import { sameLaneDrawing } from './lane-equality.ts'
import { type LanePart, LaneView } from './lane-view.tsx'
import type { Lane, Timeline as TimelineData } from './model.ts'
import type { TimeScale } from './scale.ts'
import { bandSpan, UpToEnd } from './up-to-end.tsx'

/** What is drawn behind the lanes of every chunk; `key` tells whether it changed. */
export interface Backdrop {
  bands: { x: number; w: number }[]
  ticks: number[]
  ops: { x: number; end: boolean }[]
  key: string
}

/**
 * The backdrop of a timeline. Open bands reach `openX` (a clip cuts them at the timeline's end) and the ticks
 * cover the chart's width, so the backdrop changes when a band starts or ends, not on every redraw of a run.
 */
export function backdropOf(timeline: TimelineData, scale: TimeScale, openX: number, tickTimes: number[]): Backdrop {
  const bands = timeline.bands.map(b => bandSpan(b, scale, openX))
  const ticks = tickTimes.map(scale.x)
  const ops = timeline.markers.flatMap(m => m.type === 'operation' ? [{ x: scale.x(m.t), end: m.edge === 'end' }] : [])
  const key = `${bands.map(b => `${b.x}+${b.w}`)}|${ticks}|${ops.map(o => `${o.x}${o.end ? 'e' : ''}`)}`
  return { bands, ticks, ops, key }
}

interface ChunkProps {
  lanes: Lane[]
  scale: TimeScale
  openX: number
  backdrop: Backdrop
  /** Prefix of the chart's ids (the fill patterns'). */
  id: string
}

export const LaneChunk = memo(function LaneChunk({ lanes, scale, openX, backdrop, id }: ChunkProps) {
  const tops: number[] = []
  let height = 0
  for (const lane of lanes) {
    tops.push(height)
    height += laneHeight(lane)
  }
  const lane = (part: LanePart) => lanes.map((l, i) => (
    <LaneView key={l.key} lane={l} top={tops[i]!} scale={scale} t0={scale.t0} pps={scale.pxPerSecond}
      openX={openX} id={id} part={part} />
  ))
  return (
    <div className="tl-chunk" style={{ height }}>
      <UpToEnd width={openX} height={height}>
        <svg className="tl-layer" width={openX} height={height} aria-hidden="true">
          <BandsView backdrop={backdrop} height={height} />
        </svg>
      </UpToEnd>
      <svg className="tl-fixed" width="100%" height={height}>
        <BackdropView backdrop={backdrop} height={height} />
        {lane('fixed')}
      </svg>
      <UpToEnd width={openX} height={height}>
        <svg className="tl-layer" width={openX} height={height}>{lane('open')}</svg>
      </UpToEnd>
    </div>
  )
}, (a, b) => a.scale.t0 === b.scale.t0 && a.scale.pxPerSecond === b.scale.pxPerSecond && a.openX === b.openX &&
  a.backdrop.key === b.backdrop.key && a.id === b.id && a.lanes.length === b.lanes.length &&
  a.lanes.every((lane, i) => sameLaneDrawing(lane, b.lanes[i]!)))

/** The bands' backgrounds, behind everything (open ones reach openX, cut at the timeline's end by UpToEnd). */
const BandsView = memo(function BandsView({ backdrop, height }: { backdrop: Backdrop; height: number }) {
  return (
    <g>
      {backdrop.bands.map((b, i) => (
        <rect key={i} x={b.x} y={0} width={b.w} height={height} fill={i % 2 === 0 ? 'var(--tl-band-a)' : 'var(--tl-band-b)'} />
      ))}
    </g>
  )
}, (a, b) => a.backdrop.key === b.backdrop.key && a.height === b.height)

interface BackdropProps {
  backdrop: Backdrop
  height: number
}

/** The bands' edges, the tick lines and the operation lines, over the bands and under the lanes. */
const BackdropView = memo(function BackdropView({ backdrop, height }: BackdropProps) {
  return (
    <g aria-hidden="true">
      {backdrop.bands.map((b, i) => (
        <line key={i} x1={b.x} x2={b.x} y1={0} y2={height} stroke="var(--tl-band-edge)" strokeDasharray="3 3" />
      ))}
      {backdrop.ticks.map(x => <line key={x} x1={x} x2={x} y1={0} y2={height} stroke="var(--tl-grid)" />)}
      {backdrop.ops.map((o, i) => (
        <line key={i} x1={o.x} x2={o.x} y1={0} y2={height} stroke="var(--tl-text)" strokeWidth={o.end ? 1.5 : 1}
          strokeDasharray={o.end ? undefined : '2 2'} />
      ))}
    </g>
  )
}, (a, b) => a.backdrop.key === b.backdrop.key && a.height === b.height)
