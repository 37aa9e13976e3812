// What a task still misses, in words a learner understands (the lab panel's "Not passed yet"), for every kind of
// expectation; the check's own terms (check[0], Job/after, hookPhase=…) stay with the lab author's output.
import { describe, expect, it } from 'vitest'
import { NO_APP } from '../../src/labs/check.ts'
import { loadLabDir } from '../../src/labs/load.ts'
import type { Expectation } from '../../src/labs/types.ts'
import { plainExpectation, plainNow } from '../../src/labs/words.ts'

const CASES: Array<[Expectation, string]> = [
  [{ operation: { phase: 'Succeeded' } }, 'The last sync succeeds.'],
  [{ operation: { of: 2, phase: 'Failed', messageContains: 'field is immutable' } },
    'Sync number 2 of this task fails with the message "field is immutable".'],
  [{ operation: { count: 2 } }, 'This task runs 2 syncs.'],
  [{ result: { kind: 'Job', name: 'after', syncPhase: 'PostSync', hookPhase: 'Succeeded' } },
    'The result of the last sync lists PostSync Job after as Succeeded.'],
  [{ result: { kind: 'ConfigMap', name: 'settings', absent: true } }, 'The last sync does not apply ConfigMap settings at all.'],
  [{ event: { type: 'delete', kind: 'Job', name: 'after', reason: 'HookSucceeded' } },
    'Job after is deleted once it has succeeded (delete policy HookSucceeded).'],
  [{ event: { type: 'apply', syncPhase: 'PreSync', kind: 'Job', namePrefix: 'schema-migrate-', count: 2 } },
    'The PreSync phase applies a Job named schema-migrate-… (exactly 2 times).'],
  [{ 'no-event': { type: 'apply', kind: 'ConfigMap' } }, 'This must not happen: the sync applies a ConfigMap.'],
  [{ order: [{ type: 'phase', syncPhase: 'PostSync' }, { type: 'hook', kind: 'Job', name: 'after', hookPhase: 'Succeeded' }] },
    'In this order: 1. the PostSync phase starts; 2. the hook Job after ends Succeeded.'],
  [{ delay: { from: { type: 'phase', syncPhase: 'Sync', wave: 0 }, to: { type: 'phase', syncPhase: 'Sync', wave: 1 }, atLeast: 2000 } },
    'At least 2 s pass between "the Sync phase (wave 0) starts" and "the Sync phase (wave 1) starts".'],
  [{ exists: { kind: 'Job', name: 'after' } }, 'Job after exists in the namespace.'],
  [{ exists: { kind: 'Pod', namePrefix: 'web-', count: 3 } }, 'There are exactly 3 Pods named web-… in the namespace.'],
  [{ absent: { kind: 'Deployment', name: 'web' } }, 'Deployment web is gone from the namespace.'],
  [{ job: { name: 'after', status: 'Failed', reason: 'BackoffLimitExceeded' } }, 'Job after has failed (BackoffLimitExceeded).'],
  [{ log: { job: 'after', contains: '<html' } }, 'The log of the Pod of Job after shows "<html".'],
  [{ app: { sync: 'Synced', health: 'Healthy' } }, 'The application is Synced and Healthy.'],
  [{ app: { deleted: true } }, 'The application is deleted.'],
  [{ command: { matches: 'get\\s+pods?\\b.*--watch', before: { type: 'operation', phase: 'Succeeded' } } },
    'You type `get pods … --watch` in the terminal, before a sync succeeds.'],
]

describe('plain words for what a task expects', () => {
  it.each(CASES)('%j', (x, words) => {
    expect(plainExpectation(x)).toBe(words)
  })

  it('no check term in the words of any lab\'s expectations', () => {
    for (const id of ['01-resource-hooks', '02-delete-policies', '03-named-hooks', '04-sync-waves', '05-hook-failure',
      '06-helm-hooks', '07-selective-sync', '08-playground', '09-waves-with-database', '10-probes-gate-waves']) {
      const lab = loadLabDir(`labs/${id}`).lab!
      for (const task of lab.tasks) {
        for (const x of [...task.check, ...task.pitfalls.flatMap(p => p.check)]) {
          const words = plainExpectation(x)
          expect(words, `${id}: ${JSON.stringify(x)}`).not.toMatch(/check\[|\b[A-Z][A-Za-z]+\/[a-z*]|=|undefined/)
          expect(words).toMatch(/^[A-Z].*\.$/)
        }
      }
    }
  })

  it('what the learner has now, where the check can say it plainly', () => {
    expect(plainNow({ why: NO_APP }, { operation: { phase: 'Succeeded' } })).toBe('There is no application yet: create it first.')
    expect(plainNow({ why: 'no operation ran in this task' }, { operation: { phase: 'Succeeded' } })).toBe('No sync has run in this task yet.')
    expect(plainNow({ why: 'it is Failed ("one or more synchronization tasks completed unsuccessfully")' },
      { operation: { phase: 'Succeeded' } })).toBe('Now the sync failed: one or more synchronization tasks completed unsuccessfully.')
    expect(plainNow({ why: 'it is OutOfSync' }, { app: { sync: 'Synced' } })).toBe('Now the application is OutOfSync.')
    expect(plainNow({ why: 'it still exists (being deleted) (after)' }, { absent: { kind: 'Job', name: 'after' } }))
      .toBe('It still exists (being deleted) (after).')
    const order: Expectation = { order: [{ type: 'apply', syncPhase: 'PreSync', kind: 'Job', name: 'before' },
      { type: 'hook', kind: 'Job', name: 'after', hookPhase: 'Succeeded' }] }
    expect(plainNow({ why: 'hook Job/after hookPhase=Succeeded did not happen (saw: hook Job/after hookPhase=Failed)' }, order))
      .toBe('Step 2 has not happened: the hook Job after ends Succeeded.')
    expect(plainNow({ why: 'hook Job/after hookPhase=Succeeded happened, but not after apply PreSync Job/before' }, order))
      .toBe('Step 2 happened, but not after step 1.')
    expect(plainNow({ why: 'it did not happen (saw: delete Job/after reason=HookFailed)' }, { event: { type: 'delete' } }))
      .toBe('It has not happened yet.')
    expect(plainNow({ why: 'it happened 3×' }, { event: { type: 'delete', count: 1 } })).toBe('It happened 3 times.')
    expect(plainNow({ why: 'something else' }, { exists: { kind: 'Job', name: 'x' } })).toBeUndefined()
  })
})
