// compareRuns / summarizeRun (src/sync/compare.ts): hand-made runs for each category of difference, timing that
// is not a difference, and two real simulated runs of the seed lab.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readManifestFiles } from '../../src/cli/files.ts'
import { runSync } from '../../src/lib/run-sync.ts'
import { parseSyncArgs } from '../../src/cli/sync-args.ts'
import { parseManifests } from '../../src/manifest/index.ts'
import type { OperationResult } from '../../src/sync/application.ts'
import { compareRuns, formatComparison, type RunSummary, summarizeRun } from '../../src/sync/compare.ts'
import type { RecordedEvent, SyncEvent } from '../../src/sync/events.ts'
import type { OperationPhase, ResourceResult, SyncPhase, TaskPhase } from '../../src/sync/types.ts'

const SEED_LAB = 'labs/01-resource-hooks/repo/pre-post-sync-hook'
const NS = 'lab'

// --- A small language for hand-made runs: steps at times, then the operation's end. ---------------------------

type Step = [at: number, event: SyncEvent]
const group = (at: number, syncPhase: SyncPhase, wave = 0): Step => [at, { type: 'phase', syncPhase, wave }]
const apply = (at: number, ref: string, syncPhase: SyncPhase, opts: { wave?: number; hook?: boolean;
  action?: 'created' | 'configured' | 'unchanged' | 'failed'; message?: string } = {}): Step => {
  const [kind = '', name = ''] = ref.split('/')
  return [at, { type: 'apply', kind, namespace: NS, name, syncPhase, wave: opts.wave ?? 0, hook: opts.hook ?? false,
    action: opts.action ?? 'created', ...(opts.message !== undefined ? { message: opts.message } : {}) }]
}
const hook = (at: number, ref: string, hookPhase: TaskPhase): Step => {
  const [kind = '', name = ''] = ref.split('/')
  return [at, { type: 'hook', kind, namespace: NS, name, hookPhase }]
}
const del = (at: number, ref: string, reason: 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation' | 'Prune'): Step => {
  const [kind = '', name = ''] = ref.split('/')
  return [at, { type: 'delete', kind, namespace: NS, name, reason }]
}
/** Noise a run also records: none of it is compared. */
const noise = (at: number): Step[] => [
  [at, { type: 'created', kind: 'Pod', namespace: NS, name: `pod-${at}`, owner: 'Job/x' }],
  [at, { type: 'health', kind: 'Pod', namespace: NS, name: `pod-${at}`, health: 'Progressing' }],
  [at, { type: 'operation', phase: 'Running', message: `waiting at ${at}` }],
]

interface Op { start: number; steps: Step[]; phase?: OperationPhase; message?: string; end?: number;
  resources?: Array<Partial<ResourceResult> & { kind: string; name: string }> }

function summary(ops: Op[], remaining?: string[]): RunSummary {
  const events: RecordedEvent[] = []
  const results: OperationResult[] = []
  for (const [i, o] of ops.entries()) {
    for (const [at, e] of o.steps) events.push({ ...e, t: o.start + at, op: i + 1 } as RecordedEvent)
    const phase = o.phase ?? 'Succeeded'
    const end = o.end ?? Math.max(0, ...o.steps.map(([at]) => at))
    results.push({ phase, message: o.message ?? 'successfully synced (no more tasks)', startedAt: o.start,
      ...(phase === 'Running' ? {} : { finishedAt: o.start + end }), revision: 'r', retryCount: 0,
      initiatedBy: { username: 'admin' }, dryRun: false,
      resources: (o.resources ?? []).map(r => ({ group: '', version: 'v1', namespace: NS, status: 'Synced', syncPhase: 'Sync',
        message: '', images: [], ...r })) })
  }
  const left = remaining?.map(r => {
    const [kind = '', name = ''] = r.split('/')
    return { kind, namespace: NS, name }
  })
  return summarizeRun(events, results, left)
}

/** The seed lab's run, as the simulation records it; `scale` stretches its times, `start` moves them. */
function seedLabRun(opts: { start?: number; scale?: number; before?: 'HookSucceeded' | 'kept'; after?: TaskPhase;
  extra?: Step[] } = {}): Op {
  const k = opts.scale ?? 1
  const afterPhase = opts.after ?? 'Succeeded'
  const steps: Step[] = [
    group(0, 'PreSync'), apply(0, 'Job/before', 'PreSync', { hook: true }), ...noise(1000 * k),
    hook(21_500 * k, 'Job/before', 'Succeeded'),
    group(21_500 * k, 'Sync'), apply(21_500 * k, 'Service/web', 'Sync'), apply(21_600 * k, 'Deployment/web', 'Sync'),
    group(26_500 * k, 'PostSync'), apply(26_500 * k, 'Job/after', 'PostSync', { hook: true }),
    hook(43_800 * k, 'Job/after', afterPhase),
    ...(opts.extra ?? []),
  ]
  if (afterPhase === 'Succeeded') {
    if (opts.before !== 'kept') steps.push(del(43_800 * k, 'Job/before', 'HookSucceeded'))
    steps.push(del(43_800 * k, 'Job/after', 'HookSucceeded'))
  }
  return {
    start: opts.start ?? 0, steps, end: 43_800 * k,
    ...(afterPhase === 'Succeeded' ? {} : { phase: 'Failed' as const,
      message: 'one or more synchronization tasks completed unsuccessfully' }),
    resources: [
      { group: 'batch', kind: 'Job', name: 'before', hookType: 'PreSync', hookPhase: 'Succeeded', syncPhase: 'PreSync' },
      { kind: 'Service', name: 'web' }, { group: 'apps', kind: 'Deployment', name: 'web' },
      { group: 'batch', kind: 'Job', name: 'after', hookType: 'PostSync', hookPhase: afterPhase, syncPhase: 'PostSync' },
    ],
  }
}

const noDifferences = { order: [], outcome: [], deletions: [] }

describe('compareRuns on hand-made runs', () => {
  it('identical runs: no differences, every timeline row has both sides', () => {
    const c = compareRuns(summary([seedLabRun()]), summary([seedLabRun()]))
    expect(c.differences).toEqual(noDifferences)
    expect(c.same).toBe(true)
    expect(c.timelines.every(r => r.a && r.b && r.a.step === r.b.step && r.a.at === r.b.at)).toBe(true)
    expect(c.timelines.map(r => r.a!.step)).toEqual([
      'PreSync wave 0 starts', 'Job/before (PreSync hook) created', 'Job/before hook Succeeded', 'Sync wave 0 starts',
      'Service/web created', 'Deployment/web created', 'PostSync wave 0 starts', 'Job/after (PostSync hook) created',
      'Job/after hook Succeeded', 'Job/before deleted (HookSucceeded)', 'Job/after deleted (HookSucceeded)',
      'operation Succeeded: successfully synced (no more tasks)'])
  })

  it('timing only (wall vs virtual time, another start, slower) is no difference; the offsets are kept', () => {
    const c = compareRuns(summary([seedLabRun()]), summary([seedLabRun({ start: 1_764_000_000_000, scale: 1.37 })]))
    expect(c.differences).toEqual(noDifferences)
    expect(c.same).toBe(true)
    const hookRow = c.timelines.find(r => r.a?.step === 'Job/before hook Succeeded')!
    expect(hookRow.a!.at).toBe(21_500)
    expect(hookRow.b!.at).toBeCloseTo(21_500 * 1.37)
  })

  it('order: an apply made before another on one side and after it on the other', () => {
    // The cluster applies Job/after (PostSync) before the Deployment: as if the groups ran in another order.
    const a = summary([{ start: 0, steps: [group(0, 'Sync'), apply(0, 'Job/after', 'Sync', { hook: true }),
      apply(0, 'Deployment/web', 'Sync')] }])
    const b = summary([{ start: 0, steps: [group(0, 'Sync'), apply(0, 'Deployment/web', 'Sync'),
      apply(0, 'Job/after', 'Sync', { hook: true })] }])
    const c = compareRuns(a, b)
    expect(c.differences.order).toEqual(['The simulation applied Job/after before Deployment/web; the cluster applied it after.'])
    expect(c.differences.outcome).toEqual([])
    expect(c.differences.deletions).toEqual([])
    expect(c.same).toBe(false)
  })

  it('order: objects of one kind applied together are not ordered; another group or wave is', () => {
    const steps = (names: string[]): Step[] => [group(0, 'Sync'), ...names.map(n => apply(0, `ConfigMap/${n}`, 'Sync'))]
    const same = compareRuns(summary([{ start: 0, steps: steps(['a', 'b', 'c']) }]),
      summary([{ start: 0, steps: steps(['c', 'a', 'b']) }]))
    expect(same.differences).toEqual(noDifferences)
    expect(same.timelines.every(r => r.a && r.b)).toBe(true) // aligned despite the arbitrary order

    const waves = compareRuns(
      summary([{ start: 0, steps: [group(0, 'Sync', 0), apply(0, 'ConfigMap/a', 'Sync'), group(2, 'Sync', 1),
        apply(2, 'ConfigMap/b', 'Sync', { wave: 1 })] }]),
      summary([{ start: 0, steps: [group(0, 'Sync', 0), apply(0, 'ConfigMap/a', 'Sync'), apply(0, 'ConfigMap/b', 'Sync')] }]))
    expect(waves.differences.order).toEqual([
      'The simulation started Sync wave 1; the cluster did not.',
      'The simulation applied ConfigMap/b in Sync wave 1, the cluster in Sync wave 0.'])
  })

  it('order: a group started in another order, an apply only one side made', () => {
    const c = compareRuns(
      summary([{ start: 0, steps: [group(0, 'PreSync'), group(1, 'Sync'), apply(1, 'ConfigMap/a', 'Sync'),
        apply(1, 'Secret/s', 'Sync')] }]),
      summary([{ start: 0, steps: [group(0, 'Sync'), apply(1, 'ConfigMap/a', 'Sync'), group(1, 'PreSync')] }]))
    expect(c.differences.order).toEqual([
      'The simulation started PreSync wave 0 before Sync wave 0; the cluster started it after.',
      'The simulation applied Secret/s (Sync wave 0); the cluster did not.'])
  })

  it('outcome: the operation phase, a hook phase, a resource result, created vs configured', () => {
    const a = summary([seedLabRun()])
    const b = summary([seedLabRun({ after: 'Failed' })])
    const c = compareRuns(a, b)
    expect(c.differences.outcome).toEqual([
      'operation 1: simulation Succeeded, cluster Failed: one or more synchronization tasks completed unsuccessfully',
      'operation 1: hook Job/after Succeeded in the simulation, Failed on the cluster'])
    // With the hook failing, the cluster deleted nothing (HookSucceeded).
    expect(c.differences.deletions).toEqual([
      'Job/before: deleted by HookSucceeded in the simulation, kept on the cluster',
      'Job/after: deleted by HookSucceeded in the simulation, kept on the cluster'])
    expect(c.differences.order).toEqual([])
    const row = c.timelines.find(r => r.a?.step === 'Job/after hook Succeeded')!
    expect(row.b?.step).toBe('Job/after hook Failed')

    const r = compareRuns(
      summary([{ start: 0, steps: [group(0, 'Sync'), apply(0, 'ConfigMap/a', 'Sync'), apply(0, 'Secret/s', 'Sync')],
        resources: [{ kind: 'ConfigMap', name: 'a' }, { kind: 'Secret', name: 's' }] }]),
      summary([{ start: 0, steps: [group(0, 'Sync'), apply(0, 'ConfigMap/a', 'Sync', { action: 'configured' }),
        apply(0, 'Secret/s', 'Sync', { action: 'failed', message: 'forbidden' })],
        phase: 'Failed', message: 'one or more objects failed to apply',
        resources: [{ kind: 'ConfigMap', name: 'a' }, { kind: 'Secret', name: 's', status: 'SyncFailed', message: 'forbidden' }] }]))
    expect(r.differences.outcome).toEqual([
      'operation 1: simulation Succeeded, cluster Failed: one or more objects failed to apply',
      'operation 1: Secret/s Synced in the simulation, SyncFailed (forbidden) on the cluster',
      'operation 1: ConfigMap/a was created in the simulation, configured on the cluster (the cluster had it already)'])
  })

  it('outcome: the same phase with another message; a different number of operations', () => {
    const failed = (message: string): Op => ({ start: 0, steps: [group(0, 'Sync')], phase: 'Failed', message })
    const c = compareRuns(summary([failed('one or more objects failed to apply')]),
      summary([failed('one or more synchronization tasks are not valid'), failed('x')]))
    expect(c.differences.outcome).toEqual([
      'The simulation ran 1 operation, the cluster 2 operations.',
      'operation 1: both Failed, but the simulation says "one or more objects failed to apply" and the cluster says ' +
      '"one or more synchronization tasks are not valid"'])
    expect(c.timelines.filter(r => r.op === 2).every(r => r.a === undefined && r.b)).toBe(true)
  })

  it('deletions: kept vs deleted, another reason, and what is left at the end', () => {
    const c = compareRuns(summary([seedLabRun()], ['Service/web', 'Deployment/web']),
      summary([seedLabRun({ before: 'kept' })], ['Service/web', 'Job/before']))
    expect(c.differences.deletions).toEqual([
      'Job/before: deleted by HookSucceeded in the simulation, kept on the cluster',
      // Job/before is said above; the Deployment is a difference in what is left.
      'Deployment/web: present at the end in the simulation, gone on the cluster'])
    expect(c.differences.order).toEqual([])
    expect(c.differences.outcome).toEqual([])

    const reason = compareRuns(summary([{ start: 0, steps: [group(0, 'PreSync'), del(0, 'Job/x', 'BeforeHookCreation')] }]),
      summary([{ start: 0, steps: [group(0, 'PreSync'), del(0, 'Job/x', 'HookSucceeded')] }]))
    expect(reason.differences.deletions).toEqual(['Job/x: deleted by BeforeHookCreation in the simulation, by HookSucceeded on the cluster'])
  })

  it('hooks named from generateName (R24) carry the start second: compared without it', () => {
    const named = (seconds: number): Op => ({ start: 0, steps: [group(0, 'PreSync'),
      apply(0, `Job/seed-5f3c2a9-presync-${seconds}`, 'PreSync', { hook: true }),
      hook(5000, `Job/seed-5f3c2a9-presync-${seconds}`, 'Succeeded'), del(5000, `Job/seed-5f3c2a9-presync-${seconds}`, 'HookSucceeded')],
    resources: [{ group: 'batch', kind: 'Job', name: `seed-5f3c2a9-presync-${seconds}`, hookType: 'PreSync', hookPhase: 'Succeeded' }] })
    const c = compareRuns(summary([named(1735689600)]), summary([named(1764203450)]))
    expect(c.differences).toEqual(noDifferences)
    expect(c.timelines[1]!.a!.step).toBe('Job/seed-5f3c2a9-presync-* (PreSync hook) created')
  })

  it('formatComparison: two time columns, the steps, then the verdict or the differences', () => {
    const same = formatComparison(compareRuns(summary([seedLabRun()]), summary([seedLabRun({ scale: 1.1 })])))
    expect(same).toContain('Compared with the simulation:\n')
    expect(same).toMatch(/^SIMULATION {2}CLUSTER {2}STEP$/m)
    expect(same).toMatch(/^ +operation 1$/m)
    expect(same).toMatch(/^ +21\.5s +23\.7s {2}Job\/before hook Succeeded$/m)
    expect(same.endsWith('\nNo differences in order, outcome or deletions.\n')).toBe(true)

    const differs = formatComparison(compareRuns(summary([seedLabRun()]), summary([seedLabRun({ after: 'Failed' })])))
    expect(differs).toMatch(/^ +43\.8s +43\.8s {2}Job\/after hook Succeeded \| cluster: Job\/after hook Failed$/m)
    expect(differs).toMatch(/^ +43\.8s +- {2}Job\/before deleted \(HookSucceeded\)$/m)
    expect(differs).toContain('Differences in outcome:\n  - Operation 1: simulation Succeeded, cluster Failed: ')
    expect(differs).toContain('Differences in deletions:\n  - Job/before: deleted by HookSucceeded in the simulation, kept on the cluster\n')
    expect(differs).not.toContain('No differences')
  })
})

// --- Two real runs on the simulated cluster. --------------------------------------------------------------------

async function simulate(dir: string, ...flags: string[]): Promise<RunSummary> {
  const args = parseSyncArgs([dir, '--dest-namespace', NS, ...flags])
  const { manifests, diagnostics } = parseManifests(readManifestFiles([dir]))
  expect(diagnostics.filter(d => d.severity === 'error')).toEqual([])
  const run = await runSync(args, manifests, [], { destNamespaceExists: true })
  return summarizeRun(run.events, run.operations.map(o => o.result), run.cluster)
}

function seedLabWith(from: string, to: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-compare-'))
  cpSync(SEED_LAB, dir, { recursive: true })
  const file = join(dir, 'pre-sync-job.yaml')
  const text = readFileSync(file, 'utf8')
  const changed = text.replace(from, to)
  if (changed === text) throw new Error('pre-sync-job.yaml changed; update the fixture')
  writeFileSync(file, changed)
  return dir
}

describe('compareRuns on simulated runs of the seed lab', () => {
  it('another seed changes only the timing: no differences', async () => {
    const a = await simulate(SEED_LAB, '--seed', '1')
    const b = await simulate(SEED_LAB, '--seed', 'another')
    const c = compareRuns(a, b)
    expect(c.differences).toEqual(noDifferences)
    expect(c.timelines.every(r => r.a && r.b)).toBe(true)
    expect(a.operations[0]!.deletions).toEqual({ 'Job/before': ['HookSucceeded'], 'Job/after': ['HookSucceeded'] })
  })

  it('the PreSync hook changed from HookSucceeded to HookFailed: a deletions difference, nothing else', async () => {
    const a = await simulate(SEED_LAB)
    const b = await simulate(seedLabWith('hook-delete-policy: HookSucceeded', 'hook-delete-policy: HookFailed'))
    const c = compareRuns(a, b)
    expect(c.differences.deletions).toEqual(['Job/before: deleted by HookSucceeded in the simulation, kept on the cluster'])
    expect(c.differences.order).toEqual([])
    expect(c.differences.outcome).toEqual([])
    expect(c.same).toBe(false)
    expect(c.timelines.find(r => r.a?.step === 'Job/before deleted (HookSucceeded)')?.b).toBeUndefined()
  })

  it('a failing PreSync hook: outcome and order differences (nothing after PreSync ran)', async () => {
    const a = await simulate(SEED_LAB)
    const b = await simulate(seedLabWith('command: ["sleep", "10"]', 'command: ["curl", "https://acend.ch"]'))
    const c = compareRuns(a, b)
    expect(c.differences.outcome).toEqual([
      'operation 1: simulation Succeeded, cluster Failed: one or more synchronization tasks completed unsuccessfully',
      'operation 1: hook Job/before Succeeded in the simulation, Failed on the cluster',
      'operation 1: hook Job/after Succeeded in the simulation, never ran on the cluster',
      'operation 1: Service/pre-post-sync-hook Synced in the simulation, no result on the cluster',
      'operation 1: Deployment/pre-post-sync-hook Synced in the simulation, no result on the cluster'])
    expect(c.differences.order).toEqual([
      'The simulation started Sync wave 0; the cluster did not.',
      'The simulation started PostSync wave 0; the cluster did not.',
      'The simulation applied Service/pre-post-sync-hook (Sync wave 0); the cluster did not.',
      'The simulation applied Deployment/pre-post-sync-hook (Sync wave 0); the cluster did not.',
      'The simulation applied Job/after (PostSync wave 0); the cluster did not.'])
  })
})
