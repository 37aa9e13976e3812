import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { Deployment, KubeObject, Pod, Probe } from '../../src/cluster/objects.ts'
import { cluster, runUntil } from './helpers.ts'

type Cluster = ReturnType<typeof cluster>
interface Probes { readinessProbe?: Probe; livenessProbe?: Probe; startupProbe?: Probe }

function pod(name: string, image: string, probes: Probes, command?: string[], extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', image, ...(command ? { command } : {}), ...probes, ...extra }] },
  }
}
const get = (c: Cluster, name = 'p') => c.get({ kind: 'Pod', namespace: 'default', name }) as Pod | undefined
const ready = (p: Pod | undefined) => p?.status?.conditions?.some(x => x.type === 'Ready' && x.status === 'True') ?? false
const running = (p: Pod | undefined) => p?.status?.containerStatuses?.[0]?.state.running !== undefined
const restarts = (p: Pod | undefined) => p?.status?.containerStatuses?.[0]?.restartCount ?? 0
const messages = (c: Cluster, name = 'p') => c.events.about({ kind: 'Pod', namespace: 'default', name })
  .map(e => `${e.type} ${e.reason} ${e.message}`)
const startedAt = (c: Cluster) => c.events.about({ kind: 'Pod', namespace: 'default', name: 'p' }).find(e => e.reason === 'Started')!.at

/** The Kubernetes docs' liveness example: the file exists for 30 s, then is removed. */
const HEALTHY_FOR_30S = ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']

describe('probes (R89, R90)', () => {
  it('R89 R90 readiness httpGet on a port the image serves: the run at the start finds nginx not listening yet, the next passes', () => {
    const c = cluster()
    c.apply(pod('p', 'nginx', { readinessProbe: { httpGet: { path: '/', port: 80 } } }))
    runUntil(c, () => running(get(c)))
    expect(ready(get(c))).toBe(false)
    const at = runUntil(c, () => ready(get(c)))
    expect(at - startedAt(c)).toBe(10_000)
    const ip = get(c)!.status!.podIP!
    expect(messages(c).filter(m => m.includes('Unhealthy'))).toEqual([`Warning Unhealthy Readiness probe failed: ` +
      `Get "http://${ip}:80/": dial tcp ${ip}:80: connect: connection refused`])
  })

  it('R90 readiness on a port nothing serves: Running, never Ready, Unhealthy events, no restart', () => {
    const c = cluster()
    c.apply(pod('p', 'nginx', { readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 } }))
    runUntil(c, () => running(get(c)))
    c.advance(60_000)
    const p = get(c)!
    expect(p.status?.phase).toBe('Running')
    expect(ready(p)).toBe(false)
    expect(restarts(p)).toBe(0)
    const ip = p.status!.podIP!
    const failed = messages(c).filter(m => m.includes('Unhealthy'))
    expect(failed[0]).toBe(`Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/healthz": ` +
      `dial tcp ${ip}:8080: connect: connection refused`)
    expect(failed.length).toBeGreaterThanOrEqual(11)
    expect(getHealth(p)?.status).toBe('Progressing') // R90: not Ready, no restart yet
  })

  it('R89 httpGet on a served port but a path the image has not: 404 fails the probe', () => {
    const c = cluster()
    c.apply(pod('p', 'nginx', { readinessProbe: { httpGet: { path: '/healthz', port: 80 } } }))
    runUntil(c, () => running(get(c)))
    c.advance(15_000)
    expect(ready(get(c))).toBe(false)
    expect(messages(c)).toContain('Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 404')
  })

  it('R89 tcpSocket on a named port: passes once the server listens (postgres after its initialisation)', () => {
    const c = cluster()
    c.apply(pod('p', 'postgres', { readinessProbe: { tcpSocket: { port: 'pg' }, periodSeconds: 2 } }, undefined,
      { env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }], ports: [{ name: 'pg', containerPort: 5432 }] }))
    runUntil(c, () => ready(get(c)))
    expect(get(c)?.status?.containerStatuses?.[0]?.ready).toBe(true)
  })

  it('R89 initialDelaySeconds: the first run waits for it', () => {
    const c = cluster()
    c.apply(pod('p', 'nginx', { readinessProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 15 } }))
    const at = runUntil(c, () => ready(get(c)))
    expect(at - startedAt(c)).toBe(15_000)
  })

  it('R89 exec readiness sees the files the container writes; failureThreshold failures make it unready again', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { readinessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, periodSeconds: 5,
      failureThreshold: 2 } }, HEALTHY_FOR_30S))
    runUntil(c, () => ready(get(c)))
    const start = startedAt(c)
    const unreadyAt = runUntil(c, () => !ready(get(c)))
    // removed at 30 s; runs every 5 s from the start: failures at 30 s and 35 s
    expect(unreadyAt - start).toBe(35_000)
    expect(restarts(get(c))).toBe(0)
    expect(messages(c)).toContain("Warning Unhealthy Readiness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
  })

  it('R89 successThreshold: that many passing runs in a row before Ready', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { readinessProbe: { exec: { command: ['true'] }, periodSeconds: 4, successThreshold: 3 } },
      ['sleep', '3600']))
    const at = runUntil(c, () => ready(get(c)))
    expect(at - startedAt(c)).toBe(2 * 4000)
  })

  it('R90 liveness failing: killed and restarted with back-off, the kubelet\'s events, RESTARTS and GE Degraded', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5,
      periodSeconds: 5 } }, HEALTHY_FOR_30S))
    runUntil(c, () => restarts(get(c)) === 1)
    const events = messages(c)
    expect(events).toContain("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory")
    expect(events).toContain('Normal Killing Container main failed liveness probe, will be restarted')
    expect(events.filter(m => m.startsWith('Warning Unhealthy')).length).toBe(3)
    const p = get(c)!
    expect(p.status?.containerStatuses?.[0]?.lastState?.terminated?.exitCode).toBe(137)
    // R30/R90: not Ready after a restart (in back-off) -> Degraded
    expect(getHealth(p)?.status).toBe('Degraded')
    runUntil(c, () => restarts(get(c)) === 2)
    runUntil(c, () => get(c)?.status?.containerStatuses?.[0]?.state.waiting?.reason === 'CrashLoopBackOff' && restarts(get(c)) === 3)
  })

  it('R90 liveness passing: no restart, and a settled Pod schedules nothing more', () => {
    const c = cluster()
    c.apply(pod('p', 'nginx', { livenessProbe: { httpGet: { port: 80 } }, readinessProbe: { httpGet: { port: 80 } } }))
    c.runUntilIdle()
    expect(ready(get(c))).toBe(true)
    expect(restarts(get(c))).toBe(0)
    expect(c.clock.nextAt()).toBeUndefined()
  })

  it('R90 a startup probe holds readiness and liveness until it passes; the container is not started meanwhile', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', {
      startupProbe: { exec: { command: ['test', '-f', '/tmp/up'] }, periodSeconds: 2, failureThreshold: 30 },
      livenessProbe: { exec: { command: ['false'] }, periodSeconds: 100 },
    }, ['sh', '-c', 'sleep 20; touch /tmp/up; sleep 3600']))
    runUntil(c, () => running(get(c)))
    c.advance(10_000)
    expect(get(c)?.status?.containerStatuses?.[0]?.started).toBe(false)
    expect(ready(get(c))).toBe(false)
    expect(messages(c).some(m => m.startsWith('Warning Unhealthy Liveness'))).toBe(false)
    const at = runUntil(c, () => ready(get(c)))
    expect(at - startedAt(c)).toBe(20_000)
    expect(get(c)?.status?.containerStatuses?.[0]?.started).toBe(true)
  })

  it('R90 a startup probe that fails failureThreshold times restarts the container like liveness', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { startupProbe: { tcpSocket: { port: 8080 }, periodSeconds: 3, failureThreshold: 2 } },
      ['sleep', '3600']))
    runUntil(c, () => restarts(get(c)) === 1)
    expect(messages(c)).toContain('Normal Killing Container main failed startup probe, will be restarted')
    expect(messages(c).filter(m => m.startsWith('Warning Unhealthy Startup probe failed: dial tcp')).length).toBe(2)
  })

  it('R89 an exec probe that runs past timeoutSeconds fails', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { readinessProbe: { exec: { command: ['sleep', '5'] }, timeoutSeconds: 2 } }, ['sleep', '3600']))
    runUntil(c, () => running(get(c)))
    c.advance(3000)
    expect(messages(c)).toContain('Warning Unhealthy Readiness probe failed: command "sleep 5" timed out')
  })

  it('R90 a Deployment counts readyReplicas from readiness: a never-ready template keeps it at 0', () => {
    const c = cluster()
    const dep: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image: 'nginx', readinessProbe: { httpGet: { port: 8080 } } }] } } },
    }
    c.apply(dep)
    c.advance(60_000)
    const d = c.get({ kind: 'Deployment', namespace: 'default', name: 'web' }) as Deployment
    expect(d.status).toMatchObject({ replicas: 2, readyReplicas: 0, availableReplicas: 0 })
    expect(getHealth(d)?.status).toBe('Progressing')
  })
})

describe('exec probes and the container\'s server (R89)', () => {
  it('R89 pg_isready as a readiness probe answers once the container\'s postgres listens', () => {
    const c = cluster()
    c.apply(pod('p', 'postgres', { readinessProbe: { exec: { command: ['pg_isready', '-U', 'postgres'] }, periodSeconds: 5 } },
      undefined, { env: [{ name: 'POSTGRES_PASSWORD', value: 'x' }] }))
    const at = runUntil(c, () => ready(get(c)))
    expect(at - startedAt(c)).toBe(5000)
    expect(messages(c)).toContain('Warning Unhealthy Readiness probe failed: /var/run/postgresql:5432 - no response')
  })
})

describe('probes on sidecars (R88, R90)', () => {
  it('R88 R90 the next init container waits for a sidecar\'s startup probe; its readiness counts for the Pod', () => {
    const c = cluster()
    c.apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: {
      initContainers: [
        { name: 'proxy', image: 'nginx', restartPolicy: 'Always', startupProbe: { tcpSocket: { port: 80 }, periodSeconds: 2 },
          readinessProbe: { httpGet: { path: '/nope', port: 80 } } },
        { name: 'setup', image: 'busybox', command: ['true'] },
      ],
      containers: [{ name: 'main', image: 'busybox', command: ['sleep', '3600'] }],
    } })
    const started = (name: string) => c.events.about({ kind: 'Pod', namespace: 'default', name: 'p' })
      .find(e => e.reason === 'Started' && e.message === `Started container ${name}`)?.at
    runUntil(c, () => started('setup') !== undefined)
    // setup's image is pulled only once the sidecar's startup probe passed (the run at 0 s finds nginx not listening
    // yet, the one at 2 s passes)
    const pulling = c.events.about({ kind: 'Pod', namespace: 'default', name: 'p' })
      .find(e => e.message === 'Pulling image "busybox"')!.at
    expect(pulling - started('proxy')!).toBe(2000)
    runUntil(c, () => running(get(c)))
    c.advance(30_000)
    // the sidecar's readiness probe gets 404: the Pod is Running but not Ready
    expect(get(c)?.status?.phase).toBe('Running')
    expect(ready(get(c))).toBe(false)
    expect(get(c)?.status?.initContainerStatuses?.[0]).toMatchObject({ started: true, ready: false })
  })
})

describe('the API server on probes (R89)', () => {
  const apply = (probes: Probes, init = false) => {
    const c = cluster()
    const container = { name: 'main', image: 'nginx', ...probes, ...(init ? {} : {}) }
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: init ? { initContainers: [container], containers: [{ name: 'app', image: 'nginx' }] } : { containers: [container] } }
    try {
      c.apply(obj)
      return ''
    } catch (e) {
      return (e as Error).message
    }
  }
  it('R89 refuses negative times, successThreshold > 1 on liveness, no handler or two, probes on init containers', () => {
    expect(apply({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: -1 } }))
      .toContain('spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0')
    expect(apply({ livenessProbe: { tcpSocket: { port: 80 }, successThreshold: 2 } }))
      .toContain('spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1')
    expect(apply({ readinessProbe: { periodSeconds: 5 } })).toContain('readinessProbe: Required value: must specify a handler type')
    expect(apply({ readinessProbe: { tcpSocket: { port: 80 }, httpGet: { port: 80 } } }))
      .toContain('readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type')
    expect(apply({ readinessProbe: { tcpSocket: { port: 80 } } }, true))
      .toContain('spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always')
    expect(apply({ readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 0, failureThreshold: 0 } })).toBe('')
  })

  it('R89 0 means the default (periodSeconds 10), as the API server defaults it', () => {
    const c = cluster()
    c.apply(pod('p', 'busybox', { readinessProbe: { exec: { command: ['false'] }, periodSeconds: 0, failureThreshold: 0 } }, ['sleep', '3600']))
    runUntil(c, () => running(get(c)))
    c.advance(30_500)
    expect(messages(c).filter(m => m.startsWith('Warning Unhealthy')).length).toBe(4) // at 0 s, 10 s, 20 s, 30 s
  })
})
