// kubectl get pvc / pv with kubectl 1.32's columns (printers.go printPersistentVolumeClaim, printPersistentVolume).
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { terminal } from './helpers.ts'

const claim = (name: string, storageClassName?: string): KubeObject => ({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'learner' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName ? { storageClassName } : {}) },
})

describe('kubectl get persistentvolumeclaims and persistentvolumes', () => {
  it('a bound claim and one that waits for a class the cluster lacks', async () => {
    const t = await terminal()
    t.sim.fake.apply(claim('data'))
    t.sim.fake.apply(claim('fast', 'fast-ssd'))
    await t.advance(120_000)
    const uid = t.sim.fake.get({ kind: 'PersistentVolumeClaim', namespace: 'learner', name: 'data' })!.metadata.uid
    expect((await t.type('kubectl get pvc')).lines).toEqual([
      'NAME   STATUS    VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE',
      `data   Bound     pvc-${uid}   1Gi        RWO            standard       <unset>                 2m`,
      'fast   Pending                                                                        fast-ssd       <unset>                 2m',
    ])
    const pv = (await t.type('kubectl get pv')).lines
    expect(pv[0]).toBe('NAME                                       CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM          STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE')
    expect(pv[1]).toMatch(new RegExp(`^pvc-${uid}   1Gi        RWO            Delete           Bound    learner/data   standard       <unset>                          \\d+s$`))
  })
})
