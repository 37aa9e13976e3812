// The timeline draws init containers (R87) as their own Pod state and failed probe runs (R90) as marks on the Pod's bar.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/objects.ts'
import { buildTimeline, describeTimeline } from '../../../src/ui/timeline/model.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
import { runLab } from './lab.ts'

const web: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default',
    annotations: { 'argocd.argoproj.io/sync-wave': '0' } },
  spec: { replicas: 1, progressDeadlineSeconds: 40, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: {
      initContainers: [{ name: 'wait', image: 'busybox', command: ['sleep', '5'] }],
      containers: [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { port: 8080 }, periodSeconds: 5 } }] } } },
}
const after: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after', namespace: 'default',
  annotations: { 'argocd.argoproj.io/sync-wave': '1' } }, data: { k: 'v' } }

describe('timeline: init containers and probes', async () => {
  const run = await runLab({ manifests: [web, after] })
  const tl = buildTimeline(run.events, run.histories, run.now)
  const lane = tl.lanes.find(l => l.label === 'Deployment/web')!
  const pod = lane.pods[0]!

  it('R87 the Pod\'s init containers are a segment of their own (Init:0/1)', () => {
    const init = pod.segments.find(s => s.state === 'initializing')
    expect(init?.statuses).toContain('Init:0/1')
    expect(pod.segments.map(s => s.state)).toEqual(['pending', 'initializing', 'running'])
  })

  it('R90 failed readiness runs are marks on the Pod\'s bar, with the kubelet\'s message', () => {
    expect(pod.probeFailures.length).toBeGreaterThan(3)
    expect(pod.probeFailures[0]!.message).toMatch(/^Readiness probe failed: Get "http:\/\/[\d.]+:8080\/"/)
    const html = renderToStaticMarkup(createElement(Timeline, { timeline: tl, now: run.now, cursor: undefined, onCursor: () => {} }))
    expect(html).toContain('data-marker="probe-failure"')
    expect(html).toContain('▸ PodInitializing')
    expect(html).toContain('Init:0/1 → PodInitializing')
    expect(describeTimeline(tl)).toMatch(/pod web-[a-z0-9-]+ Running, \d+ failed probe runs from \d+(\.\d)?s/)
  })

  it('R90 a cursor before the first failure shows none', () => {
    const early = buildTimeline(run.events, run.histories, pod.probeFailures[0]!.t - 1)
    expect(early.lanes.find(l => l.label === 'Deployment/web')!.pods[0]!.probeFailures).toEqual([])
  })
})

describe('timeline: liveness kills', async () => {
  const live: KubeObject = {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'live', namespace: 'default' },
    spec: { replicas: 1, selector: { matchLabels: { app: 'live' } }, template: { metadata: { labels: { app: 'live' } },
      spec: { containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'touch /tmp/ok; sleep 10; rm /tmp/ok; sleep 600'],
        livenessProbe: { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 2, failureThreshold: 2 } }] } } },
  }
  const run = await runLab({ manifests: [live], settleMs: 60_000 })
  const tl = buildTimeline(run.events, run.histories, run.now)

  it('R90 a liveness kill is a mark of its own, after the failures that caused it', () => {
    const pod = tl.lanes.find(l => l.label === 'Deployment/live')!.pods[0]!
    const kills = pod.probeFailures.filter(f => f.kill)
    expect(kills.length).toBeGreaterThan(0)
    expect(kills[0]!.message).toBe('Container main failed liveness probe, will be restarted')
    const firstKill = pod.probeFailures.indexOf(kills[0]!)
    expect(pod.probeFailures.slice(0, firstKill).map(f => f.message)).toEqual([
      "Liveness probe failed: cat: can't open '/tmp/ok': No such file or directory",
      "Liveness probe failed: cat: can't open '/tmp/ok': No such file or directory"])
    const html = renderToStaticMarkup(createElement(Timeline, { timeline: tl, now: run.now, cursor: undefined, onCursor: () => {} }))
    expect(html).toContain('data-marker="probe-kill"')
  })
})
