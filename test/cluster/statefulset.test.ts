import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { Pod, StatefulSet } from '../../src/cluster/objects.ts'
import { cluster, podNames, runUntil, statefulSet } from './helpers.ts'

const ref = { kind: 'StatefulSet', namespace: 'default', name: 'db' }
const sts = (c: ReturnType<typeof cluster>) => c.get(ref) as StatefulSet
const pod = (c: ReturnType<typeof cluster>, name: string) => c.get({ kind: 'Pod', namespace: 'default', name }) as Pod | undefined
const ready = (p: Pod | undefined) => p?.status?.conditions?.some(x => x.type === 'Ready' && x.status === 'True') ?? false

describe('StatefulSet controller', () => {
  it('R93 OrderedReady: Pods <name>-0.. created one at a time, each after its predecessor is Running and Ready', () => {
    const c = cluster()
    const log = c.record()
    c.apply(statefulSet('db', { replicas: 3 }))
    runUntil(c, () => pod(c, 'db-0') !== undefined)
    expect(pod(c, 'db-1')).toBeUndefined()
    runUntil(c, () => pod(c, 'db-1') !== undefined)
    expect(ready(pod(c, 'db-0'))).toBe(true)
    expect(pod(c, 'db-2')).toBeUndefined()
    c.runUntilIdle()
    expect(podNames(c, 'StatefulSet', 'db')).toEqual(['db-0', 'db-1', 'db-2'])
    const added = log.filter(e => e.type === 'ADDED' && e.kind === 'Pod').map(e => e.name)
    expect(added).toEqual(['db-0', 'db-1', 'db-2'])
    const p1 = pod(c, 'db-1')!
    expect(p1.metadata.labels).toMatchObject({ 'statefulset.kubernetes.io/pod-name': 'db-1', 'apps.kubernetes.io/pod-index': '1' })
    expect(p1.spec).toMatchObject({ hostname: 'db-1', subdomain: 'db' })
  })

  it('R93 OrderedReady waits for minReadySeconds (available, R91) before the next Pod', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 2, minReadySeconds: 20 }))
    const readyAt = runUntil(c, () => ready(pod(c, 'db-0')))
    const nextAt = runUntil(c, () => pod(c, 'db-1') !== undefined)
    expect(nextAt - readyAt).toBeGreaterThanOrEqual(19_000)
  })

  it('R93 Parallel: all Pods are created at once', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 3, podManagementPolicy: 'Parallel' }))
    c.advance(0)
    expect(podNames(c, 'StatefulSet', 'db')).toEqual(['db-0', 'db-1', 'db-2'])
  })

  it('R93 scale down removes the highest ordinal first, each gone before the next', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 3 }))
    c.runUntilIdle()
    const log = c.record()
    c.apply(statefulSet('db', { replicas: 1 }))
    runUntil(c, () => pod(c, 'db-2')?.metadata.deletionTimestamp !== undefined)
    expect(pod(c, 'db-1')?.metadata.deletionTimestamp).toBeUndefined()
    c.runUntilIdle()
    expect(podNames(c, 'StatefulSet', 'db')).toEqual(['db-0'])
    const gone = log.filter(e => e.type === 'DELETED' && e.kind === 'Pod').map(e => e.name)
    expect(gone).toEqual(['db-2', 'db-1'])
    const deleting = log.filter(e => e.kind === 'Pod' && e.type === 'MODIFIED' && e.name === 'db-1')
    const db2Gone = log.find(e => e.type === 'DELETED' && e.name === 'db-2')!
    expect(deleting[0]!.t).toBeGreaterThanOrEqual(db2Gone.t)
    expect(sts(c).status).toMatchObject({ replicas: 1, readyReplicas: 1 })
  })

  it('R93 a Failed Pod is deleted and re-created under the same name', () => {
    const c = cluster()
    // restartPolicy Always never lets a Pod fail by itself (evictions do): fail it by hand.
    c.apply(statefulSet('db', { replicas: 1 }))
    c.runUntilIdle()
    const before = pod(c, 'db-0')!
    c.store.updateStatus({ kind: 'Pod', namespace: 'default', name: 'db-0' }, { ...before.status, phase: 'Failed' })
    runUntil(c, () => pod(c, 'db-0') !== undefined && pod(c, 'db-0')!.metadata.uid !== before.metadata.uid)
    expect(c.events.about(ref).map(e => e.reason)).toContain('RecreatingFailedPod')
  })

  it('R94 status at creation: currentRevision = updateRevision, counts as the Pods become ready; R95 Healthy', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 2 }))
    expect(getHealth(sts(c))).toEqual({ status: 'Progressing', message: 'Waiting for statefulset spec update to be observed...' })
    c.advance(0)
    expect(getHealth(sts(c))).toEqual({ status: 'Progressing', message: 'Waiting for 2 pods to be ready...' })
    c.runUntilIdle()
    const s = sts(c).status!
    expect(s).toMatchObject({ observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2,
      currentReplicas: 2, updatedReplicas: 2 })
    expect(s.currentRevision).toMatch(/^db-[a-z0-9]+$/)
    expect(s.updateRevision).toBe(s.currentRevision)
    expect(pod(c, 'db-0')!.metadata.labels!['controller-revision-hash']).toBe(s.updateRevision)
    // R95: the defaulted updateStrategy has rollingUpdate.partition 0, so GE reads it as a partitioned rollout.
    expect(getHealth(sts(c))).toEqual({ status: 'Healthy', message: 'partitioned roll out complete: 2 new pods have been updated...' })
  })

  it('R94 rolling update: Pods replaced from the highest ordinal down, one at a time, then currentRevision moves', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 3, image: 'nginx:1.27' }))
    c.runUntilIdle()
    const oldRevision = sts(c).status!.currentRevision
    const log = c.record()
    c.apply(statefulSet('db', { replicas: 3, image: 'nginx:1.28' }))
    c.advance(0)
    const mid = sts(c).status!
    expect(mid.updateRevision).not.toBe(oldRevision)
    expect(mid.currentRevision).toBe(oldRevision)
    expect(getHealth(sts(c))?.status).toBe('Progressing')
    c.runUntilIdle()
    const deletions = log.filter(e => e.type === 'DELETED' && e.kind === 'Pod').map(e => e.name)
    expect(deletions).toEqual(['db-2', 'db-1', 'db-0'])
    // One at a time: db-1 goes only after the new db-2 was created.
    const recreated2 = log.find(e => e.type === 'ADDED' && e.name === 'db-2')!
    const gone1 = log.find(e => e.type === 'DELETED' && e.name === 'db-1')!
    expect(gone1.t).toBeGreaterThan(recreated2.t)
    const s = sts(c).status!
    expect(s.currentRevision).toBe(s.updateRevision)
    expect(s).toMatchObject({ currentReplicas: 3, updatedReplicas: 3, readyReplicas: 3 })
    for (const n of ['db-0', 'db-1', 'db-2']) expect(pod(c, n)!.spec.containers[0]!.image).toBe('nginx:1.28')
    expect(getHealth(sts(c))?.status).toBe('Healthy')
  })

  it('R94 partition: only ordinals >= partition are updated; R95 Healthy once replicas - partition are updated', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 3, image: 'nginx:1.27', partition: 2 }))
    c.runUntilIdle()
    c.apply(statefulSet('db', { replicas: 3, image: 'nginx:1.28', partition: 2 }))
    c.advance(0)
    expect(getHealth(sts(c))).toEqual({ status: 'Progressing',
      message: 'Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...' })
    c.runUntilIdle()
    expect(['db-0', 'db-1', 'db-2'].map(n => pod(c, n)!.spec.containers[0]!.image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.28'])
    const s = sts(c).status!
    expect(s).toMatchObject({ updatedReplicas: 1, currentReplicas: 2 })
    expect(s.currentRevision).not.toBe(s.updateRevision)
    expect(getHealth(sts(c))).toEqual({ status: 'Healthy', message: 'partitioned roll out complete: 1 new pods have been updated...' })
    // R94: a Pod below the partition that is deleted comes back at the current (old) revision.
    c.delete({ kind: 'Pod', namespace: 'default', name: 'db-0' })
    c.runUntilIdle()
    expect(pod(c, 'db-0')!.spec.containers[0]!.image).toBe('nginx:1.27')
  })

  it('R94 OnDelete: a new template reaches only Pods deleted by hand; R95 Healthy "statefulset has n ready pods"', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 2, image: 'nginx:1.27', updateStrategy: 'OnDelete' }))
    c.runUntilIdle()
    c.apply(statefulSet('db', { replicas: 2, image: 'nginx:1.28', updateStrategy: 'OnDelete' }))
    c.runUntilIdle()
    expect(pod(c, 'db-1')!.spec.containers[0]!.image).toBe('nginx:1.27')
    expect(getHealth(sts(c))).toEqual({ status: 'Healthy', message: 'statefulset has 2 ready pods' })
    c.delete({ kind: 'Pod', namespace: 'default', name: 'db-1' })
    c.runUntilIdle()
    expect(pod(c, 'db-1')!.spec.containers[0]!.image).toBe('nginx:1.28')
    expect(sts(c).status).toMatchObject({ updatedReplicas: 1, currentReplicas: 1 })
    // Only a RollingUpdate moves currentRevision on (completeRollingUpdate).
    expect(sts(c).status!.currentRevision).not.toBe(sts(c).status!.updateRevision)
  })

  it('R93 a Pod that never becomes ready holds the next ordinal back; R95 Progressing', () => {
    const c = cluster()
    c.apply(statefulSet('db', { replicas: 2, image: 'nope.example.com/missing:1' })) // ImagePullBackOff
    c.advance(120_000)
    expect(podNames(c, 'StatefulSet', 'db')).toEqual(['db-0'])
    expect(getHealth(sts(c))).toEqual({ status: 'Progressing', message: 'Waiting for 2 pods to be ready...' })
  })
})
