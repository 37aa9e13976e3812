// Terminal commands that change the cluster are part of the session's action log: a rebuilt run (time travel,
// reload) replays them at their virtual time, so terminal-made apps and objects are there too.
import * as shell from '../../../src/terminal/interpreter.ts'
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { Session } from '../../../src/ui/session/session.ts'
import { provideShell } from '../../../src/ui/session/shell.ts'
import type { Run } from '../../../src/ui/session/run.ts'

// As the page's entry does: rebuilt runs load the interpreter to replay typed commands.
provideShell(() => import('../../../src/terminal/index.ts'))

const labFiles = () => readManifestFiles(['labs/01-resource-hooks/repo/pre-post-sync-hook'])

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

async function newSession(storage: ReturnType<typeof memoryStorage>) {
  const s = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', labFiles: labFiles(),
    storageKey: 'lab', storage })
  await s.whenReady()
  return s
}

/** Types a line in the page's terminal: run on the live run, then recorded (as TerminalPanel does). */
async function type(s: Session, line: string, answers: string[] = []) {
  let result = s.runCommand(line, s.terminalContext(), shell)
  for (const a of answers) result = result.prompt!.answer(a)
  s.recordCommand(line)
  await result.pending
  return result
}

const appNames = (run: Run) => run.sim.apps.filter(a => !a.deleted).map(a => a.name)
const objectsIn = (run: Run, ns: string) =>
  ['Deployment', 'Service'].flatMap(kind => run.sim.fake.store.list(kind, ns).map(o => `${kind}/${o.metadata.name}`)).sort()

describe('terminal commands in rebuilt runs', () => {
  it('an app made and synced in the terminal is there after time travel and after a reload', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    const path = s.head!.files[0]!.path.split('/')[0]!
    await s.step()
    const tCreate = s.live.now
    await type(s, 'kubectl create namespace other')
    await type(s, `argocd app create other --repo https://example.com/learner/argocd-training-examples.git --path ${path} --dest-server https://kubernetes.default.svc --dest-namespace other`)
    await type(s, 'argocd app sync other --async')
    await type(s, 'argocd app get other') // read-only for the cluster: also logged (it refreshes the app)
    expect(s.actions.filter(a => a.type === 'command').map(a => a.type === 'command' && a.line.split(' ').slice(0, 3).join(' ')))
      .toEqual(['kubectl create namespace', 'argocd app create', 'argocd app sync', 'argocd app get'])
    s.play(20)
    for (let i = 0; i < 50; i++) await s.tick(1000)
    const later = s.live.now
    expect(appNames(s.live)).toEqual(['argo-hook', 'other'])
    const liveObjects = objectsIn(s.live, 'other')
    expect(liveObjects.length).toBeGreaterThan(0)
    const liveStatus = s.live.sim.apps.find(a => a.name === 'other')!.status()

    // Time travel: before the commands, no such app; at the live run's time, the same app and objects.
    await s.seek(tCreate - 1)
    expect(appNames(s.shown)).toEqual(['argo-hook'])
    expect(objectsIn(s.shown, 'other')).toEqual([])
    await s.seek(later - 1)
    expect(appNames(s.shown)).toEqual(['argo-hook', 'other'])
    await s.shown.advanceTo(later, s.actions, s.revisions)
    expect(objectsIn(s.shown, 'other')).toEqual(liveObjects)
    expect(s.shown.sim.apps.find(a => a.name === 'other')!.status()).toEqual(liveStatus)

    // Reload: a new session from the browser's storage rebuilds the live run with them.
    s.pause()
    const reloaded = await newSession(storage)
    expect(reloaded.live.now).toBe(s.live.now)
    expect(appNames(reloaded.live)).toEqual(['argo-hook', 'other'])
    expect(objectsIn(reloaded.live, 'other')).toEqual(liveObjects)
    expect(reloaded.commands.map(c => c.line)).toEqual(s.commands.map(c => c.line))
  })

  it('a deletion confirmed at its y/n question is replayed with its answer; a cancelled one changes nothing', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    const path = s.head!.files[0]!.path.split('/')[0]!
    await type(s, `argocd app create other --repo https://example.com/learner/argocd-training-examples.git --path ${path} --dest-server https://kubernetes.default.svc --dest-namespace learner`)
    await s.step()
    await type(s, 'argocd app delete other', ['n'])
    await s.step()
    const deleted = await type(s, 'argocd app delete other', ['maybe', 'y'])
    expect(deleted.lines).toEqual(["application 'other' deleted"])
    expect(s.actions.at(-1)).toMatchObject({ type: 'command', line: 'argocd app delete other', answers: ['maybe', 'y'] })
    s.play(20)
    for (let i = 0; i < 20; i++) await s.tick(1000)
    s.pause()
    expect(appNames(s.live)).toEqual(['argo-hook'])
    const reloaded = await newSession(storage)
    expect(appNames(reloaded.live)).toEqual(['argo-hook'])
    expect(reloaded.live.sim.apps.some(a => a.name === 'other')).toBe(true)
  })

  it('a session saved before commands were logged still loads', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    s.recordCommand('kubectl get pods')
    s.sync()
    await s.toEnd()
    const saved = JSON.parse(storage.data.get('lab')!) as { actions: Array<{ type: string }> }
    expect(saved.actions.some(a => a.type === 'command')).toBe(false)
    const reloaded = await newSession(storage)
    expect(reloaded.live.now).toBe(s.live.now)
    expect(reloaded.live.app!.status()).toEqual(s.live.app!.status())
    expect(reloaded.commands).toEqual(s.commands)
  })
})
