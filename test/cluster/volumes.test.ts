// PersistentVolumeClaims on the simulated cluster: minikube's default StorageClass binds them (volume-controller.ts),
// a StatefulSet makes one per volumeClaimTemplate and Pod before the Pod (statefulset-claims.ts), and the scheduler
// keeps a Pod Pending until its claims are Bound (claim-waits.ts).
import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { KubeObject, Pod, StatefulSet } from '../../src/cluster/objects.ts'
import { cluster, runUntil, statefulSet } from './helpers.ts'

const claimRef = (name: string) => ({ kind: 'PersistentVolumeClaim', namespace: 'default', name })
const phase = (o: KubeObject | undefined) => (o?.status as { phase?: string } | undefined)?.phase

function claim(name: string, spec: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...spec } }
}

function withClaims(name: string, extra: Record<string, unknown> = {}): KubeObject {
  const sts = statefulSet(name, { replicas: 2 }) as StatefulSet
  sts.spec.volumeClaimTemplates = [{ metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }]
  Object.assign(sts.spec, extra)
  return sts
}

describe('PersistentVolumeClaims', () => {
  it('a claim of no class gets the default class, is Pending (Progressing), then Bound (Healthy) to a new volume', () => {
    const c = cluster()
    c.apply(claim('data'))
    const created = c.get(claimRef('data'))!
    expect(phase(created)).toBe('Pending')
    expect(created.spec).toMatchObject({ storageClassName: 'standard', volumeMode: 'Filesystem' })
    expect(getHealth(created)?.status).toBe('Progressing')
    runUntil(c, () => phase(c.get(claimRef('data'))) === 'Bound')
    const bound = c.get(claimRef('data'))!
    const volumeName = (bound.spec as { volumeName: string }).volumeName
    expect(volumeName).toBe(`pvc-${bound.metadata.uid}`)
    expect(bound.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } })
    expect(getHealth(bound)?.status).toBe('Healthy')
    const volume = c.get({ kind: 'PersistentVolume', namespace: '', name: volumeName })!
    expect(volume.spec).toMatchObject({ claimRef: { name: 'data', namespace: 'default' }, persistentVolumeReclaimPolicy: 'Delete' })
    expect(c.events.about(claimRef('data')).map(e => e.reason)).toEqual(['ExternalProvisioning', 'Provisioning', 'ProvisioningSucceeded'])
    // reclaimPolicy Delete: the volume goes with its claim.
    c.delete(claimRef('data'))
    c.runUntilIdle()
    expect(c.get({ kind: 'PersistentVolume', namespace: '', name: volumeName })).toBeUndefined()
  })

  it('a claim of a class the cluster lacks stays Pending with ProvisioningFailed; one of no class ("") waits for a volume', () => {
    const c = cluster()
    c.apply(claim('fast', { storageClassName: 'fast-ssd' }))
    c.apply(claim('static', { storageClassName: '' }))
    c.runUntilIdle()
    expect(phase(c.get(claimRef('fast')))).toBe('Pending')
    expect(c.events.about(claimRef('fast')).map(e => `${e.type} ${e.reason} ${e.message}`))
      .toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast-ssd" not found'])
    expect(phase(c.get(claimRef('static')))).toBe('Pending')
    expect(c.events.about(claimRef('static')).map(e => e.reason)).toEqual(['FailedBinding'])
  })

  it('a StorageClass made before the claim is used', () => {
    const c = cluster()
    c.apply({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast-ssd' }, provisioner: 'k8s.io/minikube-hostpath' } as KubeObject)
    c.apply(claim('fast', { storageClassName: 'fast-ssd' }))
    runUntil(c, () => phase(c.get(claimRef('fast'))) === 'Bound')
  })

  it('a Pod waits Pending with FailedScheduling until its claim exists and is Bound, then runs', () => {
    const c = cluster()
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'default' },
      spec: { containers: [{ name: 'main', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] } } as KubeObject)
    c.advance(5_000)
    const podRef = { kind: 'Pod', namespace: 'default', name: 'app' }
    expect((c.get(podRef) as Pod).spec.nodeName).toBeUndefined()
    expect(c.events.about(podRef).map(e => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Warning FailedScheduling 0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are ' +
      'available: 3 Preemption is not helpful for scheduling.'])
    c.apply(claim('data'))
    runUntil(c, () => (c.get(podRef) as Pod).status?.phase === 'Running')
    const reasons = c.events.about(podRef).map(e => e.reason)
    expect(reasons.slice(0, 3)).toEqual(['FailedScheduling', 'FailedScheduling', 'Scheduled'])
    expect(c.events.about(podRef)[1]!.message).toMatch(/^0\/3 nodes are available: pod has unbound immediate PersistentVolumeClaims\./)
  })
})

describe('StatefulSet volumeClaimTemplates (R93)', () => {
  it('R93 one claim <template>-<sts>-<ordinal> per Pod, made before it, labelled by the selector; the Pod mounts it', () => {
    const c = cluster()
    c.apply(withClaims('db'))
    c.runUntilIdle()
    for (const ordinal of [0, 1]) {
      const made = c.get(claimRef(`data-db-${ordinal}`))!
      expect(phase(made)).toBe('Bound')
      expect(made.metadata.labels).toEqual({ app: 'db' })
      expect(made.metadata.ownerReferences).toBeUndefined() // whenDeleted: Retain (the default)
      const pod = c.get({ kind: 'Pod', namespace: 'default', name: `db-${ordinal}` }) as Pod
      expect(pod.spec.volumes).toEqual([{ name: 'data', persistentVolumeClaim: { claimName: `data-db-${ordinal}` } }])
      expect(pod.status?.phase).toBe('Running')
    }
    const messages = c.events.about({ kind: 'StatefulSet', namespace: 'default', name: 'db' }).map(e => e.message)
    expect(messages.slice(0, 2)).toEqual(['create Claim data-db-0 Pod db-0 in StatefulSet db success',
      'create Pod db-0 in StatefulSet db successful'])
    expect((c.get({ kind: 'StatefulSet', namespace: 'default', name: 'db' }) as StatefulSet).status?.readyReplicas).toBe(2)
  })

  it('R93 the claims outlive the StatefulSet (Retain); whenDeleted Delete takes them along', () => {
    const c = cluster()
    c.apply(withClaims('db'))
    c.apply(withClaims('cache', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' } }))
    c.runUntilIdle()
    c.delete({ kind: 'StatefulSet', namespace: 'default', name: 'db' })
    c.delete({ kind: 'StatefulSet', namespace: 'default', name: 'cache' })
    c.runUntilIdle()
    expect(c.get(claimRef('data-db-0'))).toBeDefined()
    expect(c.get(claimRef('data-db-1'))).toBeDefined()
    expect(c.get(claimRef('data-cache-0'))).toBeUndefined()
    expect(c.get(claimRef('data-cache-1'))).toBeUndefined()
  })

  it('R93 whenScaled Delete: a scale-down removes the claim of the removed Pod; Retain keeps it for a later scale-up', () => {
    const c = cluster()
    c.apply(withClaims('db', { persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' } }))
    c.apply(withClaims('keep'))
    c.runUntilIdle()
    const keptUid = c.get(claimRef('data-keep-1'))!.metadata.uid
    const down = (name: string, policy?: object) => {
      const s = withClaims(name, policy ? { persistentVolumeClaimRetentionPolicy: policy } : {}) as StatefulSet
      s.spec.replicas = 1
      return s
    }
    c.apply(down('db', { whenDeleted: 'Retain', whenScaled: 'Delete' }))
    c.apply(down('keep'))
    c.runUntilIdle()
    expect(c.get(claimRef('data-db-1'))).toBeUndefined()
    expect(c.get(claimRef('data-keep-1'))?.metadata.uid).toBe(keptUid)
    c.apply(withClaims('keep'))
    c.runUntilIdle()
    expect(c.get(claimRef('data-keep-1'))?.metadata.uid).toBe(keptUid) // the same claim, the same data
  })
})

describe('the resource tree draws a StatefulSet\'s claims under it (GE isStatefulSetChild)', () => {
  it('claims named <template>-<sts>-<ordinal> are its children; other claims are not', async () => {
    const { treeChildren } = await import('../../src/cluster/inferred-children.ts')
    const c = cluster()
    c.apply(withClaims('sw-broker'))
    c.apply(claim('data-sw-broker-x'))
    c.apply(claim('other'))
    c.runUntilIdle()
    const sts = c.get({ kind: 'StatefulSet', namespace: 'default', name: 'sw-broker' })!
    const children = treeChildren(sts, c.store.dependents(sts.metadata.uid!), (kind, ns) => c.list(kind, ns))
    expect(children.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'PersistentVolumeClaim/data-sw-broker-0', 'PersistentVolumeClaim/data-sw-broker-1', 'Pod/sw-broker-0', 'Pod/sw-broker-1'])
    const pod = c.get({ kind: 'Pod', namespace: 'default', name: 'sw-broker-0' })!
    expect(treeChildren(pod, [], (kind, ns) => c.list(kind, ns))).toEqual([])
  })
})
