// Time travel both ways: the cursor's moment is the state the live run had there, whichever way it came from, and
// "To the end" stops where the operation ended plus the lab's settle time.
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { loadLabDir } from '../../../src/labs/load.ts'
import { DEFAULT_SETTLE_MS } from '../../../src/labs/settle.ts'
import type { SessionAction } from '../../../src/ui/session/actions.ts'
import { readSource, type SourceRevision } from '../../../src/ui/session/revisions.ts'
import { Run } from '../../../src/ui/session/run.ts'
import { Session } from '../../../src/ui/session/session.ts'
import { TimeTravel } from '../../../src/ui/session/time-travel.ts'

const lab = loadLabDir('labs/01-resource-hooks').lab!
const options = (extra: { settleMs?: number } = {}) => ({ seed: lab.seed, appName: lab.app.name,
  namespace: lab.app.namespace, labFiles: readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook']),
  storageKey: 'lab', ...extra })

async function newSession(extra: { settleMs?: number } = {}): Promise<Session> {
  const s = new Session(options(extra))
  await s.whenReady()
  return s
}

/** Everything the page shows of a run at its time: events, Pods (rows and logs), objects, the app's status. */
function snapshot(run: Run): string {
  return JSON.stringify({
    now: run.now,
    events: run.app!.events,
    pods: run.podHistories(),
    logs: run.logs.all(),
    objects: run.sim.fake.store.all().map(o => [o.kind, o.metadata.name, o.metadata.resourceVersion, o.status]),
    status: run.app!.status(),
  })
}

/** The end of the seed lab's sync (R17: the PostSync hook done, HookSucceeded deletions made, R34). */
const opEnd = (run: Run) => run.app!.events.findLast(e => e.type === 'operation' && e.phase === 'Succeeded')!.t

describe('time travel', () => {
  it('seek back and forward again: each moment is the state the live run had when it played there', async () => {
    const s = await newSession()
    s.sync()
    s.play(20)
    // Play as the page does (frames of 100 ms at 20×: 2 s of virtual time each), keeping what each moment showed.
    const seen = new Map<number, string>()
    while (s.live.now < 50_000) {
      await s.tick(100)
      seen.set(s.live.now, snapshot(s.live))
    }
    s.pause()
    const end = s.live.now
    const order = [30_000, 10_000, 12_000, 40_000, 2000, 26_000, 46_000, 24_000]
    for (const t of order) {
      await s.seek(t)
      expect(s.view, `at ${t}`).toBeDefined()
      expect(s.shown.now).toBe(t)
      expect(snapshot(s.shown), `at ${t}`).toBe(seen.get(t))
    }
    // Forward to the live run's time: the live run itself again.
    await s.seek(end)
    expect(s.view).toBeUndefined()
    expect(s.shown).toBe(s.live)
    expect(snapshot(s.live)).toBe(seen.get(end))
  })

  it('forward from the moment shown plays the shown run on; back rebuilds it', async () => {
    const s = await newSession()
    s.sync()
    await s.toEnd()
    await s.seek(20_000)
    const first = s.view
    await s.seek(30_000)
    expect(s.view).toBe(first)
    await s.seek(25_000)
    expect(s.view).not.toBe(first)
    expect(s.shown.now).toBe(25_000)
  })

  it('Step right after a Sync taken while paused moves on, and lands where the played run was at that moment', async () => {
    const s = await newSession()
    s.sync()
    s.pause()
    await s.live.advanceTo(s.live.now, s.actions, s.revisions) // the sync performed; its first steps are due now
    expect(s.live.nextEventAt()).toBe(0)
    await s.step()
    expect(s.live.now).toBeGreaterThan(0)
    const stepped = snapshot(s.live)
    const t = s.live.now
    // The same moment reached by a rebuilt run: played on to the end, then back to it.
    await s.toEnd()
    await s.seek(t)
    expect(s.view).toBeDefined()
    expect(snapshot(s.shown)).toBe(stepped)
  })

  it('Step from a past moment goes to the next moment of the recorded run, and at its end back to the live run', async () => {
    const s = await newSession()
    s.sync()
    await s.toEnd()
    const postSync = s.live.app!.events.find(e => e.type === 'phase' && e.syncPhase === 'PostSync')!.t
    await s.seek(postSync - 100)
    const view = s.view
    await s.step()
    expect(s.view).toBe(view) // played on, not rebuilt
    expect(s.shown.now).toBeGreaterThan(postSync - 100)
    expect(s.shown.now).toBeLessThanOrEqual(postSync) // the PostSync phase starts at a scheduled moment: not skipped
    // The same state as the run rebuilt at that moment (a seek back from later rebuilds it).
    const stepped = snapshot(s.shown)
    const t = s.shown.now
    await s.seek(s.live.now - 1000)
    await s.seek(t)
    expect(s.view).not.toBe(view)
    expect(snapshot(s.shown)).toBe(stepped)
    for (let i = 0; i < 500 && s.view; i++) await s.step()
    expect(s.view).toBeUndefined()
    expect(s.shown).toBe(s.live)
  })

  it('a drag sends many seeks: only the last one is shown, and Play drops the ones still waiting', async () => {
    const s = await newSession()
    s.sync()
    await s.toEnd()
    const seeks = [5000, 40_000, 15_000, 35_000, 21_000].map(t => s.seek(t))
    await Promise.all(seeks)
    expect(s.shown.now).toBe(21_000)
    const late = s.seek(3000)
    s.play(1)
    await late
    expect(s.view).toBeUndefined()
  })

  it('"To the end" stops at the end of the operation plus the lab\'s settle time, and stays there', async () => {
    const s = await newSession()
    expect(s.settleMs).toBe(DEFAULT_SETTLE_MS)
    expect(lab.settleMs).toBe(DEFAULT_SETTLE_MS)
    s.sync()
    await s.toEnd()
    const end = opEnd(s.live)
    expect(end).toBe(43_800)
    expect(s.live.now).toBe(end + DEFAULT_SETTLE_MS)
    expect(s.playing).toBe(false)
    // Once there, it does not run on further.
    await s.toEnd()
    expect(s.live.now).toBe(end + DEFAULT_SETTLE_MS)
    // From a past moment, "To the end" goes back to the end.
    await s.seek(10_000)
    await s.toEnd()
    expect(s.view).toBeUndefined()
    expect(s.shown.now).toBe(end + DEFAULT_SETTLE_MS)
  })

  it('"To the end" after Delete app stops where the deletion ended plus the settle time', async () => {
    const s = await newSession({ settleMs: 10_000 })
    s.sync()
    await s.toEnd()
    s.deleteApp()
    await s.toEnd()
    const deleted = s.live.app!.events.findLast(e => e.type === 'app' && e.status === 'Deleted')!
    expect(s.live.app!.deleted).toBe(true)
    expect(s.live.now).toBe(deleted.t + 10_000)
  })

  it('"To the end" with a lab\'s own settle time; a second sync ends later and To the end follows it', async () => {
    const s = await newSession({ settleMs: 5000 })
    s.sync()
    await s.toEnd()
    expect(s.live.now).toBe(opEnd(s.live) + 5000)
    s.sync()
    await s.toEnd()
    const second = opEnd(s.live)
    expect(second).toBeGreaterThan(43_800 + 5000)
    expect(s.live.now).toBe(second + 5000)
  })
})

describe('TimeTravel on its own: a recorded run (the seed lab synced at 0), no session', () => {
  async function recorded(settleMs = 5000) {
    const files = options().labFiles
    const revision: SourceRevision = { id: 'r1', message: 'Initial commit', files, manifests: readSource(files).manifests }
    const actions: SessionAction[] = [{ type: 'commit', t: 0, revision: 'r1' },
      { type: 'sync', t: 0, app: lab.app.name, request: {} }]
    const opts = { seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, settleMs }
    const recording = { live: await Run.start(opts), actions, revisions: [revision], opts }
    /** What each change told: true when the learner did something (saved at once), false when time merely passed. */
    const told: boolean[] = []
    return { recording, told, time: new TimeTravel(recording, (saveNow = true) => { told.push(saveNow) }) }
  }

  it('plays the live run by wall time × speed; Play and Pause are the learner\'s, time passing is not', async () => {
    const { recording, told, time } = await recorded()
    time.play(20)
    await time.tick(100)
    expect(recording.live.now).toBe(2000)
    time.pause()
    await time.tick(100)
    expect(recording.live.now).toBe(2000)
    expect(told).toEqual([true, false, true])
    expect(time.shown).toBe(recording.live)
  })

  it('seek shows a rebuilt past moment; Step goes to its next moment; at the live run\'s time the live run again', async () => {
    const { recording, time } = await recorded()
    await time.toEnd()
    const end = recording.live.now
    expect(end).toBe(43_800 + 5000)
    await time.seek(10_000)
    const view = time.view!
    expect(view).not.toBe(recording.live)
    expect(time.shown).toBe(view)
    expect([view.now, recording.live.now]).toEqual([10_000, end])
    const next = view.nextEventAt()!
    await time.step()
    expect(time.view).toBe(view) // forward: the shown run plays on
    expect(view.now).toBe(Math.min(next, end))
    await time.seek(end)
    expect(time.view).toBeUndefined()
    expect(time.shown).toBe(recording.live)
  })

  it('Replay plays the past run on and, on reaching the live run\'s time, goes back to the live run', async () => {
    const { recording, time } = await recorded()
    time.play(20)
    while (recording.live.now < 10_000) await time.tick(100)
    const live = recording.live.now
    await time.seek(6000)
    expect(time.playing).toBe(false)
    time.replay(20)
    await time.tick(100)
    expect([time.view?.now, recording.live.now]).toEqual([8000, live])
    while (time.view) await time.tick(100)
    expect(time.shown).toBe(recording.live)
    expect(time.playing).toBe(true)
  })

  it('"To the end" stops where a hold holds, else at the end plus the settle time; stop() drops the past', async () => {
    const { recording, time } = await recorded(1000)
    time.holds.add(run => run.now >= 20_000)
    await time.toEnd()
    expect(recording.live.now).toBeGreaterThanOrEqual(20_000)
    expect(recording.live.now).toBeLessThan(43_800)
    time.holds.clear()
    await time.toEnd()
    expect(recording.live.now).toBe(43_800 + 1000)
    await time.seek(5000)
    time.play()
    await time.seek(3000)
    time.stop()
    expect([time.playing, time.view]).toEqual([false, undefined])
  })
})
