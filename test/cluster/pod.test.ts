import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { Pod } from '../../src/cluster/objects.ts'
import { cluster, job, podsOf, runUntil } from './helpers.ts'

const podOf = (c: ReturnType<typeof cluster>, jobName: string): Pod => podsOf(c, jobName)[0]!

describe('pod runner (kubelet)', () => {
  it('a Pod goes Pending → Running → Succeeded with scheduling and a first-time image pull', () => {
    const c = cluster()
    c.apply(job('before', { image: 'quay.io/acend/example-web-go', command: ['sleep', '10'], backoffLimit: 0 }))
    const phases: Array<[number, string, string]> = []
    c.watch(e => {
      if (e.object.kind !== 'Pod') return
      const p = e.object as Pod
      const cs = p.status?.containerStatuses?.[0]?.state
      const detail = cs?.waiting?.reason ?? (cs?.running ? 'running' : cs?.terminated?.reason ?? '')
      phases.push([c.now(), p.status?.phase ?? '', detail])
    })
    c.runUntilIdle()
    const labels = phases.map(([, phase, detail]) => `${phase}/${detail}`)
    expect(labels[0]).toBe('Pending/')
    expect(labels).toContain('Pending/ContainerCreating')
    expect(labels).toContain('Running/running')
    expect(labels.at(-1)).toBe('Succeeded/Completed')
    const started = phases.find(([, , d]) => d === 'running')![0]
    const done = phases.find(([, , d]) => d === 'Completed')![0]
    expect(done - started).toBe(10_000)
    expect(started).toBeGreaterThan(1000)
  })

  it('pulls an image once; the second Pod finds it present on the machine', () => {
    const c = cluster()
    c.apply(job('a', { image: 'busybox:1.36', command: ['true'] }))
    c.runUntilIdle()
    c.apply(job('b', { image: 'busybox:1.36', command: ['true'] }))
    c.runUntilIdle()
    const messages = c.events.events.filter(e => e.reason === 'Pulled').map(e => e.message)
    expect(messages[0]).toMatch(/^Successfully pulled image "busybox:1.36" in [\d.]+s$/)
    expect(messages[1]).toBe('Container image "busybox:1.36" already present on machine')
  })

  it('an image that is not in the catalog gives ErrImagePull, then ImagePullBackOff; the Pod stays Pending', () => {
    const c = cluster()
    c.apply(job('j', { image: 'quay.io/acend/does-not-exist' }))
    const reasons = new Set<string>()
    c.watch(e => {
      const r = (e.object as Pod).status?.containerStatuses?.[0]?.state.waiting?.reason
      if (e.object.kind === 'Pod' && r) reasons.add(r)
    })
    c.advance(120_000)
    expect([...reasons]).toEqual(['ContainerCreating', 'ErrImagePull', 'ImagePullBackOff'])
    const pod = podOf(c, 'j')
    expect(pod.status?.phase).toBe('Pending')
    expect(pod.status?.containerStatuses?.[0]?.state.waiting?.message).toBe('Back-off pulling image "quay.io/acend/does-not-exist"')
  })

  it('seed lab task 2: curl in example-web-go fails with exit 127 and "command not found" in the log', () => {
    const c = cluster()
    c.apply(job('after', { image: 'quay.io/acend/example-web-go', backoffLimit: 0,
      command: ['bash', '-eo', 'pipefail', '-c', 'curl https://acend.ch\n'] }))
    c.runUntilIdle()
    const pod = podOf(c, 'after')
    expect(pod.status?.phase).toBe('Failed')
    expect(pod.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 127, reason: 'Error' })
    expect(c.logs('default', pod.metadata.name!)?.join('\n')).toContain('curl: command not found')
    expect(getHealth(pod)).toEqual({ status: 'Degraded', message: 'container "main" failed with exit code 127' })
  })

  it('seed lab task 2: curl in example-web-python succeeds and logs the page', () => {
    const c = cluster()
    c.apply(job('after', { image: 'quay.io/acend/example-web-python', backoffLimit: 0,
      command: ['bash', '-eo', 'pipefail', '-c', 'curl https://acend.ch\n'] }))
    c.runUntilIdle()
    const pod = podOf(c, 'after')
    expect(pod.status?.phase).toBe('Succeeded')
    expect(c.logs('default', pod.metadata.name!)?.join('\n')).toContain('<html')
  })

  it('exec of a binary the image lacks is a StartError with exit code 128', () => {
    const c = cluster()
    c.apply(job('j', { image: 'busybox', command: ['curl', 'https://acend.ch'], backoffLimit: 0 }))
    c.runUntilIdle()
    const t = podOf(c, 'j').status?.containerStatuses?.[0]?.state.terminated
    expect(t?.exitCode).toBe(128)
    expect(t?.reason).toBe('StartError')
    expect(t?.message).toContain('executable file not found in $PATH')
  })

  it('logs appear as virtual time passes', () => {
    const c = cluster()
    c.apply(job('j', { command: ['sh', '-c', 'echo start; sleep 5; echo done'] }))
    const pod = () => podOf(c, 'j')
    runUntil(c, () => pod()?.status?.phase === 'Running')
    expect(c.logs('default', pod().metadata.name!)).toEqual(['start'])
    c.runUntilIdle()
    expect(c.logs('default', pod().metadata.name!)).toEqual(['start', 'done'])
  })

  it('a web server runs forever and its Pod is Ready and Healthy', () => {
    const c = cluster()
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default' },
      spec: { containers: [{ name: 'web', image: 'nginx' }] } })
    c.runUntilIdle()
    const pod = c.get({ kind: 'Pod', namespace: 'default', name: 'web' }) as Pod
    expect(pod.status?.phase).toBe('Running')
    expect(pod.status?.conditions?.find(x => x.type === 'Ready')?.status).toBe('True')
    expect(getHealth(pod)?.status).toBe('Healthy')
  })

  it('a crashing container with restartPolicy Always goes into CrashLoopBackOff with growing restarts', () => {
    const c = cluster()
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'crash', namespace: 'default' },
      spec: { containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } })
    c.advance(120_000)
    const pod = c.get({ kind: 'Pod', namespace: 'default', name: 'crash' }) as Pod
    const cs = pod.status?.containerStatuses?.[0]
    expect(cs?.restartCount).toBeGreaterThanOrEqual(3)
    expect(cs?.lastState?.terminated?.exitCode).toBe(1)
    expect(getHealth(pod)?.status).toBe('Degraded')
  })

  it('R75 deleting a running Pod: a server exits on SIGTERM quickly, sleep waits out the grace period', () => {
    const c = cluster()
    for (const [name, command] of [['server', undefined], ['sleeper', ['sleep', '1000']]] as const) {
      c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
        spec: { containers: [{ name: 'c', image: 'nginx', ...(command ? { command: [...command] } : {}) }] } })
    }
    c.advance(30_000)
    const t0 = c.now()
    c.delete({ kind: 'Pod', namespace: 'default', name: 'server' })
    c.delete({ kind: 'Pod', namespace: 'default', name: 'sleeper' })
    expect(c.get({ kind: 'Pod', namespace: 'default', name: 'sleeper' })?.metadata.deletionTimestamp).toBeDefined()
    const serverGone = runUntil(c, () => !c.get({ kind: 'Pod', namespace: 'default', name: 'server' }))
    const sleeperGone = runUntil(c, () => !c.get({ kind: 'Pod', namespace: 'default', name: 'sleeper' }))
    expect(serverGone - t0).toBeLessThan(1000)
    expect(sleeperGone - t0).toBe(30_000)
  })

  it('a Pod that never started is deleted at once', () => {
    const c = cluster()
    c.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx' }] } })
    c.delete({ kind: 'Pod', namespace: 'default', name: 'p' })
    expect(c.get({ kind: 'Pod', namespace: 'default', name: 'p' })).toBeUndefined()
    c.runUntilIdle()
  })
})
