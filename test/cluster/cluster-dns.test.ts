// The cluster's DNS as containers see it: Service names resolve while the Service exists; a headless Service's
// only while it has a Ready Pod (its records are the ready endpoints), which a readiness probe decides (R90).
import { describe, expect, it } from 'vitest'
import { resolveInCluster } from '../../src/cluster/cluster-dns.ts'
import type { KubeObject, Pod } from '../../src/cluster/objects.ts'
import { cluster, runUntil, statefulSet } from './helpers.ts'

const service = (name: string, headless: boolean): KubeObject => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' },
  spec: { ...(headless ? { clusterIP: 'None' } : {}), selector: { app: name }, ports: [{ port: 80 }] },
})

describe('cluster DNS', () => {
  it('a Service name resolves in its forms while the Service exists; other names are not the cluster\'s', () => {
    const c = cluster()
    expect(resolveInCluster(c.store, 'web', 'default')).toBe(false)
    c.apply(service('web', false))
    for (const name of ['web', 'web.default', 'web.default.svc', 'web.default.svc.cluster.local']) {
      expect(resolveInCluster(c.store, name, 'default'), name).toBe(true)
    }
    expect(resolveInCluster(c.store, 'web', 'kube-system')).toBe(false)
    expect(resolveInCluster(c.store, 'acend.ch', 'default')).toBeUndefined()
  })

  it('R90 a headless Service resolves once a selected Pod is Ready (its readiness probe passed)', () => {
    const c = cluster()
    c.apply(service('db', true))
    const sts = statefulSet('db', { image: 'nginx' }) as KubeObject & { spec: { template: { spec: { containers: Array<Record<string, unknown>> } } } }
    sts.spec.template.spec.containers[0]!['readinessProbe'] = { tcpSocket: { port: 80 }, initialDelaySeconds: 20 }
    c.apply(sts)
    runUntil(c, () => (c.get({ kind: 'Pod', namespace: 'default', name: 'db-0' }) as Pod | undefined)?.status?.phase === 'Running')
    expect(resolveInCluster(c.store, 'db', 'default')).toBe(false)
    c.advance(30_000)
    expect(resolveInCluster(c.store, 'db', 'default')).toBe(true)
  })

  it('a container\'s psql to a Service that does not exist fails as psql does', () => {
    const c = cluster()
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'm', namespace: 'default' },
      spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'postgres', command: ['psql', '-h', 'db', '-c', 'select 1'] }] } })
    runUntil(c, () => (c.get({ kind: 'Pod', namespace: 'default', name: 'm' }) as Pod | undefined)?.status?.phase === 'Failed')
    expect(c.logs('default', 'm')).toEqual(['psql: error: could not translate host name "db" to address: Name or service not known'])
  })
})
