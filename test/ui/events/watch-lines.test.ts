import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from '../../../src/sync/events.ts'
import { humanDuration } from '../../../src/cluster/human-duration.ts'
import { clockTime, eventLines, podWatchLines } from '../../../src/ui/events/watch-lines.ts'
import type { PodHistory } from '../../../src/ui/timeline/pod-history.ts'
import { runLab } from '../timeline/lab.ts'

const cols = (line: string): string[] => line.trim().split(/\s{2,}/)

describe('podWatchLines on the seed lab', async () => {
  const run = await runLab()
  const lines = podWatchLines(run.histories, run.now)

  it('prints the header once, then one line per change, aligned in columns', () => {
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    expect(lines.filter(l => l.startsWith('NAME'))).toHaveLength(1)
    const statusAt = lines[0]!.indexOf('STATUS')
    const ageAt = lines[0]!.indexOf('AGE')
    for (const line of lines.slice(1)) {
      expect(line[statusAt - 1]).toBe(' ')
      expect(line[statusAt]).not.toBe(' ')
      expect(line[ageAt]).toMatch(/\d/)
    }
  })

  it('shows the PreSync hook Pod going Pending → ContainerCreating → Running → Completed', () => {
    const before = lines.filter(l => l.startsWith('before-'))
    expect(before[0]).toMatch(/^before-[a-z0-9]{5}\s{3,}0\/1\s{3,}Pending\s{3,}0\s{3,}0s$/)
    expect(before.slice(0, 4).map(l => cols(l).slice(1))).toEqual([
      ['0/1', 'Pending', '0', '0s'],
      ['0/1', 'ContainerCreating', '0', '1s'],
      ['1/1', 'Running', '0', '6s'],
      ['0/1', 'Completed', '0', '16s'],
    ])
    // Lines come in time order across Pods: the PostSync Pod after the PreSync one completed.
    const firstAfter = lines.findIndex(l => l.startsWith('after-'))
    const beforeCompleted = lines.findIndex(l => l.startsWith('before-') && l.includes('Completed'))
    expect(firstAfter).toBeGreaterThan(beforeCompleted)
  })

  it('untilT cuts the lines (time travel)', () => {
    const at10 = podWatchLines(run.histories, 10_000)
    expect(at10.map(l => cols(l)[2])).toEqual(['STATUS', 'Pending', 'ContainerCreating', 'Running'])
    // Columns do not move when the cut moves.
    expect(at10[0]).toBe(lines[0])
    expect(podWatchLines(run.histories, -1)).toEqual([])
    expect(podWatchLines([], 1e9)).toEqual([])
  })

  it('adds a NAMESPACE column when the Pods span namespaces, and RESTARTS with "(… ago)"', () => {
    const h = (name: string, namespace: string, restarts = 0): PodHistory => ({
      uid: name, name, namespace, createdAt: 1500, creationTimestamp: 1000,
      transitions: [{ t: 1500, status: 'Pending', phase: 'Pending', ready: 0, containers: 1, restarts: 0, deleting: false },
        { t: 200_000, status: 'CrashLoopBackOff', phase: 'Running', ready: 0, containers: 1, restarts,
          ...(restarts ? { lastRestartAt: 190_000 } : {}), deleting: false }],
    })
    const out = podWatchLines([h('a', 'one', 3), h('b', 'two')], 1e9)
    expect(cols(out[0]!)).toEqual(['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'])
    expect(cols(out[1]!)).toEqual(['one', 'a', '0/1', 'Pending', '0', '0s'])
    expect(out.map(l => cols(l).slice(4).join('|'))).toContain('3 (10s ago)|3m19s')
  })
})

describe('humanDuration (kubectl AGE)', () => {
  it.each([
    [0, '0s'], [999, '0s'], [12_000, '12s'], [119_999, '119s'], [120_000, '2m'], [123_000, '2m3s'],
    [599_000, '9m59s'], [600_000, '10m'], [3 * 3600_000 + 5 * 60_000, '3h5m'], [10 * 3600_000, '10h'],
    [50 * 3600_000, '2d2h'], [-500, '0s'], [-5000, '<invalid>'],
  ])('%i ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text)
  })
})

describe('eventLines on the seed lab', async () => {
  const run = await runLab()
  const lines = eventLines(run.events, run.now)
  const end = clockTime(run.ends[0]!)

  it('prints a readable line per event, with mm:ss of virtual time', () => {
    expect(lines).toHaveLength(run.events.length)
    expect(lines).toContain('00:00  PreSync · wave 0 starts')
    expect(lines).toContain('00:00  apply  batch/Job before  created (hook PreSync)')
    expect(lines).toContain('00:21  Sync · wave 0 starts')
    expect(lines).toContain('00:21  apply  apps/Deployment pre-post-sync-hook  created')
    expect(lines).toContain('00:21  apply  Service pre-post-sync-hook  created')
    expect(lines).toContain(`${end}  hook  batch/Job after  Succeeded`)
    expect(lines).toContain(`${end}  delete  batch/Job after  (HookSucceeded)`)
    expect(lines).toContain(`${end}  gone  batch/Job after`)
    expect(lines).toContain(`${end}  operation 1  Succeeded: successfully synced (no more tasks)`)
    expect(lines.some(l => /^00:00  created  Pod before-[a-z0-9]{5}  \(owner Job\/before\)$/.test(l))).toBe(true)
    expect(lines.indexOf('00:00  PreSync · wave 0 starts')).toBeLessThan(lines.indexOf('00:21  Sync · wave 0 starts'))
  })

  it('untilT cuts the log', () => {
    const at10 = eventLines(run.events, 10_000)
    expect(at10.every(l => l.startsWith('00:0'))).toBe(true)
    expect(at10.some(l => l.includes('Sync · wave 0 starts') && !l.includes('PreSync'))).toBe(false)
    expect(lines.slice(0, at10.length)).toEqual(at10)
  })

  it('formats every kind of event', () => {
    const events: RecordedEvent[] = [
      { type: 'apply', kind: 'ConfigMap', namespace: 'x', name: 'c', syncPhase: 'Sync', wave: 2, hook: false,
        action: 'failed', message: 'boom', t: 3_725_000, op: 2 },
      { type: 'apply', kind: 'ConfigMap', namespace: 'x', name: 'c', syncPhase: 'Sync', wave: 2, hook: false,
        action: 'configured', dryRun: true, t: 1000, op: 2 },
      { type: 'app', status: 'Deleting', message: "application 'app' is being deleted", t: 61_000, op: 2 },
      { type: 'autosync', action: 'skipped', message: 'already attempted', t: 0, op: 1 },
      { type: 'delete', kind: 'Deployment', namespace: 'x', name: 'old', reason: 'Prune', t: 0, op: 1 },
      { type: 'operation', phase: 'Terminating', t: 0, op: 1 },
    ]
    expect(eventLines(events, Infinity)).toEqual([
      '1:02:05  apply  ConfigMap c  failed: boom',
      '00:01  apply  ConfigMap c  configured (dry run)',
      "01:01  application  Deleting: application 'app' is being deleted",
      '00:00  auto-sync  skipped: already attempted',
      '00:00  delete  apps/Deployment old  (Prune)',
      '00:00  operation 1  Terminating',
    ])
  })
})
