// kubectl get / describe of Pods with probes: READY 0/1 while readiness fails, RESTARTS and CrashLoopBackOff after
// liveness kills, the Liveness:/Readiness: lines and the kubelet's Unhealthy events folded as `(x7 over 63s)`.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { terminal } from './helpers.ts'

function pod(name: string, container: Record<string, unknown>): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'learner' },
    spec: { containers: [{ name: 'main', ...container }] } }
}

describe('kubectl and probes (R89, R90)', () => {
  it('R90 a failing readiness probe: READY 0/1 Running, describe prints the probe and the folded Unhealthy events', async () => {
    const t = await terminal()
    t.sim.fake.apply(pod('web', { image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }))
    await t.advance(60_000)
    const row = (await t.type('kubectl get pods')).lines[1]!.split(/\s+/)
    expect(row.slice(0, 4)).toEqual(['web', '0/1', 'Running', '0'])
    const lines = (await t.type('kubectl describe pod web')).lines
    expect(lines).toContainEqual(expect.stringMatching(
      /^ {4}Readiness: +http-get http:\/\/:8080\/healthz delay=0s timeout=1s period=5s #success=1 #failure=3$/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}Ready: +False$/))
    expect(lines).toContainEqual(expect.stringMatching(
      /^ {2}Warning +Unhealthy +\d+s \(x1\d over \d+s\) +kubelet +Readiness probe failed: Get "http:\/\/[\d.]+:8080\/healthz": dial tcp [\d.]+:8080: connect: connection refused$/))
  })

  it('R90 a failing liveness probe: RESTARTS counts, CrashLoopBackOff, and the Killing event', async () => {
    const t = await terminal()
    t.sim.fake.apply(pod('live', { image: 'busybox', command: ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 } }))
    await t.advance(240_000)
    const row = (await t.type('kubectl get pods')).lines[1]!.split(/\s+/)
    expect(row[0]).toBe('live')
    expect(Number(row[3])).toBeGreaterThanOrEqual(2)
    const lines = (await t.type('kubectl describe pod live')).lines
    expect(lines).toContainEqual(expect.stringMatching(/^ {4}Liveness: +exec \[cat \/tmp\/healthy\] delay=5s timeout=1s period=5s #success=1 #failure=3$/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Normal +Killing .*kubelet +Container main failed liveness probe, will be restarted$/))
    expect(lines).toContainEqual(expect.stringMatching(/^ {2}Warning +Unhealthy .*Liveness probe failed: cat: can't open '\/tmp\/healthy': No such file or directory$/))
  })
})

describe('kubectl get deploy/rs with readiness (R90, R91)', () => {
  it('R91 READY counts ready Pods, AVAILABLE waits for minReadySeconds', async () => {
    const t = await terminal()
    t.sim.fake.apply({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'learner' },
      spec: { replicas: 2, minReadySeconds: 60, selector: { matchLabels: { app: 'web' } }, template: {
        metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx',
          readinessProbe: { httpGet: { path: '/', port: 80 } } }] } } } })
    await t.advance(30_000)
    expect((await t.type('kubectl get deploy')).lines).toEqual([
      'NAME   READY   UP-TO-DATE   AVAILABLE   AGE', 'web    2/2     2            0           30s'])
    const rs = (await t.type('kubectl get rs')).lines[1]!.split(/\s+/)
    expect(rs.slice(1, 4)).toEqual(['2', '2', '2'])
    await t.advance(60_000)
    expect((await t.type('kubectl get deploy')).lines[1]).toBe('web    2/2     2            2           90s')
  })
})
