// Several applications in one page session: the lab may start without its app (lab 01, as the seed), the learner
// makes apps as NEW APP or `argocd app create` does, the page shows the one selected and its buttons act on it,
// and every action that acts on an app names it, so that a rebuilt run (time travel, reload) is exact.
import * as shell from '../../../src/terminal/interpreter.ts'
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import { createCommand } from '../../../src/ui/session/create-command.ts'
import { newAppSpec } from '../../../src/ui/session/new-app.ts'
import { Session } from '../../../src/ui/session/session.ts'
import type { Run } from '../../../src/ui/session/run.ts'
import { applicationRows } from '../../../src/ui/apps/app-rows.ts'

const PATH = 'pre-post-sync-hook'
/** The lab's files as the page has them: `pre-post-sync-hook/<file>`. */
const labFiles = () => readManifestFiles([`labs/01-resource-hooks/repo/${PATH}`])
  .map(f => ({ path: `${PATH}/${f.path.split('/').at(-1)}`, text: f.text }))

function memoryStorage() {
  const data = new Map<string, string>()
  return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k), data }
}

/** A session of lab 01 as the page opens it: no application at the start. */
async function newSession(storage?: ReturnType<typeof memoryStorage>) {
  const s = new Session({ seed: 't', appName: 'argo-hook-learner', namespace: 'learner', appPath: PATH, appExists: false,
    labFiles: labFiles(), storageKey: 'lab', storage })
  await s.whenReady()
  return s
}

async function type(s: Session, line: string, answers: string[] = []) {
  let result = s.runCommand(line, s.terminalContext(), shell)
  for (const a of answers) result = result.prompt!.answer(a)
  s.recordCommand(line)
  await result.pending
  return result
}

const names = (run: Run) => run.apps.map(a => a.name)
const phaseOf = (run: Run, name: string) => run.appNamed(name)?.currentOperation?.result().phase

describe('applications in the page session', () => {
  it('a lab that starts without its app: no app, Sync says so; NEW APP as the lab fills it in makes it and shows it', async () => {
    const s = await newSession()
    expect(s.live.apps).toEqual([])
    expect(s.live.app).toBeUndefined()
    expect(s.live.sim.fake.store.namespaceExists('learner')).toBe(true) // the learner's namespace is there
    expect(s.sync()).toBe(false)
    expect(s.notice).toEqual({ kind: 'no-app' })
    expect(s.actions.filter(a => a.type === 'sync')).toEqual([])

    const spec = s.labAppSpec()
    expect(spec).toMatchObject({ name: 'argo-hook-learner', project: 'default', path: PATH, namespace: 'learner',
      repoURL: 'https://example.com/learner/argocd-training-examples.git', server: 'https://kubernetes.default.svc',
      automated: false })
    const made = await s.createApp(spec)
    expect(made).toEqual({ ok: true, lines: ["application 'argo-hook-learner' created"] })
    expect(s.notice).toBeUndefined()
    expect(s.selected).toBe('argo-hook-learner')
    expect(s.live.app?.name).toBe('argo-hook-learner')
    expect(s.live.app!.status()).toMatchObject({ sync: 'OutOfSync', health: 'Missing' })
    expect(s.sync()).toBe(true)
    await s.toEnd()
    expect(phaseOf(s.live, 'argo-hook-learner')).toBe('Succeeded')
  })

  it('NEW APP answers as argocd app create: a wrong path is refused with the CLI\'s message and makes nothing', async () => {
    const s = await newSession()
    const outcome = await s.createApp({ ...s.labAppSpec(), path: 'no-such-folder' })
    expect(outcome.ok).toBe(false)
    expect(outcome.lines.join('\n')).toMatch(/Unable to generate manifests in no-such-folder: .*app path does not exist/)
    expect(s.live.apps).toEqual([])
  })

  it('the page follows the app the learner just made or synced in the terminal; the list shows every app', async () => {
    const s = await newSession()
    await type(s, `argocd app create argo-hook-learner --repo https://example.com/learner/argocd-training-examples.git --path '${PATH}' --dest-server https://kubernetes.default.svc --dest-namespace learner`)
    expect(s.selected).toBe('argo-hook-learner')
    await type(s, 'kubectl create namespace other')
    await type(s, `argocd app create other --repo https://example.com/learner/argocd-training-examples.git --path ${PATH} --dest-server https://kubernetes.default.svc --dest-namespace other`)
    expect(s.selected).toBe('other')
    expect(names(s.live)).toEqual(['argo-hook-learner', 'other'])
    await type(s, 'argocd app sync argo-hook-learner --async')
    expect(s.selected).toBe('argo-hook-learner')
    const rows = applicationRows(s.live, s.live.app)
    expect(rows.map(r => [r.name, r.path, r.namespace, r.selected, r.operation])).toEqual([
      ['argo-hook-learner', PATH, 'learner', true, 'Syncing'], ['other', PATH, 'other', false, undefined]])
    await s.toEnd()
    expect(applicationRows(s.live, s.live.app)[0]).toMatchObject({ sync: 'Synced', health: 'Healthy', operation: 'Sync OK',
      lastSync: expect.stringMatching(/^\d+s ago$/) })
  })

  it('Sync, Terminate and Delete act on the app shown and name it; a deleted app leaves the list once its deletion is done (R64–R66); time travel and reload replay it all exactly', async () => {
    const storage = memoryStorage()
    const s = await newSession(storage)
    await s.createApp(s.labAppSpec())
    await type(s, 'kubectl create namespace other')
    await s.createApp({ ...s.labAppSpec(), name: 'other', namespace: 'other' })
    expect(s.selected).toBe('other')
    s.sync()
    await s.toEnd()
    const tFirst = s.live.now
    s.select('argo-hook-learner')
    s.sync({ dryRun: true })
    await s.toEnd()
    s.select('other')
    s.deleteApp()
    await s.toEnd()
    expect(s.actions.filter(a => a.type === 'sync' || a.type === 'delete').map(a => [a.type, 'app' in a ? a.app : undefined]))
      .toEqual([['sync', 'other'], ['sync', 'argo-hook-learner'], ['delete', 'other']])
    // `other` is gone from the list once its deletion is done (R64–R66); the one deleted stays shown, as deleted.
    expect(names(s.live)).toEqual(['argo-hook-learner'])
    expect(s.live.app?.name).toBe('other')
    expect(s.live.app?.deleted).toBe(true)
    const liveEvents = (name: string) => JSON.stringify(s.live.appNamed(name)!.events)

    // Time travel: before the second sync, the lab's app had not synced; `other` had.
    await s.seek(tFirst - 1)
    expect(s.shown.appNamed('argo-hook-learner')!.operations).toHaveLength(0)
    expect(phaseOf(s.shown, 'other')).toBe('Succeeded')
    expect(names(s.shown)).toEqual(['argo-hook-learner', 'other'])

    // Reload: the same apps, the same one shown, the same events.
    const again = await newSession(storage)
    expect(again.selected).toBe('other')
    expect(names(again.live)).toEqual(['argo-hook-learner'])
    expect(JSON.stringify(again.live.appNamed('argo-hook-learner')!.events)).toBe(liveEvents('argo-hook-learner'))
    expect(JSON.stringify(again.live.appNamed('other')!.events)).toBe(liveEvents('other'))
  })

  it('Sync on an app that is gone does nothing silently: it says so and offers to make it again, with its spec', async () => {
    const s = await newSession()
    await s.createApp(s.labAppSpec())
    s.deleteApp()
    expect(s.sync()).toBe(false)
    expect(s.notice).toEqual({ kind: 'deleting', app: 'argo-hook-learner' })
    await s.toEnd()
    expect(s.sync()).toBe(false)
    expect(s.notice).toMatchObject({ kind: 'gone', app: 'argo-hook-learner', spec: { path: PATH, namespace: 'learner' } })
    const spec = s.notice!.kind === 'gone' ? s.notice!.spec : s.labAppSpec()
    expect((await s.createApp(spec)).ok).toBe(true)
    expect(s.live.app?.deleted).toBe(false)
    expect(s.sync()).toBe(true)
  })

  it('actions saved before they named their app act on the lab\'s app', async () => {
    const storage = memoryStorage()
    const old = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', labFiles: labFiles(),
      storageKey: 'lab', storage })
    await old.whenReady()
    const saved = JSON.parse(storage.data.get('lab')!) as { actions: unknown[] }
    saved.actions.push({ type: 'sync', t: 0, request: {} })
    storage.data.set('lab', JSON.stringify({ ...saved, now: 120_000, selected: undefined }))
    const s = new Session({ seed: 't', appName: 'argo-hook', namespace: 'learner', labFiles: labFiles(), storageKey: 'lab', storage })
    await s.whenReady()
    expect(phaseOf(s.live, 'argo-hook')).toBe('Succeeded')
  })

  it('a commit reaches every application of the repository (each reads its own folder)', async () => {
    const s = await newSession()
    await s.createApp(s.labAppSpec())
    await type(s, 'kubectl create namespace other')
    await s.createApp({ ...s.labAppSpec(), name: 'other', namespace: 'other' })
    const svc = s.files.find(f => f.path.endsWith('svc.yaml'))!
    s.edit(svc.path, svc.text.replace('5000', '5001'))
    const rev = s.commit('port')!
    await s.toEnd()
    for (const app of s.live.apps) expect(app.revision?.revision).toBe(rev.id)
  })

  it('createCommand: the form\'s fields as argocd app create flags, quoted where bash needs it', () => {
    const spec = newAppSpec({ name: 'web', namespace: 'team a', path: 'apps/web', repoURL: 'https://x.example/r.git',
      syncPolicy: { automated: { prune: true, selfHeal: false } } })
    expect(createCommand(spec)).toBe("argocd app create web --project default --repo https://x.example/r.git --path apps/web " +
      "--dest-server https://kubernetes.default.svc --dest-namespace 'team a' --sync-policy automated --auto-prune")
    expect(createCommand({ ...spec, revision: 'v1', automated: false })).toContain('--revision v1')
  })
})
