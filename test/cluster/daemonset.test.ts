import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { DaemonSet, KubeObject, Pod } from '../../src/cluster/objects.ts'
import { cluster, daemonSet, runUntil } from './helpers.ts'

const ref = { kind: 'DaemonSet', namespace: 'default', name: 'agent' }
type C = ReturnType<typeof cluster>
const ds = (c: C) => c.get(ref) as DaemonSet
const pods = (c: C) => c.list('Pod', 'default') as Pod[]
const image = (p: Pod) => p.spec.containers[0]!.image

describe('DaemonSet controller', () => {
  it('R96 one Pod <name>-<5 chars> per node (3 nodes by default), pinned by node affinity; status; R97 Healthy', () => {
    const c = cluster()
    expect(c.nodes.map(n => n.name)).toEqual(['synclab-node', 'synclab-node-m02', 'synclab-node-m03'])
    c.apply(daemonSet('agent'))
    expect(getHealth(ds(c))?.status).toBe('Progressing')
    c.runUntilIdle()
    const ps = pods(c)
    expect(ps).toHaveLength(3)
    for (const p of ps) expect(p.metadata.name).toMatch(/^agent-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(ps.map(p => p.spec.nodeName).sort()).toEqual(['synclab-node', 'synclab-node-m02', 'synclab-node-m03'])
    expect(ps.map(p => p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
      ?.nodeSelectorTerms?.[0]?.matchFields?.[0]?.values?.[0])).toEqual(ps.map(p => p.spec.nodeName))
    expect(new Set(ps.map(p => p.status?.hostIP)).size).toBe(3)
    expect(ds(c).status).toEqual({ currentNumberScheduled: 3, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 3,
      observedGeneration: 1, updatedNumberScheduled: 3, numberAvailable: 3 })
    expect(getHealth(ds(c))).toEqual({ status: 'Healthy' })
  })

  it('R96 the number of nodes is a cluster option; a nodeSelector admits only matching nodes', () => {
    const c = cluster({ nodes: 5 })
    const d = daemonSet('agent') as KubeObject & { spec: { template: { spec: { nodeSelector?: Record<string, string> } } } }
    c.apply(daemonSet('all'))
    d.spec.template.spec.nodeSelector = { 'node-role.kubernetes.io/control-plane': '' }
    c.apply(d)
    c.runUntilIdle()
    expect(pods(c).filter(p => p.metadata.name!.startsWith('all-'))).toHaveLength(5)
    expect(pods(c).filter(p => p.metadata.name!.startsWith('agent-')).map(p => p.spec.nodeName)).toEqual(['synclab-node'])
    expect(ds(c).status).toMatchObject({ desiredNumberScheduled: 1, numberAvailable: 1 })
  })

  it('R96 rolling update: old Pod killed, then the new one created, one node at a time (maxUnavailable 1)', () => {
    const c = cluster()
    c.apply(daemonSet('agent', 'nginx:1.27'))
    c.runUntilIdle()
    const log = c.record()
    c.apply(daemonSet('agent', 'nginx:1.28'))
    c.advance(0)
    // The node's new Pod is created as soon as its old one is terminating (terminating Pods do not count).
    expect(getHealth(ds(c))).toEqual({ status: 'Progressing',
      message: 'Waiting for daemon set "agent" rollout to finish: 1 out of 3 new pods have been updated...' })
    // At no moment are two nodes without an available Pod: the second old Pod goes only after a new one is ready.
    const deleting = () => pods(c).filter(p => image(p) === 'nginx:1.27' && p.metadata.deletionTimestamp).length
    expect(deleting()).toBe(1)
    let maxDown = 0
    while (c.step()) {
      const up = pods(c).filter(p => !p.metadata.deletionTimestamp &&
        p.status?.conditions?.some(x => x.type === 'Ready' && x.status === 'True')).length
      maxDown = Math.max(maxDown, 3 - up)
    }
    expect(maxDown).toBe(1)
    expect(pods(c).map(image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28'])
    expect(log.filter(e => e.kind === 'Pod' && e.type === 'DELETED')).toHaveLength(3)
    expect(ds(c).status).toMatchObject({ observedGeneration: 2, updatedNumberScheduled: 3, numberAvailable: 3 })
    expect(getHealth(ds(c))).toEqual({ status: 'Healthy' })
  })

  it('R96 maxUnavailable 100% replaces every node at once', () => {
    const c = cluster()
    c.apply(daemonSet('agent', 'nginx:1.27', '100%'))
    c.runUntilIdle()
    c.apply(daemonSet('agent', 'nginx:1.28', '100%'))
    c.advance(0)
    expect(pods(c).filter(p => p.metadata.deletionTimestamp)).toHaveLength(3)
    c.runUntilIdle()
    expect(pods(c).map(image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28'])
  })

  it('R96 OnDelete: only deleted Pods get the new template; R97 Healthy meanwhile', () => {
    const c = cluster()
    const onDelete = (img: string) => {
      const d = daemonSet('agent', img) as KubeObject & { spec: Record<string, unknown> }
      d.spec['updateStrategy'] = { type: 'OnDelete' }
      return d
    }
    c.apply(onDelete('nginx:1.27'))
    c.runUntilIdle()
    c.apply(onDelete('nginx:1.28'))
    c.runUntilIdle()
    expect(pods(c).map(image)).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27'])
    expect(getHealth(ds(c))).toEqual({ status: 'Healthy', message: 'daemon set 0 out of 3 new pods have been updated' })
    c.delete({ kind: 'Pod', namespace: 'default', name: pods(c)[0]!.metadata.name! })
    c.runUntilIdle()
    expect(pods(c).map(image).sort()).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.28'])
  })

  it('R97 a DaemonSet whose Pods never become ready stays Progressing "<a> of <d> updated pods are available"', () => {
    const c = cluster()
    c.apply(daemonSet('agent', 'nope.example.com/missing:1'))
    c.advance(60_000)
    expect(getHealth(ds(c))).toEqual({ status: 'Progressing',
      message: 'Waiting for daemon set "agent" rollout to finish: 0 of 3 updated pods are available...' })
  })

  it('R96 each node pulls the image itself', () => {
    const c = cluster()
    c.apply(daemonSet('agent', 'nginx:1.27'))
    runUntil(c, () => pods(c).every(p => p.status?.phase === 'Running') && pods(c).length === 3)
    const pulling = c.events.events.filter(e => e.reason === 'Pulling')
    expect(pulling).toHaveLength(3)
  })
})
