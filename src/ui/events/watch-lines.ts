// Text views of a run: `kubectl get pods --watch` lines from the Pod histories, and a readable operation log from
// the recorded event stream. Both are cut at virtual time `untilT`, like the timeline.
import type { RecordedEvent } from '../../sync/events.ts'
import type { PodHistory, PodTransition } from '../timeline/pod-history.ts'
import { bandLabel, groupOfKind } from '../timeline/model.ts'
import { humanDuration } from '../../cluster/human-duration.ts'


const HEADER = ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']
const HEADER_ALL = ['NAMESPACE', ...HEADER]

function restartsColumn(tr: PodTransition): string {
  if (tr.restarts === 0 || tr.lastRestartAt === undefined) return String(tr.restarts)
  return `${tr.restarts} (${humanDuration(tr.t - tr.lastRestartAt)} ago)`
}

/**
 * `kubectl get pods --watch` (with `-A` columns when the Pods span several namespaces): the header once, then one
 * line per change of a Pod's row, in time order, up to `untilT`. Columns are aligned over every line the histories
 * hold (not only the shown ones), so moving `untilT` does not shift them.
 */
export function podWatchLines(histories: PodHistory[], untilT: number): string[] {
  const allNamespaces = new Set(histories.map(h => h.namespace)).size > 1
  type Row = { t: number; seq: number; tr: PodTransition; cells: string[] }
  const rows: Row[] = []
  let seq = 0
  for (const h of histories) {
    for (const tr of h.transitions) rows.push({ t: tr.t, seq: seq++, tr, cells: watchCells(h, tr, allNamespaces) })
  }
  rows.sort((a, b) => a.t - b.t || a.seq - b.seq)
  const header = allNamespaces ? HEADER_ALL : HEADER
  const widths = header.map(c => c.length)
  for (const row of rows) row.cells.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, c.length) })
  const format = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3))).join('')
  const shown = rows.filter(r => r.t <= untilT)
  if (shown.length === 0) return []
  // The same string for a row while the columns keep their widths: the log re-renders only what is new.
  const key = widths.join(',')
  return [format(header), ...shown.map(r => {
    const cached = lineCache.get(r.tr)
    if (cached?.key === key && cached.cells === r.cells) return cached.line
    const line = format(r.cells)
    lineCache.set(r.tr, { key, cells: r.cells, line })
    return line
  })]
}

// Per transition (its objects outlive the histories' snapshots): its cells, and its line at given column widths.
const cellCache = new WeakMap<PodTransition, { all: boolean; name: string; namespace: string; cells: string[] }>()
const lineCache = new WeakMap<PodTransition, { key: string; cells: string[]; line: string }>()

function watchCells(h: PodHistory, tr: PodTransition, allNamespaces: boolean): string[] {
  const cached = cellCache.get(tr)
  if (cached?.all === allNamespaces && cached.name === h.name && cached.namespace === h.namespace) return cached.cells
  const created = Math.floor(h.creationTimestamp / 1000) * 1000
  const own = [h.name, `${tr.ready}/${tr.containers}`, tr.status, restartsColumn(tr), humanDuration(tr.t - created)]
  const cells = allNamespaces ? [h.namespace, ...own] : own
  cellCache.set(tr, { all: allNamespaces, name: h.name, namespace: h.namespace, cells })
  return cells
}

/** "00:21" (minutes:seconds of virtual time), "1:02:03" past an hour. */
export function clockTime(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const mmss = `${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`
  return h > 0 ? `${h}:${mmss}` : mmss
}

/** "batch/Job before", "Service web" (core kinds have no group). */
export function objectName(e: { kind: string; name: string }): string {
  const group = groupOfKind(e.kind)
  return `${group ? `${group}/` : ''}${e.kind} ${e.name}`
}

/** One readable line for an event (without its time). */
export function eventText(e: RecordedEvent): string {
  switch (e.type) {
    case 'operation':
      return `operation ${e.op}  ${e.phase}${e.message ? `: ${e.message}` : ''}`
    case 'phase':
      return `${bandLabel(e.syncPhase, e.wave)} starts`
    case 'apply': {
      const notes: string[] = []
      if (e.hook) notes.push(`hook ${e.syncPhase}`)
      if (e.dryRun) notes.push('dry run')
      const suffix = notes.length > 0 ? ` (${notes.join(', ')})` : ''
      return `apply  ${objectName(e)}  ${e.action}${suffix}${e.message ? `: ${e.message}` : ''}`
    }
    case 'hook':
      return `hook  ${objectName(e)}  ${e.hookPhase}`
    case 'delete':
      return `delete  ${objectName(e)}  (${e.reason})`
    case 'created':
      return `created  ${objectName(e)}${e.owner !== undefined ? `  (owner ${e.owner})` : ''}`
    case 'gone':
      return `gone  ${objectName(e)}`
    case 'health':
      return `health  ${objectName(e)}  ${e.health}`
    case 'app':
      return `application  ${e.status}: ${e.message}`
    case 'autosync':
      return `auto-sync  ${e.action}: ${e.message}`
  }
}

/** The operation log: one line per event up to `untilT`, e.g. `00:21  apply  batch/Job before  created (hook PreSync)`. */
export function eventLines(events: RecordedEvent[], untilT: number): string[] {
  const out: string[] = []
  for (const e of events) {
    if (e.t > untilT) continue
    let line = eventLineCache.get(e)
    if (line === undefined) eventLineCache.set(e, line = `${clockTime(e.t)}  ${eventText(e)}`)
    out.push(line)
  }
  return out
}

// Recorded events do not change once recorded: each is formatted once.
const eventLineCache = new WeakMap<RecordedEvent, string>()
