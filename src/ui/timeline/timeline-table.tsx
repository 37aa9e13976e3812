// The timeline's facts as rows, for readers who prefer (or need) a table.
import { memo } from 'react'
import { sameLaneDrawing } from './lane-equality.ts'
import { formatSeconds, type Lane, type PodBar, type Timeline as TimelineData } from './model.ts'

export function TimelineTable({ timeline }: { timeline: TimelineData }) {
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
          .join(' → ')}${probeSummary(p)}`).join('; ')}
      </td>
    </tr>
  )
}, (a, b) => sameLaneDrawing(a.lane, b.lane))

/** ", 12 probe failures from 4s (2 restarts for them)" (R90). */
function probeSummary(p: PodBar): string {
  const failures = p.probeFailures.filter(f => !f.kill)
  if (failures.length === 0) return ''
  const kills = p.probeFailures.length - failures.length
  return `, ${failures.length} probe failure${failures.length === 1 ? '' : 's'} from ${formatSeconds(failures[0]!.t)}${
    kills > 0 ? ` (${kills} restart${kills === 1 ? '' : 's'} for them)` : ''}`
}

const cell = { border: '1px solid var(--border)', padding: '2px 6px', textAlign: 'left', verticalAlign: 'top' } as const
