// The task checker: evaluates a task's expectations (lab.yaml `check`) against what the engine recorded since the
// task began — the application's operations and event stream, the live cluster, the Pods' logs and the app's
// status and history. Pure over engine objects: the page runs it on its own session, the runner headless.
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import type { LogBook, PodLog } from './log-book.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { Application, OperationResult } from '../sync/application.ts'
import type { RecordedEvent } from '../sync/events.ts'
import type { EventMatch, Expectation, NameMatch, OperationSelector } from './types.ts'

export { LogBook, type PodLog } from './log-book.ts'

/** A command typed in the terminal, and when (virtual ms). */
export interface TypedCommand {
  t: number
  line: string
}

/** Where a task began: the learner's application then (its index among the simulation's apps; -1: none yet). */
export interface TaskStart {
  event: number
  operation: number
  t: number
  /** Absent in progress saved before labs had several applications: the first one. */
  app?: number
}

/** The task's start as seen from the application checked now: all of its history if it is not the one marked. */
export function startFor(mark: TaskStart, appIndex: number | undefined): CheckContext['since'] {
  return appIndex !== undefined && (mark.app ?? 0) === appIndex ? { event: mark.event, operation: mark.operation, t: mark.t }
    : { event: 0, operation: 0, t: mark.t }
}

export interface CheckContext {
  /** The learner's application (learner-app.ts); none before the learner has made it. */
  app: Application | undefined
  /** The lab's destination namespace: where the checks look for objects and logs. */
  namespace: string
  fake: FakeCluster
  logs: LogBook
  /** What the learner typed in the terminal (the page's; the headless runner records `command` steps). */
  commands?: readonly TypedCommand[]
  /** Where the task began: the first event and operation of the task, and its start time. */
  since: { event: number; operation: number; t: number }
}

export interface Failure {
  /** 0-based index in the check list. */
  index: number
  /** What was expected, in words. */
  expected: string
  /** What was found instead. */
  why: string
}

export interface CheckOutcome {
  ok: boolean
  failures: Failure[]
}

export function evaluate(check: readonly Expectation[], ctx: CheckContext): CheckOutcome {
  const failures: Failure[] = []
  check.forEach((x, index) => {
    const why = evaluateOne(x, ctx)
    if (why !== undefined) failures.push({ index, expected: describeExpectation(x), why })
  })
  return { ok: failures.length === 0, failures }
}

/** `check[2] log of Job after contains "<html": <why>` */
export function formatFailure(f: Failure): string {
  return `check[${f.index}] ${f.expected}: ${f.why}`
}

// ---- descriptions

const q = (s: string): string => JSON.stringify(s)
const nameOf = (m: NameMatch): string => m.name ?? (m.namePrefix !== undefined ? `${m.namePrefix}*` : '*')
const ofWords = (of: OperationSelector | undefined): string => typeof of === 'number' ? `operation #${of}`
  : of === 'any' ? 'some operation' : of === 'every' ? 'every operation' : `the ${of ?? 'last'} operation`

export function describeEvent(m: EventMatch): string {
  const parts: string[] = [m.type]
  if (m.syncPhase) parts.push(m.syncPhase)
  if (m.wave !== undefined) parts.push(`wave ${m.wave}`)
  if (m.kind || m.name || m.namePrefix) parts.push(`${m.kind ?? '*'}/${nameOf(m)}`)
  for (const k of ['reason', 'action', 'hookPhase', 'health', 'phase', 'status'] as const) {
    if (m[k] !== undefined) parts.push(`${k}=${m[k]}`)
  }
  if (m.hook !== undefined) parts.push(m.hook ? '(hook)' : '(resource)')
  return parts.join(' ')
}

export function describeExpectation(x: Expectation): string {
  if ('operation' in x) {
    const o = x.operation
    const bits = [o.phase && `is ${o.phase}`, o.message !== undefined && `says ${q(o.message)}`,
      o.messageContains !== undefined && `says …${q(o.messageContains)}…`].filter(Boolean)
    if (o.count !== undefined) bits.unshift(`the task ran ${o.count} operation${o.count === 1 ? '' : 's'}`)
    return o.count !== undefined && bits.length === 1 ? bits[0] as string : `${ofWords(o.of)} ${bits.join(', ')}`
  }
  if ('result' in x) {
    const r = x.result
    const what = `${r.syncPhase ? `${r.syncPhase} ` : ''}${r.kind}/${nameOf(r)}`
    if (r.absent) return `${ofWords(r.of)} has no result for ${what}`
    const bits = [r.status && `status ${r.status}`, r.hookPhase && `hookPhase ${r.hookPhase}`, r.hookType && `hook ${r.hookType}`,
      r.messageContains !== undefined && `message …${q(r.messageContains)}…`].filter(Boolean)
    return `${ofWords(r.of)} has a result ${what}${bits.length ? ` with ${bits.join(', ')}` : ''}`
  }
  if ('event' in x) {
    const e = x.event
    const n = e.count !== undefined ? `exactly ${e.count}× ` : e.atLeast !== undefined ? `at least ${e.atLeast}× ` : ''
    return `event ${n}${describeEvent(e)}`
  }
  if ('no-event' in x) return `no event ${describeEvent(x['no-event'])}`
  if ('order' in x) return `in order: ${x.order.map(describeEvent).join(' → ')}`
  if ('delay' in x) {
    const d = x.delay
    const bounds = [d.atLeast !== undefined && `≥ ${d.atLeast / 1000}s`, d.atMost !== undefined && `≤ ${d.atMost / 1000}s`].filter(Boolean)
    return `${describeEvent(d.from)} → ${describeEvent(d.to)} ${bounds.join(' and ')}`
  }
  if ('exists' in x) {
    const e = x.exists
    return e.count !== undefined ? `exactly ${e.count} ${e.kind}/${nameOf(e)} exist` : `${e.kind}/${nameOf(e)} exists`
  }
  if ('absent' in x) return `${x.absent.kind}/${nameOf(x.absent)} does not exist`
  if ('job' in x) return `Job/${nameOf(x.job)} is ${x.job.status}${x.job.reason ? ` (${x.job.reason})` : ''}`
  if ('command' in x) {
    const c = x.command
    return `a command matching /${c.matches}/ was run${c.before ? ` before ${describeEvent(c.before)}` : ''}`
  }
  if ('log' in x) {
    const l = x.log
    const whose = l.pod !== undefined ? `Pod ${l.pod}` : l.job !== undefined ? `Job ${l.job}` : `Job ${l.jobPrefix}*`
    return `log of ${whose}${l.contains !== undefined ? ` contains ${q(l.contains)}` : ''}` +
      `${l.notContains !== undefined ? `${l.contains !== undefined ? ' and' : ''} does not contain ${q(l.notContains)}` : ''}`
  }
  const a = x.app
  return `the app ${[a.sync && `is ${a.sync}`, a.health && `is ${a.health}`, a.deleted !== undefined && (a.deleted ? 'was deleted' : 'exists'),
    a.history !== undefined && `has ${a.history} history entr${a.history === 1 ? 'y' : 'ies'}`].filter(Boolean).join(', ')}`
}

// ---- evaluation: undefined = holds, a string = why not

function nameMatches(name: string, m: NameMatch): boolean {
  if (m.name !== undefined && name !== m.name) return false
  if (m.namePrefix !== undefined && !name.startsWith(m.namePrefix)) return false
  return true
}

export function eventMatches(e: RecordedEvent, m: EventMatch): boolean {
  if (e.type !== m.type) return false
  const f = e as Partial<Record<string, unknown>>
  if ((m.kind !== undefined || m.name !== undefined || m.namePrefix !== undefined) && typeof f.kind !== 'string') return false
  if (m.kind !== undefined && f.kind !== m.kind) return false
  if (!nameMatches(typeof f.name === 'string' ? f.name : '', m)) return false
  for (const k of ['reason', 'syncPhase', 'wave', 'action', 'hook', 'hookPhase', 'health', 'phase', 'status'] as const) {
    if (m[k] !== undefined && f[k] !== m[k]) return false
  }
  if (e.type === 'apply' && e.dryRun) return false // only real applies count
  return true
}

function taskEvents(ctx: CheckContext): RecordedEvent[] {
  return ctx.app?.events.slice(ctx.since.event) ?? []
}

function taskOperations(ctx: CheckContext): OperationResult[] {
  return ctx.app?.operations.slice(ctx.since.operation).map(o => o.result()) ?? []
}

/** Said of any expectation about the application before the learner has made one. */
export const NO_APP = 'there is no application yet'

/** The operations an expectation looks at, and whether one of them (any) or all of them must pass. */
function selectOperations(ctx: CheckContext, of: OperationSelector | undefined): { ops: Array<[number, OperationResult]>; any: boolean } | string {
  const all = taskOperations(ctx).map((r, i) => [i + 1, r] as [number, OperationResult])
  if (all.length === 0) return ctx.app ? 'no operation ran in this task' : NO_APP
  if (of === 'any') return { ops: all, any: true }
  if (of === 'every') return { ops: all, any: false }
  if (of === 'first') return { ops: [all[0]!], any: false }
  if (typeof of === 'number') {
    const op = all[of - 1]
    return op ? { ops: [op], any: false } : `the task ran only ${all.length} operation${all.length === 1 ? '' : 's'}`
  }
  return { ops: [all.at(-1)!], any: false }
}

/** Runs `test` on the selected operations: any → one must pass, otherwise all. */
function overOperations(ctx: CheckContext, of: OperationSelector | undefined,
  test: (r: OperationResult) => string | undefined): string | undefined {
  const sel = selectOperations(ctx, of)
  if (typeof sel === 'string') return sel
  const whys = sel.ops.map(([n, r]) => [n, test(r)] as const)
  const failed = whys.filter(([, why]) => why !== undefined)
  if (sel.any ? failed.length < whys.length : failed.length === 0) return undefined
  const label = (n: number) => sel.ops.length > 1 || of === 'any' || of === 'every' ? `operation #${n}: ` : ''
  return failed.map(([n, why]) => `${label(n)}${why}`).join('; ')
}

const opSummary = (r: OperationResult): string => `${r.phase}${r.message ? ` (${q(r.message)})` : ''}`
const rowName = (r: OperationResult['resources'][number]): string => `${r.syncPhase} ${r.kind}/${r.name}`

function evaluateOne(x: Expectation, ctx: CheckContext): string | undefined {
  if ('command' in x) return commandRun(x.command, ctx)
  if ('operation' in x) {
    const o = x.operation
    if (o.count !== undefined) {
      const n = taskOperations(ctx).length
      if (n !== o.count) return `the task ran ${n} operation${n === 1 ? '' : 's'}`
      if (!o.phase && o.message === undefined && o.messageContains === undefined) return undefined
    }
    return overOperations(ctx, o.of, r => {
      if (o.phase && r.phase !== o.phase) return `it is ${opSummary(r)}`
      if (o.message !== undefined && r.message !== o.message) return `its message is ${q(r.message)}`
      if (o.messageContains !== undefined && !r.message.includes(o.messageContains)) return `its message is ${q(r.message)}`
      return undefined
    })
  }
  if ('result' in x) {
    const m = x.result
    return overOperations(ctx, m.of, r => {
      const rows = r.resources.filter(row => row.kind === m.kind && nameMatches(row.name, m) &&
        (m.syncPhase === undefined || row.syncPhase === m.syncPhase))
      if (m.absent) return rows.length === 0 ? undefined : `it has ${rows.map(row => `${rowName(row)} (${row.status}, ${row.hookPhase ?? '-'})`).join(', ')}`
      if (rows.length === 0) {
        return `no such result; it has ${r.resources.map(rowName).join(', ') || 'no results'} (${opSummary(r)})`
      }
      const bad = rows.map(row => {
        if (m.status && row.status !== m.status) return `${rowName(row)} has status ${row.status} (${q(row.message)})`
        if (m.hookPhase && row.hookPhase !== m.hookPhase) return `${rowName(row)} has hookPhase ${row.hookPhase ?? 'none'} (${q(row.message)})`
        if (m.hookType && row.hookType !== m.hookType) return `${rowName(row)} has hook type ${row.hookType ?? 'none'}`
        if (m.messageContains !== undefined && !row.message.includes(m.messageContains)) return `${rowName(row)} says ${q(row.message)}`
        return undefined
      })
      return bad.some(b => b === undefined) ? undefined : bad.join('; ')
    })
  }
  if ('event' in x) {
    const { count, atLeast, ...m } = x.event
    const n = taskEvents(ctx).filter(e => eventMatches(e, m)).length
    if (count !== undefined) return n === count ? undefined : ctx.app ? `it happened ${n}×${nearMiss(ctx, m)}` : NO_APP
    const min = atLeast ?? 1
    return n >= min ? undefined : !ctx.app ? NO_APP : n === 0 ? `it did not happen${nearMiss(ctx, m)}` : `it happened only ${n}×`
  }
  if ('no-event' in x) {
    const e = taskEvents(ctx).find(ev => eventMatches(ev, x['no-event']))
    return e ? `it happened at ${seconds(e.t - ctx.since.t)}` : undefined
  }
  if ('order' in x) {
    if (!ctx.app) return NO_APP
    const events = taskEvents(ctx)
    let from = 0
    for (const [i, m] of x.order.entries()) {
      const found = events.findIndex((e, j) => j >= from && eventMatches(e, m))
      if (found < 0) {
        const anywhere = events.find(e => eventMatches(e, m))
        return anywhere ? `${describeEvent(m)} happened, but not after ${describeEvent(x.order[i - 1]!)}`
          : `${describeEvent(m)} did not happen${nearMiss(ctx, m)}`
      }
      from = found + 1
    }
    return undefined
  }
  if ('delay' in x) {
    if (!ctx.app) return NO_APP
    const d = x.delay
    const events = taskEvents(ctx)
    const a = events.findIndex(e => eventMatches(e, d.from))
    if (a < 0) return `${describeEvent(d.from)} did not happen${nearMiss(ctx, d.from)}`
    const b = events.findIndex((e, j) => j > a && eventMatches(e, d.to))
    if (b < 0) return `${describeEvent(d.to)} did not happen after it${nearMiss(ctx, d.to)}`
    const gap = events[b]!.t - events[a]!.t
    if (d.atLeast !== undefined && gap < d.atLeast) return `only ${seconds(gap)} passed`
    if (d.atMost !== undefined && gap > d.atMost) return `${seconds(gap)} passed`
    return undefined
  }
  if ('exists' in x) {
    const objs = live(ctx, x.exists.kind, x.exists, x.exists.namespace)
    if (x.exists.count !== undefined) {
      return objs.length === x.exists.count ? undefined : `there ${objs.length === 1 ? 'is' : 'are'} ${objs.length}${list(objs)}`
    }
    return objs.length > 0 ? undefined : `no such ${x.exists.kind}${list(live(ctx, x.exists.kind, {}, x.exists.namespace))}`
  }
  if ('absent' in x) {
    const objs = live(ctx, x.absent.kind, x.absent, x.absent.namespace)
    if (objs.length === 0) return undefined
    return `it still exists${objs.some(o => o.metadata.deletionTimestamp) ? ' (being deleted)' : ''}${list(objs)}`
  }
  if ('job' in x) {
    const jobs = live(ctx, 'Job', x.job, x.job.namespace)
    if (jobs.length === 0) return `no such Job${list(live(ctx, 'Job', {}, x.job.namespace))}`
    const states = jobs.map(j => ({ name: j.metadata.name ?? '', ...jobState(j) }))
    if (states.some(s => s.status === x.job.status && (x.job.reason === undefined || s.reason === x.job.reason))) return undefined
    return states.map(s => `${s.name} is ${s.status}${s.reason ? ` (${s.reason})` : ''}`).join('; ')
  }
  if ('log' in x) {
    const l = x.log
    const pods = ctx.logs.all().filter(p => p.createdAt >= ctx.since.t && p.namespace === ctx.namespace &&
      (l.pod !== undefined ? p.pod === l.pod : l.job !== undefined ? p.job === l.job : (p.job ?? '').startsWith(l.jobPrefix ?? '')))
    if (pods.length === 0) return 'no such Pod ran in this task'
    const text = (p: PodLog) => p.lines.join('\n')
    if (l.notContains !== undefined) {
      const bad = pods.find(p => text(p).includes(l.notContains!))
      if (bad) return `Pod ${bad.pod} logged it`
    }
    if (l.contains !== undefined && !pods.some(p => text(p).includes(l.contains!))) {
      const last = pods.at(-1)!
      return `no Pod logged it (${last.pod}: ${last.lines.length ? q(clip(last.lines.join(' ⏎ '))) : 'no output'})`
    }
    return undefined
  }
  const a = x.app
  if (!ctx.app) return NO_APP
  if (a.deleted !== undefined && ctx.app.deleted !== a.deleted) {
    return a.deleted ? `it still exists${ctx.app.deletion ? ` (deletion at ${ctx.app.deletion.stage})` : ''}` : 'it was deleted'
  }
  const status = a.sync !== undefined || a.health !== undefined ? ctx.app.status() : undefined
  if (a.sync !== undefined && status!.sync !== a.sync) return `it is ${status!.sync}`
  if (a.health !== undefined && status!.health !== a.health) return `it is ${status!.health}`
  if (a.history !== undefined && ctx.app.history.length !== a.history) return `it has ${ctx.app.history.length}`
  return undefined
}

function live(ctx: CheckContext, kind: string, m: NameMatch, namespace?: string): KubeObject[] {
  return ctx.fake.list(kind, namespace ?? ctx.namespace).filter(o => nameMatches(o.metadata.name ?? '', m))
}

function list(objs: KubeObject[]): string {
  if (objs.length === 0) return ''
  const names = objs.map(o => o.metadata.name ?? '')
  return ` (${names.slice(0, 5).join(', ')}${names.length > 5 ? ', …' : ''})`
}

export function jobState(job: KubeObject): { status: 'Complete' | 'Failed' | 'Running'; reason?: string } {
  const conditions = ((job.status as { conditions?: Array<{ type?: string; status?: string; reason?: string }> } | undefined)
    ?.conditions ?? []).filter(c => c.status === 'True')
  for (const type of ['Failed', 'Complete'] as const) {
    const c = conditions.find(x => x.type === type)
    if (c) return { status: type, ...(c.reason ? { reason: c.reason } : {}) }
  }
  return { status: 'Running' }
}

/** When an event did not happen: the events of the same type and subject that did, to show what went instead. */
function nearMiss(ctx: CheckContext, m: EventMatch): string {
  const similar = taskEvents(ctx).filter(e => e.type === m.type && (m.kind === undefined || ('kind' in e && e.kind === m.kind)) &&
    ('name' in e ? nameMatches(e.name, m) : true))
  if (similar.length === 0) return ''
  return ` (saw: ${similar.slice(0, 3).map(e => describeEvent(asMatch(e))).join('; ')}${similar.length > 3 ? '; …' : ''})`
}

function asMatch(e: RecordedEvent): EventMatch {
  const f = e as unknown as Record<string, unknown>
  const out: Record<string, unknown> = { type: e.type }
  for (const k of ['kind', 'name', 'reason', 'syncPhase', 'wave', 'action', 'hookPhase', 'health', 'phase', 'status']) {
    if (f[k] !== undefined) out[k] = f[k]
  }
  return out as unknown as EventMatch
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10}s`
const clip = (s: string): string => s.length > 120 ? `${s.slice(0, 117)}…` : s

/** `command`: typed in this task, and (with `before`) before the first such event of the task. */
function commandRun(c: { matches: string; before?: EventMatch }, ctx: CheckContext): string | undefined {
  let pattern: RegExp
  try {
    pattern = new RegExp(c.matches)
  } catch {
    return `/${c.matches}/ is not a valid regular expression`
  }
  const typed = (ctx.commands ?? []).filter(cmd => cmd.t >= ctx.since.t && pattern.test(cmd.line))
  if (typed.length === 0) return 'no such command was typed'
  if (!c.before) return undefined
  const event = taskEvents(ctx).find(e => eventMatches(e, c.before!))
  if (!event) return `it was typed, but ${describeEvent(c.before)} never happened`
  return typed.some(cmd => cmd.t <= event.t) ? undefined
    : `it was typed only after ${describeEvent(c.before)} (at ${(event.t / 1000).toFixed(1)} s)`
}
