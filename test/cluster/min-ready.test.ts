import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { DaemonSet, Deployment, KubeObject, ReplicaSet } from '../../src/cluster/objects.ts'
import { cluster, daemonSet, runUntil } from './helpers.ts'

type Cluster = ReturnType<typeof cluster>
const depRef = { kind: 'Deployment', namespace: 'default', name: 'web' }
const dep = (c: Cluster) => c.get(depRef) as Deployment

function web(o: { minReadySeconds?: number; progressDeadlineSeconds?: number; port?: number; replicas?: number } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: o.replicas ?? 1, selector: { matchLabels: { app: 'web' } },
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx',
        readinessProbe: { httpGet: { path: '/', port: o.port ?? 80 }, periodSeconds: 5 } }] } },
    },
  }
}

describe('minReadySeconds (R91)', () => {
  it('R91 Deployment: availableReplicas lags readyReplicas by minReadySeconds; Healthy only then (R31)', () => {
    const c = cluster()
    c.apply(web({ minReadySeconds: 20 }))
    const readyAt = runUntil(c, () => dep(c).status?.readyReplicas === 1)
    expect(dep(c).status?.availableReplicas).toBe(0)
    expect(getHealth(dep(c))?.status).toBe('Progressing')
    expect(getHealth(dep(c))?.message).toBe('Waiting for rollout to finish: 0 of 1 updated replicas are available...')
    const availableAt = runUntil(c, () => dep(c).status?.availableReplicas === 1)
    // Ready's lastTransitionTime has seconds precision, as on a real API server.
    expect(availableAt - readyAt).toBeGreaterThan(19_000)
    expect(availableAt - readyAt).toBeLessThanOrEqual(20_000)
    expect(getHealth(dep(c))?.status).toBe('Healthy')
    const [rs] = c.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rs?.spec.minReadySeconds).toBe(20)
  })

  it('R91 a changed minReadySeconds reaches the ReplicaSet without a new one', () => {
    const c = cluster()
    c.apply(web({ minReadySeconds: 5 }))
    c.advance(60_000)
    c.apply(web({ minReadySeconds: 30 }))
    c.advance(1000)
    const rss = c.list('ReplicaSet', 'default') as ReplicaSet[]
    expect(rss.map(r => r.spec.minReadySeconds)).toEqual([30])
  })

  it('R91 DaemonSet: numberAvailable lags numberReady by minReadySeconds', () => {
    const c = cluster()
    const ds = daemonSet('agent') as KubeObject & { spec: Record<string, unknown> }
    ds.spec['minReadySeconds'] = 15
    c.apply(ds)
    const ref = { kind: 'DaemonSet', namespace: 'default', name: 'agent' }
    const status = () => (c.get(ref) as DaemonSet).status
    const readyAt = runUntil(c, () => (status()?.desiredNumberScheduled ?? 0) > 0 &&
      status()?.numberReady === status()?.desiredNumberScheduled)
    expect(status()?.numberAvailable ?? 0).toBeLessThan(status()!.desiredNumberScheduled!)
    const availableAt = runUntil(c, () => status()?.numberAvailable === status()?.desiredNumberScheduled)
    expect(availableAt - readyAt).toBeGreaterThanOrEqual(14_000)
  })
})

describe('progressDeadlineSeconds (R92)', () => {
  it('R92 a Pod never Ready: Progressing=False ProgressDeadlineExceeded after the deadline, GE Degraded (R31)', () => {
    const c = cluster()
    c.apply(web({ port: 8080, progressDeadlineSeconds: 60 }))
    c.advance(50_000)
    expect(getHealth(dep(c))?.status).toBe('Progressing')
    const at = runUntil(c, () => getHealth(dep(c))?.status === 'Degraded')
    const rs = (c.list('ReplicaSet', 'default') as ReplicaSet[])[0]!
    const progressing = dep(c).status?.conditions?.find(x => x.type === 'Progressing')
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded',
      message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` })
    expect(getHealth(dep(c))?.message).toBe('Deployment "web" exceeded its progress deadline')
    // The last progress was the Pod's creation (updatedReplicas 1), about a second after the apply.
    expect(at).toBeGreaterThanOrEqual(60_000)
    expect(at).toBeLessThan(63_000)
  })

  it('R92 minReadySeconds longer than the deadline also times out (available never reached in time)', () => {
    const c = cluster()
    c.apply(web({ minReadySeconds: 120, progressDeadlineSeconds: 30 }))
    runUntil(c, () => getHealth(dep(c))?.status === 'Degraded')
    expect(dep(c).status?.readyReplicas).toBe(1)
    expect(dep(c).status?.availableReplicas).toBe(0)
  })

  it('R92 a timed-out Deployment stays so until it progresses again: a new template rolls out and completes', () => {
    const c = cluster()
    c.apply(web({ port: 8080, progressDeadlineSeconds: 30 }))
    runUntil(c, () => getHealth(dep(c))?.status === 'Degraded')
    c.advance(60_000)
    expect(getHealth(dep(c))?.status).toBe('Degraded')
    c.apply(web({ port: 80, progressDeadlineSeconds: 30 }))
    c.advance(1000)
    expect(dep(c).status?.conditions?.find(x => x.type === 'Progressing')).toMatchObject({ status: 'True' })
    runUntil(c, () => getHealth(dep(c))?.status === 'Healthy')
    expect(dep(c).status?.conditions?.find(x => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable')
  })

  it('R92 a rollout that completes in time stays Progressing=True NewReplicaSetAvailable', () => {
    const c = cluster()
    c.apply(web({ minReadySeconds: 10, progressDeadlineSeconds: 30 }))
    c.advance(120_000)
    expect(dep(c).status?.conditions?.find(x => x.type === 'Progressing')?.reason).toBe('NewReplicaSetAvailable')
    expect(getHealth(dep(c))?.status).toBe('Healthy')
  })
})

describe('RollingUpdate limits with minReadySeconds (R91)', () => {
  it('R91 maxSurge 1, maxUnavailable 0: each new Pod must be available before an old one goes', () => {
    const c = cluster()
    const d = (image: string) => {
      const o = web({ minReadySeconds: 20, replicas: 2 }) as KubeObject & { spec: Record<string, unknown> }
      o.spec['strategy'] = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }
      ;(o.spec['template'] as { spec: { containers: Array<{ image: string }> } }).spec.containers[0]!.image = image
      return o
    }
    c.apply(d('nginx:1.27'))
    runUntil(c, () => getHealth(dep(c))?.status === 'Healthy')
    c.apply(d('nginx:1.28'))
    const log = c.record()
    // maxUnavailable 0: never fewer than 2 available Pods during the rollout
    let lowest = 2
    c.watch(e => { if (e.object.kind === 'Deployment') { lowest = Math.min(lowest, dep(c).status?.availableReplicas ?? 0) } })
    runUntil(c, () => getHealth(dep(c))?.status === 'Healthy' && dep(c).status?.updatedReplicas === 2)
    c.advance(5000) // the last old Pod's graceful stop
    const deletions = log.filter(e => e.kind === 'Pod' && e.type === 'DELETED').map(e => e.t)
    const creations = log.filter(e => e.kind === 'Pod' && e.type === 'ADDED').map(e => e.t)
    expect(creations).toHaveLength(2)
    // the second new Pod is created only after the first old one went, which waited for the first new one's 20 s
    expect(creations[1]! - creations[0]!).toBeGreaterThanOrEqual(20_000)
    expect(deletions.length).toBe(2)
    expect(lowest).toBe(2)
  })
})
