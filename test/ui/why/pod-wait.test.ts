// The "why it waits" line names the Pod that holds a workload back and why, in kubectl's words (R16, R89).
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/objects.ts'
import { podWait, waitedObject } from '../../../src/ui/why/pod-wait.ts'
import { cluster, runUntil } from '../../cluster/helpers.ts'

function web(probePort: number, image = 'nginx:1.27'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image, readinessProbe: { tcpSocket: { port: probePort }, periodSeconds: 5 } }] } } },
  } as KubeObject
}

describe('what holds a workload back (why it waits)', () => {
  it('R89 a Running Pod whose readiness probe fails is named, with its READY count', () => {
    const c = cluster()
    c.apply(web(9999)) // nginx serves 80, not 9999: the probe never passes
    const deploy = () => c.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    const deps = (uid: string) => c.store.dependents(uid)
    runUntil(c, () => podWait(deploy(), deps)?.rule === 'R89')
    const held = podWait(deploy(), deps)!
    expect(held.pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/)
    expect(held.text).toBe('Running, 0/1 ready: its readiness probe has not passed')
    c.advance(120_000)
    expect(podWait(deploy(), deps)?.rule).toBe('R89')
  })

  it('R16 a Pod still starting says kubectl\'s STATUS; a Ready one holds nothing back', () => {
    const c = cluster()
    c.apply(web(80))
    const deploy = () => c.get({ kind: 'Deployment', namespace: 'default', name: 'web' })!
    const deps = (uid: string) => c.store.dependents(uid)
    runUntil(c, () => podWait(deploy(), deps) !== undefined)
    expect(podWait(deploy(), deps)).toMatchObject({ rule: 'R16' })
    c.advance(120_000)
    expect(podWait(deploy(), deps)).toBeUndefined()
  })

  it('finds the object a "waiting for healthy state" message names', () => {
    const objs = [{ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' } }] as KubeObject[]
    expect(waitedObject('waiting for healthy state of apps/StatefulSet/db', objs)?.metadata.name).toBe('db')
    expect(waitedObject('waiting for healthy state of /ConfigMap/db', objs)).toBeUndefined()
    expect(waitedObject('waiting for completion of hook batch/Job/db', objs)).toBeUndefined()
  })
})
