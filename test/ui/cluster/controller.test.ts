// The "Connect to a cluster" panel's controller against `synclab serve`'s server, started in-process on a random
// loopback port (no HTTP mocks): connect, sync the seed lab, compare with the simulation, clean up.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readManifestFiles } from '../../../src/cli/files.ts'
import type { KubeObject } from '../../../src/cluster/objects.ts'
import { APP_LABEL, MANAGED_BY_LABEL } from '../../../src/kube/kube-cluster.ts'
import { parseManifests } from '../../../src/manifest/index.ts'
import type { RunningServer } from '../../../src/server/serve.ts'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { ClusterPanelBody } from '../../../src/ui/cluster/ClusterPanel.tsx'
import { ClusterController } from '../../../src/ui/cluster/controller.ts'
import { relativePod } from '../../../src/ui/cluster/run-trace.ts'
import { podWatchLines } from '../../../src/ui/events/watch-lines.ts'
import type { PodHistory } from '../../../src/ui/timeline/pod-history.ts'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { call, configMap, serve } from '../../server/helpers.ts'
import { chooseResourceView } from '../../../src/ui/app-view/view-choice.ts'

const SPEED = 100
const SEED_LAB = 'labs/01-resource-hooks/repo/pre-post-sync-hook'
const REVISION = '0123456789abcdef0123456789abcdef01234567'
let s: RunningServer
const controllers: ClusterController[] = []

const manifests = (): KubeObject[] => parseManifests(readManifestFiles([SEED_LAB])).manifests.map(m => m.object)
const controller = (): ClusterController => {
  const c = new ClusterController({ speed: SPEED, pollMs: 10 })
  controllers.push(c)
  return c
}
const names = async (namespace: string, plural: string, group = ''): Promise<string[]> => {
  const base = group ? `/apis/${group}` : '/api/v1'
  return ((await call(s, 'GET', `${base}/namespaces/${namespace}/${plural}`)).body.items as Array<{ metadata: { name: string } }>)
    .map(o => o.metadata.name)
}

beforeAll(async () => {
  s = await serve({ speed: SPEED, namespaces: ['ui', 'ui-clean', 'ui-other', 'ui-prune', 'ui-plan'] })
})
afterAll(async () => {
  for (const c of controllers) c.disconnect()
  await s.close()
})

// The two tests that sync against a real served cluster get 20 s: 5 s was short on a busy machine.
describe('ClusterController', () => {
  it('connects, syncs the seed lab live to Succeeded, and finds no difference with the simulation', async () => {
    const c = controller()
    const seen: string[] = []
    c.subscribe(() => {
      const run = c.getState().run
      if (run && seen.at(-1) !== run.phase) seen.push(run.phase)
    })
    expect(await c.connect(s.url, 'ui')).toBe(true)
    expect(c.getState().connection).toEqual({ server: s.url, namespace: 'ui', version: 'v1.32.0-synclab', platform: 'linux/amd64' })
    expect(c.getState().error).toBeUndefined()

    const result = await c.sync({ manifests: manifests(), revision: REVISION, confirmed: true })
    expect(result?.phase).toBe('Succeeded')
    const run = c.getState().run!
    expect(seen[0]).toBe('Running')
    expect(run).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)', running: false,
      revision: REVISION })
    expect(c.getState().busy).toBeUndefined()
    const row = (kind: string, name: string) => run.results.find(r => r.kind === kind && r.name === name)
    expect(row('Job', 'before')).toMatchObject({ status: 'Synced', hookType: 'PreSync', hookPhase: 'Succeeded' })
    expect(row('Job', 'after')).toMatchObject({ status: 'Synced', hookType: 'PostSync', hookPhase: 'Succeeded' })
    expect(row('Deployment', 'pre-post-sync-hook')).toMatchObject({ status: 'Synced', message: 'deployment.apps/pre-post-sync-hook created' })
    expect(run.lines[0]).toBe('00:00  operation 1  Running')
    expect(run.lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d {2}apply {2}batch\/Job before {2}created \(hook PreSync\)$/))
    expect(run.lines).toContainEqual(expect.stringMatching(/^\d\d:\d\d {2}operation 1 {2}Succeeded: successfully synced \(no more tasks\)$/))

    // The page's own views read the real run: the app view's tree walks Deployment → ReplicaSet → Pods from the
    // watches, the timeline has the hooks' Pods and the HookSucceeded deletions, times from the operation's start.
    await vi.waitFor(() => {
      const shown = c.getState().run!.shown!
      const deployment = shown.app.live().get('apps/Deployment/ui/pre-post-sync-hook')!
      const [rs] = shown.dependents(deployment.metadata.uid!)
      expect(rs?.kind).toBe('ReplicaSet')
      expect(shown.dependents(rs!.metadata.uid!).map(p => p.kind)).toContain('Pod')
    }, { timeout: 5000, interval: 50 })
    const done = c.getState().run!
    expect(done.shown!.origin).toBe(result!.startedAt)
    const before = done.pods.find(p => p.owner === 'Job/before')!
    expect(before.createdAt).toBeGreaterThanOrEqual(0)
    expect(before.createdAt).toBeLessThan(done.now)
    expect(before.transitions.at(-1)?.status).toBe('Completed')
    const timeline = buildTimeline(done.events, done.pods, done.now)
    const lane = (label: string) => timeline.lanes.find(l => l.label === label)
    expect(lane('Job/before')?.pods.length).toBe(1)
    expect(lane('Job/after')?.markers.some(m => m.type === 'delete' && m.reason === 'HookSucceeded')).toBe(true) // R32
    expect(timeline.start).toBeLessThan(1000) // the operation's start, give or take the first event's stamp
    chooseResourceView('list') // the graph loads lazily, which a static render does not wait for
    const html = renderToStaticMarkup(createElement(ClusterPanelBody, { controller: c, state: c.getState(),
      manifests: manifests(), revision: REVISION, defaultServer: s.url }))
    expect(html).toMatch(/data-testid="resource-tree"[\s\S]*data-kind="ReplicaSet"[\s\S]*data-kind="Pod"/)
    expect(html).toContain('data-testid="timeline"')
    expect(html).toContain('kubectl get pods --watch')

    // What it created carries synclab's labels.
    const dep = (await call(s, 'GET', '/apis/apps/v1/namespaces/ui/deployments/pre-post-sync-hook')).body
    expect(dep.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'synclab' })

    const view = await c.compare()
    expect(view?.simulation.phase).toBe('Succeeded')
    expect(view?.comparison.differences).toEqual({ order: [], outcome: [], deletions: [] })
    expect(view?.comparison.same).toBe(true)
    const rows = view!.comparison.timelines
    expect(rows.length).toBeGreaterThan(5)
    expect(rows.every(r => r.a && r.b && r.a.step === r.b.step)).toBe(true)
    expect(rows.at(-1)?.a?.step).toBe('operation Succeeded: successfully synced (no more tasks)')
    expect(c.getState().compare).toBe(view)
    // The simulation's own timeline, drawn beside the cluster's: the same lanes, its hook Pods, the same deletions.
    const simulated = buildTimeline(view!.simulationRun.events, view!.simulationRun.pods, view!.simulationRun.now)
    expect(simulated.lanes.map(l => l.label).sort()).toEqual(timeline.lanes.map(l => l.label).sort())
    expect(simulated.lanes.find(l => l.label === 'Job/before')?.pods.length).toBe(1)
    expect(simulated.lanes.find(l => l.label === 'Job/after')?.markers.some(m => m.type === 'delete' &&
      m.reason === 'HookSucceeded')).toBe(true)
  }, 20_000)

  it('dry runs (nothing changes, R54), then prunes only when asked (R48, R52), and compares with the same options', async () => {
    const c = controller()
    expect(await c.connect(s.url, 'ui-prune')).toBe(true)
    const dry = await c.sync({ manifests: manifests(), revision: REVISION, confirmed: true, request: { dryRun: true } })
    expect(dry?.phase).toBe('Succeeded')
    expect(dry?.resources.every(r => r.message.endsWith('(dry run)') || r.hookType !== undefined)).toBe(true)
    expect(await names('ui-prune', 'services')).toEqual([])
    expect((await c.compare())?.comparison.same).toBe(true)

    expect((await c.sync({ manifests: manifests(), revision: REVISION, confirmed: true }))?.phase).toBe('Succeeded')
    expect(await names('ui-prune', 'services')).toEqual(['pre-post-sync-hook'])
    const withoutService = manifests().filter(m => m.kind !== 'Service')
    const kept = await c.sync({ manifests: withoutService, revision: 'f'.repeat(40), confirmed: true })
    expect(kept?.resources.find(r => r.kind === 'Service')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (requires pruning)' })
    expect(await names('ui-prune', 'services')).toEqual(['pre-post-sync-hook'])
    // The comparison's simulation starts from what the application had on the cluster before this sync: the
    // Service and the Deployment, so its applies are "unchanged" and its Service is left unpruned as well.
    const kept2 = await c.compare()
    expect(kept2?.broughtOver).toBe(2)
    expect(kept2?.notBrought).toEqual([])
    expect(kept2?.comparison.differences).toEqual({ order: [], outcome: [], deletions: [] })
    const steps = kept2!.comparison.timelines.map(r => r.a?.step ?? '')
    expect(steps).toContain('Deployment/pre-post-sync-hook unchanged')
    const pruned = await c.sync({ manifests: withoutService, revision: 'f'.repeat(40), confirmed: true, request: { prune: true } })
    expect(pruned?.resources.find(r => r.kind === 'Service')).toMatchObject({ status: 'Pruned', message: 'pruned' })
    await vi.waitFor(async () => expect(await names('ui-prune', 'services')).toEqual([]), { timeout: 5000, interval: 20 })
    const afterPrune = await c.compare()
    expect(afterPrune?.comparison.same).toBe(true)
    expect(afterPrune!.comparison.timelines.map(r => r.a?.step ?? '')).toContain('Service/pre-post-sync-hook deleted (Prune)')
  }, 20_000)

  it('cleans up, after showing what it would delete, only what it created', async () => {
    await call(s, 'POST', '/api/v1/namespaces/ui-clean/configmaps', configMap('not-ours'))
    const c = controller()
    expect(await c.connect(s.url, 'ui-clean')).toBe(true)
    expect((await c.sync({ manifests: manifests(), revision: REVISION, confirmed: true }))?.phase).toBe('Succeeded')
    expect(await names('ui-clean', 'services')).toEqual(['pre-post-sync-hook'])

    const plan = await c.planCleanup()
    expect(plan).toEqual(expect.arrayContaining(['Service/pre-post-sync-hook', 'Deployment/pre-post-sync-hook']))
    expect(plan).not.toContainEqual(expect.stringContaining('not-ours'))
    expect(await names('ui-clean', 'services')).toEqual(['pre-post-sync-hook']) // the plan changed nothing

    expect(await c.cleanup({ confirmed: false })).toBeUndefined()
    expect(c.getState().error).toMatch(/^Confirm the cleanup first: it deletes the \d+ objects listed, labelled app\.kubernetes\.io\/managed-by=synclab in namespace ui-clean\.$/)
    expect(await names('ui-clean', 'services')).toEqual(['pre-post-sync-hook'])

    const deleted = await c.cleanup({ confirmed: true })
    // A hook Job still being deleted when the plan was made may be gone by now: the rest is as planned.
    expect(deleted).toEqual(expect.arrayContaining(['Service/pre-post-sync-hook', 'Deployment/pre-post-sync-hook']))
    expect(plan).toEqual(expect.arrayContaining(deleted!))
    expect(c.getState().cleanedUp).toEqual(deleted)
    expect(c.getState().cleanupPlan).toBeUndefined()
    await vi.waitFor(async () => {
      expect(await names('ui-clean', 'services')).toEqual([])
      expect(await names('ui-clean', 'deployments', 'apps/v1')).toEqual([])
    }, { timeout: 5000, interval: 20 })
    expect(await names('ui-clean', 'configmaps')).toContain('not-ours')
  })

  it('deletes exactly the list it showed: an object made since stays, one re-created since is left alone', async () => {
    const managed = { labels: { [MANAGED_BY_LABEL]: 'synclab' } }
    await call(s, 'POST', '/api/v1/namespaces/ui-plan/configmaps', configMap('listed', {}, managed))
    await call(s, 'POST', '/api/v1/namespaces/ui-plan/configmaps', configMap('recreated', {}, managed))
    const c = controller()
    expect(await c.connect(s.url, 'ui-plan')).toBe(true)
    expect(await c.cleanup({ confirmed: true })).toBeUndefined() // no list shown yet: nothing to delete
    expect(c.getState().error).toMatch(/^List what synclab created first/)
    expect(await c.planCleanup()).toEqual(['ConfigMap/listed', 'ConfigMap/recreated'])
    // After the list was shown: a new managed object, and one deleted and made again under the same name.
    await call(s, 'POST', '/api/v1/namespaces/ui-plan/configmaps', configMap('made-after', {}, managed))
    await call(s, 'DELETE', '/api/v1/namespaces/ui-plan/configmaps/recreated')
    await call(s, 'POST', '/api/v1/namespaces/ui-plan/configmaps', configMap('recreated', {}, managed))

    expect(await c.cleanup({ confirmed: true })).toEqual(['ConfigMap/listed'])
    expect(c.getState().cleanupNotes).toEqual([expect.stringMatching(/^ConfigMap\/recreated not deleted: it was deleted and re-created since the list/)])
    expect((await names('ui-plan', 'configmaps')).sort()).toEqual(['made-after', 'recreated'])
    expect(await c.cleanup({ confirmed: true })).toBeUndefined() // the list was used: a new one must be shown
  })

  it('refuses an empty namespace, a bad one, a missing one, and a sync before connecting or without confirmation', async () => {
    const c = controller()
    expect(await c.connect(s.url, '')).toBe(false)
    expect(c.getState().error).toBe('Enter a namespace: synclab works only in the one namespace you name, and it has no default.')
    expect(c.connected).toBe(false)
    expect(await c.connect(s.url, '   ')).toBe(false)
    expect(c.getState().error).toMatch(/^Enter a namespace/)
    expect(await c.connect(s.url, 'Not_A_Namespace')).toBe(false)
    expect(c.getState().error).toMatch(/^"Not_A_Namespace" is not a namespace name/)
    expect(await c.connect(s.url, 'nowhere')).toBe(false)
    expect(c.getState().error).toMatch(/^Namespace "nowhere" does not exist on .*kubectl create namespace nowhere$/)

    expect(await c.sync({ manifests: manifests(), revision: REVISION, confirmed: true })).toBeUndefined()
    expect(c.getState().error).toBe('Connect to a cluster first.')

    expect(await c.connect(s.url, 'ui-other')).toBe(true)
    expect(c.getState().error).toBeUndefined()
    expect(await c.sync({ manifests: manifests(), revision: REVISION, confirmed: false })).toBeUndefined()
    expect(c.getState().error).toBe('Tick the confirmation first: synclab will apply to namespace ui-other.')
    expect(await names('ui-other', 'services')).toEqual([])
    expect(await c.compare()).toBeUndefined()
    expect(c.getState().error).toBe('Compare after an operation on the cluster has ended.')
  })

  it('says plainly when the API cannot be reached', async () => {
    const c = controller()
    expect(await c.connect('http://127.0.0.1:1', 'ui')).toBe(false)
    expect(c.getState().error).toMatch(/^Cannot read the Kubernetes API at http:\/\/127\.0\.0\.1:1: .*kubectl proxy --port=8001/)
    expect(c.getState().busy).toBeUndefined()
  })

  it('counts times from the operation\'s start; a server clock ahead of the page\'s never makes AGE <invalid>', () => {
    const pod = (creationTimestamp: number): PodHistory => ({ uid: 'u', name: 'before-x', namespace: 'ui', owner: 'Job/before',
      createdAt: 10_000, creationTimestamp, transitions: [{ t: 10_000, status: 'Pending', phase: 'Pending', ready: 0,
        containers: 1, restarts: 0, deleting: false }, { t: 14_000, status: 'Completed', phase: 'Succeeded', ready: 0,
        containers: 1, restarts: 0, deleting: false }], goneAt: 15_000 })
    const same = relativePod(pod(9_500), 8_000)
    expect(same).toMatchObject({ createdAt: 2000, creationTimestamp: 1500, goneAt: 7000 })
    expect(same.transitions.map(t => t.t)).toEqual([2000, 6000])
    expect(podWatchLines([same], 7000)).toEqual([expect.stringMatching(/^NAME/), expect.stringMatching(/before-x +0\/1 +Pending +0 +1s$/),
      expect.stringMatching(/before-x +0\/1 +Completed +0 +5s$/)])
    // synclab serve's virtual clock ran ahead: the Pod "was created" 60 s after it was seen.
    const ahead = relativePod(pod(70_000), 8_000)
    expect(ahead.creationTimestamp).toBe(2000)
    expect(podWatchLines([ahead], 7000).join('\n')).not.toContain('<invalid>')
  })
})
