// Probes, minReadySeconds and the progress deadline in a sync: readiness gates the next wave (R16) through the
// workloads' ready and available counts (R89–R92).
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { appliedAt, eventsOf, messages, resultOf, run } from './helpers.ts'

function web(wave: number, o: { port?: number; minReadySeconds?: number; progressDeadlineSeconds?: number } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
    spec: {
      replicas: 1, selector: { matchLabels: { app: 'web' } },
      ...(o.minReadySeconds !== undefined ? { minReadySeconds: o.minReadySeconds } : {}),
      ...(o.progressDeadlineSeconds !== undefined ? { progressDeadlineSeconds: o.progressDeadlineSeconds } : {}),
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx',
        readinessProbe: { httpGet: { path: '/', port: o.port ?? 80 }, initialDelaySeconds: 5, periodSeconds: 5 } }] } },
    },
  }
}

function config(wave: number): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after',
    annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } }, data: { k: 'v' } }
}

describe('probes gate waves', () => {
  it('R90 R16 the next wave waits for the readiness probe (initialDelaySeconds) and R91 minReadySeconds', async () => {
    const s = await run([web(0, { minReadySeconds: 15 }), config(1)])
    expect(s.result.phase).toBe('Succeeded')
    const webAt = appliedAt(s.app, 'Deployment', 'web')!
    const afterAt = appliedAt(s.app, 'ConfigMap', 'after')!
    // pull + start (~3 s), first probe at 5+1 s, then 15 s available
    expect(afterAt - webAt).toBeGreaterThanOrEqual(20_000)
    expect(messages(s.app)).toContain('waiting for healthy state of apps/Deployment/web')
  })

  it('R92 R31 R16 a never-ready Deployment fails the sync at its progress deadline', async () => {
    const s = await run([web(0, { port: 8080, progressDeadlineSeconds: 60 }), config(1)])
    expect(s.result.phase).toBe('Failed')
    expect(s.result.message).toBe('one or more synchronization tasks completed unsuccessfully')
    expect(resultOf(s.result.resources, 'Deployment', 'web')).toMatchObject({ status: 'Synced', hookPhase: 'Failed',
      message: 'Deployment "web" exceeded its progress deadline' })
    expect(appliedAt(s.app, 'ConfigMap', 'after')).toBeUndefined()
    const degraded = eventsOf(s.app, 'health').find(e => e.kind === 'Deployment' && e.health === 'Degraded')
    expect(degraded!.t).toBeGreaterThanOrEqual(60_000)
    expect(degraded!.t).toBeLessThan(70_000)
    const unhealthy = s.sim.fake.events.events.filter(e => e.reason === 'Unhealthy')
    expect(unhealthy.length).toBeGreaterThan(5)
    expect(unhealthy[0]!.message).toMatch(/^Readiness probe failed: Get "http:\/\/[\d.]+:8080\/": dial tcp [\d.]+:8080: connect: connection refused$/)
  })
})
