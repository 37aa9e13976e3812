// `synclab sweep --html OUT.html`: one self-contained page, the rows' table and each row's timeline as SVG: the
// operations on top, then one lane per object the app applied (from its creation until it was gone), with its
// hook's end and its deletions (and their reasons) marked. Virtual time runs left to right.
import type { RecordedEvent } from '../sync/events.ts'
import type { SweepRow } from '../lib/sweep.ts'
import type { SyncRun } from '../lib/run-sync.ts'

const esc = (s: string): string => s.replace(/[<>&"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!)

const PHASE_COLOR: Record<string, string> = {
  Succeeded: '#2e7d32', Failed: '#c62828', Error: '#c62828', Running: '#1565c0', Terminating: '#ef6c00',
}

/** One object: the spans it existed (a hook deleted and created again has several), and its marks. */
interface Lane { label: string; spans: Array<{ from: number; to?: number }>; marks: Array<{ t: number; color: string; title: string }> }

/** The lanes of one run: the objects the sync applied (hooks and resources), in the order they first appear. */
function lanes(events: readonly RecordedEvent[]): Lane[] {
  const byKey = new Map<string, Lane>()
  const lane = (kind: string, name: string): Lane => {
    const key = `${kind}/${name}`
    let l = byKey.get(key)
    if (!l) byKey.set(key, l = { label: key, spans: [], marks: [] })
    return l
  }
  for (const e of events) {
    if (e.type === 'apply') {
      const l = lane(e.kind, e.name)
      const open = l.spans.at(-1)
      if (!open || open.to !== undefined) l.spans.push({ from: e.t })
      l.marks.push({ t: e.t, color: '#555', title: `op ${e.op}: ${e.syncPhase} ${e.action ?? 'applied'}` })
    } else if (e.type === 'hook' && byKey.has(`${e.kind}/${e.name}`)) {
      lane(e.kind, e.name).marks.push({ t: e.t, color: PHASE_COLOR[e.hookPhase] ?? '#555', title: `op ${e.op}: hook ${e.hookPhase}` })
    } else if (e.type === 'delete' && byKey.has(`${e.kind}/${e.name}`)) {
      lane(e.kind, e.name).marks.push({ t: e.t, color: '#6a1b9a', title: `op ${e.op}: deleted (${e.reason})` })
    } else if (e.type === 'gone' && byKey.has(`${e.kind}/${e.name}`)) {
      const open = lane(e.kind, e.name).spans.at(-1)
      if (open && open.to === undefined) open.to = e.t
    }
  }
  return [...byKey.values()]
}

function operationSpans(events: readonly RecordedEvent[]): Array<{ op: number; from: number; to?: number; phase: string }> {
  const spans: Array<{ op: number; from: number; to?: number; phase: string }> = []
  for (const e of events) {
    if (e.type !== 'operation') continue
    const span = spans.find(s => s.op === e.op)
    if (!span) spans.push({ op: e.op, from: e.t, phase: e.phase })
    else if (e.phase !== 'Running') Object.assign(span, { to: e.t, phase: e.phase })
  }
  return spans
}

export function timelineSvg(run: SyncRun): string {
  const events = run.events
  const start = events[0]?.t ?? 0
  const end = Math.max(start + 1000, ...events.map(e => e.t))
  const width = 720
  const left = 170
  const x = (t: number) => left + ((t - start) / (end - start)) * (width - left - 10)
  const ls = lanes(events)
  const row = 18
  const height = (ls.length + 2) * row + 6
  const parts: string[] = []
  for (const s of operationSpans(events)) {
    const x1 = x(s.from)
    const x2 = x(s.to ?? end)
    parts.push(`<rect x="${x1}" y="4" width="${Math.max(2, x2 - x1)}" height="12" fill="${PHASE_COLOR[s.phase] ?? '#777'}">` +
      `<title>operation ${s.op}: ${esc(s.phase)} (${((s.from - start) / 1000).toFixed(0)}s–${(((s.to ?? end) - start) / 1000).toFixed(0)}s)</title></rect>`)
  }
  parts.push(`<text x="4" y="14">operations</text>`)
  ls.forEach((l, i) => {
    const y = (i + 1) * row + 4
    parts.push(`<text x="4" y="${y + 10}">${esc(l.label)}</text>`)
    for (const span of l.spans) {
      parts.push(`<rect x="${x(span.from)}" y="${y + 3}" width="${Math.max(2, x(span.to ?? end) - x(span.from))}" height="6" ` +
        `fill="#b0bec5"><title>${esc(l.label)}: ${span.to !== undefined ? `gone at ${((span.to - start) / 1000).toFixed(0)}s`
          : 'still there at the end'}</title></rect>`)
    }
    for (const m of l.marks) {
      parts.push(`<circle cx="${x(m.t)}" cy="${y + 6}" r="4" fill="${m.color}"><title>${esc(m.title)} at ${((m.t - start) / 1000).toFixed(1)}s</title></circle>`)
    }
  })
  const axisY = (ls.length + 1) * row + 14
  parts.push(`<text x="${left}" y="${axisY}">0s</text>`, `<text x="${width - 50}" y="${axisY}">${((end - start) / 1000).toFixed(0)}s</text>`)
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">${parts.join('')}</svg>`
}

export function sweepHtml(title: string, columns: readonly string[], cells: readonly string[][], rows: readonly SweepRow[],
  runs: readonly SyncRun[]): string {
  const head = columns.map(c => `<th>${esc(c)}</th>`).join('')
  const body = cells.map((r, i) => `<tr>${r.map(c => `<td>${esc(c)}</td>`).join('')}</tr>` +
    `<tr class="timeline"><td colspan="${columns.length}">${timelineSvg(runs[i]!)}</td></tr>`).join('\n')
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>synclab sweep: ${esc(title)}</title>
<style>body{font-family:sans-serif;margin:1.5rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;
text-align:left;vertical-align:top;font-size:13px}tr.timeline td{border-top:none}</style></head>
<body><h1>synclab sweep: ${esc(title)}</h1>
<p>${rows.length} combinations. Each timeline: operations on top (green Succeeded, red Failed), then each object the
sync applied, from its creation until it was gone; dots mark applies (grey), hook ends (by phase) and deletions
(purple; hover for the reason).</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></body></html>
`
}
