// The timeline chart: a lane per resource with its Pods' bars, (phase, wave) bands, delete/apply/hook markers, a
// "now" line that follows virtual time and a draggable, keyboard-operable time cursor. It only draws the model
// built by buildTimeline; every fact shown is in the model.
import { type KeyboardEvent, memo, type PointerEvent, useId, useRef } from 'react'
import { sameLaneDrawing } from './lane-equality.ts'
import { usePaneFollow } from './pane-follow.ts'
import {
  describeTimeline, formatSeconds, type Lane, type LaneMarker, POD_STATE_ICON, type PodState,
  type Timeline as TimelineData,
} from './model.ts'
import { axisTicks, clamp, cursorAfterKey, tickLabel, timeScale, type TimeScale } from './scale.ts'

export interface TimelineProps {
  timeline: TimelineData
  /** Current virtual time (ms): the "now" line. */
  now: number
  /** The time-travel cursor (ms), or undefined when following now. */
  cursor: number | undefined
  /** Called with the new cursor time (ms) when the user drags or uses the keyboard. */
  onCursor: (t: number) => void
  /** Horizontal zoom; 24 px per virtual second by default. */
  pxPerSecond?: number
}

const LABEL_W = 230
const AXIS_H = 20
const OPS_H = 18
const BAND_H = 20
const HEADER_H = AXIS_H + OPS_H + BAND_H
const LANE_BASE = 28
const POD_ROW = 18
const POD_BAR = 14
const LANE_PAD = 6
/** Room left of time 0 for markers drawn there. */
const PAD_LEFT = 12

export function laneHeight(lane: Lane): number {
  return LANE_BASE + lane.podRows * POD_ROW + LANE_PAD
}

const STATE_FILL: Record<PodState, string> = {
  pending: '#fde68a', running: '#bfdbfe', succeeded: '#bbf7d0', failed: '#fecaca', terminating: '#e5e7eb',
}
const STATE_TEXT = '#111827'

const APPLY_ICON: Record<string, string> = { created: '+', configured: '~', unchanged: '=', failed: '!' }

function markerTitle(m: LaneMarker): string {
  const at = formatSeconds(m.t)
  switch (m.type) {
    case 'apply':
      return `${at}: apply ${m.label}${m.hook ? ` (hook ${m.syncPhase})` : ` (${m.syncPhase} · wave ${m.wave})`}${
        m.message ? `: ${m.message}` : ''}`
    case 'hook':
      return `${at}: hook ${m.hookPhase}`
    case 'delete':
      return `${at}: deleted by policy ${m.reason}`
    case 'gone':
      return `${at}: gone from the cluster`
    case 'health':
      return `${at}: health ${m.health}`
  }
}

export function Timeline({ timeline, now, cursor, onCursor, pxPerSecond = 24 }: TimelineProps) {
  const rawId = useId()
  const id = `tl${rawId.replace(/[^a-zA-Z0-9_-]/g, '')}`
  const rootRef = useRef<HTMLDivElement>(null)
  const paneRef = useRef<HTMLDivElement>(null)
  const sliderRef = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)

  const scale = timeScale(timeline.start, Math.max(timeline.end, now, cursor ?? 0), pxPerSecond, PAD_LEFT)
  const min = scale.t0
  const max = Math.max(now, min)
  const value = clamp(cursor ?? now, min, max)
  const ticks = axisTicks(scale)

  const tops: number[] = []
  let y = HEADER_H
  for (const lane of timeline.lanes) {
    tops.push(y)
    y += laneHeight(lane)
  }
  const height = Math.max(y, HEADER_H + 24)

  // Follow the now line (or the cursor while it moves) when it leaves the visible part.
  const followX = scale.x(value)
  const follow = usePaneFollow(rootRef, paneRef, dragging, followX)

  const timeAt = (clientX: number): number => {
    const pane = paneRef.current!
    const rect = pane.getBoundingClientRect()
    return scale.t(clientX - rect.left + pane.scrollLeft, min, max)
  }
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return
    dragging.current = true
    e.currentTarget.setPointerCapture(e.pointerId)
    onCursor(timeAt(e.clientX))
    sliderRef.current?.focus({ preventScroll: true })
    e.preventDefault()
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current) onCursor(timeAt(e.clientX))
  }
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    dragging.current = false
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const next = cursorAfterKey(e.key, e.shiftKey, value, min, max)
    if (next === undefined) return
    e.preventDefault()
    onCursor(next)
  }

  const summary = describeTimeline(timeline)
  // Where open presence lines end (clipped at the timeline's end): a power of two, so it seldom changes.
  const openX = 2 ** Math.ceil(Math.log2(scale.width + 1))

  return (
    <div ref={rootRef} className="timeline" data-testid="timeline" style={{ fontFamily: 'system-ui, sans-serif',
      fontSize: 12, containIntrinsicBlockSize: `auto ${height + 40}px` }}>
      <div style={{ display: 'grid', gridTemplateColumns: `${LABEL_W}px minmax(0, 1fr)`, alignItems: 'start' }}>
        <ul aria-label="Resources" style={{ listStyle: 'none', margin: 0, padding: 0, paddingTop: HEADER_H }}>
          {timeline.lanes.map(lane => <LaneLabel key={lane.key} lane={lane} />)}
        </ul>
        <div ref={paneRef} style={{ position: 'relative', overflowX: 'auto', overflowY: 'hidden', touchAction: 'pan-y',
          cursor: 'col-resize' }}
          onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp} onScroll={follow.onScroll}>
          <svg role="img" aria-label={summary} width={scale.width} height={height}
            style={{ display: 'block', userSelect: 'none' }}>
            <Defs id={id} />
            <clipPath id={`${id}-upto`}>
              <rect width={scale.x(timeline.end)} height={height} />
            </clipPath>
            <Bands timeline={timeline} scale={scale} height={height} id={id} />
            <Axis ticks={ticks} scale={scale} height={height} />
            <OperationMarks timeline={timeline} scale={scale} height={height} />
            {timeline.lanes.map((lane, i) => (
              <LaneView key={lane.key} lane={lane} top={tops[i]!} scale={scale} t0={scale.t0} pps={pxPerSecond}
                openX={openX} id={id} />
            ))}
            <g aria-hidden="true">
              <line x1={scale.x(now)} x2={scale.x(now)} y1={0} y2={height} stroke="#dc2626" strokeWidth={2} />
              <text x={scale.x(now) + 3} y={AXIS_H + 12} fill="#dc2626" fontWeight={600}>now</text>
            </g>
          </svg>
          <div ref={sliderRef} role="slider" tabIndex={0} aria-label="Time cursor"
            aria-valuemin={round1(min / 1000)} aria-valuemax={round1(max / 1000)} aria-valuenow={round1(value / 1000)}
            aria-valuetext={`${formatSeconds(value)}${cursor === undefined ? ' (now)' : ''}`}
            aria-orientation="horizontal" onKeyDown={onKeyDown}
            style={{ position: 'absolute', top: 0, left: scale.x(value) - 6, width: 12, height,
              cursor: 'ew-resize', outlineOffset: 2, display: 'flex', justifyContent: 'center' }}>
            <div style={{ width: 2, height: '100%', background: cursor === undefined ? 'transparent' : '#111827',
              borderLeft: cursor === undefined ? '2px dashed #6b7280' : undefined }} />
            <div aria-hidden="true" style={{ position: 'absolute', top: 0, width: 12, height: 12, borderRadius: 6,
              background: '#111827', color: 'white', fontSize: 9, lineHeight: '12px', textAlign: 'center' }}>◆</div>
          </div>
        </div>
      </div>
      <details>
        <summary>Timeline as a table</summary>
        <TimelineTable timeline={timeline} />
      </details>
    </div>
  )
}

function round1(v: number): number {
  return Math.round(v * 10) / 10
}

function Defs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-pending`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill={STATE_FILL.pending} />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#d97706" strokeWidth={1.5} strokeOpacity={0.55} />
      </pattern>
      <pattern id={`${id}-running`} width={8} height={8} patternUnits="userSpaceOnUse">
        <rect width={8} height={8} fill={STATE_FILL.running} />
      </pattern>
      <pattern id={`${id}-succeeded`} width={8} height={8} patternUnits="userSpaceOnUse">
        <rect width={8} height={8} fill={STATE_FILL.succeeded} />
      </pattern>
      <pattern id={`${id}-failed`} width={6} height={6} patternUnits="userSpaceOnUse">
        <rect width={6} height={6} fill={STATE_FILL.failed} />
        <path d="M0 0L6 6M6 0L0 6" stroke="#b91c1c" strokeWidth={1} />
      </pattern>
      <pattern id={`${id}-terminating`} width={6} height={6} patternUnits="userSpaceOnUse">
        <rect width={6} height={6} fill={STATE_FILL.terminating} />
        <circle cx={3} cy={3} r={1} fill="#4b5563" />
      </pattern>
      <pattern id={`${id}-band`} width={8} height={8} patternUnits="userSpaceOnUse" patternTransform="rotate(-45)">
        <line x1={0} y1={0} x2={0} y2={8} stroke="#d1d5db" strokeWidth={1} />
      </pattern>
    </defs>
  )
}

function Axis({ ticks, scale, height }: { ticks: number[]; scale: TimeScale; height: number }) {
  return (
    <g aria-hidden="true">
      <line x1={0} x2={scale.width} y1={AXIS_H} y2={AXIS_H} stroke="#9ca3af" />
      {ticks.map(t => (
        <g key={t}>
          <line x1={scale.x(t)} x2={scale.x(t)} y1={AXIS_H - 5} y2={height} stroke="#f3f4f6" />
          <line x1={scale.x(t)} x2={scale.x(t)} y1={AXIS_H - 5} y2={AXIS_H} stroke="#6b7280" />
          <text x={scale.x(t) + 2} y={AXIS_H - 7} fill="#374151">{tickLabel(t)}</text>
        </g>
      ))}
    </g>
  )
}

function Bands({ timeline, scale, height, id }: { timeline: TimelineData; scale: TimeScale; height: number; id: string }) {
  const top = AXIS_H + OPS_H
  return (
    <g aria-hidden="true">
      {timeline.bands.map((b, i) => {
        const x = scale.x(b.from)
        const w = Math.max(1, scale.x(b.to) - x)
        return (
          <g key={`${b.op}-${i}`}>
            <title>{`${b.label}: ${formatSeconds(b.from)} – ${b.open ? 'running' : formatSeconds(b.to)}`}</title>
            <rect x={x} y={top} width={w} height={height - top} fill={i % 2 === 0 ? '#f9fafb' : '#f3f4f6'} />
            <rect x={x} y={top} width={w} height={BAND_H} fill={i % 2 === 0 ? '#e0e7ff' : `url(#${id}-band)`}
              stroke="#6366f1" strokeWidth={0.5} />
            <line x1={x} x2={x} y1={top} y2={height} stroke="#6366f1" strokeDasharray="3 3" />
            <svg x={x} y={top} width={w} height={BAND_H}>
              <text x={4} y={14} fill="#1e1b4b" fontWeight={600}>{b.label}</text>
            </svg>
          </g>
        )
      })}
    </g>
  )
}

function OperationMarks({ timeline, scale, height }: { timeline: TimelineData; scale: TimeScale; height: number }) {
  return (
    <g aria-hidden="true">
      {timeline.markers.map((m, i) => {
        const x = scale.x(m.t)
        const end = m.type === 'operation' && m.edge === 'end'
        const icon = m.type === 'operation' ? (m.edge === 'start' ? '▶' : m.edge === 'end' ? '■' : '⏹')
          : m.type === 'app' ? '⚑' : '↻'
        const text = `${icon} ${m.type === 'operation' && m.edge === 'end' ? `op ${m.op} ${m.phase}` :
          m.type === 'operation' ? `op ${m.op}${m.edge === 'terminating' ? ' terminating' : ''}` : m.label}`
        return (
          <g key={i}>
            <title>{`${formatSeconds(m.t)}: ${m.label}${'message' in m && m.message ? ` — ${m.message}` : ''}`}</title>
            {m.type === 'operation' && (
              <line x1={x} x2={x} y1={AXIS_H} y2={height} stroke="#111827" strokeWidth={end ? 1.5 : 1}
                strokeDasharray={end ? undefined : '2 2'} />
            )}
            <text x={end ? x - 3 : x + 3} y={AXIS_H + 13} textAnchor={end ? 'end' : 'start'} fill="#111827">{text}</text>
          </g>
        )
      })}
    </g>
  )
}

/** The resource list's entry for a lane. */
const LaneLabel = memo(function LaneLabel({ lane }: { lane: Lane }) {
  return (
    <li style={{ height: laneHeight(lane), boxSizing: 'border-box', padding: '4px 8px 0 0',
      borderTop: '1px solid #e5e7eb', overflow: 'hidden' }} title={lane.key}>
      <div style={{ fontWeight: 600, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
        {lane.label}
      </div>
      <div style={{ color: '#4b5563', whiteSpace: 'nowrap' }}>
        {lane.hookTypes.length > 0 ? `${lane.hookTypes.join(', ')} hook` : lane.syncPhase !== undefined
          ? `${lane.syncPhase} · wave ${lane.wave ?? 0}` : 'resource'}
        {lane.health !== undefined ? ` · ${lane.health}` : ''}
      </div>
    </li>
  )
}, (a, b) => sameLaneDrawing(a.lane, b.lane))

interface LaneViewProps {
  lane: Lane
  top: number
  scale: TimeScale
  /** The scale's start and zoom: a lane redraws when they, its top or its own facts change. */
  t0: number
  pps: number
  /** x open presence lines are drawn to, clipped at the timeline's end. */
  openX: number
  id: string
}

// While a run plays, only the lanes whose facts changed (mostly those with running Pods) redraw.
const LaneView = memo(function LaneView({ lane, top, scale, openX, id }: LaneViewProps) {
  const lineY = top + 10
  return (
    <g>
      <line x1={0} x2={scale.width} y1={top} y2={top} stroke="#e5e7eb" />
      {lane.presence.map((p, i) => (
        <g key={`p${i}`}>
          <title>{`${lane.label} exists ${formatSeconds(p.from)} – ${p.open ? 'now' : formatSeconds(p.to)}`}</title>
          <line x1={scale.x(p.from)} x2={p.open ? openX : scale.x(p.to)} y1={lineY} y2={lineY} stroke="#374151"
            strokeWidth={3} strokeLinecap="butt" clipPath={p.open ? `url(#${id}-upto)` : undefined} />
          {!p.open && <text x={scale.x(p.to)} y={lineY + 4} textAnchor="middle" fontSize={12} fill="#111827">×</text>}
        </g>
      ))}
      {lane.markers.map((m, i) => <MarkerView key={`m${i}`} m={m} x={scale.x(m.t)} y={lineY} />)}
      {lane.pods.map(pod => {
        const barY = top + LANE_BASE + pod.row * POD_ROW
        return (
          <g key={pod.uid} data-pod={pod.name}>
            {pod.segments.map((s, i) => {
              const x = scale.x(s.from)
              const w = Math.max(1, scale.x(s.to) - x)
              const fits = w >= s.label.length * 6.5 + 6
              return (
                <g key={i}>
                  <title>{`${pod.name}: ${s.statuses.join(' → ')} (${formatSeconds(s.from)} – ${
                    s.open ? 'now' : formatSeconds(s.to)})`}</title>
                  <rect x={x} y={barY} width={w} height={POD_BAR} fill={`url(#${id}-${s.state})`}
                    stroke="#374151" strokeWidth={0.5} />
                  {(fits || w >= 12) && (
                    <text x={x + 3} y={barY + 11} fill={STATE_TEXT} fontSize={10}>
                      {fits ? s.label : POD_STATE_ICON[s.state]}
                    </text>
                  )}
                </g>
              )
            })}
            <text x={scale.x(pod.to) + 4} y={barY + 11} fill="#4b5563" fontSize={10}>{pod.name}</text>
          </g>
        )
      })}
    </g>
  )
}, (a, b) => a.top === b.top && a.t0 === b.t0 && a.pps === b.pps && a.openX === b.openX && a.id === b.id &&
  sameLaneDrawing(a.lane, b.lane))

function MarkerView({ m, x, y }: { m: LaneMarker; x: number; y: number }) {
  const title = <title>{markerTitle(m)}</title>
  switch (m.type) {
    case 'apply':
      return (
        <g data-marker="apply">
          {title}
          <circle cx={x} cy={y} r={6} fill={m.action === 'failed' ? '#fecaca' : 'white'} stroke="#1d4ed8" />
          <text x={x} y={y + 3.5} textAnchor="middle" fontSize={10} fontWeight={700} fill="#1d4ed8">
            {APPLY_ICON[m.action] ?? '•'}
          </text>
        </g>
      )
    case 'hook':
      if (m.hookPhase === 'Running') return null
      return (
        <g data-marker="hook">
          {title}
          <text x={x + 4} y={y - 2} fontSize={10} fill="#111827">
            {m.hookPhase === 'Succeeded' ? '✓' : '✗'} hook {m.hookPhase}
          </text>
        </g>
      )
    case 'delete':
      return (
        <g data-marker="delete">
          {title}
          <path d={`M${x - 5} ${y + 6}L${x} ${y - 2}L${x + 5} ${y + 6}Z`} fill="#fca5a5" stroke="#991b1b" />
          <text x={x - 7} y={y + 14} textAnchor="end" fontSize={10} fontWeight={600} fill="#991b1b">
            ✂ {m.label}
          </text>
        </g>
      )
    case 'gone':
      return <g data-marker="gone">{title}</g>
    case 'health':
      return (
        <g data-marker="health">
          {title}
          <rect x={x - 1} y={y - 7} width={2} height={4} fill="#6b7280" />
        </g>
      )
  }
}

/** The same facts as rows, for readers who prefer (or need) a table. */
function TimelineTable({ timeline }: { timeline: TimelineData }) {
  return (
    <table style={{ borderCollapse: 'collapse', marginTop: 4 }}>
      <thead>
        <tr>
          <th scope="col" style={cell}>Resource</th>
          <th scope="col" style={cell}>Role</th>
          <th scope="col" style={cell}>Events</th>
          <th scope="col" style={cell}>Pods</th>
        </tr>
      </thead>
      <tbody>
        {timeline.bands.map((b, i) => (
          <tr key={`band${i}`}>
            <th scope="row" style={cell}>{b.label}</th>
            <td style={cell}>phase band (operation {b.op})</td>
            <td style={cell}>{`${formatSeconds(b.from)} – ${b.open ? 'running' : formatSeconds(b.to)}`}</td>
            <td style={cell} />
          </tr>
        ))}
        {timeline.lanes.map(lane => <TableRow key={lane.key} lane={lane} />)}
      </tbody>
    </table>
  )
}

const TableRow = memo(function TableRow({ lane }: { lane: Lane }) {
  return (
    <tr>
      <th scope="row" style={cell}>{lane.label}</th>
      <td style={cell}>{lane.hookTypes.length > 0 ? `${lane.hookTypes.join(', ')} hook` : 'resource'}</td>
      <td style={cell}>
        {lane.markers.filter(m => m.type !== 'health').map(m => `${formatSeconds(m.t)} ${
          m.type === 'delete' ? `deleted (${m.reason})` : m.type === 'hook' ? `hook ${m.hookPhase}`
            : m.type === 'apply' ? `apply ${m.label}` : m.label}`).join('; ')}
      </td>
      <td style={cell}>
        {lane.pods.map(p => `${p.name}: ${p.segments.map(s => `${s.status} ${formatSeconds(s.from)}`)
          .join(' → ')}`).join('; ')}
      </td>
    </tr>
  )
}, (a, b) => sameLaneDrawing(a.lane, b.lane))

const cell = { border: '1px solid #d1d5db', padding: '2px 6px', textAlign: 'left', verticalAlign: 'top' } as const
