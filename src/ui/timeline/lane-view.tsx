// A resource's lane: its entry in the resource list, and its drawing (presence, markers, Pod bars) in a chunk.
import { memo } from 'react'
import { LANE_BASE, laneHeight, POD_BAR, POD_ROW } from './geometry.ts'
import { sameLaneDrawing } from './lane-equality.ts'
import { formatSeconds, type Lane, type LaneMarker, type PodBar, POD_STATE_ICON } from './model.ts'
import type { TimeScale } from './scale.ts'

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

/** The resource list's entry for a lane (styled by class: a wave of new lanes shares its computed styles, .tl-label). */
export const LaneLabel = memo(function LaneLabel({ lane }: { lane: Lane }) {
  return (
    <li className="tl-label" style={{ height: laneHeight(lane) }} title={lane.key}>
      <div className="tl-label-name">{lane.label}</div>
      <div className="tl-label-role">
        {lane.hookTypes.length > 0 ? `${lane.hookTypes.join(', ')} hook` : lane.syncPhase !== undefined
          ? `${lane.syncPhase} · wave ${lane.wave ?? 0}` : 'resource'}
        {lane.health !== undefined ? ` · ${lane.health}` : ''}
      </div>
    </li>
  )
}, (a, b) => sameLaneDrawing(a.lane, b.lane))

/** A lane is drawn in two parts: what is fixed in time, and what reaches the timeline's end (open lines, running Pods). */
export type LanePart = 'fixed' | 'open'

interface LaneViewProps {
  lane: Lane
  /** Top of the lane in its chunk's SVG. */
  top: number
  scale: TimeScale
  /** The scale's start and zoom: a lane redraws when they, its top or its own facts change. */
  t0: number
  pps: number
  /** x open presence lines and segments are drawn to (the layer holding them is cut at the timeline's end). */
  openX: number
  /** Prefix of the fill patterns' ids. */
  id: string
  part: LanePart
}

// While a run plays, only the lanes whose facts changed (mostly those with running Pods) redraw.
export const LaneView = memo(function LaneView({ lane, top, scale, openX, id, part }: LaneViewProps) {
  const lineY = top + 10
  const open = part === 'open'
  return (
    <g>
      {open ? null : <line x1={0} x2="100%" y1={top} y2={top} stroke="var(--tl-lane-line)" />}
      {lane.presence.filter(p => p.open === open).map((p, i) => (
        <g key={`p${i}`}>
          <title>{`${lane.label} exists ${formatSeconds(p.from)} – ${p.open ? 'now' : formatSeconds(p.to)}`}</title>
          <line x1={scale.x(p.from)} x2={p.open ? openX : scale.x(p.to)} y1={lineY} y2={lineY} stroke="var(--tl-presence)"
            strokeWidth={3} strokeLinecap="butt" />
          {!p.open && <text x={scale.x(p.to)} y={lineY + 4} textAnchor="middle" fontSize={12} fill="var(--tl-text)">×</text>}
        </g>
      ))}
      {open ? null : lane.markers.map((m, i) => <MarkerView key={`m${i}`} m={m} x={scale.x(m.t)} y={lineY} />)}
      {lane.pods.map(pod => {
        const barY = top + LANE_BASE + pod.row * POD_ROW
        const segments = pod.segments.filter(s => s.open === open)
        if (open && segments.length === 0) return null
        return (
          <g key={pod.uid} data-pod={open ? undefined : pod.name} data-running-pod={open ? pod.name : undefined}>
            {segments.map((s, i) => {
              const x = scale.x(s.from)
              // An open segment reaches openX, cut at the timeline's end by its layer: it redraws when the Pod's
              // state changes, not as time passes. The running Pod's name goes in it (its end, now, moves).
              const w = Math.max(1, (s.open ? openX : scale.x(s.to)) - x)
              const label = s.open ? `${s.label}  ${pod.name}` : s.label
              const fits = s.open || w >= label.length * 6.5 + 6
              return (
                <g key={i}>
                  <title>{`${pod.name}: ${s.statuses.join(' → ')} (${formatSeconds(s.from)} – ${
                    s.open ? 'now' : formatSeconds(s.to)})`}</title>
                  <rect x={x} y={barY} width={w} height={POD_BAR} fill={`url(#${id}-${s.state})`}
                    stroke="#374151" strokeWidth={0.5} />
                  {(fits || w >= 12) && (
                    <text x={x + 3} y={barY + 11} fill={STATE_TEXT} fontSize={10}>
                      {fits ? label : POD_STATE_ICON[s.state]}
                    </text>
                  )}
                </g>
              )
            })}
            {open ? null : <ProbeMarks pod={pod} scale={scale} y={barY} />}
            {open || pod.open ? null : <text x={scale.x(pod.to) + 4} y={barY + 11} fill="var(--tl-pod-name)" fontSize={10}>{pod.name}</text>}
          </g>
        )
      })}
    </g>
  )
}, (a, b) => a.top === b.top && a.t0 === b.t0 && a.pps === b.pps && a.openX === b.openX && a.part === b.part &&
  a.id === b.id && sameLaneDrawing(a.lane, b.lane))

/**
 * Failed probe runs on the Pod's bar (R90): a red tick each, a taller one where the kubelet killed the container
 * for it. Ticks closer than 3 px to the last one drawn are skipped (a probe failing every period at a wide zoom);
 * their titles say what failed.
 */
function ProbeMarks({ pod, scale, y }: { pod: PodBar; scale: TimeScale; y: number }) {
  if (pod.probeFailures.length === 0) return null
  let lastX = -Infinity
  const marks = pod.probeFailures.flatMap((f, i) => {
    const x = scale.x(f.t)
    if (!f.kill && x - lastX < 3) return []
    lastX = x
    return [(
      <g key={i} data-marker={f.kill ? 'probe-kill' : 'probe-failure'}>
        <title>{`${pod.name} ${formatSeconds(f.t)}: ${f.message}`}</title>
        <rect x={x - 1} y={f.kill ? y - 4 : y - 2} width={2} height={f.kill ? POD_BAR + 8 : POD_BAR + 4}
          fill="#dc2626" />
      </g>
    )]
  })
  return <g>{marks}</g>
}

function MarkerView({ m, x, y }: { m: LaneMarker; x: number; y: number }) {
  const title = <title>{markerTitle(m)}</title>
  switch (m.type) {
    case 'apply':
      return (
        <g data-marker="apply">
          {title}
          <circle cx={x} cy={y} r={6} fill={m.action === 'failed' ? '#fecaca' : 'var(--tl-marker-bg)'} stroke="var(--tl-apply)" />
          <text x={x} y={y + 3.5} textAnchor="middle" fontSize={10} fontWeight={700} fill="var(--tl-apply)">
            {APPLY_ICON[m.action] ?? '•'}
          </text>
        </g>
      )
    case 'hook':
      if (m.hookPhase === 'Running') return null
      return (
        <g data-marker="hook">
          {title}
          <text x={x + 4} y={y - 2} fontSize={10} fill="var(--tl-text)">
            {m.hookPhase === 'Succeeded' ? '✓' : '✗'} hook {m.hookPhase}
          </text>
        </g>
      )
    case 'delete':
      return (
        <g data-marker="delete">
          {title}
          <path d={`M${x - 5} ${y + 6}L${x} ${y - 2}L${x + 5} ${y + 6}Z`} fill="#fca5a5" stroke="#991b1b" />
          <text x={x - 7} y={y + 14} textAnchor="end" fontSize={10} fontWeight={600} fill="var(--tl-delete)">
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
          <rect x={x - 1} y={y - 7} width={2} height={4} fill="var(--tl-health)" />
        </g>
      )
  }
}
