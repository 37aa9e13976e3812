import { describe, expect, it } from 'vitest'
import { FakeCluster } from '../../../src/cluster/fake-cluster.ts'
import type { KubeObject, Pod } from '../../../src/cluster/objects.ts'
import { kubectlPodRow } from '../../../src/cluster/print-pod.ts'
import { recordPodHistory } from '../../../src/ui/timeline/pod-history.ts'
import { runLab } from './lab.ts'

function pod(name: string, spec: Partial<Pod['spec']> & { image?: string; command?: string[] } = {}): KubeObject {
  const { image = 'busybox', command = ['sleep', '5'], ...rest } = spec
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { restartPolicy: 'Never', containers: [{ name: 'main', image, command }], ...rest } }
}

describe('recordPodHistory', () => {
  it('records the seed lab hook Pods as kubectl shows them, with times, until they are gone', async () => {
    const run = await runLab()
    const before = run.histories.find(h => h.owner === 'Job/before')!
    expect(before.name).toMatch(/^before-[a-z0-9]{5}$/)
    expect(before.namespace).toBe('default')
    expect(before.transitions.map(t => t.status)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed',
      'Completed'])
    expect(before.transitions.map(t => `${t.ready}/${t.containers}`)).toEqual(['0/1', '0/1', '1/1', '0/1', '0/1'])
    expect(before.transitions.at(-1)!.deleting).toBe(true)
    const times = before.transitions.map(t => t.t)
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(before.createdAt).toBe(0)
    expect(before.deletingAt).toBe(run.ends[0])
    expect(before.goneAt).toBe(run.ends[0])
    const web = run.histories.find(h => h.owner?.startsWith('ReplicaSet/'))!
    expect(web.transitions.at(-1)!.status).toBe('Running')
    expect(web.goneAt).toBeUndefined()
  })

  it('takes the Pods already there, stops on dispose, and hands out stable snapshots', () => {
    const cluster = new FakeCluster({ seed: 'ph' })
    cluster.apply(pod('early'))
    cluster.advance(500)
    const rec = recordPodHistory(cluster)
    const first = rec.histories()
    expect(first.map(h => [h.name, h.createdAt, h.transitions.map(t => t.status)])).toEqual([['early', 500, ['Pending']]])
    expect(rec.histories()).toBe(first)
    cluster.runUntilIdle()
    const later = rec.histories()
    expect(later).not.toBe(first)
    expect(first[0]!.transitions).toHaveLength(1)
    expect(later[0]!.transitions.map(t => t.status)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed'])
    rec.dispose()
    cluster.apply(pod('late'))
    cluster.runUntilIdle()
    expect(rec.histories().map(h => h.name)).toEqual(['early'])
  })

  it('shows image pull failures, crash loops with restarts, and Terminating', () => {
    const cluster = new FakeCluster({ seed: 'ph2' })
    const rec = recordPodHistory(cluster)
    cluster.apply(pod('noimage', { image: 'example.invalid/nope:1' }))
    cluster.apply(pod('crash', { restartPolicy: 'Always', command: ['sh', '-c', 'exit 1'] }))
    cluster.apply(pod('web', { restartPolicy: 'Always', image: 'nginx', command: ['sleep', '3600'] }))
    cluster.advance(40_000)
    cluster.delete({ kind: 'Pod', namespace: 'default', name: 'web' })
    cluster.advance(60_000)
    const byName = new Map(rec.histories().map(h => [h.name, h]))
    const statuses = (name: string) => byName.get(name)!.transitions.map(t => t.status)
    expect(statuses('noimage').slice(0, 4)).toEqual(['Pending', 'ContainerCreating', 'ErrImagePull', 'ImagePullBackOff'])
    expect(statuses('crash')).toContain('CrashLoopBackOff')
    expect(statuses('crash')).toContain('Error')
    const crash = byName.get('crash')!.transitions
    expect(crash.at(-1)!.restarts).toBeGreaterThan(0)
    expect(crash.at(-1)!.lastRestartAt).toBeLessThanOrEqual(crash.at(-1)!.t)
    expect(statuses('web')).toEqual(['Pending', 'ContainerCreating', 'Running', 'Terminating', 'Error'])
    expect(byName.get('web')!.goneAt).toBeDefined()
  })
})

describe('kubectlPodRow', () => {
  const base = (status: Pod['status'], extra: Partial<Pod['metadata']> = {}): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', ...extra },
    spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', image: 'y' }] }, ...(status ? { status } : {}),
  })

  it('Pending without status, READY counts ready running containers', () => {
    expect(kubectlPodRow(base(undefined))).toMatchObject({ status: 'Pending', ready: 0, containers: 2, restarts: 0 })
    const running = base({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False' }], containerStatuses: [
      { name: 'a', image: 'x', ready: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:01Z' } } },
      { name: 'b', image: 'y', ready: false, restartCount: 2, state: { running: { startedAt: '2025-01-01T00:00:01Z' } },
        lastState: { terminated: { exitCode: 1, finishedAt: '2025-01-01T00:00:09Z' } } },
    ] })
    expect(kubectlPodRow(running)).toMatchObject({ status: 'Running', ready: 1, restarts: 2, lastRestartAt: 9000 })
  })

  it('a completed container next to a running one reads NotReady, or Running once the Pod is Ready', () => {
    const statuses = [
      { name: 'a', image: 'x', ready: true, restartCount: 0, state: { running: { startedAt: '2025-01-01T00:00:01Z' } } },
      { name: 'b', image: 'y', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ]
    expect(kubectlPodRow(base({ phase: 'Running', containerStatuses: statuses })).status).toBe('NotReady')
    expect(kubectlPodRow(base({ phase: 'Running', containerStatuses: statuses,
      conditions: [{ type: 'Ready', status: 'True' }] })).status).toBe('Running')
  })

  it('Terminating only while the phase is not terminal; ExitCode:N without a reason', () => {
    const deleting = { deletionTimestamp: '2025-01-01T00:00:05Z' }
    expect(kubectlPodRow(base({ phase: 'Running' }, deleting))).toMatchObject({ status: 'Terminating', deleting: true })
    expect(kubectlPodRow(base({ phase: 'Succeeded', containerStatuses: [
      { name: 'a', image: 'x', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
    ] }, deleting)).status).toBe('Completed')
    expect(kubectlPodRow(base({ phase: 'Failed', containerStatuses: [
      { name: 'a', image: 'x', ready: false, restartCount: 0, state: { terminated: { exitCode: 3 } } },
    ] })).status).toBe('ExitCode:3')
  })
})
