import { describe, expect, it } from 'vitest'
import { loadLabDir } from '../../../src/labs/load.ts'
import { LabSession } from '../../../src/labs/run.ts'
import type { Lab } from '../../../src/labs/types.ts'
import { MomentWatcher, firstEventAt } from '../../../src/ui/instructor/moments.ts'
import { MINIMAL, labOf, problems } from '../../labs/helpers.ts'

const F = 'labs/99-test/lab.yaml'

function lab01(): Lab {
  const { lab, diagnostics } = loadLabDir('labs/01-resource-hooks')
  expect(diagnostics).toEqual([])
  return lab!
}

describe('lab moments (lab.yaml)', () => {
  it('lab 01 marks its moments; a lab without moments has none', () => {
    expect(lab01().moments.map(m => m.id)).toEqual(['presync-hook-starts', 'sync-phase-starts', 'postsync-hook-starts', 'hooks-deleted'])
    expect(lab01().moments[2]).toEqual({ id: 'postsync-hook-starts', when: { type: 'phase', syncPhase: 'PostSync' },
      say: 'The Deployment is healthy, so the PostSync phase starts and creates the Job after.' })
    expect(labOf(MINIMAL).moments).toEqual([])
  })

  const withMoments = (yaml: string) => MINIMAL.replace('tasks:\n', `moments:\n${yaml}tasks:\n`)

  it('a valid moment is read as written', () => {
    const lab = labOf(withMoments('  - id: hook\n    say: The hook ends.\n    when: { type: hook, kind: Job, name: after, hookPhase: Succeeded }\n'))
    expect(lab.moments).toEqual([{ id: 'hook', say: 'The hook ends.', when: { type: 'hook', kind: 'Job', name: 'after', hookPhase: 'Succeeded' } }])
  })

  it('invalid moments are reported at file:line:col', () => {
    // moments start at line 9: "moments:", the first item's "- id" at 10:5.
    expect(problems(withMoments('  - id: a\n    say: Hi.\n'))).toEqual([`${F}:10:5: error: moments.0: missing required field "when"`])
    expect(problems(withMoments('  - id: a\n    say: Hi.\n    when: { type: hook }\n    text: x\n'))).toEqual([
      `${F}:13:5: error: moments.0: unknown field "text" (expected one of: id, say, when)`])
    expect(problems(withMoments('  - id: a\n    say: Hi.\n    when: { type: hooks }\n'))).toEqual([
      expect.stringMatching(new RegExp(`^${F}:12:19: error: moments\\.0\\.when\\.type: must be one of "apply", "delete", "hook"`))])
    expect(problems(withMoments('  - id: a\n    say: Hi.\n    when: { type: hook, hookPhase: Started }\n'))).toEqual([
      expect.stringMatching(new RegExp(`^${F}:12:36: error: moments\\.0\\.when\\.hookPhase: must be one of "Running"`))])
    expect(problems(withMoments(`  - id: a\n    say: ${'x'.repeat(301)}\n    when: { type: hook }\n`))).toEqual([
      `${F}:11:10: error: moments.0.say: must NOT have more than 300 characters`])
    expect(problems(withMoments('  - id: Bad Id\n    say: Hi.\n    when: { type: hook }\n'))).toEqual([
      `${F}:10:9: error: moments.0.id: "Bad Id" is not valid (a moment id is lowercase letters, digits and dashes, unique in the lab)`])
    expect(problems(MINIMAL.replace('tasks:\n', 'moments: { id: a }\ntasks:\n'))).toEqual([`${F}:9:10: error: moments: must be an array`])
    // Rules the schema cannot say.
    expect(problems(withMoments('  - { id: a, say: Hi., when: { type: hook } }\n  - { id: a, say: Again., when: { type: phase } }\n')))
      .toEqual([`${F}:11:11: error: moments.1.id: duplicate moment id "a"`])
    expect(problems(withMoments('  - { id: a, say: Hi., when: { type: hook, name: x, namePrefix: y } }\n'))).toEqual([
      `${F}:10:30: error: moments.0.when: give name or namePrefix, not both`])
  })
})

describe('moment matching on a real run of lab 01', () => {
  it('each moment fires once, at its event; the PostSync moment at the start of the PostSync phase', async () => {
    const lab = lab01()
    const session = await LabSession.start(lab)
    await session.step({ 'create-app': {} }, () => undefined) // the lab starts without its application, as the seed
    const watcher = new MomentWatcher(lab.moments)
    expect(watcher.next(session.app!.events)).toBeUndefined() // nothing happened yet
    await session.step({ sync: {} }, () => undefined)
    await session.sim.advance(60_000)
    const events = session.app!.events
    const hits = watcher.all(events)
    expect(hits.map(h => [h.moment.id, h.event.t])).toEqual([
      ['presync-hook-starts', 0], ['sync-phase-starts', 21_500], ['postsync-hook-starts', 26_500], ['hooks-deleted', 43_800]])
    const post = hits[2]!
    expect(events[post.index]).toBe(post.event)
    expect(post.event).toMatchObject({ type: 'phase', syncPhase: 'PostSync' })
    // It is the event right before the PostSync hook is applied, and nothing PostSync happened before it.
    const applyAfter = events.findIndex(e => e.type === 'apply' && e.name === 'after')
    expect(events[applyAfter]!.t).toBe(post.event.t)
    expect(post.index).toBeLessThan(applyAfter)
    expect(events.slice(0, post.index).some(e => 'syncPhase' in e && e.syncPhase === 'PostSync')).toBe(false)
    // Once past, the watcher does not fire again on the same events.
    expect(watcher.next(events)).toBeUndefined()
    // The engine records hook events when a hook ends: a "hook Running" moment would never fire.
    expect(new MomentWatcher([{ id: 'x', say: 'x', when: { type: 'hook', kind: 'Job', name: 'after', hookPhase: 'Running' } }])
      .all(events)).toEqual([])
    // A second sync reaches PostSync again: a new event, a new hit.
    await session.step({ sync: {} }, () => undefined)
    expect(watcher.all(session.app!.events).map(h => h.moment.id)).toEqual(
      ['presync-hook-starts', 'sync-phase-starts', 'postsync-hook-starts', 'hooks-deleted'])
    expect(firstEventAt(events, 26_500)).toBeLessThanOrEqual(post.index)
    expect(events[firstEventAt(events, 26_500)]!.t).toBe(26_500)
    expect(firstEventAt(events, 1e9)).toBe(events.length)
    session.dispose()
  })
})
