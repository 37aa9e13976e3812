import { describe, expect, it } from 'vitest'
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
})
