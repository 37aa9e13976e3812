import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../../src/cluster/objects.ts'
import { cluster, deployment, runUntil } from './helpers.ts'

const ref = { kind: 'Deployment', namespace: 'default', name: 'web' }

describe('Deployment controller', () => {
  it('Deployment → ReplicaSet <name>-<hash> → Pods <rs>-<5 chars>, Healthy once the Pods are ready (R31)', () => {
    const c = cluster()
    c.apply(deployment('web', 'quay.io/acend/example-web-go', 2))
    expect(getHealth(c.get(ref)!)?.status).toBe('Progressing')
    c.runUntilIdle()
    const [rs] = c.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rs?.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{10}$/)
    const pods = c.list('Pod', 'default') as Pod[]
    expect(pods).toHaveLength(2)
    for (const p of pods) expect(p.metadata.name).toMatch(new RegExp(`^${rs!.metadata.name}-[a-z0-9]{5}$`))
    const dep = c.get(ref) as Deployment
    expect(dep.status).toMatchObject({ replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 })
    expect(getHealth(dep)?.status).toBe('Healthy')
  })

  it('scaling down removes the newest Pods first; ties go by name, compared as bytes (the same on every machine)', () => {
    const c = cluster()
    c.apply(deployment('web', 'nginx:1.27', 2))
    c.runUntilIdle()
    const first = (c.list('Pod', 'default') as Pod[]).map(p => p.metadata.name!)
    c.advance(5_000)
    c.apply(deployment('web', 'nginx:1.27', 4))
    c.runUntilIdle()
    const created = new Map((c.list('Pod', 'default') as Pod[]).map(p => [p.metadata.name!, p.metadata.creationTimestamp!]))
    expect(created.size).toBe(4)
    expect(new Set(first.map(n => created.get(n))).size).toBe(1) // the first two share their creation second
    c.apply(deployment('web', 'nginx:1.27', 1))
    c.runUntilIdle()
    const left = (c.list('Pod', 'default') as Pod[]).map(p => p.metadata.name!)
    // Both newer Pods go; of the first two, the greater name goes.
    expect(left).toEqual([[...first].sort()[0]])
  })

  it('a new template rolls out to a new ReplicaSet and scales the old one to zero', () => {
    const c = cluster()
    c.apply(deployment('web', 'nginx:1.27', 1))
    c.runUntilIdle()
    c.apply(deployment('web', 'nginx:1.28', 1))
    expect(getHealth(c.get(ref)!)?.status).toBe('Progressing')
    c.runUntilIdle()
    const rss = c.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rss).toHaveLength(2)
    expect(rss.map(r => r.spec.replicas).sort()).toEqual([0, 1])
    const pods = c.list('Pod', 'default') as Pod[]
    expect(pods).toHaveLength(1)
    expect(pods[0]?.spec.containers[0]?.image).toBe('nginx:1.28')
    const dep = c.get(ref) as Deployment
    expect(dep.metadata.generation).toBe(2)
    expect(getHealth(dep)?.status).toBe('Healthy')
  })

  it('R31 a Deployment whose image cannot be pulled ends Degraded with ProgressDeadlineExceeded', () => {
    const c = cluster()
    const d = deployment('web', 'nope.example.com/missing:1', 1) as KubeObject & { spec: { progressDeadlineSeconds?: number } }
    d.spec.progressDeadlineSeconds = 60
    c.apply(d)
    c.advance(30_000)
    expect(getHealth(c.get(ref)!)?.status).toBe('Progressing')
    runUntil(c, () => getHealth(c.get(ref)!)?.status === 'Degraded')
    expect(c.now()).toBeGreaterThanOrEqual(60_000)
    expect(getHealth(c.get(ref)!)?.message).toBe(`Deployment "web" exceeded its progress deadline`)
  })

  it('R31 a paused Deployment is Suspended', () => {
    const c = cluster()
    const d = deployment('web') as KubeObject & { spec: { paused?: boolean } }
    d.spec.paused = true
    c.apply(d)
    c.advance(10_000)
    expect(getHealth(c.get(ref)!)?.status).toBe('Suspended')
  })

  it('deleting a Deployment removes its ReplicaSets and Pods (background)', () => {
    const c = cluster()
    c.apply(deployment('web'))
    c.runUntilIdle()
    c.delete(ref)
    c.runUntilIdle()
    expect(c.list('ReplicaSet', 'default')).toHaveLength(0)
    expect(c.list('Pod', 'default')).toHaveLength(0)
  })

  it('replacing a deleted Pod keeps the replica count', () => {
    const c = cluster()
    c.apply(deployment('web', 'nginx', 1))
    c.runUntilIdle()
    const [pod] = c.list('Pod', 'default')
    c.delete({ kind: 'Pod', namespace: 'default', name: pod!.metadata.name! })
    c.runUntilIdle()
    const pods = c.list('Pod', 'default')
    expect(pods).toHaveLength(1)
    expect(pods[0]?.metadata.name).not.toBe(pod!.metadata.name)
  })
})
