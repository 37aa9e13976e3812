import { describe, expect, it, vi } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { Session } from '../../../src/ui/session/session.ts'

const labFiles = () => readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook'])

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

async function newSession(storage?: ReturnType<typeof memoryStorage>) {
  const s = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', labFiles: labFiles(),
    storageKey: 'lab', storage })
  await s.whenReady()
  return s
}

describe('page session', () => {
  it('starts with the lab as the first revision; the app is OutOfSync and Missing', async () => {
    const s = await newSession()
    expect(s.revisions.map(r => r.message)).toEqual(['Initial commit'])
    expect(s.dirty).toBe(false)
    expect(s.live.app!.status()).toMatchObject({ sync: 'OutOfSync', health: 'Missing' })
  })

  it('sync plays the seed lab to Succeeded; playing advances virtual time by wall time × speed', async () => {
    const s = await newSession()
    s.sync()
    expect(s.playing).toBe(true)
    await s.tick(100)
    expect(s.live.now).toBe(100)
    s.play(20)
    await s.tick(100)
    expect(s.live.now).toBe(2100)
    await s.toEnd()
    expect(s.live.app!.currentOperation!.result().phase).toBe('Succeeded')
    expect(s.live.app!.status()).toMatchObject({ sync: 'Synced', health: 'Healthy' })
  })

  it('an edit that cannot be read keeps the text and makes no revision', async () => {
    const s = await newSession()
    s.edit(s.files.find(f => f.path.endsWith('svc.yaml'))!.path, 'apiVersion: v1\nkind: Service\nmetadata: [oops\n')
    expect(s.commit()).toBeUndefined()
    expect(s.revisions).toHaveLength(1)
    expect(s.files.find(f => f.path.endsWith('svc.yaml'))?.text).toContain('[oops')
    expect(s.diagnostics.some(d => d.severity === 'error' && d.file.endsWith('svc.yaml'))).toBe(true)
  })

  it('time travel: the run rebuilt at an earlier moment shows what the live run showed then', async () => {
    const s = await newSession()
    s.sync()
    await s.toEnd()
    const t = 20_000
    const eventsUntil = s.live.app!.events.filter(e => e.t <= t)
    await s.seek(t)
    expect(s.shown).not.toBe(s.live)
    expect(s.shown.now).toBe(t)
    expect(JSON.stringify(s.shown.app!.events.filter(e => e.t <= t))).toBe(JSON.stringify(eventsUntil))
    s.play(1)
    expect(s.shown).toBe(s.live)
  })

  it('"what if" the PostSync Job fails: the sync fails and the hook stays (R34), without a YAML change', async () => {
    const s = await newSession()
    s.setWhatIf('Job/after', 'fail')
    s.sync()
    await s.toEnd()
    const result = s.live.app!.currentOperation!.result()
    expect(result.phase).toBe('Failed')
    expect(s.live.sim.fake.get({ kind: 'Job', namespace: 'learner', name: 'after' })).toBeDefined()
    expect(s.dirty).toBe(false)
  })

  it('a reload finds the edits, the revisions and the run where they were', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    const svc = s.files.find(f => f.path.endsWith('svc.yaml'))!
    s.edit(svc.path, svc.text.replace('5000', '5001'))
    s.commit('Change the port')
    s.sync()
    await s.toEnd()
    const again = await newSession(storage)
    expect(again.revisions.map(r => r.message)).toEqual(['Initial commit', 'Change the port'])
    expect(again.live.now).toBe(s.live.now)
    expect(again.live.app!.currentOperation?.result().phase).toBe('Succeeded')
    await again.reset()
    expect(again.revisions).toHaveLength(1)
    expect(again.files.find(f => f.path.endsWith('svc.yaml'))!.text).toContain('5000')
  })

  it('while time merely passes only the time is saved, in a few bytes; a reload finds the run where it got to', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    s.sync()
    const whole = storage.data.get('lab')!
    vi.useFakeTimers()
    try {
      s.play(20)
      await s.tick(250)
      vi.advanceTimersByTime(1000) // the once-a-second save of a playing run
      await s.tick(250)
      vi.advanceTimersByTime(1000)
    } finally {
      vi.useRealTimers()
    }
    s.pause()
    // pause() is the learner's: saved whole, and the time key gone; before it, only the time was written.
    expect(storage.data.get('lab')).not.toBe(whole)
    expect(storage.data.has('lab:now')).toBe(false)
    const paused = s.live.now
    expect(paused).toBe(10_000)
    // Time passing after the last whole save: the time alone is written, and read back over the saved `now`.
    vi.useFakeTimers()
    try {
      s.play(20)
      await s.tick(100)
      await s.tick(100)
      vi.advanceTimersByTime(1000)
    } finally {
      vi.useRealTimers()
    }
    expect(storage.data.get('lab:now')).toBe(String(s.live.now))
    expect(JSON.parse(storage.data.get('lab')!).now).toBe(paused)
    // A damaged time is ignored: the whole session's own time is used.
    const damaged = memoryStorage()
    for (const [k, v] of storage.data) damaged.setItem(k, v)
    damaged.setItem('lab:now', 'soon')
    expect((await newSession(damaged)).live.now).toBe(paused)
    const again = await newSession(storage)
    expect(again.live.now).toBe(s.live.now)
  })
})
