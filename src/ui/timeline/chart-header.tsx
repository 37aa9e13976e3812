// The chart's header: the axis, the operation marks and the bands' labels, above the lane chunks; and the fill
// patterns the chunks' Pod bars refer to (ids are document-wide, so one set serves every chunk). A box of fixed size
// (see .tl-header), so that what changes in it is laid out alone. The "now" label moves with the now line (Timeline).
import { memo } from 'react'
import { AXIS_H, BAND_H, HEADER_H, OPS_H } from './geometry.ts'
import { formatSeconds, type PodState, type Timeline as TimelineData } from './model.ts'
import { tickLabel, type TimeScale } from './scale.ts'
import { bandSpan, UpToEnd } from './up-to-end.tsx'

const STATE_FILL: Record<PodState, string> = {
  pending: '#fde68a', initializing: '#fef3c7', running: '#bfdbfe', succeeded: '#bbf7d0', failed: '#fecaca', terminating: '#e5e7eb',
}

interface HeaderProps {
  timeline: TimelineData
  scale: TimeScale
  ticks: number[]
  /** x the running band's head is drawn to, cut at the timeline's end (as in the chunks). */
  openX: number
  id: string
}

export function ChartHeader({ timeline, scale, ticks, openX, id }: HeaderProps) {
  return (
    <div className="tl-header" style={{ height: HEADER_H }}>
      <UpToEnd width={openX} height={HEADER_H}>
        <svg className="tl-layer" width={openX} height={HEADER_H} aria-hidden="true">
          <Bands timeline={timeline} scale={scale} id={id} openX={openX} open />
        </svg>
      </UpToEnd>
      <svg className="tl-fixed" width="100%" height={HEADER_H}>
        <Defs id={id} />
        <Bands timeline={timeline} scale={scale} id={id} openX={openX} open={false} />
        <Axis ticks={ticks} scale={scale} />
        <OperationMarks timeline={timeline} scale={scale} />
      </svg>
    </div>
  )
}

// The ticks change when the chart widens by a step: the axis skips the other redraws.
const Axis = memo(function Axis({ ticks, scale }: { ticks: number[]; scale: TimeScale }) {
  return (
    <g aria-hidden="true">
      <line x1={0} x2="100%" y1={AXIS_H} y2={AXIS_H} stroke="var(--tl-axis)" />
      {ticks.map(t => (
        <g key={t}>
          <line x1={scale.x(t)} x2={scale.x(t)} y1={AXIS_H - 5} y2={HEADER_H} stroke="var(--tl-grid)" />
          <line x1={scale.x(t)} x2={scale.x(t)} y1={AXIS_H - 5} y2={AXIS_H} stroke="var(--tl-tick)" />
          <text x={scale.x(t) + 2} y={AXIS_H - 7} fill="var(--tl-axis-text)">{tickLabel(t)}</text>
        </g>
      ))}
    </g>
  )
}, (a, b) => a.scale.t0 === b.scale.t0 && a.scale.pxPerSecond === b.scale.pxPerSecond &&
  a.ticks.length === b.ticks.length && a.ticks.every((t, i) => t === b.ticks[i]))

function Defs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={`${id}-pending`} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width={6} height={6} fill={STATE_FILL.pending} />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#d97706" strokeWidth={1.5} strokeOpacity={0.55} />
      </pattern>
      <pattern id={`${id}-initializing`} width={6} height={6} patternUnits="userSpaceOnUse">
        <rect width={6} height={6} fill={STATE_FILL.initializing} />
        <line x1={0} y1={3} x2={6} y2={3} stroke="#d97706" strokeWidth={1} strokeOpacity={0.6} />
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
        <line x1={0} y1={0} x2={0} y2={8} stroke="var(--tl-band-hatch)" strokeWidth={1} />
      </pattern>
    </defs>
  )
}

interface BandsProps {
  timeline: TimelineData
  scale: TimeScale
  id: string
  openX: number
  /** The running band (drawn to openX, under the axis) or the others. */
  open: boolean
}

/** The bands' labelled heads (their backgrounds continue in each chunk). */
function Bands({ timeline, scale, id, openX, open }: BandsProps) {
  const top = AXIS_H + OPS_H
  return (
    <g aria-hidden="true">
      {timeline.bands.map((b, i) => {
        if (b.open !== open) return null
        const { x, w } = bandSpan(b, scale, openX)
        return (
          <g key={`${b.op}-${i}`}>
            <title>{`${b.label}: ${formatSeconds(b.from)} – ${b.open ? 'running' : formatSeconds(b.to)}`}</title>
            <rect x={x} y={top} width={w} height={BAND_H} fill={i % 2 === 0 ? 'var(--tl-band-head)' : `url(#${id}-band)`}
              stroke="var(--tl-band-edge)" strokeWidth={0.5} />
            <line x1={x} x2={x} y1={top} y2={HEADER_H} stroke="var(--tl-band-edge)" strokeDasharray="3 3" />
            <svg x={x} y={top} width={w} height={BAND_H}>
              <text x={4} y={14} fill="var(--tl-band-text)" fontWeight={600}>{b.label}</text>
            </svg>
          </g>
        )
      })}
    </g>
  )
}

function OperationMarks({ timeline, scale }: { timeline: TimelineData; scale: TimeScale }) {
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
              <line x1={x} x2={x} y1={AXIS_H} y2={HEADER_H} stroke="var(--tl-text)" strokeWidth={end ? 1.5 : 1}
                strokeDasharray={end ? undefined : '2 2'} />
            )}
            <text x={end ? x - 3 : x + 3} y={AXIS_H + 13} textAnchor={end ? 'end' : 'start'} fill="var(--tl-text)">{text}</text>
          </g>
        )
      })}
    </g>
  )
}
