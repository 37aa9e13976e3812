// A frame of a playing run spends at most its budget on the simulation (Run.advanceTo's deadline): where a moment
// holds more work, virtual time runs slower than the speed chosen, and the run itself is the same.
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { Session } from '../../../src/ui/session/session.ts'

async function newSession(): Promise<Session> {
  const s = new Session({ seed: 'budget', appName: 'argo-hook', namespace: 'learner', storageKey: 'lab',
    labFiles: readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook']) })
  await s.whenReady()
  return s
}

/** Plays a sync at 20× in ticks of 250 ms of wall time with the given budget, to the operation's end. */
async function play(budgetMs?: number): Promise<{ session: Session; ticks: number; nows: number[] }> {
  const session = await newSession()
  session.sync()
  session.play(20)
  const nows: number[] = []
  let ticks = 0
  // The sync is performed by the first tick: until then there is no operation.
  const ended = () => session.live.app!.currentOperation !== undefined && !session.live.app!.operationRunning
  while (!ended() && ticks < 10_000) {
    await session.tick(250, budgetMs)
    nows.push(session.live.now)
    ticks++
  }
  return { session, ticks, nows }
}

/** The application's events up to `until` (a free run's last tick may take it further than a starved one). */
const eventsOf = (s: Session, until: number) => s.live.app!.events.filter(e => e.t <= until).map(e => JSON.stringify(e))

describe('the simulation budget of a frame', () => {
  it('with no budget to speak of, a tick takes one step: time lags, and the run is the same as one played freely', async () => {
    const free = await play()
    const starved = await play(0)
    expect(starved.ticks).toBeGreaterThan(free.ticks)
    // The first tick of the free run reached 250 ms × 20; the starved one stopped at its first moment after the start.
    expect(free.nows[0]).toBe(5000)
    expect(starved.nows[0]).toBeLessThan(5000)
    // Time never goes back, and it moves on at every tick until the end.
    for (let i = 1; i < starved.nows.length; i++) expect(starved.nows[i]).toBeGreaterThanOrEqual(starved.nows[i - 1]!)
    expect(starved.session.live.app!.currentOperation!.result().phase).toBe('Succeeded')
    // Its last tick may have stopped part-way through a moment: played on to where the free run is, both hold the
    // same events.
    while (starved.session.live.now < free.session.live.now) await starved.session.tick(250, 0)
    const until = free.session.live.now
    expect(eventsOf(starved.session, until)).toEqual(eventsOf(free.session, until))
    expect(eventsOf(starved.session, until).length).toBeGreaterThan(20)
  })

  it('a generous budget plays as if there were none', async () => {
    const free = await play()
    const roomy = await play(60_000)
    expect(roomy.nows).toEqual(free.nows)
    expect(eventsOf(roomy.session, Infinity)).toEqual(eventsOf(free.session, Infinity))
  })
})
