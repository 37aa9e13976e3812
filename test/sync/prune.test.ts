// Section E of semantics.md: prune tasks, reversed prune waves, PruneLast, waiting for deletion, Prune=false/confirm.
import { describe, expect, it } from 'vitest'
import { planTasks } from '../../src/sync/plan.ts'
import { nameOf, wave } from '../../src/sync/task.ts'
import {
  applied, appliedAt, configMap, eventsOf, exists, job, live, messages, pod, REV, resultOf, run, runUntil, setup,
} from './helpers.ts'

/** Delete events of prunes, in order, as names. */
const pruneOrder = (app: Parameters<typeof eventsOf>[0]) =>
  eventsOf(app, 'delete').filter(e => e.reason === 'Prune').map(e => e.name)

const runningPod = (name: string, wave?: number) =>
  pod(name, { command: ['sleep', '3600'], restartPolicy: 'Always', ...(wave !== undefined ? { wave } : {}) })

describe('prune tasks', () => {
  it('R48 a tracked live object without manifest is pruned in the Sync phase, in the wave read from the live object', async () => {
    const s = await run([configMap('w0', { wave: 0 }), configMap('w5', { wave: 5 })],
      { live: [configMap('old', { wave: 3 })], request: { prune: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(eventsOf(s.app, 'phase').map(e => `${e.syncPhase}:${e.wave}`)).toEqual(['Sync:0', 'Sync:3', 'Sync:5'])
    expect(resultOf(s.result.resources, 'ConfigMap', 'old')).toMatchObject({ syncPhase: 'Sync', status: 'Pruned',
      hookPhase: 'Succeeded', message: 'pruned' })
    expect(s.result.resources.map(r => r.name)).toEqual(['w0', 'old', 'w5'])
  })

  it('R48 objects the application does not track are never pruned (a Job\'s Pods, other apps\' objects)', async () => {
    const s = await run([configMap('cm')], { untracked: [configMap('foreign')], live: [job('tracked-job', { command: ['sleep', '1'] })],
      request: { prune: true } })
    expect(exists(s, 'ConfigMap', 'foreign')).toBe(true)
    expect(pruneOrder(s.app)).toEqual(['tracked-job'])
  })

  it('R49 prune waves are reversed: pod-3, then pod-2, then pod-1; each wave waits for the deletion (TestWaitForCleanUpBeforeNextWave)', async () => {
    const s = await setup([], { live: [runningPod('pod-1', 1), runningPod('pod-2', 2), runningPod('pod-3', 3)] })
    await runUntil(s, () => s.sim.fake.list('Pod', 'default').every(p => (p.status as { phase?: string } | undefined)?.phase === 'Running'))
    s.app.sync({ prune: true })
    await s.sim.runOperation(s.app)
    const r = s.app.operations[0]!.result()
    expect(r.phase).toBe('Succeeded')
    expect(pruneOrder(s.app)).toEqual(['pod-3', 'pod-2', 'pod-1'])
    expect(r.resources.map(x => [x.name, x.status])).toEqual([['pod-3', 'Pruned'], ['pod-2', 'Pruned'], ['pod-1', 'Pruned']])
    expect(messages(s.app)).toContain('waiting for deletion of /Pod/pod-3')
    expect(messages(s.app)).toContain('waiting for deletion of /Pod/pod-2')
    const gone3 = eventsOf(s.app, 'gone').find(e => e.name === 'pod-3')!
    const del2 = eventsOf(s.app, 'delete').find(e => e.name === 'pod-2')!
    expect(del2.t).toBeGreaterThanOrEqual(gone3.t)
  })

  it('R49 reversed prune waves interleave with creates, which keep their waves (TestWaveReorderingOfPruneTasks mixed)', async () => {
    // prunes: p1 (wave 1), p3 and p4 (wave 3), p5 (wave 4), p7 (wave 5) -> 5, 4, 4, 3, 1; creates c2 (3), c6 (5).
    const targets = [configMap('ns-cm', { wave: -1 }), configMap('c2', { wave: 3 }), configMap('c6', { wave: 5 })]
    const s = await setup(targets, {
      live: [configMap('ns-cm', { wave: -1 }), configMap('p1', { wave: 1 }), configMap('p3', { wave: 3 }), configMap('p4', { wave: 3 }),
        configMap('p5', { wave: 4 }), configMap('p7', { wave: 5 })],
    })
    const { tasks } = planTasks({ targets, live: s.app.live(), namespace: 'default', revision: REV, startedAt: 0,
      kindInfo: (a, k) => s.sim.cluster.kindInfo(a, k) })
    expect(Object.fromEntries(tasks.map(t => [nameOf(t), wave(t)]))).toEqual({
      p1: 5, p3: 4, p4: 4, p5: 3, p7: 1, c2: 3, c6: 5, 'ns-cm': -1 })
    expect(tasks.map(nameOf)).toEqual(['ns-cm', 'p7', 'c2', 'p5', 'p3', 'p4', 'c6', 'p1'])
  })

  it('R49 the reversal is recomputed on every tick over the prunes still present (gitops-engine getSyncTasks)', async () => {
    // Tick 1 prunes p7 (5 -> 1). Once p7 is gone its task is gone too, so the remaining prune waves {1} are not
    // mirrored any more and p1 is pruned at wave 1, before c2 (wave 3).
    const s = await run([configMap('c2', { wave: 3 })], {
      live: [configMap('p1', { wave: 1 }), configMap('p7', { wave: 5 })], request: { prune: true }, waveDelayMs: 0,
    })
    expect(s.result.phase).toBe('Succeeded')
    expect(pruneOrder(s.app)).toEqual(['p7', 'p1'])
    expect(eventsOf(s.app, 'phase').map(e => e.wave)).toEqual([1, 1, 3])
    expect(appliedAt(s.app, 'ConfigMap', 'c2')).toBeGreaterThan(eventsOf(s.app, 'delete')[1]!.t)
  })

  it('R50 PruneLast (app option): prunes go one wave after the last Sync wave, before PostSync (TestPruneLast)', async () => {
    const s = await run([configMap('pod-1', { wave: 2 }), configMap('post', { hook: 'PostSync' })], {
      live: [configMap('pod-2', { wave: 1 }), configMap('pod-3', { wave: 7 })],
      request: { prune: true, options: { pruneLast: true } }, waveDelayMs: 0,
    })
    expect(s.result.phase).toBe('Succeeded')
    expect(eventsOf(s.app, 'phase').map(e => `${e.syncPhase}:${e.wave}`)).toEqual(['Sync:2', 'Sync:8', 'PostSync:0'])
    expect(pruneOrder(s.app).sort()).toEqual(['pod-2', 'pod-3'])
    const pruneT = eventsOf(s.app, 'delete')[0]!.t
    expect(pruneT).toBeGreaterThan(appliedAt(s.app, 'ConfigMap', 'pod-1')!)
    expect(appliedAt(s.app, 'ConfigMap', 'post')).toBeGreaterThan(pruneT)
  })

  it('R50 PruneLast=true on a resource moves only that prune last', async () => {
    const s = await run([configMap('pod-1', { wave: 2 })], {
      live: [configMap('pod-2', { wave: 1, syncOptions: 'PruneLast=true' }), configMap('pod-3', { wave: 7, syncOptions: 'PruneLast=true' }),
        configMap('pod-4', { wave: 4 })],
      request: { prune: true }, waveDelayMs: 0,
    })
    expect(s.result.phase).toBe('Succeeded')
    // pod-2 and pod-3 are reversed (1 <-> 7, pod-4 stays 4) and then both moved to 7 + 1.
    expect(eventsOf(s.app, 'phase').map(e => e.wave)).toEqual([2, 4, 8])
    expect(pruneOrder(s.app)).toEqual(['pod-4', 'pod-2', 'pod-3'])
  })

  it('R51 prunes run first inside their group, before the applies of that group', async () => {
    const s = await run([configMap('new')], { live: [configMap('old')], request: { prune: true } })
    const del = eventsOf(s.app, 'delete')[0]!
    const idxDel = s.app.events.indexOf(del)
    const idxApply = s.app.events.findIndex(e => e.type === 'apply' && !e.dryRun)
    expect(idxDel).toBeLessThan(idxApply)
    expect(resultOf(s.result.resources, 'ConfigMap', 'old')).toMatchObject({ status: 'Pruned', hookPhase: 'Succeeded', message: 'pruned' })
    expect(s.result.resources.map(r => r.name)).toEqual(['old', 'new'])
  })

  it('R51 the next group waits while a pruned object is still being deleted ("waiting for deletion of ...")', async () => {
    const s = await setup([configMap('next', { wave: 1 })], { live: [runningPod('old')] })
    await runUntil(s, () => (live(s, 'Pod', 'old')?.status as { phase?: string } | undefined)?.phase === 'Running')
    s.app.sync({ prune: true })
    await s.sim.runOperation(s.app)
    expect(messages(s.app)).toContain('waiting for deletion of /Pod/old')
    const gone = eventsOf(s.app, 'gone').find(e => e.name === 'old')!
    expect(appliedAt(s.app, 'ConfigMap', 'next')).toBeGreaterThanOrEqual(gone.t)
    expect(gone.t - eventsOf(s.app, 'delete')[0]!.t).toBeGreaterThanOrEqual(30_000) // R75 grace period
  })

  it('R51 prunes use foreground propagation by default; PrunePropagationPolicy=background does not', async () => {
    const fg = await setup([configMap('cm', { wave: 1 })], { live: [job('old', { command: ['sleep', '100'] })] })
    await runUntil(fg, () => fg.sim.fake.list('Pod', 'default').length > 0)
    fg.app.sync({ prune: true })
    await runUntil(fg, () => eventsOf(fg.app, 'delete').length > 0)
    expect(live(fg, 'Job', 'old')?.metadata.finalizers).toContain('foregroundDeletion')
    const bg = await setup([configMap('cm', { wave: 1 })], { live: [job('old', { command: ['sleep', '100'] })] })
    await runUntil(bg, () => bg.sim.fake.list('Pod', 'default').length > 0)
    bg.app.sync({ prune: true, options: { prunePropagationPolicy: 'background' } })
    await runUntil(bg, () => eventsOf(bg.app, 'delete').length > 0)
    expect(live(bg, 'Job', 'old')?.metadata.finalizers ?? []).not.toContain('foregroundDeletion')
  })
})

describe('Prune=false and Prune=confirm', () => {
  it('R52 operation prune:false skips prunes: PruneSkipped "ignored (requires pruning)", the operation still succeeds', async () => {
    const s = await run([configMap('cm')], { live: [configMap('old')], request: { prune: false } })
    expect(s.result.phase).toBe('Succeeded')
    expect(resultOf(s.result.resources, 'ConfigMap', 'old')).toMatchObject({ status: 'PruneSkipped', hookPhase: 'Succeeded',
      message: 'ignored (requires pruning)' })
    expect(exists(s, 'ConfigMap', 'old')).toBe(true)
  })

  it('R52 Prune=false on the live object: PruneSkipped "ignored (no prune)" (TestDoNotPruneResourceLevelPruneFalse)', async () => {
    const s = await run([], { live: [pod('my-pod', { syncOptions: 'Prune=false' })], request: { prune: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(s.result.resources).toHaveLength(1)
    expect(s.result.resources[0]).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)' })
    expect(exists(s, 'Pod', 'my-pod')).toBe(true)
  })

  it('R52 Prune=false as the application default (TestDoNotPruneAppLevelPruneFalse)', async () => {
    const s = await run([], { live: [pod('my-pod')], request: { prune: true, options: { pruneDisabled: true } } })
    expect(s.result.phase).toBe('Succeeded')
    expect(s.result.resources[0]).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)' })
  })

  it('R52 Prune=confirm keeps the operation Running "waiting for pruning confirmation of ..." with no result (TestPruneConfirmResourceLevel)', async () => {
    const s = await setup([], { live: [pod('my-pod', { syncOptions: 'Prune=confirm' })] })
    s.app.sync({ prune: true })
    await s.sim.runOperation(s.app, 10 * 60_000)
    const op = s.app.currentOperation!.op
    expect(op.phase).toBe('Running')
    expect(op.message).toBe('waiting for pruning confirmation of /Pod/my-pod')
    expect(s.app.operations[0]!.result().resources).toEqual([])
    expect(exists(s, 'Pod', 'my-pod')).toBe(true)
  })

  it('R52 a confirmed Prune=confirm prune goes ahead', async () => {
    const s = await run([], { live: [pod('my-pod', { syncOptions: 'Prune=confirm' })], request: { prune: true, pruneConfirmed: true } })
    expect(s.result.phase).toBe('Succeeded')
    expect(s.result.resources[0]).toMatchObject({ status: 'Pruned', message: 'pruned' })
  })

  it('R52 the pruning-confirmation message counts only the prunes that need it', async () => {
    const s = await setup([configMap('cm')], { live: [configMap('a', { syncOptions: 'Prune=confirm' }),
      configMap('b', { syncOptions: 'Prune=confirm' }), configMap('c')] })
    s.app.sync({ prune: true })
    await s.sim.runOperation(s.app, 60_000)
    expect(s.app.currentOperation!.op.message).toBe('waiting for pruning confirmation of /ConfigMap/a and 1 more resources')
    expect(applied(s.app)).toEqual([])
  })
})
