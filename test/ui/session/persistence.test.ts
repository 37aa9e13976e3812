// Persistence on its own (src/ui/session/persistence.ts): when the session is saved whole and when only its time,
// that nothing is written while another tab edits the lab, Reset's set-aside copy, and the history a saved session
// brings back.
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionAction } from '../../../src/ui/session/actions.ts'
import { Persistence, restoredHistory, type SavedState } from '../../../src/ui/session/persistence.ts'
import type { Run } from '../../../src/ui/session/run.ts'

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n'

/** A session's saved fields, its live run reduced to the time (all a save reads of it). */
function state(now = 0): SavedState & { live: { now: number }; stateVersion: number } {
  return { files: [{ path: 'app/cm.yaml', text: CM }], folders: [], active: 'app/cm.yaml', actions: [], commands: [],
    selected: 'app', revisions: [], live: { now } as Run, stateVersion: 1 }
}

afterEach(() => { vi.useRealTimers() })

describe('Persistence', () => {
  it('saves whole after the learner did something, then only the time until the next change', () => {
    const storage = memoryStorage()
    const s = state(1000)
    const p = new Persistence(s, { storageKey: 'lab', storage })
    p.save()
    expect(JSON.parse(storage.data.get('lab')!)).toMatchObject({ now: 1000, active: 'app/cm.yaml', selected: 'app' })
    s.live.now = 3000
    p.save()
    expect(JSON.parse(storage.data.get('lab')!).now).toBe(1000)
    expect(storage.data.get('lab:now')).toBe('3000')
    expect(p.load()?.session?.now).toBe(3000)
    s.stateVersion++
    p.save()
    expect(JSON.parse(storage.data.get('lab')!).now).toBe(3000)
    expect(storage.data.has('lab:now')).toBe(false)
  })

  it('saveSoon saves once, a second later, however often it is asked', () => {
    vi.useFakeTimers()
    const storage = memoryStorage()
    const setItem = vi.spyOn(storage, 'setItem')
    const p = new Persistence(state(), { storageKey: 'lab', storage })
    p.saveSoon()
    p.saveSoon()
    vi.advanceTimersByTime(999)
    expect(setItem).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(setItem).toHaveBeenCalledTimes(1)
  })

  it('writes nothing while another tab edits the lab, and saves whole when this one may again', () => {
    const storage = memoryStorage()
    let canSave = true
    const p = new Persistence(state(), { storageKey: 'lab', storage, canSave: () => canSave })
    p.save()
    canSave = false
    storage.data.set('lab', 'the other tab\'s')
    expect(p.editable).toBe(false)
    p.save()
    p.setAside('before-reset')
    expect([...storage.data.keys()]).toEqual(['lab'])
    canSave = true
    p.save() // same stateVersion, but the other tab wrote meanwhile
    expect(JSON.parse(storage.data.get('lab')!).now).toBe(0)
  })

  it('nothing is saved before the first run has started, or without storage', () => {
    const storage = memoryStorage()
    new Persistence({ ...state(), live: undefined }, { storageKey: 'lab', storage }).save()
    expect(storage.data.size).toBe(0)
    const none = new Persistence(state(), { storageKey: 'lab' })
    expect(none.load()).toBeUndefined()
    expect(() => none.save()).not.toThrow()
  })

  it('setAside keeps the saved session under <key>:<why> and clears the key; the next save is whole', () => {
    const storage = memoryStorage()
    const s = state(1000)
    const p = new Persistence(s, { storageKey: 'lab', storage })
    p.save()
    s.live.now = 2000
    p.save()
    const saved = storage.data.get('lab')
    p.setAside('before-reset')
    expect(storage.data.get('lab:before-reset')).toBe(saved)
    expect([storage.data.has('lab'), storage.data.has('lab:now')]).toEqual([false, false])
    p.save()
    expect(JSON.parse(storage.data.get('lab')!).now).toBe(2000)
  })
})

describe('restoredHistory', () => {
  it('keeps the revisions that still read and the commits naming them; says how many commits were dropped', () => {
    const good = { id: 'a1', message: 'Initial commit', files: [{ path: 'app/cm.yaml', text: CM }] }
    const broken = { id: 'b2', message: 'oops', files: [{ path: 'app/cm.yaml', text: 'kind: [' }] }
    const actions: SessionAction[] = [{ type: 'commit', t: 0, revision: 'a1' }, { type: 'commit', t: 5, revision: 'b2' },
      { type: 'sync', t: 6, request: {} }]
    const restored = restoredHistory({ files: undefined, active: '', now: 0, actions, revisions: [good, broken] })
    expect(restored.revisions.map(r => [r.id, r.manifests.length])).toEqual([['a1', 1]])
    expect(restored.actions).toEqual([actions[0], actions[2]])
    expect(restored.commands).toEqual([])
    expect(restored.dropped).toEqual(['1 saved commit named a revision that could not be restored: dropped.'])
  })
})
