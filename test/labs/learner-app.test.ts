// The application a lab's checks look at is the one the learner made for the lab's path and destination
// namespace, whatever its name: the seed's `argo-hook-<username>`, a name of the learner's own, made in the terminal,
// by NEW APP or by a `create-app` step.
import * as shell from '../../src/terminal/interpreter.ts'
import { describe, expect, it } from 'vitest'
import { evaluate, formatFailure, NO_APP, startFor } from '../../src/labs/check.ts'
import { learnerApp } from '../../src/labs/learner-app.ts'
import { loadLabDir } from '../../src/labs/load.ts'
import { repoFiles } from '../../src/labs/parse.ts'
import { checkLab, LabSession, runSolution } from '../../src/labs/run.ts'
import { appSources } from '../../src/sync/app-source.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { LabTracker } from '../../src/ui/labs/tracker.ts'
import { Session } from '../../src/ui/session/session.ts'
import { labOf, MINIMAL } from './helpers.ts'

const WITHOUT_APP = MINIMAL.replace('  path: app\n', '  path: app\n  exists: false\n')

async function sim(...apps: Array<[name: string, namespace: string, path: string | undefined]>) {
  const s = new Simulation({ seed: 'x' })
  for (const [name, namespace, path] of apps) {
    await s.createApp(name, namespace)
    if (path !== undefined) appSources(s).set(name, { repo: 'r', path, targetRevision: '', project: 'default', destServer: 'https://kubernetes.default.svc' })
  }
  return s
}
const pick = (s: Simulation, lab = { name: 'argo-hook', namespace: 'learner', path: 'hooks' }) =>
  learnerApp(s.apps, lab, app => appSources(s).get(app.name))

describe('the learner\'s application', () => {
  it('is found by path and destination namespace, whatever its name; an app elsewhere does not count', async () => {
    const s = await sim(['other-ns', 'team', 'hooks'], ['other-path', 'learner', 'web'], ['mine', 'learner', './hooks/'])
    expect(pick(s)).toMatchObject({ index: 2, app: { name: 'mine' } })
    expect(pick(await sim(['x', 'team', 'hooks']))).toBeUndefined()
  })

  it('an app with no recorded source counts by the lab\'s name', async () => {
    expect(pick(await sim(['argo-hook', 'learner', undefined]))?.app.name).toBe('argo-hook')
    expect(pick(await sim(['other', 'learner', undefined]))).toBeUndefined()
  })

  it('one that exists comes before one that was deleted; among them, the one made last', async () => {
    const s = await sim(['a', 'learner', 'hooks'], ['b', 'learner', 'hooks'])
    expect(pick(s)?.app.name).toBe('b')
    s.apps[1]!.delete()
    await s.run(() => s.apps[1]!.deleted)
    expect(pick(s)?.app.name).toBe('a')
    s.apps[0]!.delete()
    await s.run(() => s.apps[0]!.deleted)
    expect(pick(s)?.app.name).toBe('b')
  })

  it('a task started on another app (or none) counts all of this one\'s history', () => {
    expect(startFor({ event: 5, operation: 1, t: 9, app: 2 }, 2)).toEqual({ event: 5, operation: 1, t: 9 })
    expect(startFor({ event: 5, operation: 1, t: 9, app: -1 }, 0)).toEqual({ event: 0, operation: 0, t: 9 })
    expect(startFor({ event: 5, operation: 1, t: 9 }, 0)).toEqual({ event: 5, operation: 1, t: 9 }) // saved before: app 0
  })
})

describe('a lab that starts without its application (app.exists: false)', () => {
  it('has no app until a create-app step makes it; the checks then look at that app, whatever its name', async () => {
    const lab = labOf(WITHOUT_APP.replace('      - sync: {}\n', '      - create-app: { name: my-own-name }\n      - sync: {}\n'))
    expect(lab.app.exists).toBe(false)
    const session = await LabSession.start(lab)
    expect(session.sim.apps).toEqual([])
    const mark = session.mark()
    expect(evaluate(lab.tasks[0]!.check, session.context(mark)).failures.map(formatFailure))
      .toEqual([`check[0] the last operation is Succeeded: ${NO_APP}`])
    const [run] = await runSolution(lab)
    expect(run!.outcome).toEqual({ ok: true, failures: [] })
    expect(await checkLab(lab, { solution: true })).toEqual([{ ok: true, text: '✓ 1 Sync it' }])
  })

  it('a lab without its app and without a create-app step does not load; a step that needs the app says how to fix it', async () => {
    expect(() => labOf(WITHOUT_APP)).toThrow(/lab\.yaml:9:\d+: app\.exists is false: a task needs a create-app step/)
    const lab = labOf(WITHOUT_APP.replace('    check:\n', '    check:\n      - command: { matches: x }\n') +
      '  - id: later\n    title: Later\n    needsWork: false\n    instructions: Later.\n    steps:\n      - create-app: {}\n' +
      '    check:\n      - app: { sync: OutOfSync }\n')
    const [run] = await runSolution(lab)
    expect(run!.error).toMatch(/^sync: there is no application for app in namespace learner \(the lab starts without one: add a create-app step\)$/)
  })
})

describe('lab 01 in the page: the learner\'s app, made in the terminal under the seed\'s name, passes task 1', () => {
  it('the app made by `argocd app create argo-hook-<name>` and synced there is the one checked', async () => {
    const lab = loadLabDir('labs/01-resource-hooks').lab!
    const s = new Session({ seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, appPath: lab.app.path,
      appExists: lab.app.exists, storageKey: 'k',
      labFiles: [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text })) })
    await s.whenReady()
    const tracker = new LabTracker(lab, undefined)
    expect(tracker.check(s)).toBe(false)
    expect(tracker.last?.failures[0]?.why).toBe(NO_APP)
    const ctx = s.terminalContext()
    await s.runCommand(`argocd app create argo-hook-learner --repo https://example.com/learner/argocd-training-examples.git --path 'pre-post-sync-hook' --dest-server https://kubernetes.default.svc --dest-namespace learner`, ctx, shell).pending
    s.runCommand('argocd app sync argo-hook-learner --async', ctx, shell)
    await s.toEnd()
    expect(tracker.check(s)).toBe(true)
    expect(tracker.progress.passed).toEqual(['hook-example'])
    expect(tracker.progress.since).toMatchObject({ app: 0 })
  })
})
