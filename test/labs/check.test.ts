import { beforeAll, describe, expect, it } from 'vitest'
import { type CheckContext, evaluate, formatFailure } from '../../src/labs/check.ts'
import { LabSession } from '../../src/labs/run.ts'
import { DEFAULT_SETTLE_MS } from '../../src/labs/settle.ts'
import type { Expectation, Step } from '../../src/labs/types.ts'
import { labOf, MINIMAL } from './helpers.ts'

/** The seed app on a fresh session, then steps; an edit step replaces text in post-sync-job.yaml. */
async function scenario(steps: Step[], replace: Array<[string, string]> = []): Promise<CheckContext> {
  const session = await LabSession.start(labOf(MINIMAL))
  const since = session.mark()
  const set = { files: [], edits: replace.map(([from, to]) => ({ file: 'post-sync-job.yaml', replace: from, with: to })) }
  for (const step of steps) await session.step(step, () => ({ set, folder: '' }))
  await session.sim.advance(DEFAULT_SETTLE_MS)
  return session.context(since)
}

const CURL_IN_GO: Array<[string, string]> = [['command: ["sleep", "10"]', 'command: ["bash", "-c", "curl https://acend.ch"]']]

/** The failure messages of one expectation, or [] when it holds. */
function failures(ctx: CheckContext, x: Expectation): string[] {
  return evaluate([x], ctx).failures.map(formatFailure)
}
const holds = (ctx: CheckContext, x: Expectation) => expect(failures(ctx, x)).toEqual([])

let ok: CheckContext // one successful sync
let failed: CheckContext // sync, then a sync whose PostSync Job has no curl
let dryRun: CheckContext // a dry-run sync
let deleted: CheckContext // sync, then delete the app

beforeAll(async () => {
  ok = await scenario([{ sync: {} }])
  failed = await scenario([{ sync: {} }, { edit: {} }, { commit: {} }, { sync: {} }], CURL_IN_GO)
  dryRun = await scenario([{ sync: { dryRun: true } }])
  deleted = await scenario([{ sync: {} }, { 'delete-app': {} }])
})

describe('check: operation', () => {
  it('phase and message of the last operation (the default)', () => {
    holds(ok, { operation: { phase: 'Succeeded', message: 'successfully synced (no more tasks)' } })
    expect(failures(failed, { operation: { phase: 'Succeeded' } })).toEqual([
      'check[0] the last operation is Succeeded: it is Failed ("one or more synchronization tasks completed unsuccessfully")'])
    holds(failed, { operation: { messageContains: 'completed unsuccessfully' } })
  })

  it('of: first, a number, any, every; count', () => {
    holds(failed, { operation: { of: 'first', phase: 'Succeeded' } })
    holds(failed, { operation: { of: 2, phase: 'Failed' } })
    holds(failed, { operation: { of: 'any', phase: 'Failed' } })
    holds(failed, { operation: { count: 2 } })
    expect(failures(failed, { operation: { of: 'every', phase: 'Succeeded' } })).toEqual([expect.stringContaining(
      'every operation is Succeeded: operation #2: it is Failed')])
    expect(failures(failed, { operation: { of: 3, phase: 'Failed' } })).toEqual([expect.stringContaining('the task ran only 2 operations')])
    expect(failures(ok, { operation: { count: 2 } })).toEqual(['check[0] the task ran 2 operations: the task ran 1 operation'])
  })

  it('only operations of the task count', async () => {
    const none = await scenario([{ wait: 1000 }])
    expect(failures(none, { operation: { phase: 'Succeeded' } })).toEqual([expect.stringContaining('no operation ran in this task')])
  })
})

describe('check: result', () => {
  it('finds a row by kind, name and phase; checks its fields', () => {
    holds(ok, { result: { kind: 'Job', name: 'after', syncPhase: 'PostSync', hookType: 'PostSync', hookPhase: 'Succeeded', status: 'Synced' } })
    holds(ok, { result: { kind: 'Deployment', namePrefix: 'pre-post', messageContains: 'created' } })
    expect(failures(failed, { result: { kind: 'Job', name: 'after', hookPhase: 'Succeeded' } })).toEqual([
      'check[0] the last operation has a result Job/after with hookPhase Succeeded: PostSync Job/after has hookPhase Failed ' +
      '("Job has reached the specified backoff limit")'])
  })

  it('absent: no such row; a missing row lists the rows there are', () => {
    holds(ok, { result: { kind: 'Job', name: 'after', syncPhase: 'PreSync', absent: true } })
    expect(failures(ok, { result: { kind: 'Job', name: 'after', absent: true } })).toEqual([expect.stringContaining('it has PostSync Job/after')])
    expect(failures(ok, { result: { kind: 'Job', name: 'nope' } })).toEqual([expect.stringContaining(
      'no such result; it has PreSync Job/before, Sync Service/pre-post-sync-hook')])
  })
})

describe('check: events', () => {
  it('event: at least once, count, atLeast', () => {
    holds(ok, { event: { type: 'delete', kind: 'Job', name: 'after', reason: 'HookSucceeded' } })
    holds(failed, { event: { type: 'apply', kind: 'Job', name: 'after', count: 2 } })
    holds(failed, { event: { type: 'hook', kind: 'Job', name: 'before', hookPhase: 'Succeeded', atLeast: 2 } })
    expect(failures(failed, { event: { type: 'delete', kind: 'Job', name: 'after', reason: 'HookSucceeded', count: 2 } }))
      .toEqual(['check[0] event exactly 2× delete Job/after reason=HookSucceeded: it happened 1× (saw: delete Job/after reason=HookSucceeded)'])
  })

  it('a dry-run sync applies nothing', () => {
    holds(dryRun, { operation: { phase: 'Succeeded' } })
    holds(dryRun, { 'no-event': { type: 'apply' } })
    holds(dryRun, { absent: { kind: 'Deployment', name: 'pre-post-sync-hook' } })
    holds(ok, { event: { type: 'apply', kind: 'Job', name: 'after', count: 1 } })
  })

  it('event: a miss shows what happened instead', () => {
    expect(failures(ok, { event: { type: 'delete', kind: 'Job', name: 'after', reason: 'HookFailed' } })).toEqual([
      'check[0] event delete Job/after reason=HookFailed: it did not happen (saw: delete Job/after reason=HookSucceeded)'])
  })

  it('no-event', () => {
    holds(ok, { 'no-event': { type: 'apply', syncPhase: 'SyncFail' } })
    expect(failures(ok, { 'no-event': { type: 'delete', kind: 'Job', name: 'before' } })).toEqual([
      expect.stringMatching(/^check\[0\] no event delete Job\/before: it happened at \d+(\.\d)?s$/)])
  })

  it('order', () => {
    holds(ok, { order: [{ type: 'hook', kind: 'Job', name: 'before', hookPhase: 'Succeeded' },
      { type: 'health', kind: 'Deployment', health: 'Healthy' }, { type: 'apply', syncPhase: 'PostSync', kind: 'Job', name: 'after' }] })
    expect(failures(ok, { order: [{ type: 'apply', kind: 'Job', name: 'after' }, { type: 'apply', kind: 'Job', name: 'before' }] }))
      .toEqual([expect.stringContaining('apply Job/before happened, but not after apply Job/after')])
    expect(failures(ok, { order: [{ type: 'apply', kind: 'Job', name: 'before' }, { type: 'gone', kind: 'Deployment' }] }))
      .toEqual([expect.stringContaining('gone Deployment/* did not happen')])
  })

  it('delay between two events', () => {
    const from = { type: 'apply', kind: 'Job', name: 'before' } as const
    const to = { type: 'hook', kind: 'Job', name: 'before', hookPhase: 'Succeeded' } as const
    holds(ok, { delay: { from, to, atLeast: 10_000, atMost: 60_000 } })
    expect(failures(ok, { delay: { from, to, atMost: 1000 } })).toEqual([expect.stringMatching(/: \d+(\.\d)?s passed$/)])
    expect(failures(ok, { delay: { from: to, to: from } })).toEqual([expect.stringContaining('did not happen after it')])
  })
})

describe('check: live cluster', () => {
  it('exists, with a count; absent', () => {
    holds(ok, { exists: { kind: 'Deployment', name: 'pre-post-sync-hook' } })
    holds(ok, { exists: { kind: 'Pod', namePrefix: 'pre-post-sync-hook-', count: 1 } })
    holds(ok, { absent: { kind: 'Job', name: 'after' } })
    expect(failures(failed, { absent: { kind: 'Job', name: 'after' } })).toEqual(['check[0] Job/after does not exist: it still exists (after)'])
    expect(failures(ok, { exists: { kind: 'Job', name: 'after' } })).toEqual(['check[0] Job/after exists: no such Job'])
    expect(failures(ok, { exists: { kind: 'Service', namePrefix: 'pre', count: 2 } })).toEqual([
      'check[0] exactly 2 Service/pre* exist: there is 1 (pre-post-sync-hook)'])
  })

  it('job: Complete, Failed with a reason', () => {
    holds(failed, { job: { name: 'after', status: 'Failed', reason: 'BackoffLimitExceeded' } })
    holds(failed, { job: { name: 'before', status: 'Complete' } })
    expect(failures(failed, { job: { name: 'after', status: 'Complete' } })).toEqual([
      'check[0] Job/after is Complete: after is Failed (BackoffLimitExceeded)'])
    expect(failures(ok, { job: { name: 'after', status: 'Complete' } })).toEqual(['check[0] Job/after is Complete: no such Job'])
  })

  it('log: kept after the Pod is gone; contains / notContains', () => {
    holds(failed, { log: { job: 'after', contains: 'curl: command not found' } })
    holds(failed, { log: { jobPrefix: 'aft', notContains: '<html' } })
    expect(failures(failed, { log: { job: 'after', contains: '<html' } })).toEqual([expect.stringContaining(
      'log of Job after contains "<html": no Pod logged it (after-')])
    expect(failures(ok, { log: { job: 'nothing', contains: 'x' } })).toEqual([expect.stringContaining('no such Pod ran in this task')])
    // The `after` Job and its Pod were deleted (HookSucceeded), the log was kept.
    expect(failures(ok, { log: { job: 'after', notContains: 'x' } })).toEqual([])
  })

  it('log: a Pod by name', () => {
    const pod = ok.logs.all().find(p => p.pod.startsWith('pre-post-sync-hook-'))!
    holds(ok, { log: { pod: pod.pod, contains: 'Listening on :5000' } })
  })
})

describe('check: app', () => {
  it('sync status, health, history', () => {
    holds(ok, { app: { sync: 'Synced', health: 'Healthy', history: 1, deleted: false } })
    expect(failures(failed, { app: { history: 2 } })).toEqual(['check[0] the app has 2 history entries: it has 1'])
  })

  it('deleted', () => {
    holds(deleted, { app: { deleted: true } })
    holds(deleted, { event: { type: 'app', status: 'Deleted' } })
    holds(deleted, { event: { type: 'delete', kind: 'Deployment', reason: 'AppDeleted' } })
    expect(failures(ok, { app: { deleted: true } })).toEqual(['check[0] the app was deleted: it still exists'])
  })
})

it('evaluate reports every failed expectation with its index', () => {
  const outcome = evaluate([{ operation: { phase: 'Succeeded' } }, { absent: { kind: 'Job', name: 'after' } },
    { app: { health: 'Healthy' } }], failed)
  expect(outcome.ok).toBe(false)
  expect(outcome.failures.map(f => f.index)).toEqual([0, 1])
})

describe('check: command (what the learner typed in the terminal)', () => {
  it('matches a command typed in the task, before an event when asked', async () => {
    const watched = await scenario([{ command: 'kubectl get pod --namespace learner --watch' }, { sync: {} }])
    const watch = { matches: 'get (po|pods?)\\b.*(-w|--watch)' }
    holds(watched, { command: watch })
    holds(watched, { command: { ...watch, before: { type: 'operation', phase: 'Succeeded' } } })
    expect(failures(ok, { command: watch })).toEqual([
      'check[0] a command matching /get (po|pods?)\\b.*(-w|--watch)/ was run: no such command was typed'])
    const late = await scenario([{ sync: {} }, { wait: 1000 }, { command: 'kubectl get pods -w' }])
    expect(failures(late, { command: { ...watch, before: { type: 'operation', phase: 'Succeeded' } } })[0])
      .toMatch(/it was typed only after operation phase=Succeeded \(at [\d.]+ s\)$/)
  })
})
