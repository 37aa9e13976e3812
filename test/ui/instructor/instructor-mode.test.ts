import { describe, expect, it, vi } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { loadLabDir } from '../../../src/labs/load.ts'
import type { Lab } from '../../../src/labs/types.ts'
import { INSTRUCTOR_CLASS, INSTRUCTOR_STORAGE_KEY, InstructorMode } from '../../../src/ui/instructor/instructor-mode.ts'
import { Session } from '../../../src/ui/session/session.ts'

const lab: Lab = loadLabDir('labs/01-resource-hooks').lab!
const labFiles = () => readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook'])
const options = () => ({ seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, labFiles: labFiles(), storageKey: 'lab' })

function fakeRoot() {
  const classes = new Set<string>()
  return { classes, classList: { toggle: (c: string, force?: boolean) => (force ?? !classes.has(c)) ? (classes.add(c), true) : (classes.delete(c), false) } }
}

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), data }
}

/** Plays (ticks of 250 ms wall time) until `done`, as the page's animation loop would. */
async function playUntil(s: Session, done: () => boolean, limit = 2000): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (done()) return
    await s.tick(250)
    await new Promise(r => setTimeout(r, 0))
  }
  throw new Error('never happened')
}

const shownAt = async (s: Session, t: number) => vi.waitFor(() => expect(s.shown.now).toBe(t))

describe('instructor mode', () => {
  it('larger type, and each moment stops the clock once, at its own time; Continue plays on at the same speed', async () => {
    const s = new Session(options())
    await s.whenReady()
    const root = fakeRoot()
    const storage = memoryStorage()
    const mode = new InstructorMode(s, lab.moments, { root, storage })
    const detach = mode.attach()
    expect(mode.on).toBe(false)
    mode.toggle()
    expect(root.classes.has(INSTRUCTOR_CLASS)).toBe(true)
    expect(storage.data.get(INSTRUCTOR_STORAGE_KEY)).toBe('on')

    const seen: string[] = []
    mode.subscribe(() => { if (mode.hit && seen.at(-1) !== `${mode.hit.moment.id}@${mode.hit.event.t}`) seen.push(`${mode.hit.moment.id}@${mode.hit.event.t}`) })

    s.play(20)
    s.pause()
    s.sync()
    await playUntil(s, () => mode.hit !== undefined)
    expect(mode.hit?.moment.id).toBe('presync-hook-starts')
    expect(s.playing).toBe(false)
    // A run rebuilt at t = 0 has not started the sync yet: the moment is shown 1 ms later, with its event.
    await shownAt(s, 1)
    expect(s.shown.app!.events[mode.hit!.index]).toEqual(mode.hit!.event)

    mode.continue()
    expect(s.playing).toBe(true)
    expect(s.speed).toBe(20)
    await playUntil(s, () => mode.hit !== undefined)
    expect(mode.hit?.moment.id).toBe('sync-phase-starts')
    expect(s.playing).toBe(false)
    await shownAt(s, 21_500) // the live run went further within the frame; the page shows the moment itself

    mode.continue() // plays on from the moment shown: the past run catches up with the live one, then the live run plays
    await playUntil(s, () => mode.hit !== undefined)
    expect(mode.hit).toMatchObject({ moment: { id: 'postsync-hook-starts' }, event: { type: 'phase', syncPhase: 'PostSync', t: 26_500 } })
    await shownAt(s, 26_500)
    expect(s.shown.app!.events.some(e => e.type === 'apply' && e.name === 'after')).toBe(true) // the hook, applied at that instant
    expect(s.shown.app!.events.some(e => e.type === 'hook' && e.name === 'after')).toBe(false) // and not yet done

    mode.continue()
    await playUntil(s, () => mode.hit !== undefined)
    expect(mode.hit?.moment.id).toBe('hooks-deleted')
    // Playing on without Continue takes the banner away.
    s.play()
    expect(mode.hit).toBeUndefined()
    await playUntil(s, () => s.live.now > 90_000)
    expect(mode.hit).toBeUndefined()
    expect(seen).toEqual(['presync-hook-starts@0', 'sync-phase-starts@21500', 'postsync-hook-starts@26500', 'hooks-deleted@43800'])
    expect(mode.fired.map(h => h.moment.id)).toEqual(['presync-hook-starts', 'sync-phase-starts', 'postsync-hook-starts', 'hooks-deleted'])
    expect(mode.replayPoints().map(p => p.t)).toEqual([0, 20_500, 25_500, 42_800])
    expect(mode.lastSyncStart()).toBe(0)

    // Replay from a second before the PostSync moment: the session plays the past run forward.
    s.pause()
    const replayer = new InstructorMode(s, lab.moments)
    mode.setOn(false)
    expect(root.classes.has(INSTRUCTOR_CLASS)).toBe(false)
    const detach2 = replayer.attach()
    replayer.setOn(true)
    await replayer.replayFrom(25_500)
    expect(replayer.replaying).toBe(true)
    expect(s.shown.now).toBe(25_500)
    const frames = async () => {
      for (let i = 0; i < 2000 && !replayer.hit && replayer.replaying; i++) await s.tick(100)
    }
    await frames()
    expect(replayer.hit).toMatchObject({ moment: { id: 'postsync-hook-starts' }, event: { t: 26_500 } })
    await shownAt(s, 26_500)
    replayer.continue()
    await frames()
    expect(replayer.hit?.moment.id).toBe('hooks-deleted')
    await shownAt(s, 43_800)
    replayer.continue()
    await frames()
    // Caught up with the live run: it plays on.
    expect(replayer.replaying).toBe(false)
    expect(s.view).toBeUndefined()
    expect(s.playing).toBe(true)
    expect(replayer.fired.map(h => h.moment.id)).toEqual(['postsync-hook-starts', 'hooks-deleted'])

    // Stopping a replay leaves the past moment shown, paused.
    await replayer.replayFrom(10_000)
    replayer.stopReplay()
    expect(replayer.replaying).toBe(false)
    expect(s.shown.now).toBe(10_000)
    expect(s.playing).toBe(false)

    detach()
    detach2()
  })

  it('off, it never stops the clock; it comes back on from storage', async () => {
    const s = new Session(options())
    await s.whenReady()
    const storage = memoryStorage()
    const mode = new InstructorMode(s, lab.moments, { storage })
    const detach = mode.attach()
    s.play(20)
    s.sync()
    await playUntil(s, () => s.live.app!.operations.at(-1)?.result().phase === 'Succeeded')
    expect(mode.hit).toBeUndefined()
    expect(mode.fired).toEqual([])
    detach()
    storage.setItem(INSTRUCTOR_STORAGE_KEY, 'on')
    const again = new InstructorMode(s, lab.moments, { storage, root: fakeRoot() })
    const detach2 = again.attach()
    expect(again.on).toBe(true)
    // Events that happened before the mode was on do not count.
    s.play()
    await s.tick(250)
    expect(again.hit).toBeUndefined()
    detach2()
  })

  it('with the proposed Session.replay, the session plays the past forward and the moments stop it again', async () => {
    const s = new Session(options())
    await s.whenReady()
    const mode = new InstructorMode(s, lab.moments)
    const detach = mode.attach()
    s.play(20)
    s.sync()
    await s.toEnd()
    mode.setOn(true)
    expect(mode.hit).toBeUndefined()
    await mode.replayFrom(20_000)
    expect(s.playing).toBe(true)
    await playUntil(s, () => mode.hit !== undefined)
    expect(mode.hit).toMatchObject({ moment: { id: 'sync-phase-starts' }, event: { t: 21_500 } })
    expect(s.playing).toBe(false)
    await shownAt(s, 21_500)
    const hits: string[] = []
    for (;;) {
      mode.continue()
      expect(s.playing).toBe(true)
      await playUntil(s, () => mode.hit !== undefined || !mode.replaying)
      if (!mode.hit) break
      hits.push(mode.hit.moment.id)
    }
    expect(hits).toEqual(['postsync-hook-starts', 'hooks-deleted'])
    expect(s.view).toBeUndefined()
    expect(s.playing).toBe(true)
    detach()
  })
})
