// kubectl get / describe of StatefulSets and DaemonSets, with kubectl's columns (printers.go printStatefulSet,
// printDaemonSet) and describers.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { terminal } from './helpers.ts'

function workload(kind: 'StatefulSet' | 'DaemonSet', name: string, extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'learner' },
    spec: { selector: { matchLabels: { app: name } }, ...extra,
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image: 'nginx:1.27' }] } } },
  }
}

async function withWorkloads() {
  const t = await terminal()
  t.sim.fake.apply(workload('StatefulSet', 'db', { replicas: 2, serviceName: 'db' }))
  t.sim.fake.apply(workload('DaemonSet', 'agent'))
  await t.advance(120_000)
  return t
}

describe('kubectl get/describe statefulsets and daemonsets', () => {
  it('R93 kubectl get sts prints NAME READY AGE (-o wide adds CONTAINERS IMAGES)', async () => {
    const t = await withWorkloads()
    expect((await t.type('kubectl get sts')).lines).toEqual(['NAME   READY   AGE', 'db     2/2     2m'])
    expect((await t.type('kubectl get statefulsets -o wide')).lines).toEqual([
      'NAME   READY   AGE   CONTAINERS   IMAGES', 'db     2/2     2m    main         nginx:1.27'])
    const pods = (await t.type('kubectl get pods')).lines.slice(1).map(l => l.split(/\s+/)[0])
    expect(pods).toContain('db-0')
    expect(pods).toContain('db-1')
  })

  it('R96 kubectl get ds prints DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE', async () => {
    const t = await withWorkloads()
    expect((await t.type('kubectl get ds')).lines).toEqual([
      'NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE',
      'agent   3         3         3       3            3           <none>          2m'])
    expect((await t.type('kubectl get daemonsets -o wide')).lines[0])
      .toBe('NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE   CONTAINERS   IMAGES       SELECTOR')
    const wide = (await t.type('kubectl get pods -o wide')).lines.filter(l => l.startsWith('agent-'))
    expect(wide.map(l => l.split(/\s+/)[6]).sort()).toEqual(['synclab-node', 'synclab-node-m02', 'synclab-node-m03'])
  })

  it('R94 kubectl describe sts: replicas, update strategy with partition, pods status, events', async () => {
    const t = await withWorkloads()
    const lines = (await t.type('kubectl describe sts db')).lines
    expect(lines[0]).toBe('Name:               db')
    expect(lines).toContain('Replicas:           2 desired | 2 total')
    expect(lines).toContain('Update Strategy:    RollingUpdate')
    expect(lines).toContain('  Partition:        0')
    expect(lines).toContain('Pods Status:        2 Running / 0 Waiting / 0 Succeeded / 0 Failed')
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Normal {2}SuccessfulCreate .*create Pod db-1 in StatefulSet db successful$/))
  })

  it('R96 kubectl describe ds: the node counts, untabbed as kubectl writes them', async () => {
    const t = await withWorkloads()
    const lines = (await t.type('kubectl describe ds agent')).lines
    expect(lines).toContain('Desired Number of Nodes Scheduled: 3')
    expect(lines).toContain('Number of Nodes Scheduled with Available Pods: 3')
    expect(lines).toContain('Number of Nodes Misscheduled: 0')
    expect(lines).toContainEqual(expect.stringMatching(/^Pods Status: +3 Running \/ 0 Waiting \/ 0 Succeeded \/ 0 Failed$/))
  })
})

describe('kubectl get nodes, init containers', () => {
  it('R96 kubectl get nodes lists the simulated cluster\'s nodes as minikube names them', async () => {
    const t = await terminal()
    await t.advance(3_600_000)
    expect((await t.type('kubectl get nodes')).lines).toEqual([
      'NAME               STATUS   ROLES           AGE   VERSION',
      'synclab-node       Ready    control-plane   60m   v1.32.0',
      'synclab-node-m02   Ready    <none>          60m   v1.32.0',
      'synclab-node-m03   Ready    <none>          60m   v1.32.0'])
    expect((await t.type('kubectl get no nope')).lines).toEqual(['Error from server (NotFound): nodes "nope" not found'])
  })

  it('R87 kubectl get pods prints Init:N/M while init containers run; describe pod lists them', async () => {
    const t = await terminal()
    t.sim.fake.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'learner' },
      spec: { initContainers: [{ name: 'wait', image: 'busybox', command: ['sleep', '30'] }],
        containers: [{ name: 'main', image: 'nginx' }] } })
    await t.advance(10_000)
    expect((await t.type('kubectl get pods')).lines).toEqual([
      'NAME   READY   STATUS     RESTARTS   AGE', 'app    0/1     Init:0/1   0          10s'])
    const described = (await t.type('kubectl describe pod app')).lines
    expect(described).toContain('Init Containers:')
    expect(described).toContain('  wait:')
    expect(described).toContainEqual(expect.stringMatching(/^ {4}State: +Running$/))
  })
})
