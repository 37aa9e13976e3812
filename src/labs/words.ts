// What a task's expectations ask for, in plain words for the learner ("Job after is deleted once it has
// succeeded"), where check.ts describes them in the check's own terms for lab authors. DOM-free: the page's lab
// panel and the CLI both use it.
import { describeEvent, type Failure, NO_APP } from './check.ts'
import type { EventMatch, Expectation, NameMatch, OperationSelector } from './types.ts'

const SYNC_ENDS: Record<string, string> = {
  Succeeded: 'succeeds', Failed: 'fails', Error: 'ends in an error', Running: 'is still running',
  Terminating: 'is being terminated',
}
const DELETED_BECAUSE: Record<string, string> = {
  HookSucceeded: 'once it has succeeded (delete policy HookSucceeded)',
  HookFailed: 'once it has failed (delete policy HookFailed)',
  BeforeHookCreation: 'before a new one is created (delete policy BeforeHookCreation)',
  Terminate: 'when the sync is terminated', Prune: 'by pruning', AppDeleted: 'with the application',
}
const JOB_STATES: Record<string, string> = { Complete: 'has completed', Failed: 'has failed', Running: 'is still running' }

/** "Job after", "a Pod", "Jobs named schema-migrate-…". */
function subject(kind: string | undefined, m: NameMatch): string {
  const k = kind ?? 'object'
  if (m.name !== undefined) return `${k} ${m.name}`
  if (m.namePrefix !== undefined) return `a ${k} named ${m.namePrefix}…`
  return `a ${k}`
}

const phaseWords = (phase: string | undefined, wave?: number): string =>
  `${phase ? `the ${phase} phase` : 'the sync'}${wave !== undefined ? ` (wave ${wave})` : ''}`

/** The sync(s) an expectation looks at. */
function whichSync(of: OperationSelector | undefined): string {
  if (typeof of === 'number') return `sync number ${of} of this task`
  return of === 'any' ? 'one of the syncs' : of === 'every' ? 'every sync' : of === 'first' ? 'the first sync' : 'the last sync'
}

/** An event, as a sentence: "the PreSync phase applies Job before". */
export function plainEvent(m: EventMatch): string {
  const what = subject(m.kind, m)
  switch (m.type) {
    case 'apply': return `${phaseWords(m.syncPhase, m.wave)} applies ${what}${m.action ? ` (${m.action})` : ''}`
    case 'hook': return `the hook ${what} ${m.hookPhase ? `ends ${m.hookPhase}` : 'ends'}`
    case 'delete': return `${what} is deleted${m.reason ? ` ${DELETED_BECAUSE[m.reason] ?? `(${m.reason})`}` : ''}`
    case 'created': return `${what} appears in the cluster`
    case 'gone': return `${what} leaves the cluster`
    case 'health': return `${what} becomes ${m.health ?? 'healthy'}`
    case 'phase': return `${phaseWords(m.syncPhase, m.wave)} starts`
    case 'operation': return `a sync ${m.phase ? SYNC_ENDS[m.phase] ?? `ends ${m.phase}` : 'ends'}`
    case 'app': return `the application ${m.status === 'Deleted' ? 'is deleted' : m.status === 'Deleting' ? 'is being deleted' : `is ${m.status ?? 'changed'}`}`
  }
}

/** A command pattern as the learner would type it: `oc get pod … --watch`. */
function typed(pattern: string): string {
  return pattern.replace(/\\s[+*]/g, ' ').replace(/\.[*+]\??/g, ' … ').replace(/\\b|\^|\$/g, '').replace(/\\(.)/g, '$1')
    .replace(/\((\?:)?([^|()]*)\|[^()]*\)\??/g, '$2').replace(/(\w)\?/g, '$1').replace(/\s+/g, ' ').trim()
}

/** What an expectation asks for, as a sentence a learner understands. */
export function plainExpectation(x: Expectation): string {
  if ('operation' in x) {
    const o = x.operation
    const parts: string[] = []
    if (o.count !== undefined) parts.push(`this task runs ${o.count} sync${o.count === 1 ? '' : 's'}`)
    if (o.phase || o.message !== undefined || o.messageContains !== undefined) {
      const says = o.message ?? o.messageContains
      parts.push(`${whichSync(o.of)} ${o.phase ? SYNC_ENDS[o.phase] ?? `ends ${o.phase}` : 'ends'}` +
        `${says !== undefined ? ` with the message "${says}"` : ''}`)
    }
    return sentence(parts.join(', and '))
  }
  if ('result' in x) {
    const r = x.result
    const what = `${r.hookType ? `the ${r.hookType} hook ` : r.syncPhase ? `${r.syncPhase} ` : ''}${subject(r.kind, r)}`
    if (r.absent) return sentence(`${whichSync(r.of)} does not apply ${what} at all`)
    const state = [r.status, r.hookPhase].filter(Boolean).join(', ')
    return sentence(`the result of ${whichSync(r.of)} lists ${what}${state ? ` as ${state}` : ''}` +
      `${r.messageContains !== undefined ? ` saying "${r.messageContains}"` : ''}`)
  }
  if ('event' in x) {
    const e = x.event
    const times = e.count !== undefined ? ` (exactly ${e.count} time${e.count === 1 ? '' : 's'})`
      : e.atLeast !== undefined && e.atLeast > 1 ? ` (at least ${e.atLeast} times)` : ''
    return sentence(plainEvent(e) + times)
  }
  if ('no-event' in x) return `This must not happen: ${plainEvent(x['no-event'])}.`
  if ('order' in x) return `In this order: ${x.order.map((e, i) => `${i + 1}. ${plainEvent(e)}`).join('; ')}.`
  if ('delay' in x) {
    const d = x.delay
    const bounds = [d.atLeast !== undefined && `at least ${d.atLeast / 1000} s`, d.atMost !== undefined && `at most ${d.atMost / 1000} s`]
      .filter(Boolean).join(' and ')
    return sentence(`${bounds ? `${bounds} pass` : 'some time passes'} between "${plainEvent(d.from)}" and "${plainEvent(d.to)}"`)
  }
  if ('exists' in x) {
    const e = x.exists
    return sentence(e.count !== undefined ? `there ${e.count === 1 ? 'is' : 'are'} exactly ${e.count} ${e.kind}${e.count === 1 ? '' : 's'}` +
      `${e.name !== undefined ? ` named ${e.name}` : e.namePrefix !== undefined ? ` named ${e.namePrefix}…` : ''} in the namespace`
      : `${subject(e.kind, e)} exists in the namespace`)
  }
  if ('absent' in x) return sentence(`${subject(x.absent.kind, x.absent)} is gone from the namespace`)
  if ('job' in x) {
    const j = x.job
    return sentence(`${subject('Job', j)} ${JOB_STATES[j.status] ?? j.status}${j.reason ? ` (${j.reason})` : ''}`)
  }
  if ('log' in x) {
    const l = x.log
    const whose = l.pod !== undefined ? `Pod ${l.pod}` : l.job !== undefined ? `the Pod of Job ${l.job}` : `the Pod of a Job named ${l.jobPrefix}…`
    const what = [l.contains !== undefined && `shows "${l.contains}"`, l.notContains !== undefined && `does not show "${l.notContains}"`]
      .filter(Boolean).join(' and ')
    return sentence(`the log of ${whose} ${what}`)
  }
  if ('command' in x) {
    const c = x.command
    return sentence(`you type \`${typed(c.matches)}\` in the terminal${c.before ? `, before ${plainEvent(c.before)}` : ''}`)
  }
  const a = x.app
  const states = [a.sync, a.health].filter(Boolean).join(' and ')
  const parts = [a.deleted === true && 'is deleted', a.deleted === false && 'still exists', states && `is ${states}`,
    a.history !== undefined && `has ${a.history} entr${a.history === 1 ? 'y' : 'ies'} in its history`].filter(Boolean)
  return sentence(`the application ${parts.join(' and ')}`)
}

const SYNC_ENDED: Record<string, string> = {
  Succeeded: 'succeeded', Failed: 'failed', Error: 'ended in an error', Running: 'is still running',
  Terminating: 'is being terminated',
}

/**
 * What the learner has instead, in plain words, where the check's answer can be said so (no application, no sync,
 * how the sync ended); undefined otherwise (the expectation says enough).
 */
export function plainNow(f: Pick<Failure, 'why'>, x: Expectation): string | undefined {
  if (f.why === NO_APP) return 'There is no application yet: create it first.'
  if (f.why === 'no operation ran in this task') return 'No sync has run in this task yet.'
  const ended = /^it is (\w+)(?: \((".*")\))?$/.exec(f.why)
  if ('operation' in x && ended) {
    const message = ended[2] !== undefined ? JSON.parse(ended[2]) as string : ''
    return `Now the sync ${SYNC_ENDED[ended[1]!] ?? `ended ${ended[1]}`}${message ? `: ${message}` : ''}.`
  }
  if ('app' in x && f.why.startsWith('it ')) return `Now the application ${f.why.slice(3)}.`
  if ('event' in x) {
    if (f.why.startsWith('it did not happen')) return 'It has not happened yet.'
    const times = /^it happened (?:only )?(\d+)×/.exec(f.why)
    if (times) return `It happened ${times[1]} time${times[1] === '1' ? '' : 's'}.`
  }
  if ('order' in x) return orderNow(f.why, x.order)
  if ('absent' in x && f.why.startsWith('it still exists')) return `It still exists${f.why.slice('it still exists'.length)}.`
  return undefined
}

/** The first step of an `order` that did not happen (in order), from the check's answer. */
function orderNow(why: string, order: readonly EventMatch[]): string | undefined {
  for (const [i, m] of order.entries()) {
    const said = describeEvent(m)
    if (why.startsWith(`${said} did not happen`)) return `Step ${i + 1} has not happened: ${plainEvent(m)}.`
    if (why.startsWith(`${said} happened, but not after`)) return `Step ${i + 1} happened, but not after step ${i}.`
  }
  return undefined
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}
