import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { KubeObject, Pod } from '../../src/cluster/objects.ts'
import { cluster, conditionTypes, deployment, getJob, job, podsOf, runUntil, statefulSet } from './helpers.ts'

const get = (c: ReturnType<typeof cluster>, name: string) => c.get({ kind: 'Pod', namespace: 'default', name }) as Pod

describe('Pod activeDeadlineSeconds (R86)', () => {
  it('R86 past the deadline (from startTime) the Pod fails with DeadlineExceeded, its containers stopped; GE Degraded', () => {
    const c = cluster()
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { activeDeadlineSeconds: 20, containers: [{ name: 'web', image: 'nginx' }] } })
    const startedAt = runUntil(c, () => get(c, 'p').status?.startTime !== undefined)
    const failedAt = runUntil(c, () => get(c, 'p').status?.phase === 'Failed')
    expect(failedAt - startedAt).toBe(20_000)
    const p = get(c, 'p')
    expect(p.status).toMatchObject({ reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' })
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'Pod was active on the node longer than the specified deadline' })
    c.runUntilIdle()
    expect(get(c, 'p').status?.containerStatuses?.[0]?.state.terminated).toBeDefined()
    expect(get(c, 'p').status?.phase).toBe('Failed')
  })

  it('R86 the deadline counts init containers too: a slow init container runs into it, the app never starts', () => {
    const c = cluster()
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { activeDeadlineSeconds: 10, restartPolicy: 'Never',
        initContainers: [{ name: 'wait', image: 'busybox', command: ['sleep', '60'] }],
        containers: [{ name: 'main', image: 'busybox', command: ['true'] }] } })
    c.runUntilIdle()
    const p = get(c, 'p')
    expect(p.status?.reason).toBe('DeadlineExceeded')
    expect(p.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing')
  })

  it('R86 R67 in a Job a Pod past its own deadline is one failed Pod: the Job makes another, then fails past backoffLimit', () => {
    const c = cluster()
    const j = job('slow', { command: ['sleep', '60'], backoffLimit: 1 }) as KubeObject & { spec: { template: { spec: Record<string, unknown> } } }
    j.spec.template.spec['activeDeadlineSeconds'] = 5
    c.apply(j)
    runUntil(c, () => conditionTypes(getJob(c, 'slow')).includes('Failed:BackoffLimitExceeded'))
    expect(podsOf(c, 'slow').map(p => p.status?.reason)).toEqual(['DeadlineExceeded', 'DeadlineExceeded'])
  })

  it('R86 activeDeadlineSeconds is rejected in Deployment and StatefulSet templates', () => {
    const c = cluster()
    const d = deployment('web') as KubeObject & { spec: { template: { spec: Record<string, unknown> } } }
    d.spec.template.spec['activeDeadlineSeconds'] = 30
    expect(() => c.apply(d)).toThrow('spec.template.spec.activeDeadlineSeconds: Invalid value: 30: activeDeadlineSeconds in ReplicaSet is not Supported')
    const s = statefulSet('db') as KubeObject & { spec: { template: { spec: Record<string, unknown> } } }
    s.spec.template.spec['activeDeadlineSeconds'] = 30
    expect(() => c.apply(s)).toThrow('spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported')
  })
})
