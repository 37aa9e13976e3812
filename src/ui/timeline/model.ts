// The timeline of a run, as data: one lane per resource of the application with the bars of its Pods, bands for
// the (phase, wave) groups, and markers for applies, hook results, deletions and the operation's start and end.
// Everything here is read off the recorded event stream and the Pod histories; no sync rule is decided here.
// `untilT` cuts everything at that virtual time, so the same function draws the live run and any moment of it.
import type { ApplyAction } from '../../cluster/apply.ts'
import type { HealthStatusCode } from '../../cluster/health/index.ts'
import { KindRegistry } from '../../cluster/kinds.ts'
import type { DeleteReason, RecordedEvent } from '../../sync/events.ts'
import type { OperationPhase, SyncPhase, TaskPhase } from '../../sync/types.ts'
import type { PodHistory } from './pod-history.ts'

/** A stretch of virtual time. `open`: still going at the timeline's end (`to` is then the end). */
export interface Span {
  from: number
  to: number
  open: boolean
}

export type PodState = 'pending' | 'initializing' | 'running' | 'succeeded' | 'failed' | 'terminating'

/** Text symbols for pod states, so that a state never reads by colour alone. */
export const POD_STATE_ICON: Readonly<Record<PodState, string>> = {
  pending: '◌', initializing: '▸', running: '…', succeeded: '✓', failed: '✗', terminating: '⊘',
}

export interface PodSegment extends Span {
  state: PodState
  /** The kubectl STATUS words seen during the segment, in order (Pending, ContainerCreating). */
  statuses: string[]
  /** The last of them. */
  status: string
  /** Icon and status, e.g. "✓ Completed". */
  label: string
}

export interface PodBar extends Span {
  uid: string
  name: string
  namespace: string
  owner?: string
  /** Sub-row of the lane: Pods of one lane that overlap in time get different rows. */
  row: number
  /** Contiguous, in time order, not overlapping. */
  segments: PodSegment[]
  /** kubectl STATUS at the bar's end. */
  status: string
  /** Failed probe runs up to the timeline's end (R90): marks on the bar. */
  probeFailures: ProbeMark[]
}

export interface ProbeMark {
  t: number
  message: string
  /** The container was killed for it (liveness or startup). */
  kill: boolean
}

export type LaneMarker =
  | { type: 'apply'; t: number; op: number; action: ApplyAction | 'failed'; syncPhase: SyncPhase; wave: number;
      hook: boolean; dryRun: boolean; message?: string; label: string }
  | { type: 'hook'; t: number; op: number; hookPhase: TaskPhase; label: string }
  | { type: 'delete'; t: number; op: number; reason: DeleteReason; label: string }
  | { type: 'gone'; t: number; op: number; label: string }
  | { type: 'health'; t: number; op: number; health: HealthStatusCode; label: string }

export interface Lane {
  /** `Kind/namespace/name`. */
  key: string
  kind: string
  /** API group ('' for core, 'batch', 'apps'...). */
  group: string
  namespace: string
  name: string
  /** `Kind/name`. */
  label: string
  /** The hook types it ran as (empty for a plain resource). */
  hookTypes: SyncPhase[]
  /** Phase and wave of its last apply. */
  syncPhase?: SyncPhase
  wave?: number
  /** Its health at the timeline's end (absent once gone, or for kinds without a health check). */
  health?: HealthStatusCode
  /** When the object existed in the cluster. */
  presence: Span[]
  /** In time order. */
  markers: LaneMarker[]
  pods: PodBar[]
  /** Number of pod sub-rows (0 without Pods). */
  podRows: number
}

export interface Band extends Span {
  op: number
  syncPhase: SyncPhase
  wave: number
  /** "PreSync · wave 0". */
  label: string
}

export interface OperationSpan extends Span {
  op: number
  /** The last phase seen (Running while it runs). */
  phase: OperationPhase
  message: string
}

export type TimelineMarker =
  | { type: 'operation'; t: number; op: number; edge: 'start' | 'terminating' | 'end'; phase: OperationPhase;
      message?: string; label: string }
  | { type: 'app'; t: number; op: number; status: 'Deleting' | 'Deleted' | 'DeletionError'; message: string;
      label: string }
  | { type: 'autosync'; t: number; op: number; action: 'started' | 'skipped'; message: string; label: string }

export interface Timeline {
  /** Virtual ms of the first thing shown. */
  start: number
  /** Virtual ms the timeline is cut at (`untilT`). */
  end: number
  lanes: Lane[]
  bands: Band[]
  operations: OperationSpan[]
  /** Operation start/end, application and auto-sync markers, in time order. */
  markers: TimelineMarker[]
}

const kinds = new KindRegistry()

/** API group of a kind the simulated cluster serves ('' if unknown or core). */
export function groupOfKind(kind: string): string {
  return kinds.byName(kind)?.group ?? ''
}

export function bandLabel(syncPhase: SyncPhase, wave: number): string {
  return `${syncPhase} · wave ${wave}`
}

/** "21.5s", "0s", "2m3.5s" (virtual ms). */
export function formatSeconds(ms: number): string {
  const tenths = Math.round(ms / 100)
  const minutes = Math.floor(tenths / 600)
  const rest = (tenths - minutes * 600) / 10
  const s = `${Number.isInteger(rest) ? rest : rest.toFixed(1)}s`
  return minutes > 0 ? `${minutes}m${s}` : s
}

export function podState(t: { phase: string; deleting: boolean; status?: string }): PodState {
  if (t.phase === 'Succeeded') return 'succeeded'
  if (t.phase === 'Failed') return 'failed'
  if (t.deleting) return 'terminating'
  if (t.phase === 'Running') return 'running'
  // Init containers running, failed or in back-off (R87): kubectl's Init:N/M, Init:Error, PodInitializing.
  if (t.status !== undefined && (t.status.startsWith('Init:') || t.status === 'PodInitializing')) return 'initializing'
  return 'pending'
}

type ObjectEvent = Extract<RecordedEvent, { kind: string }>

const keyOf = (e: { kind: string; namespace: string; name: string }): string => `${e.kind}/${e.namespace}/${e.name}`

/**
 * What one drawing of a timeline keeps for the next one (RunTimeline keeps one per run): each lane, with what it was
 * built from. A playing run's timeline is drawn ten times a second and most lanes have not changed in between: those
 * are handed over as the same objects (the chart then compares them by identity), so only the lanes whose own events
 * or Pods changed are built again. An open span of a handed-over lane keeps the `to` it was built with: the chart
 * draws open spans to the timeline's end, whatever their `to`.
 */
interface LaneEntry { first: ObjectEvent; from: string; lane: Lane }

export class LaneCache {
  /** Lane key -> what it was built from (its first event, the counts of its events and Pod rows), and the lane. */
  readonly lanes = new Map<string, LaneEntry>()
}

/** The timeline of `events` and `pods` up to and including virtual time `untilT`. */
export function buildTimeline(events: RecordedEvent[], pods: PodHistory[], untilT: number, cache?: LaneCache): Timeline {
  const shown = events.filter(e => e.t <= untilT)
  const end = untilT
  let start = end
  for (const e of shown) start = Math.min(start, e.t)
  for (const p of pods) if (p.createdAt <= end) start = Math.min(start, p.createdAt)

  // Which objects are the application's resources: the ones the operation applied, ran as hooks, deleted, or
  // whose health the application tracks. Objects that only appeared (ReplicaSets, Pods) are not lanes.
  const laneKeys = new Set<string>()
  for (const e of shown) {
    if (e.type === 'apply' || e.type === 'hook' || e.type === 'delete' || e.type === 'health') laneKeys.add(keyOf(e))
  }
  const owners = new Map<string, string>()
  const byLane = new Map<string, ObjectEvent[]>()
  for (const e of shown) {
    if (!('kind' in e)) continue
    const key = keyOf(e)
    if (e.type === 'created' && e.owner !== undefined) owners.set(key, e.owner)
    if (!laneKeys.has(key)) continue
    const list = byLane.get(key)
    if (list) list.push(e)
    else byLane.set(key, [e])
  }

  // Pods go to the lane of the first owner up their owner chain that is a lane (Pod → Job, Pod → ReplicaSet →
  // Deployment).
  const laneOfPod = (p: PodHistory): string | undefined => {
    let owner = p.owner
    for (let depth = 0; owner !== undefined && depth < 8; depth++) {
      const slash = owner.indexOf('/')
      const key = `${owner.slice(0, slash)}/${p.namespace}/${owner.slice(slash + 1)}`
      if (byLane.has(key)) return key
      owner = owners.get(key)
    }
    return undefined
  }
  const podsOf = new Map<string, PodHistory[]>()
  for (const p of pods) {
    if (p.createdAt > end) continue
    const key = laneOfPod(p)
    if (key === undefined) continue
    const list = podsOf.get(key)
    if (list) list.push(p)
    else podsOf.set(key, [p])
  }

  const lanes: Lane[] = []
  const kept = new Map<string, LaneEntry>()
  for (const [key, list] of byLane) {
    const lanePods = podsOf.get(key) ?? []
    const from = cache ? `${start}|${list.length}|${lanePods.map(p => podDrawnFrom(p, end)).join(',')}` : ''
    const cached = cache?.lanes.get(key)
    let lane: Lane
    // A lane's events and a Pod's rows are only ever appended to: the same first event and the same counts are
    // the same lane (another run's events are other objects).
    if (cached && cached.first === list[0] && cached.from === from) lane = cached.lane
    else {
      lane = buildLane(key, list[0]!, list, start, end)
      for (const p of lanePods) {
        const bar = podBar(p, end)
        if (bar) lane.pods.push(bar)
      }
      lane.podRows = assignRows(lane.pods)
    }
    lanes.push(lane)
    if (cache) kept.set(key, { first: list[0]!, from, lane })
  }
  if (cache) {
    cache.lanes.clear()
    for (const [key, entry] of kept) cache.lanes.set(key, entry)
  }

  const { bands, operations, markers } = buildBandsAndOperations(shown, end)
  return { start, end, lanes, bands, operations, markers }
}

/** What a Pod's bar is drawn from up to `end`: its rows, whether it is gone, its failed probes. */
function podDrawnFrom(p: PodHistory, end: number): string {
  let rows = p.transitions.length
  while (rows > 0 && p.transitions[rows - 1]!.t > end) rows--
  let probes = p.probeFailures?.length ?? 0
  while (probes > 0 && p.probeFailures![probes - 1]!.t > end) probes--
  const gone = p.goneAt !== undefined && p.goneAt <= end
  return `${p.uid}:${rows}:${gone ? p.goneAt : ''}:${probes}`
}

function buildLane(key: string, first: ObjectEvent, list: ObjectEvent[], start: number, end: number): Lane {
  const lane: Lane = {
    key, kind: first.kind, group: groupOfKind(first.kind), namespace: first.namespace, name: first.name,
    label: `${first.kind}/${first.name}`, hookTypes: [], presence: [], markers: [], pods: [], podRows: 0,
  }
  let openFrom: number | undefined
  let existenceKnown = false
  /** An event that shows the object exists: before any created/gone, it was there from the start. */
  const exists = (): void => {
    if (!existenceKnown && openFrom === undefined) openFrom = start
    existenceKnown = true
  }
  let health: HealthStatusCode | undefined
  for (const e of list) {
    switch (e.type) {
      case 'created':
        if (openFrom === undefined) openFrom = e.t
        existenceKnown = true
        break
      case 'gone':
        if (!existenceKnown && openFrom === undefined) openFrom = start
        existenceKnown = true
        if (openFrom !== undefined) lane.presence.push({ from: openFrom, to: e.t, open: false })
        openFrom = undefined
        health = undefined
        lane.markers.push({ type: 'gone', t: e.t, op: e.op, label: 'gone' })
        break
      case 'apply': {
        if (e.action !== 'failed' && e.action !== 'created' && !e.dryRun) exists()
        if (e.hook && !lane.hookTypes.includes(e.syncPhase)) lane.hookTypes.push(e.syncPhase)
        if (!e.dryRun) {
          lane.syncPhase = e.syncPhase
          lane.wave = e.wave
        }
        const dryRun = e.dryRun ?? false
        lane.markers.push({ type: 'apply', t: e.t, op: e.op, action: e.action, syncPhase: e.syncPhase, wave: e.wave,
          hook: e.hook, dryRun, ...(e.message !== undefined ? { message: e.message } : {}),
          label: `${e.action}${dryRun ? ' (dry run)' : ''}` })
        break
      }
      case 'hook':
        exists()
        lane.markers.push({ type: 'hook', t: e.t, op: e.op, hookPhase: e.hookPhase, label: e.hookPhase })
        break
      case 'delete':
        exists()
        lane.markers.push({ type: 'delete', t: e.t, op: e.op, reason: e.reason, label: e.reason })
        break
      case 'health':
        exists()
        health = e.health
        lane.markers.push({ type: 'health', t: e.t, op: e.op, health: e.health, label: e.health })
        break
    }
  }
  if (openFrom !== undefined) lane.presence.push({ from: openFrom, to: end, open: true })
  if (health !== undefined) lane.health = health
  return lane
}

function podBar(p: PodHistory, end: number): PodBar | undefined {
  const transitions = p.transitions.filter(t => t.t <= end)
  if (transitions.length === 0 || p.createdAt > end) return undefined
  const gone = p.goneAt !== undefined && p.goneAt <= end
  const to = gone ? p.goneAt! : end
  const segments: PodSegment[] = []
  for (const tr of transitions) {
    const state = podState(tr)
    const last = segments.at(-1)
    if (last && last.state === state) {
      if (last.statuses.at(-1) !== tr.status) last.statuses.push(tr.status)
      last.status = tr.status
      last.label = `${POD_STATE_ICON[state]} ${tr.status}`
      continue
    }
    const from = segments.length === 0 ? Math.min(p.createdAt, tr.t) : tr.t
    if (last) {
      last.to = from
      last.open = false
    }
    segments.push({ from, to, open: !gone, state, statuses: [tr.status], status: tr.status,
      label: `${POD_STATE_ICON[state]} ${tr.status}` })
  }
  return {
    uid: p.uid, name: p.name, namespace: p.namespace, ...(p.owner !== undefined ? { owner: p.owner } : {}),
    row: 0, from: segments[0]!.from, to, open: !gone, segments, status: transitions.at(-1)!.status,
    probeFailures: (p.probeFailures ?? []).filter(f => f.t <= to),
  }
}

/** Greedy interval packing: each bar takes the first row free at its start. Returns the number of rows. */
function assignRows(bars: PodBar[]): number {
  bars.sort((a, b) => a.from - b.from)
  const rowEnds: number[] = []
  for (const bar of bars) {
    let row = rowEnds.findIndex(endT => endT <= bar.from)
    if (row < 0) row = rowEnds.length
    rowEnds[row] = bar.open ? Number.POSITIVE_INFINITY : bar.to
    bar.row = row
  }
  return rowEnds.length
}

const TERMINAL: ReadonlySet<OperationPhase> = new Set(['Succeeded', 'Failed', 'Error'])

function buildBandsAndOperations(shown: RecordedEvent[], end: number):
  { bands: Band[]; operations: OperationSpan[]; markers: TimelineMarker[] } {
  const bands: Band[] = []
  const operations: OperationSpan[] = []
  const markers: TimelineMarker[] = []
  const openBand = new Map<number, Band>()
  const openOp = new Map<number, OperationSpan>()
  const closeBand = (op: number, t: number): void => {
    const band = openBand.get(op)
    if (!band) return
    band.to = t
    band.open = false
    openBand.delete(op)
  }
  for (const e of shown) {
    switch (e.type) {
      case 'phase': {
        closeBand(e.op, e.t)
        const band: Band = { op: e.op, syncPhase: e.syncPhase, wave: e.wave, from: e.t, to: end, open: true,
          label: bandLabel(e.syncPhase, e.wave) }
        bands.push(band)
        openBand.set(e.op, band)
        break
      }
      case 'operation': {
        let span = openOp.get(e.op)
        const message = e.message ?? ''
        if (!span && !operations.some(o => o.op === e.op)) {
          span = { op: e.op, from: e.t, to: end, open: true, phase: e.phase, message }
          operations.push(span)
          openOp.set(e.op, span)
          markers.push({ type: 'operation', t: e.t, op: e.op, edge: 'start', phase: e.phase,
            ...(e.message !== undefined ? { message: e.message } : {}), label: `Operation ${e.op} started` })
        }
        if (!span) break
        if (e.phase === 'Terminating' && span.phase !== 'Terminating') {
          markers.push({ type: 'operation', t: e.t, op: e.op, edge: 'terminating', phase: e.phase,
            ...(e.message !== undefined ? { message: e.message } : {}), label: `Operation ${e.op} terminating` })
        }
        span.phase = e.phase
        if (message !== '') span.message = message
        if (TERMINAL.has(e.phase)) {
          span.to = e.t
          span.open = false
          openOp.delete(e.op)
          closeBand(e.op, e.t)
          markers.push({ type: 'operation', t: e.t, op: e.op, edge: 'end', phase: e.phase,
            ...(e.message !== undefined ? { message: e.message } : {}), label: `Operation ${e.op} ${e.phase}` })
        }
        break
      }
      case 'app':
        markers.push({ type: 'app', t: e.t, op: e.op, status: e.status, message: e.message,
          label: `Application ${e.status}` })
        break
      case 'autosync':
        markers.push({ type: 'autosync', t: e.t, op: e.op, action: e.action, message: e.message,
          label: `Auto-sync ${e.action}` })
        break
    }
  }
  return { bands, operations, markers }
}

/** A sentence-per-fact summary of the timeline, for screen readers (the chart's aria-label). */
export function describeTimeline(tl: Timeline): string {
  const parts: string[] = []
  parts.push(`Timeline from ${formatSeconds(tl.start)} to ${formatSeconds(tl.end)}, ${tl.lanes.length} resource${
    tl.lanes.length === 1 ? '' : 's'}.`)
  if (tl.bands.length > 0) {
    parts.push(`Phases: ${tl.bands.map(b => `${b.label} from ${formatSeconds(b.from)}${
      b.open ? '' : ` to ${formatSeconds(b.to)}`}`).join('; ')}.`)
  }
  for (const lane of tl.lanes) {
    const facts: string[] = []
    if (lane.hookTypes.length > 0) facts.push(`${lane.hookTypes.join(', ')} hook`)
    for (const m of lane.markers) {
      if (m.type === 'apply') facts.push(`${m.label} at ${formatSeconds(m.t)}`)
      else if (m.type === 'hook' && m.hookPhase !== 'Running') facts.push(`hook ${m.label} at ${formatSeconds(m.t)}`)
      else if (m.type === 'delete') facts.push(`deleted (${m.reason}) at ${formatSeconds(m.t)}`)
      else if (m.type === 'gone') facts.push(`gone at ${formatSeconds(m.t)}`)
    }
    for (const pod of lane.pods) {
      const failed = pod.probeFailures.filter(f => !f.kill)
      facts.push(`pod ${pod.name} ${pod.status}${failed.length > 0
        ? `, ${failed.length} failed probe run${failed.length === 1 ? '' : 's'} from ${formatSeconds(failed[0]!.t)}` : ''}`)
    }
    parts.push(`${lane.label}: ${facts.length > 0 ? facts.join(', ') : 'no changes'}.`)
  }
  for (const op of tl.operations) {
    parts.push(`Operation ${op.op} ${op.open ? 'running' : `${op.phase} at ${formatSeconds(op.to)}`}.`)
  }
  return parts.join(' ')
}
