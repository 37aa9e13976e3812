import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import type { Container, KubeObject, Pod } from '../../src/cluster/objects.ts'
import { kubectlPodRow } from '../../src/cluster/print-pod.ts'
import { cluster, conditionTypes, getJob, podsOf, runUntil } from './helpers.ts'

type C = ReturnType<typeof cluster>

function pod(name: string, initContainers: Container[], o: { restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  main?: Container } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
    spec: { initContainers, containers: [o.main ?? { name: 'main', image: 'nginx' }], restartPolicy: o.restartPolicy ?? 'Always' },
  }
}

const init = (name: string, command: string[], image = 'busybox'): Container => ({ name, image, command })
const sidecar = (name: string, image = 'nginx'): Container => ({ name, image, restartPolicy: 'Always' })
const get = (c: C, name: string) => c.get({ kind: 'Pod', namespace: 'default', name }) as Pod

/** Every distinct `kubectl get pods` row (STATUS READY RESTARTS) the Pod went through, in order. */
function watchRows(c: C, name: string): string[] {
  const rows: string[] = []
  c.watch(e => {
    if (e.object.kind !== 'Pod' || e.object.metadata.name !== name) return
    const r = kubectlPodRow(e.object as Pod)
    const row = `${r.ready}/${r.containers} ${r.status} ${r.restarts}`
    if (rows.at(-1) !== row) rows.push(row)
  })
  return rows
}

function startedOrder(c: C, name: string): string[] {
  return c.events.about({ kind: 'Pod', namespace: 'default', name }).filter(e => e.reason === 'Started')
    .map(e => e.message.replace('Started container ', ''))
}

describe('init containers (R87)', () => {
  it('R87 init containers run one at a time in order, each exiting 0 before the next; the app containers after all', () => {
    const c = cluster()
    const rows = watchRows(c, 'p')
    c.apply(pod('p', [init('migrate', ['sleep', '3']), init('seed', ['sleep', '2'])]))
    runUntil(c, () => get(c, 'p').status?.containerStatuses?.[0]?.state.running !== undefined)
    expect(startedOrder(c, 'p')).toEqual(['migrate', 'seed', 'main'])
    const events = c.events.about({ kind: 'Pod', namespace: 'default', name: 'p' })
    const started = (n: string) => events.find(e => e.reason === 'Started' && e.message.endsWith(` ${n}`))!.at
    expect(started('seed') - started('migrate')).toBeGreaterThanOrEqual(3000)
    expect(started('main') - started('seed')).toBeGreaterThanOrEqual(2000)
    c.runUntilIdle()
    // kubectl's STATUS: Init:0/2 while the first runs, Init:1/2 for the second, PodInitializing while the app starts.
    expect(rows).toEqual(['0/1 Pending 0', '0/1 Init:0/2 0', '0/1 Init:1/2 0', '0/1 PodInitializing 0', '1/1 Running 0'])
    const p = get(c, 'p')
    expect(p.status?.initContainerStatuses?.map(s => s.state.terminated?.reason)).toEqual(['Completed', 'Completed'])
    expect(p.status?.conditions?.find(x => x.type === 'Initialized')?.status).toBe('True')
  })

  it('R87 while initializing the Pod is Pending with Initialized=False (ContainersNotInitialized), GE Progressing', () => {
    const c = cluster()
    c.apply(pod('p', [init('wait', ['sleep', '30'])]))
    c.advance(10_000)
    const p = get(c, 'p')
    expect(p.status?.phase).toBe('Pending')
    expect(p.status?.conditions?.[0]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [wait]' })
    expect(p.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing')
    expect(getHealth(p)?.status).toBe('Progressing')
  })

  it('R87 restartPolicy Never: a failing init container fails the Pod (Init:Error), the app never runs, GE Degraded', () => {
    const c = cluster()
    const rows = watchRows(c, 'p')
    c.apply(pod('p', [init('check', ['sh', '-c', 'exit 3'])], { restartPolicy: 'Never' }))
    c.runUntilIdle()
    const p = get(c, 'p')
    expect(p.status?.phase).toBe('Failed')
    expect(rows.at(-1)).toBe('0/1 Init:Error 0')
    expect(startedOrder(c, 'p')).toEqual(['check'])
    expect(getHealth(p)).toEqual({ status: 'Degraded', message: 'container "check" failed with exit code 3' })
  })

  it('R87 restartPolicy Always: a failing init container is restarted with back-off (Init:Error, Init:CrashLoopBackOff), Pending, GE Progressing', () => {
    const c = cluster()
    const rows = watchRows(c, 'p')
    c.apply(pod('p', [init('check', ['sh', '-c', 'exit 1'])]))
    c.advance(60_000)
    const p = get(c, 'p')
    expect(p.status?.phase).toBe('Pending')
    expect(rows.slice(0, 4)).toEqual(['0/1 Pending 0', '0/1 Init:0/1 0', '0/1 Init:Error 0', '0/1 Init:CrashLoopBackOff 1'])
    expect(p.status?.initContainerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(2)
    // 10 s, then 20 s of back-off: three runs in the first minute, no more.
    expect(startedOrder(c, 'p').filter(n => n === 'check').length).toBeLessThanOrEqual(4)
    expect(startedOrder(c, 'p')).not.toContain('main')
    expect(getHealth(p)?.status).toBe('Progressing')
  })
})

describe('init containers in Jobs (R87, R67)', () => {
  function jobWithInit(name: string, restartPolicy: 'Never' | 'OnFailure', backoffLimit: number): KubeObject {
    return {
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' },
      spec: { backoffLimit, template: { spec: { restartPolicy,
        initContainers: [init('wait-for-db', ['sh', '-c', 'echo no db; exit 1'])],
        containers: [{ name: 'migrate', image: 'busybox', command: ['true'] }] } } },
    }
  }

  it('R87 R67 restartPolicy Never: each failing init fails its Pod, the Job fails past backoffLimit', () => {
    const c = cluster()
    c.apply(jobWithInit('migrate', 'Never', 1))
    runUntil(c, () => conditionTypes(getJob(c, 'migrate')).includes('Failed:BackoffLimitExceeded'))
    expect(podsOf(c, 'migrate').map(p => p.status?.phase)).toEqual(['Failed', 'Failed'])
    expect(getHealth(getJob(c, 'migrate')!)).toEqual({ status: 'Degraded', message: 'Job has reached the specified backoff limit' })
  })

  it('R87 R70 restartPolicy OnFailure: the init container\'s restarts count against backoffLimit', () => {
    const c = cluster()
    c.apply(jobWithInit('migrate', 'OnFailure', 2))
    runUntil(c, () => conditionTypes(getJob(c, 'migrate')).includes('Failed:BackoffLimitExceeded'))
    expect(podsOf(c, 'migrate')).toHaveLength(0) // the Pod is terminated and, with nothing running, gone
  })
})

describe('sidecar containers (R88)', () => {
  it('R88 a sidecar starts in init order, the next init container starts once it has started, it runs beside the app', () => {
    const c = cluster()
    const rows = watchRows(c, 'p')
    c.apply(pod('p', [sidecar('proxy'), init('migrate', ['sleep', '2'])]))
    c.runUntilIdle()
    expect(startedOrder(c, 'p')).toEqual(['proxy', 'migrate', 'main'])
    const p = get(c, 'p')
    expect(p.status?.phase).toBe('Running')
    expect(p.status?.initContainerStatuses?.[0]).toMatchObject({ name: 'proxy', ready: true, started: true })
    // A started sidecar counts as done in Init:N/M and is in READY x/y.
    expect(rows).toContain('1/2 Init:1/2 0')
    expect(rows.at(-1)).toBe('2/2 Running 0')
    expect(getHealth(p)?.status).toBe('Healthy')
  })

  it('R88 a sidecar that exits is restarted, whatever the Pod\'s restartPolicy', () => {
    const c = cluster()
    c.apply(pod('p', [{ name: 'agent', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 1'], restartPolicy: 'Always' }],
      { restartPolicy: 'Never', main: { name: 'main', image: 'busybox', command: ['sleep', '120'] } }))
    c.advance(60_000)
    const p = get(c, 'p')
    expect(p.status?.phase).toBe('Running')
    expect(p.status?.initContainerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1)
  })

  it('R88 a Job Pod with a sidecar completes: the sidecar is stopped once the app container is done', () => {
    const c = cluster()
    c.apply({
      apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'backup', namespace: 'default' },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', initContainers: [sidecar('proxy')],
        containers: [{ name: 'backup', image: 'busybox', command: ['sleep', '3'] }] } } },
    })
    runUntil(c, () => conditionTypes(getJob(c, 'backup')).includes('Complete:CompletionsReached'))
    const [p] = podsOf(c, 'backup')
    expect(p?.status?.phase).toBe('Succeeded')
    expect(p?.status?.initContainerStatuses?.[0]?.state.terminated).toBeDefined()
    expect(c.events.about({ kind: 'Pod', namespace: 'default', name: p!.metadata.name! }).map(e => e.message))
      .toContain('Stopping container proxy')
  })
})
