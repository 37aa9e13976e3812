// Bringing an application's live objects from elsewhere (a real cluster, --live files) into the simulated cluster.
import { describe, expect, it } from 'vitest'
import { annotateLastApplied, LAST_APPLIED } from '../../src/cluster/kubectl-apply.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { APP_LABEL, MANAGED_BY_LABEL, withoutSynclabLabels } from '../../src/kube/kube-cluster.ts'
import { seedLive, SeedError } from '../../src/sync/seed-live.ts'
import { isTrackedBy, withTracking } from '../../src/sync/tracking.ts'
import { cluster, job } from '../cluster/helpers.ts'

/** A finished Job as an API server returns it: server metadata, a generated selector and uid labels, a status. */
function finishedJobFromServer(): KubeObject {
  const manifest = annotateLastApplied(job('before', { namespace: 'lab' }))
  const spec = manifest['spec'] as { template: { metadata?: { labels?: Record<string, string> } } }
  return {
    ...manifest,
    metadata: { ...manifest.metadata, uid: 'old-uid', resourceVersion: '812', generation: 1,
      creationTimestamp: '2026-11-20T10:00:00Z', managedFields: [] } as KubeObject['metadata'],
    spec: { ...spec, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'old-uid' } },
      template: { ...spec.template, metadata: { labels: { 'batch.kubernetes.io/controller-uid': 'old-uid',
        'controller-uid': 'old-uid', 'job-name': 'before' } } } },
    status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }] },
  }
}

describe('seedLive', () => {
  it('takes a finished Job as the server had it: its own uid and selector, tracked, status kept, not run again', () => {
    const fake = cluster()
    const job = seedLive(fake, 'demo', 'lab', finishedJobFromServer())
    expect(job!.metadata.uid).not.toBe('old-uid')
    expect(job!.metadata.creationTimestamp).not.toBe('2026-11-20T10:00:00Z')
    expect(JSON.stringify(job!['spec'])).not.toContain('old-uid')
    expect(isTrackedBy('demo', job!)).toBe(true)
    expect(job!['status']).toMatchObject({ conditions: [{ type: 'Complete', status: 'True' }] })
    fake.advance(60_000)
    expect(fake.store.list('Pod')).toEqual([])
  })

  it('keeps the last-applied configuration an object brought along, so the same manifest applies "unchanged"', () => {
    const fake = cluster()
    // As synclab applied it on a cluster: tracked by the app, in the object and in its last-applied configuration.
    const manifest = withTracking('demo', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'lab' },
      data: { a: '1' } })
    const live = { ...annotateLastApplied(manifest), metadata: { ...annotateLastApplied(manifest).metadata, uid: 'x' } }
    const seeded = seedLive(fake, 'demo', 'lab', live)
    expect(seeded!.metadata.annotations?.[LAST_APPLIED]).toBe(live.metadata.annotations?.[LAST_APPLIED])
    expect(fake.apply(manifest).action).toBe('unchanged')
    expect(fake.apply({ ...manifest, data: { a: '2' } }).action).toBe('configured')
  })

  it('names what the simulated cluster cannot hold', () => {
    const fake = cluster()
    const widget: KubeObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } }
    expect(() => seedLive(fake, 'demo', 'lab', widget)).toThrow(SeedError)
    expect(() => seedLive(fake, 'demo', 'lab', widget)).toThrow('the cluster does not serve example.com/v1 Widget')
  })
})

describe('withoutSynclabLabels', () => {
  it('takes synclab\'s confinement labels off the object and out of its last-applied configuration', () => {
    const labelled = annotateLastApplied({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'lab',
      labels: { app: 'web', [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'demo' } } })
    const plain = withoutSynclabLabels(labelled)
    expect(plain.metadata.labels).toEqual({ app: 'web' })
    expect(plain.metadata.annotations?.[LAST_APPLIED]).toBe(annotateLastApplied({ apiVersion: 'v1', kind: 'Service',
      metadata: { name: 's', namespace: 'lab', labels: { app: 'web' } } }).metadata.annotations?.[LAST_APPLIED])
    const onlyOurs = withoutSynclabLabels({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's',
      labels: { [MANAGED_BY_LABEL]: 'synclab' } } })
    expect(onlyOurs.metadata.labels).toBeUndefined()
  })
})
