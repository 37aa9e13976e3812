// Corrupted storage: a session saved by the page, then damaged in one way each (another version's shape, a hand
// edit, a write cut short). Reopening it never throws nor hangs: what is valid is kept, what was dropped is said in
// the restore notice, and the saved text is kept as it was under the damaged key.
import { beforeAll, describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { Session } from '../../../src/ui/session/session.ts'
import { MAX_SAVED_NOW_MS } from '../../../src/ui/session/saved-check.ts'
import { damagedKey } from '../../../src/ui/session/storage.ts'

const labFiles = () => readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook'])
type Saved = Record<string, any>

function memoryStorage(entries: Record<string, string> = {}) {
  const data = new Map<string, string>(Object.entries(entries))
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

async function open(storage: ReturnType<typeof memoryStorage>) {
  const s = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', labFiles: labFiles(), storageKey: 'lab', storage })
  await s.whenReady()
  return s
}

// A real saved session: the port edited and committed, a sync played to its end, then an uncommitted edit.
let good: Saved
let endedAt: number
beforeAll(async () => {
  const storage = memoryStorage()
  const s = await open(storage)
  const svc = s.files.find(f => f.path.endsWith('svc.yaml'))!
  s.edit(svc.path, svc.text.replace('5000', '5001'))
  s.commit('Change the port')
  s.sync()
  await s.toEnd()
  s.edit(svc.path, svc.text.replace('5000', '5002'))
  endedAt = s.live.now
  good = JSON.parse(storage.data.get('lab')!)
})

const svcText = (s: Session) => s.files.find(f => f.path.endsWith('svc.yaml'))?.text ?? ''
const copy = (): Saved => structuredClone(good)
const withAction = (action: unknown) => { const c = copy(); c.actions.push(action); return c }
const withFile = (file: unknown) => { const c = copy(); c.files.push(file); return c }

interface Corruption {
  name: string
  /** The damaged value saved (a string is saved as it is, anything else as JSON). */
  saved: () => unknown
  notice: RegExp
  /** What must still be there. */
  kept: (s: Session) => void
}

const fresh = (s: Session) => {
  expect(s.revisions.map(r => r.message)).toEqual(['Initial commit'])
  expect(svcText(s)).toContain('5000')
}
const editsKept = (s: Session) => expect(svcText(s)).toContain('5002')
const historyKept = (s: Session) => expect(s.revisions.map(r => r.message)).toEqual(['Initial commit', 'Change the port'])
const runKept = (s: Session) => expect(s.live.app!.currentOperation?.result().phase).toBe('Succeeded')

const CORRUPTIONS: Corruption[] = [
  { name: 'text that is not JSON (a write cut short)', saved: () => JSON.stringify(good).slice(0, 80), notice: /not JSON/, kept: fresh },
  { name: 'JSON null', saved: () => null, notice: /not a saved session/, kept: fresh },
  { name: 'a number', saved: () => 42, notice: /not a saved session/, kept: fresh },
  { name: 'a list', saved: () => [good], notice: /not a saved session/, kept: fresh },
  { name: 'a string', saved: () => '"hello"', notice: /not a saved session/, kept: fresh },
  { name: "another version's shape", saved: () => ({ version: 3, state: good }), notice: /shape this version does not know/, kept: fresh },
  { name: 'files as a map, not a list', saved: () => ({ ...copy(), files: { 'svc.yaml': 'x' } }), notice: /edited files were not a list/,
    kept: s => { historyKept(s); expect(svcText(s)).toContain('5000') } },
  { name: 'files missing', saved: () => { const c = copy(); delete c.files; return c }, notice: /had no the edited files|no the edited/,
    kept: historyKept },
  { name: 'a file whose text is a number', saved: () => withFile({ path: 'x.yaml', text: 5 }), notice: /1 file of the edited files/,
    kept: s => { editsKept(s); expect(s.files.some(f => f.path === 'x.yaml')).toBe(false) } },
  { name: 'a file without a path', saved: () => withFile({ text: 'kind: ConfigMap' }), notice: /1 file of the edited files/, kept: editsKept },
  { name: 'a path twice', saved: () => withFile({ ...good.files[0], text: 'other' }), notice: /1 file of the edited files/,
    kept: s => { editsKept(s); expect(s.files).toHaveLength(good.files.length) } },
  { name: 'revisions not a list', saved: () => ({ ...copy(), revisions: 'abc' }), notice: /commits were not a list/,
    kept: s => { editsKept(s); expect(s.revisions.map(r => r.message)).toEqual(['Initial commit']) } },
  { name: "a revision whose files are not a list", saved: () => { const c = copy(); c.revisions[1].files = 'svc.yaml'; return c },
    notice: /1 saved commit could not be read/, kept: s => { editsKept(s); expect(s.revisions.map(r => r.message)).toEqual(['Initial commit']) } },
  { name: 'a revision without an id', saved: () => { const c = copy(); delete c.revisions[1].id; return c },
    notice: /1 saved commit could not be read/, kept: editsKept },
  { name: 'a revision holding a file of the wrong type', saved: () => { const c = copy(); c.revisions[1].files.push(7); return c },
    notice: /1 saved commit could not be read/, kept: editsKept },
  { name: 'actions not a list', saved: () => ({ ...copy(), actions: {} }), notice: /actions .* were not a list/,
    kept: s => { editsKept(s); expect(s.live.app!.operations).toHaveLength(0) } },
  { name: 'an action of an unknown type', saved: () => withAction({ type: 'explode', t: 1 }), notice: /1 saved action/,
    kept: s => { editsKept(s); historyKept(s); runKept(s) } },
  { name: 'an action with a time that is not a number', saved: () => withAction({ type: 'terminate', t: 'soon' }),
    notice: /1 saved action/, kept: s => { historyKept(s); runKept(s) } },
  { name: 'an action with a negative time', saved: () => withAction({ type: 'terminate', t: -5 }), notice: /1 saved action/, kept: runKept },
  { name: 'an action with no time (NaN saved as null)', saved: () => withAction({ type: 'terminate', t: null }), notice: /1 saved action/, kept: runKept },
  { name: 'an action that is not an object', saved: () => withAction('sync'), notice: /1 saved action/, kept: runKept },
  { name: 'a sync whose request is not an object', saved: () => withAction({ type: 'sync', t: 1, request: 'all' }), notice: /1 saved action/, kept: runKept },
  { name: 'a sync whose resources are not a list', saved: () => withAction({ type: 'sync', t: 1, request: { resources: 'Job/x' } }),
    notice: /1 saved action/, kept: runKept },
  { name: 'a sync whose retry limit is not a number', saved: () => withAction({ type: 'sync', t: 1, request: { retry: { limit: 'x' } } }),
    notice: /1 saved action/, kept: runKept },
  { name: 'a what-if with an unknown setting', saved: () => withAction({ type: 'whatif', t: 1, target: 'Job/after', setting: 'explode' }),
    notice: /1 saved action/, kept: runKept },
  { name: 'a command whose answers are not text', saved: () => withAction({ type: 'command', t: 1, line: 'argocd app sync x', answers: [1] }),
    notice: /1 saved action/, kept: runKept },
  { name: 'a commit naming a revision that was never saved', saved: () => withAction({ type: 'commit', t: 1, revision: 'nope' }),
    notice: /named a revision that could not be restored/, kept: s => { historyKept(s); runKept(s) } },
  { name: 'a huge now', saved: () => ({ ...copy(), now: 1e300 }), notice: new RegExp(`past the ${MAX_SAVED_NOW_MS / 3_600_000} hours`),
    kept: s => { historyKept(s); expect(s.live.now).toBeLessThan(endedAt) } },
  { name: 'now as text', saved: () => ({ ...copy(), now: '12000' }), notice: /saved time was not a time/, kept: historyKept },
  { name: 'terminal lines not a list', saved: () => ({ ...copy(), commands: 'ls' }), notice: /terminal lines were not a list/,
    kept: s => { expect(s.commands).toEqual([]); runKept(s) } },
  { name: 'a terminal line without text', saved: () => ({ ...copy(), commands: [{ t: 1, line: 'kubectl get pods' }, { t: 2 }] }),
    notice: /1 saved terminal line/, kept: s => expect(s.commands).toEqual([{ t: 1, line: 'kubectl get pods' }]) },
  { name: 'folders holding a number', saved: () => ({ ...copy(), folders: ['extra', 3] }), notice: /1 saved folder/,
    kept: s => expect(s.folders).toEqual(['extra']) },
  { name: 'the application shown as a number', saved: () => ({ ...copy(), selected: 7 }), notice: /application shown was not a name/, kept: runKept },
]

describe('corrupted saved sessions (reopened: valid parts kept, the rest said)', () => {
  it.each(CORRUPTIONS)('$name', async ({ saved, notice, kept }) => {
    const value = saved()
    const text = typeof value === 'string' && !value.startsWith('"') ? value : JSON.stringify(value)
    const storage = memoryStorage({ lab: text })
    const s = await open(storage)
    expect(s.restoreNotice.join('\n')).toMatch(notice)
    expect(s.restoreNotice.join('\n')).toContain('"lab:damaged"')
    expect(storage.data.get(damagedKey('lab'))).toBe(text)
    kept(s)
    // The page goes on: an edit saves again, and Reset brings the lab back.
    s.edit(s.files[0]!.path, `${s.files[0]!.text}\n`)
    expect(() => JSON.parse(storage.data.get('lab')!)).not.toThrow()
    await s.reset()
    fresh(s)
  })

  it('a saved run the engine cannot replay (its sync before any commit) keeps the files and commits, and says so', async () => {
    const c = copy()
    c.actions.reverse() // all at t=0 here: the sync now comes before the commits
    const s = await open(memoryStorage({ lab: JSON.stringify(c) }))
    expect(s.restoreNotice.join('\n')).toMatch(/^Replaying the saved run failed \(application argo-hook has no revision to sync\): its 1 action was dropped/)
    historyKept(s)
    editsKept(s)
    expect(s.live.app!.operations).toHaveLength(0)
    expect(s.sync()).toBe(true) // the page goes on
  })

  it('active naming a file that does not exist shows the first file', async () => {
    const s = await open(memoryStorage({ lab: JSON.stringify({ ...copy(), active: 'gone.yaml' }) }))
    expect(s.active).toBe(s.files[0]!.path)
  })
})
