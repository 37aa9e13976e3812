// Instructor mode and "To the end": the run stops at each marked moment, at the moment's own time, and after the
// last one the clock stays stopped until Continue, which runs on to the operation's end plus the settle time.
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { loadLabDir } from '../../../src/labs/load.ts'
import { InstructorMode } from '../../../src/ui/instructor/instructor-mode.ts'
import { Session } from '../../../src/ui/session/session.ts'

const lab = loadLabDir('labs/01-resource-hooks').lab!

describe('instructor mode with To the end', () => {
  it('stops at every moment (R18: PostSync after the Deployment is healthy; R34: HookSucceeded), then at end + settle', async () => {
    const s = new Session({ seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace,
      labFiles: readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook']), storageKey: 'lab',
      settleMs: lab.settleMs })
    await s.whenReady()
    const mode = new InstructorMode(s, lab.moments)
    const detach = mode.attach()
    mode.setOn(true)
    s.pause()
    s.sync()
    s.pause()
    // Continue starts "To the end" again: keep its promise to wait for it.
    const runs: Promise<void>[] = []
    const toEnd = s.toEnd.bind(s)
    s.toEnd = (limit?: number) => {
      const run = toEnd(limit)
      runs.push(run)
      return run
    }
    const stops: string[] = []
    await s.toEnd()
    for (let i = 0; i < 10 && mode.hit; i++) {
      expect(s.playing).toBe(false)
      expect(s.view).toBeUndefined() // stopped on the live run, at the moment's own time
      stops.push(`${mode.hit.moment.id}@${s.live.now}`)
      const before = s.live.now
      // The clock stays where the moment stopped it until Continue.
      await new Promise(r => setTimeout(r, 5))
      expect(s.live.now).toBe(before)
      const count = runs.length
      mode.continue()
      expect(runs.length).toBe(count + 1)
      await runs.at(-1)
    }
    expect(stops).toEqual(['presync-hook-starts@0', 'sync-phase-starts@21500', 'postsync-hook-starts@26500',
      'hooks-deleted@43800'])
    expect(mode.hit).toBeUndefined()
    expect(s.live.now).toBe(43_800 + lab.settleMs)
    detach()
  })
})
