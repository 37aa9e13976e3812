import { describe, expect, it } from 'vitest'
import { buildTimeline, describeTimeline, formatSeconds, type Lane, type PodBar, type Timeline } from '../../../src/ui/timeline/model.ts'
import { hookJob } from '../../app/helpers.ts'
import { labManifests, runLab } from './lab.ts'

const lane = (tl: Timeline, label: string): Lane => {
  const found = tl.lanes.find(l => l.label === label)
  if (!found) throw new Error(`no lane ${label} in ${tl.lanes.map(l => l.label).join(', ')}`)
  return found
}

/** Segments contiguous, in order, inside the bar; bars of a row do not overlap. */
function expectWellFormed(pods: PodBar[]): void {
  for (const pod of pods) {
    expect(pod.segments.length).toBeGreaterThan(0)
    expect(pod.segments[0]!.from).toBe(pod.from)
    expect(pod.segments.at(-1)!.to).toBe(pod.to)
    for (const [i, s] of pod.segments.entries()) {
      expect(s.to).toBeGreaterThanOrEqual(s.from)
      if (i > 0) {
        expect(s.from).toBe(pod.segments[i - 1]!.to)
        expect(s.state).not.toBe(pod.segments[i - 1]!.state)
      }
      expect(s.open).toBe(i === pod.segments.length - 1 && pod.open)
    }
  }
  const rows = new Map<number, PodBar[]>()
  for (const pod of pods) rows.set(pod.row, [...(rows.get(pod.row) ?? []), pod])
  for (const bars of rows.values()) {
    const sorted = [...bars].sort((a, b) => a.from - b.from)
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from).toBeGreaterThanOrEqual(sorted[i - 1]!.to)
  }
}

describe('buildTimeline on the seed lab (pre-post-sync-hook)', async () => {
  const run = await runLab()
  const tl = buildTimeline(run.events, run.histories, run.now)
  const opEnd = run.ends[0]!

  it('has a lane per resource of the app, in sync order, with hook types', () => {
    expect(tl.lanes.map(l => l.label)).toEqual(['Job/before', 'Service/pre-post-sync-hook',
      'Deployment/pre-post-sync-hook', 'Job/after'])
    expect(lane(tl, 'Job/before').hookTypes).toEqual(['PreSync'])
    expect(lane(tl, 'Job/after').hookTypes).toEqual(['PostSync'])
    expect(lane(tl, 'Deployment/pre-post-sync-hook').hookTypes).toEqual([])
    expect(lane(tl, 'Job/before').group).toBe('batch')
    expect(lane(tl, 'Service/pre-post-sync-hook').health).toBe('Healthy')
    // ReplicaSets and Pods are not lanes of their own.
    expect(tl.lanes.some(l => l.kind === 'ReplicaSet' || l.kind === 'Pod')).toBe(false)
    expect(tl.end).toBe(run.now)
    expect(tl.start).toBe(0)
  })

  it('draws PreSync, Sync and PostSync bands one after the other, the last ending with the operation', () => {
    expect(tl.bands.map(b => b.label)).toEqual(['PreSync · wave 0', 'Sync · wave 0', 'PostSync · wave 0'])
    const [pre, sync, post] = tl.bands as [typeof tl.bands[0], typeof tl.bands[0], typeof tl.bands[0]]
    expect(pre.from).toBeLessThan(sync.from)
    expect(pre.to).toBe(sync.from)
    expect(sync.to).toBe(post.from)
    expect(post.to).toBe(opEnd)
    expect(tl.bands.every(b => !b.open)).toBe(true)
  })

  it('marks the operation start and end with its phase', () => {
    expect(tl.operations).toEqual([expect.objectContaining({ op: 1, from: 0, to: opEnd, open: false, phase: 'Succeeded' })])
    const ops = tl.markers.filter(m => m.type === 'operation')
    expect(ops.map(m => m.type === 'operation' && [m.edge, m.t, m.phase])).toEqual([
      ['start', 0, 'Running'], ['end', opEnd, 'Succeeded']])
  })

  it('marks where the hooks were deleted by their policy and where they disappeared', () => {
    for (const label of ['Job/before', 'Job/after']) {
      const l = lane(tl, label)
      const del = l.markers.find(m => m.type === 'delete')
      expect(del).toMatchObject({ type: 'delete', reason: 'HookSucceeded', label: 'HookSucceeded', t: opEnd })
      expect(l.markers.find(m => m.type === 'gone')?.t).toBe(opEnd)
      expect(l.presence).toEqual([{ from: expect.any(Number), to: opEnd, open: false }])
      expect(l.markers.find(m => m.type === 'hook')).toMatchObject({ hookPhase: 'Succeeded' })
      expect(l.health).toBeUndefined()
    }
    expect(lane(tl, 'Job/after').presence[0]!.from).toBe(tl.bands[2]!.from)
    expect(lane(tl, 'Deployment/pre-post-sync-hook').presence).toEqual([{ from: tl.bands[1]!.from, to: run.now, open: true }])
  })

  it('has apply markers in their phase and wave', () => {
    const apply = lane(tl, 'Job/after').markers.find(m => m.type === 'apply')
    expect(apply).toMatchObject({ action: 'created', syncPhase: 'PostSync', wave: 0, hook: true, t: tl.bands[2]!.from })
    expect(lane(tl, 'Service/pre-post-sync-hook').markers.find(m => m.type === 'apply'))
      .toMatchObject({ action: 'created', syncPhase: 'Sync', hook: false })
  })

  it('puts each hook Pod in its Job lane: pending, running, then succeeded until deleted', () => {
    for (const label of ['Job/before', 'Job/after']) {
      const l = lane(tl, label)
      expect(l.pods).toHaveLength(1)
      const pod = l.pods[0]!
      expect(pod.name).toMatch(new RegExp(`^${l.name}-[a-z0-9]{5}$`))
      expect(pod.segments.map(s => s.state)).toEqual(['pending', 'running', 'succeeded'])
      expect(pod.segments[0]!.statuses).toEqual(['Pending', 'ContainerCreating'])
      expect(pod.segments.map(s => s.label)).toEqual(['◌ ContainerCreating', '… Running', '✓ Completed'])
      // sleep 10: ten seconds running.
      expect(pod.segments[1]!.to - pod.segments[1]!.from).toBe(10_000)
      expect(pod.to).toBe(opEnd)
      expect(pod.open).toBe(false)
      expectWellFormed(l.pods)
    }
    // The PreSync pod succeeded before the Sync phase started.
    expect(lane(tl, 'Job/before').pods[0]!.segments[2]!.from).toBeLessThanOrEqual(tl.bands[1]!.from)
  })

  it('puts Deployment Pods (via their ReplicaSet) in the Deployment lane', () => {
    const pods = lane(tl, 'Deployment/pre-post-sync-hook').pods
    expect(pods).toHaveLength(1)
    expect(pods[0]!.owner).toMatch(/^ReplicaSet\/pre-post-sync-hook-/)
    expect(pods[0]!.segments.map(s => s.state)).toEqual(['pending', 'running'])
    expect(pods[0]!.open).toBe(true)
    expectWellFormed(pods)
    expect(lane(tl, 'Service/pre-post-sync-hook').pods).toEqual([])
  })

  it('summarises itself for screen readers', () => {
    const text = describeTimeline(tl)
    expect(text).toContain('PreSync · wave 0 from 0s to')
    expect(text).toContain('Job/after: PostSync hook')
    expect(text).toContain(`deleted (HookSucceeded) at ${formatSeconds(opEnd)}`)
    expect(text).toContain('Operation 1 Succeeded')
  })

  describe('untilT cuts the timeline (time travel)', () => {
    it('at 10 s: only the PreSync hook, its band open, its Pod running', () => {
      const past = buildTimeline(run.events, run.histories, 10_000)
      expect(past.end).toBe(10_000)
      expect(past.lanes.map(l => l.label)).toEqual(['Job/before'])
      expect(past.bands).toEqual([expect.objectContaining({ label: 'PreSync · wave 0', to: 10_000, open: true })])
      expect(past.operations[0]).toMatchObject({ open: true, phase: 'Running', to: 10_000 })
      expect(past.markers.filter(m => m.type === 'operation' && m.edge === 'end')).toEqual([])
      const before = past.lanes[0]!
      expect(before.presence).toEqual([{ from: 0, to: 10_000, open: true }])
      expect(before.markers.some(m => m.type === 'delete' || m.type === 'hook')).toBe(false)
      const pod = before.pods[0]!
      expect(pod.segments.map(s => s.state)).toEqual(['pending', 'running'])
      expect(pod.segments.at(-1)).toMatchObject({ to: 10_000, open: true })
      expectWellFormed(before.pods)
    })

    it('just after the Sync phase starts: the PreSync band is closed, no PostSync yet', () => {
      const syncStart = tl.bands[1]!.from
      const past = buildTimeline(run.events, run.histories, syncStart)
      expect(past.bands.map(b => [b.label, b.open])).toEqual([['PreSync · wave 0', false], ['Sync · wave 0', true]])
      expect(past.lanes.some(l => l.label === 'Job/after')).toBe(false)
      expect(past.lanes.some(l => l.label === 'Deployment/pre-post-sync-hook')).toBe(true)
    })

    it('before anything happened: empty', () => {
      const past = buildTimeline(run.events, run.histories, -1)
      expect(past.lanes).toEqual([])
      expect(past.bands).toEqual([])
      expect(past.operations).toEqual([])
    })

    it('is a prefix of the full timeline: cutting later never changes what was already there', () => {
      const at = 30_000
      const past = buildTimeline(run.events, run.histories, at)
      for (const l of past.lanes) {
        const full = lane(tl, l.label)
        expect(l.markers).toEqual(full.markers.filter(m => m.t <= at))
        expect(l.pods.map(p => p.name)).toEqual(full.pods.filter(p => p.from <= at).map(p => p.name))
      }
    })
  })
})

describe('buildTimeline, other runs', () => {
  it('a second sync re-creates the hooks: two presence spans, a band set per operation', async () => {
    const run = await runLab({ syncs: 2 })
    const tl = buildTimeline(run.events, run.histories, run.now)
    expect(tl.operations.map(o => [o.op, o.phase])).toEqual([[1, 'Succeeded'], [2, 'Succeeded']])
    expect(tl.bands.map(b => `${b.op} ${b.label}`)).toEqual(['1 PreSync · wave 0', '1 Sync · wave 0',
      '1 PostSync · wave 0', '2 PreSync · wave 0', '2 Sync · wave 0', '2 PostSync · wave 0'])
    expect(tl.bands[2]!.to).toBe(run.ends[0])
    const before = lane(tl, 'Job/before')
    expect(before.presence).toHaveLength(2)
    expect(before.pods).toHaveLength(2)
    expect(before.podRows).toBe(1)
    expectWellFormed(before.pods)
    expect(before.markers.filter(m => m.type === 'delete').map(m => m.t)).toEqual(run.ends)
    // The Deployment and Service were there already: configured or unchanged the second time.
    const applies = lane(tl, 'Service/pre-post-sync-hook').markers.filter(m => m.type === 'apply')
    expect(applies).toHaveLength(2)
    expect(applies[1]!.type === 'apply' && applies[1]!.action).not.toBe('created')
  })

  it('a failing PreSync hook: the Pod bar ends failed, the hook Failed, the operation Failed', async () => {
    const manifests = [hookJob('migrate', 'PreSync', { fail: true, policy: 'HookFailed' }), ...labManifests()
      .filter(m => m.kind !== 'Job')]
    const run = await runLab({ manifests, settleMs: 2000 })
    const tl = buildTimeline(run.events, run.histories, run.now)
    const migrate = lane(tl, 'Job/migrate')
    expect(migrate.pods).toHaveLength(1)
    expect(migrate.pods[0]!.segments.at(-1)).toMatchObject({ state: 'failed', status: 'Error', label: '✗ Error' })
    expectWellFormed(migrate.pods)
    expect(migrate.markers.find(m => m.type === 'hook' && m.hookPhase !== 'Running')).toMatchObject({ hookPhase: 'Failed' })
    expect(migrate.markers.find(m => m.type === 'delete')).toMatchObject({ reason: 'HookFailed' })
    expect(tl.operations[0]!.phase).toBe('Failed')
    expect(tl.bands.map(b => b.syncPhase)).toEqual(['PreSync'])
    expect(tl.lanes.some(l => l.kind === 'Deployment')).toBe(false)
  })
})
