// "Compare with the simulation": two runs of the same revision and flags (normally the real cluster's and the
// simulated cluster's) summarised from their event streams and operation results, then compared. Only what a
// platform engineer checks a hook policy by counts as a difference: the order of groups and applies, the
// outcome (operation phase and message, resource results, hook phases) and the deletions. Timing never does:
// one run is in wall time, the other in virtual time. Pure: no clock, no cluster.
//
// Concurrency: the objects of one kind in one (phase, wave) group are applied together (run-tasks.ts kindBatches),
// so their order among themselves means nothing and is not compared. A hook named from generateName carries the
// operation's start second (R24), which differs between two runs: it is compared as "<generateName><rev7>-<phase>-*".
import type { ApplyAction } from '../cluster/apply.ts'
import type { OperationResult } from './application.ts'
import type { DeleteReason, RecordedEvent } from './events.ts'
import type { OperationPhase, ResultCode, SyncPhase, TaskPhase } from './types.ts'

export interface ObjectRef { kind: string; namespace: string; name: string }

/** One line of a run's timeline; `at` is milliseconds since its operation started. */
export type RunStep =
  | { type: 'group'; at: number; syncPhase: SyncPhase; wave: number }
  | ({ type: 'apply'; at: number; syncPhase: SyncPhase; wave: number; hook: boolean; action: ApplyAction | 'failed';
      dryRun: boolean; message?: string } & ObjectRef)
  | ({ type: 'hook'; at: number; hookPhase: TaskPhase } & ObjectRef)
  | ({ type: 'delete'; at: number; reason: DeleteReason } & ObjectRef)
  | { type: 'end'; at: number; phase: OperationPhase; message: string }

export interface AppliedObject extends ObjectRef {
  syncPhase: SyncPhase
  wave: number
  hook: boolean
  action: ApplyAction | 'failed'
  dryRun: boolean
  message?: string
  /** Applies with the same batch number were made together (one kind in one group): their order is not compared. */
  batch: number
}

export interface OperationSummary {
  /** 1-based operation number. */
  op: number
  phase: OperationPhase
  message: string
  /** The (syncPhase, wave) groups started, in order (a retry starts them again). */
  groups: Array<{ syncPhase: SyncPhase; wave: number }>
  /** The applies, in the order they were made (dry-run applies included, marked). */
  applied: AppliedObject[]
  /** Hook results: "Kind/name" -> its final hookPhase, or 'none' for a hook that never ran. */
  hooks: Record<string, TaskPhase | 'none'>
  /** Every resource result: "Kind/name" -> its result code (Synced, SyncFailed, Pruned, PruneSkipped) and message. */
  results: Record<string, { status: ResultCode; message: string }>
  /** Objects the operation deleted: "Kind/name" -> the reasons, in order. */
  deletions: Record<string, DeleteReason[]>
  /** The timeline: groups, applies, hook phases, deletions and the end, in order. */
  steps: RunStep[]
}

export interface RunSummary {
  operations: OperationSummary[]
  /** "Kind/name" of the objects present at the end, when known. */
  remaining?: string[]
}

/** How the two sides are named in sentences: "simulation" / "in the simulation". */
export interface Side { name: string; where: string }
export const SIMULATION: Side = { name: 'simulation', where: 'in the simulation' }
export const CLUSTER: Side = { name: 'cluster', where: 'on the cluster' }

export interface TimelineCell { at: number; step: string }
/** One aligned row: the same step on both sides, or a step only one side took. */
export interface TimelineRow { op: number; a?: TimelineCell; b?: TimelineCell }

export interface RunComparison {
  differences: { order: string[]; outcome: string[]; deletions: string[] }
  /** True when there are no differences in any category. */
  same: boolean
  timelines: TimelineRow[]
}

// ---------------------------------------------------------------------------------------------------------------
// Summaries

/** R24 names: generateName + lower(rev7-phase-<unix seconds>); the seconds are the only part two runs differ in. */
const GENERATED = /([0-9a-f]{7}-(?:presync|sync|postsync|syncfail))-\d{9,}(?![0-9])/g
export const normalizeName = (text: string): string => text.replace(GENERATED, '$1-*')

const label = (o: ObjectRef): string => `${o.kind}/${normalizeName(o.name)}`
const groupLabel = (g: { syncPhase: SyncPhase; wave: number }): string => `${g.syncPhase} wave ${g.wave}`

/**
 * A run's summary from its application's events and its operation results (results[i] is operation i + 1).
 * `remaining`: the objects present at the end, if known (only those the run applied are compared).
 */
export function summarizeRun(events: readonly RecordedEvent[], results: readonly OperationResult[],
  remaining?: readonly ObjectRef[]): RunSummary {
  const operations = results.map((result, i): OperationSummary => {
    const op = i + 1
    const start = result.startedAt
    const steps: RunStep[] = []
    const summary: OperationSummary = { op, phase: result.phase, message: normalizeName(result.message), groups: [],
      applied: [], hooks: {}, results: {}, deletions: {}, steps }
    let batch = -1
    let batchKey: string | undefined
    for (const e of events) {
      if (e.op !== op) continue
      const at = e.t - start
      if (e.type === 'phase') {
        summary.groups.push({ syncPhase: e.syncPhase, wave: e.wave })
        steps.push({ type: 'group', at, syncPhase: e.syncPhase, wave: e.wave })
        batchKey = undefined
      } else if (e.type === 'apply') {
        const ref = { kind: e.kind, namespace: e.namespace, name: normalizeName(e.name) }
        const key = `${e.syncPhase}/${e.wave}/${e.kind}/${e.dryRun ?? false}`
        if (key !== batchKey) batch++
        batchKey = key
        const message = e.message !== undefined ? { message: normalizeName(e.message) } : {}
        summary.applied.push({ ...ref, syncPhase: e.syncPhase, wave: e.wave, hook: e.hook, action: e.action,
          dryRun: e.dryRun ?? false, ...message, batch })
        steps.push({ type: 'apply', at, ...ref, syncPhase: e.syncPhase, wave: e.wave, hook: e.hook, action: e.action,
          dryRun: e.dryRun ?? false, ...message })
      } else if (e.type === 'hook') {
        steps.push({ type: 'hook', at, kind: e.kind, namespace: e.namespace, name: normalizeName(e.name),
          hookPhase: e.hookPhase })
        batchKey = undefined
      } else if (e.type === 'delete') {
        const ref = { kind: e.kind, namespace: e.namespace, name: normalizeName(e.name) }
        ;(summary.deletions[label(ref)] ??= []).push(e.reason)
        steps.push({ type: 'delete', at, ...ref, reason: e.reason })
        batchKey = undefined
      }
    }
    // A PreSync,PostSync hook has two results (R6): then each is named with its phase.
    const twice = new Set(result.resources.map(label).filter((k, n, all) => all.indexOf(k) !== n))
    for (const r of result.resources) {
      const key = twice.has(label(r)) ? `${label(r)} (${r.syncPhase})` : label(r)
      summary.results[key] = { status: r.status, message: normalizeName(r.message) }
      if (r.hookType !== undefined) summary.hooks[key] = r.hookPhase ?? 'none'
    }
    if (result.finishedAt !== undefined) {
      steps.push({ type: 'end', at: result.finishedAt - start, phase: result.phase, message: summary.message })
    }
    return summary
  })
  return { operations, ...(remaining ? { remaining: [...new Set(remaining.map(label))].sort() } : {}) }
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison

/** Compares two runs: the differences in order, outcome and deletions, and both timelines aligned. */
export function compareRuns(a: RunSummary, b: RunSummary, sides: { a: Side; b: Side } = { a: SIMULATION, b: CLUSTER }):
  RunComparison {
  const A = sides.a
  const B = sides.b
  const order: string[] = []
  const outcome: string[] = []
  const deletions: string[] = []
  const multi = Math.max(a.operations.length, b.operations.length) > 1
  const prefix = (op: number): string => (multi ? `operation ${op}: ` : '')

  if (a.operations.length !== b.operations.length) {
    outcome.push(`The ${A.name} ran ${count(a.operations.length, 'operation')}, the ${B.name} ` +
      `${count(b.operations.length, 'operation')}.`)
  }
  const n = Math.min(a.operations.length, b.operations.length)
  for (let i = 0; i < n; i++) {
    const x = a.operations[i]!
    const y = b.operations[i]!
    order.push(...compareOrder(x, y, A, B).map(s => prefix(x.op) + s))
    outcome.push(...compareOutcome(x, y, A, B))
    deletions.push(...compareDeletions(x, y, A, B).map(s => prefix(x.op) + s))
  }
  deletions.push(...compareRemaining(a, b, A, B))

  const timelines: TimelineRow[] = []
  for (let i = 0; i < Math.max(a.operations.length, b.operations.length); i++) {
    timelines.push(...alignSteps(i + 1, a.operations[i]?.steps ?? [], b.operations[i]?.steps ?? []))
  }
  return { differences: { order, outcome, deletions },
    same: order.length === 0 && outcome.length === 0 && deletions.length === 0, timelines }
}

const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1)

interface Item { key: string; label: string; unit: number; where?: string }

/** Occurrence-numbered keys: the second start of "Sync wave 0" (a retry) is another item than the first. */
function numbered<T>(list: readonly T[], keyOf: (x: T) => string): string[] {
  const seen = new Map<string, number>()
  return list.map(x => {
    const k = keyOf(x)
    const n = (seen.get(k) ?? 0) + 1
    seen.set(k, n)
    return `${k}#${n}`
  })
}

function compareOrder(x: OperationSummary, y: OperationSummary, A: Side, B: Side): string[] {
  const out: string[] = []
  const groupItems = (s: OperationSummary): Item[] => {
    const keys = numbered(s.groups, groupLabel)
    return s.groups.map((g, i) => ({ key: keys[i]!, label: groupLabel(g), unit: i }))
  }
  out.push(...sequenceDiffs(groupItems(x), groupItems(y), A, B, 'started'))

  const applyItems = (s: OperationSummary): Item[] => {
    const keys = numbered(s.applied, o => `${o.dryRun ? 'dry:' : ''}${o.kind}/${o.namespace}/${o.name}`)
    return s.applied.map((o, i) => ({ key: keys[i]!, unit: o.batch, where: groupLabel(o),
      label: `${label(o)}${o.dryRun ? ' (dry run)' : ''}` }))
  }
  const ax = applyItems(x)
  const by = applyItems(y)
  // An object applied in another group is said so once, and left out of the order comparison.
  const other = new Map(by.map(i => [i.key, i]))
  const moved = new Set<string>()
  for (const i of ax) {
    const j = other.get(i.key)
    if (j && j.where !== i.where) {
      moved.add(i.key)
      out.push(`The ${A.name} applied ${i.label} in ${i.where}, the ${B.name} in ${j.where}.`)
    }
  }
  out.push(...sequenceDiffs(ax.filter(i => !moved.has(i.key)), by.filter(i => !moved.has(i.key)), A, B, 'applied'))
  return out
}

/**
 * Items one side has and the other not, then the common items out of order: those outside a longest common
 * subsequence of the two orders (each side sorted by key within a unit, whose order means nothing).
 */
function sequenceDiffs(ax: Item[], by: Item[], A: Side, B: Side, verb: string): string[] {
  const out: string[] = []
  const aKeys = new Set(ax.map(i => i.key))
  const bKeys = new Set(by.map(i => i.key))
  for (const i of ax) if (!bKeys.has(i.key)) out.push(`The ${A.name} ${verb} ${describe(i)}; the ${B.name} did not.`)
  for (const i of by) if (!aKeys.has(i.key)) out.push(`The ${B.name} ${verb} ${describe(i)}; the ${A.name} did not.`)
  const canonical = (list: Item[], keep: Set<string>): Item[] =>
    list.filter(i => keep.has(i.key)).sort((p, q) => p.unit - q.unit || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0))
  const ca = canonical(ax, bKeys)
  const cb = canonical(by, aKeys)
  const common = new Set(lcs(ca.map(i => i.key), cb.map(i => i.key)).map(([p]) => ca[p]!.key))
  const posB = new Map(cb.map((i, n) => [i.key, n]))
  const unitB = new Map(cb.map(i => [i.key, i.unit]))
  for (const [p, m] of ca.entries()) {
    if (common.has(m.key)) continue
    const pm = posB.get(m.key)!
    // The next anchor after m on side a that side b has before it, else the previous anchor b has after it.
    const next = ca.slice(p + 1).find(i => common.has(i.key) && posB.get(i.key)! < pm)
    if (next) {
      const together = next.unit === m.unit
      const bTogether = unitB.get(next.key) === unitB.get(m.key)
      out.push(`The ${A.name} ${verb} ${m.label} ${together ? 'together with' : 'before'} ${next.label}; the ${B.name} ` +
        `${verb} it ${bTogether ? 'together with it' : 'after'}.`)
      continue
    }
    const prev = ca.slice(0, p).reverse().find(i => common.has(i.key) && posB.get(i.key)! > pm)
    if (prev) {
      const together = prev.unit === m.unit
      out.push(`The ${A.name} ${verb} ${m.label} ${together ? 'together with' : 'after'} ${prev.label}; the ${B.name} ` +
        `${verb} it before.`)
    }
  }
  return out
}

const describe = (i: Item): string => (i.where ? `${i.label} (${i.where})` : i.label)

/** Index pairs of a longest common subsequence of two key lists. */
function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length
  const m = b.length
  const len: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      len[i]![j] = a[i] === b[j] ? len[i + 1]![j + 1]! + 1 : Math.max(len[i + 1]![j]!, len[i]![j + 1]!)
    }
  }
  const pairs: Array<[number, number]> = []
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      pairs.push([i, j])
      i++
      j++
    } else if (len[i + 1]![j]! >= len[i]![j + 1]!) i++
    else j++
  }
  return pairs
}

function compareOutcome(x: OperationSummary, y: OperationSummary, A: Side, B: Side): string[] {
  const out: string[] = []
  const op = `operation ${x.op}: `
  const told = (s: OperationSummary): string => (s.phase === 'Succeeded' ? s.phase : `${s.phase}: ${s.message}`)
  if (x.phase !== y.phase) {
    out.push(`${op}${A.name} ${told(x)}${x.phase === 'Succeeded' ? ',' : ';'} ${B.name} ${told(y)}`)
  } else if (x.message !== y.message) {
    out.push(`${op}both ${x.phase}, but the ${A.name} says "${x.message}" and the ${B.name} says "${y.message}"`)
  }
  for (const key of union(Object.keys(x.hooks), Object.keys(y.hooks))) {
    const p = x.hooks[key]
    const q = y.hooks[key]
    if (p === q) continue
    const phase = (v: string | undefined): string => (v === undefined || v === 'none' ? 'never ran' : v)
    out.push(`${op}hook ${key} ${phase(p)} ${A.where}, ${phase(q)} ${B.where}`)
  }
  for (const key of union(Object.keys(x.results), Object.keys(y.results))) {
    if (key in x.hooks || key in y.hooks) continue // its hook phase says it
    const p = x.results[key]
    const q = y.results[key]
    if (p?.status === q?.status) continue
    const status = (r: typeof p): string => (r === undefined ? 'no result' : r.status === 'SyncFailed' ? `SyncFailed (${r.message})` : r.status)
    out.push(`${op}${key} ${status(p)} ${A.where}, ${status(q)} ${B.where}`)
  }
  // created / configured / unchanged: what was there before (a failure is a SyncFailed result, said above).
  const actions = (s: OperationSummary): Map<string, string> => {
    const keys = numbered(s.applied, o => `${o.dryRun ? 'dry:' : ''}${label(o)}`)
    return new Map(s.applied.map((o, i) => [keys[i]!, o.action]))
  }
  const ax = actions(x)
  const by = actions(y)
  for (const [key, action] of ax) {
    const other = by.get(key)
    if (other === undefined || other === action || action === 'failed' || other === 'failed') continue
    const name = key.replace(/#\d+$/, '').replace(/^dry:/, '')
    out.push(`${op}${name} was ${action} ${A.where}, ${other} ${B.where}` +
      (action === 'created' ? ` (the ${B.name} had it already)` : other === 'created' ? ` (the ${A.name} had it already)` : ''))
  }
  return out
}

function compareDeletions(x: OperationSummary, y: OperationSummary, A: Side, B: Side): string[] {
  const out: string[] = []
  for (const key of union(Object.keys(x.deletions), Object.keys(y.deletions))) {
    const p = x.deletions[key]?.join(' then ')
    const q = y.deletions[key]?.join(' then ')
    if (p === q) continue
    if (q === undefined) out.push(`${key}: deleted by ${p} ${A.where}, kept ${B.where}`)
    else if (p === undefined) out.push(`${key}: kept ${A.where}, deleted by ${q} ${B.where}`)
    else out.push(`${key}: deleted by ${p} ${A.where}, by ${q} ${B.where}`)
  }
  return out
}

/**
 * What is left at the end, for the objects both runs applied and neither deleted: something else removed it
 * (an apply only one side made is an order difference; a deletion still under way is timing).
 */
function compareRemaining(a: RunSummary, b: RunSummary, A: Side, B: Side): string[] {
  if (!a.remaining || !b.remaining) return []
  const appliedBy = (r: RunSummary): Set<string> => new Set(r.operations.flatMap(s =>
    s.applied.filter(o => !o.dryRun && o.action !== 'failed').map(label)))
  const inB = appliedBy(b)
  const applied = [...appliedBy(a)].filter(key => inB.has(key))
  const deleted = new Set([...a.operations, ...b.operations].flatMap(s => Object.keys(s.deletions)))
  const ra = new Set(a.remaining)
  const rb = new Set(b.remaining)
  const out: string[] = []
  for (const key of applied.sort()) {
    if (deleted.has(key) || ra.has(key) === rb.has(key)) continue
    out.push(ra.has(key) ? `${key}: present at the end ${A.where}, gone ${B.where}`
      : `${key}: gone at the end ${A.where}, present ${B.where}`)
  }
  return out
}

function union(p: readonly string[], q: readonly string[]): string[] {
  return [...new Set([...p, ...q])]
}

// ---------------------------------------------------------------------------------------------------------------
// Timelines

/** The words of a step on one side; `key` pairs the same step on the two sides. */
export function stepText(s: RunStep): string {
  switch (s.type) {
    case 'group': return `${groupLabel(s)} starts`
    case 'apply': {
      const what = `${label(s)}${s.hook ? ` (${s.syncPhase} hook)` : ''}`
      if (s.action === 'failed') return `${what} failed to apply${s.dryRun ? ' (dry run)' : ''}: ${s.message ?? ''}`
      return `${what} ${s.dryRun ? 'dry run: ' : ''}${s.action}`
    }
    case 'hook': return `${label(s)} hook ${s.hookPhase}`
    case 'delete': return `${label(s)} deleted (${s.reason})`
    case 'end': return `operation ${s.phase}: ${s.message}`
  }
}

function stepKey(s: RunStep): string {
  switch (s.type) {
    case 'group': return `group ${groupLabel(s)}`
    case 'apply': return `apply ${s.dryRun ? 'dry ' : ''}${s.kind}/${s.namespace}/${s.name}`
    case 'hook': return `hook ${s.kind}/${s.namespace}/${s.name}`
    case 'delete': return `delete ${s.kind}/${s.namespace}/${s.name}`
    case 'end': return 'end'
  }
}

/** Applies made together (one kind, one group) sorted by name, so that their arbitrary order does not split rows. */
function canonicalSteps(steps: readonly RunStep[]): RunStep[] {
  const out: RunStep[] = []
  let run: Array<Extract<RunStep, { type: 'apply' }>> = []
  const flush = (): void => {
    out.push(...run.sort((p, q) => (p.name < q.name ? -1 : p.name > q.name ? 1 : 0)))
    run = []
  }
  for (const s of steps) {
    const head = run[0]
    if (s.type === 'apply' && head && head.kind === s.kind && head.syncPhase === s.syncPhase && head.wave === s.wave &&
      head.dryRun === s.dryRun) {
      run.push(s)
      continue
    }
    flush()
    if (s.type === 'apply') run.push(s)
    else out.push(s)
  }
  flush()
  return out
}

function alignSteps(op: number, aSteps: readonly RunStep[], bSteps: readonly RunStep[]): TimelineRow[] {
  const ca = canonicalSteps(aSteps)
  const cb = canonicalSteps(bSteps)
  const ka = numbered(ca, stepKey)
  const kb = numbered(cb, stepKey)
  const cell = (s: RunStep): TimelineCell => ({ at: s.at, step: stepText(s) })
  const rows: TimelineRow[] = []
  let i = 0
  let j = 0
  for (const [p, q] of [...lcs(ka, kb), [ca.length, cb.length] as [number, number]]) {
    // Before a matched pair: side a's extra steps, then side b's.
    for (; i < p; i++) rows.push({ op, a: cell(ca[i]!) })
    for (; j < q; j++) rows.push({ op, b: cell(cb[j]!) })
    if (p < ca.length && q < cb.length) {
      rows.push({ op, a: cell(ca[p]!), b: cell(cb[q]!) })
      i = p + 1
      j = q + 1
    }
  }
  return rows
}

// ---------------------------------------------------------------------------------------------------------------
// Printing

/** Seconds with one decimal, as the side-by-side table shows times. */
const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)}s`

/**
 * The side-by-side section: a time column per side (seconds since the operation started), the step, then the
 * differences or "No differences in order, outcome or deletions."
 */
export function formatComparison(c: RunComparison, sides: { a: Side; b: Side } = { a: SIMULATION, b: CLUSTER },
  title = `Compared with the ${SIMULATION.name}`): string {
  const ha = sides.a.name.toUpperCase()
  const hb = sides.b.name.toUpperCase()
  const wa = Math.max(ha.length, ...c.timelines.map(r => (r.a ? seconds(r.a.at).length : 1)))
  const wb = Math.max(hb.length, ...c.timelines.map(r => (r.b ? seconds(r.b.at).length : 1)))
  const line = (p: string, q: string, step: string): string => `${p.padStart(wa)}  ${q.padStart(wb)}  ${step}`.trimEnd()
  const lines = [`${title}:`, '', line(ha, hb, 'STEP')]
  let op = 0
  for (const r of c.timelines) {
    if (r.op !== op) {
      op = r.op
      lines.push(line('', '', `operation ${op}`))
    }
    const step = r.a && r.b && r.a.step !== r.b.step ? `${r.a.step} | ${sides.b.name}: ${r.b.step}`
      : (r.a ?? r.b)!.step
    lines.push(line(r.a ? seconds(r.a.at) : '-', r.b ? seconds(r.b.at) : '-', step))
  }
  lines.push('')
  if (c.same) lines.push('No differences in order, outcome or deletions.')
  else {
    for (const [name, list] of Object.entries(c.differences)) {
      if (list.length === 0) continue
      lines.push(`Differences in ${name}:`)
      for (const s of list) lines.push(`  - ${cap(s)}`)
    }
  }
  return `${lines.join('\n')}\n`
}
