import { describe, expect, it } from 'vitest'
import { getHealth } from '../../src/cluster/health/index.ts'
import { cluster, conditionTypes, getJob, job, podsOf, runUntil } from './helpers.ts'

const finished = (c: ReturnType<typeof cluster>, name: string) => () =>
  (getJob(c, name)?.status?.conditions ?? []).some(x => x.type === 'Complete' || x.type === 'Failed')

describe('Job controller', () => {
  it('R71 a Job whose Pod succeeds gets Complete (after SuccessCriteriaMet), completionTime and succeeded=1', () => {
    const c = cluster()
    c.apply(job('before', { image: 'quay.io/acend/example-web-go', command: ['sleep', '10'], backoffLimit: 0 }))
    c.runUntilIdle()
    const j = getJob(c, 'before')!
    expect(conditionTypes(j)).toEqual(['SuccessCriteriaMet:CompletionsReached', 'Complete:CompletionsReached'])
    expect(j.status?.succeeded).toBe(1)
    expect(j.status?.active).toBeUndefined()
    expect(j.status?.completionTime).toBeDefined()
    expect(getHealth(j)?.status).toBe('Healthy')
  })

  it('Pods are named <job>-<5 chars> and owned by the Job', () => {
    const c = cluster()
    c.apply(job('before'))
    c.advance(100)
    const [pod] = podsOf(c, 'before')
    expect(pod?.metadata.name).toMatch(/^before-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(pod?.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Job', name: 'before', controller: true })
  })

  it('the Job runs for the container time plus scheduling and image pull', () => {
    const c = cluster()
    c.apply(job('j', { command: ['sleep', '10'] }))
    const t = runUntil(c, finished(c, 'j'))
    // scheduling 1 s + first pull of busybox + 0.5 s create + 10 s sleep
    expect(t).toBeGreaterThan(11_500)
    expect(t).toBeLessThan(20_000)
  })

  it('R67 backoffLimit 0 fails the Job after the first failed pod', () => {
    const c = cluster()
    c.apply(job('after', { command: ['sh', '-c', 'exit 3'], backoffLimit: 0 }))
    c.runUntilIdle()
    const j = getJob(c, 'after')!
    expect(conditionTypes(j)).toEqual(['FailureTarget:BackoffLimitExceeded', 'Failed:BackoffLimitExceeded'])
    expect(j.status?.conditions?.[1]?.message).toBe('Job has reached the specified backoff limit')
    expect(j.status?.failed).toBe(1)
    expect(podsOf(c, 'after')).toHaveLength(1)
    expect(getHealth(j)).toEqual({ status: 'Degraded', message: 'Job has reached the specified backoff limit' })
  })

  it('R67 backoffLimit defaults to 6: seven failed pods, then Failed', () => {
    const c = cluster()
    c.apply(job('j', { command: ['false'] }))
    c.runUntilIdle()
    expect(getJob(c, 'j')?.spec.backoffLimit).toBe(6)
    expect(podsOf(c, 'j')).toHaveLength(7)
    expect(getJob(c, 'j')?.status?.failed).toBe(7)
    expect(conditionTypes(getJob(c, 'j'))).toContain('Failed:BackoffLimitExceeded')
  })

  it('R68 a failed pod is re-created after 10 s, then 20 s, then 40 s', () => {
    const c = cluster()
    c.apply(job('j', { command: ['false'], backoffLimit: 3 }))
    c.runUntilIdle()
    const pods = podsOf(c, 'j').sort((a, b) => a.metadata.creationTimestamp!.localeCompare(b.metadata.creationTimestamp!))
    const created = pods.map(p => Date.parse(p.metadata.creationTimestamp!))
    const finishedAt = pods.map(p => Date.parse(p.status!.containerStatuses![0]!.state.terminated!.finishedAt!))
    const gaps = created.slice(1).map((t, i) => (t - finishedAt[i]!) / 1000)
    expect(gaps).toEqual([10, 20, 40])
  })

  it('R70 restartPolicy OnFailure restarts the container in the same Pod and counts restarts against the limit', () => {
    const c = cluster()
    c.apply(job('j', { command: ['false'], restartPolicy: 'OnFailure', backoffLimit: 2 }))
    c.runUntilIdle()
    const pods = podsOf(c, 'j')
    expect(conditionTypes(getJob(c, 'j'))).toContain('Failed:BackoffLimitExceeded')
    // One Pod only: restarted in place, then terminated when the limit was reached.
    expect(c.events.events.filter(e => e.reason === 'SuccessfulCreate' && e.involved.name === 'j')).toHaveLength(1)
    expect(pods.length).toBeLessThanOrEqual(1)
  })

  it('R69 activeDeadlineSeconds fails the Job with DeadlineExceeded; Failed waits until its pods are gone', () => {
    const c = cluster()
    c.apply(job('j', { command: ['sleep', '100'], activeDeadlineSeconds: 5 }))
    const targetAt = runUntil(c, () => conditionTypes(getJob(c, 'j')).includes('FailureTarget:DeadlineExceeded'))
    expect(targetAt).toBe(5000)
    expect(conditionTypes(getJob(c, 'j'))).not.toContain('Failed:DeadlineExceeded')
    const failedAt = runUntil(c, () => conditionTypes(getJob(c, 'j')).includes('Failed:DeadlineExceeded'))
    // `sleep` as PID 1 ignores SIGTERM: the whole 30 s grace period passes (R75).
    expect(failedAt).toBeGreaterThanOrEqual(35_000)
    expect(getJob(c, 'j')?.status?.conditions?.find(x => x.type === 'Failed')?.message)
      .toBe('Job was active longer than specified deadline')
  })

  it('completions and parallelism: 3 completions, 2 at a time', () => {
    const c = cluster()
    c.apply(job('j', { command: ['sleep', '5'], completions: 3, parallelism: 2 }))
    c.advance(2000)
    expect(podsOf(c, 'j')).toHaveLength(2)
    c.runUntilIdle()
    expect(getJob(c, 'j')?.status?.succeeded).toBe(3)
    expect(podsOf(c, 'j')).toHaveLength(3)
    expect(conditionTypes(getJob(c, 'j'))).toContain('Complete:CompletionsReached')
  })

  it('R74 ttlSecondsAfterFinished deletes the finished Job and its Pods', () => {
    const c = cluster()
    c.apply(job('j', { command: ['true'], ttlSecondsAfterFinished: 5 }))
    const done = runUntil(c, finished(c, 'j'))
    // The TTL counts from completionTime, which has whole-second precision.
    c.advance(4000)
    expect(getJob(c, 'j')).toBeDefined()
    c.runUntilIdle()
    expect(getJob(c, 'j')).toBeUndefined()
    expect(podsOf(c, 'j')).toHaveLength(0)
    expect(done).toBeGreaterThan(0)
  })

  it('R74 with the Argo CD hook finalizer, the TTL only sets deletionTimestamp', () => {
    const c = cluster()
    c.apply(job('j', { command: ['true'], ttlSecondsAfterFinished: 0, finalizers: ['argocd.argoproj.io/hook-finalizer'] }))
    c.runUntilIdle()
    const j = getJob(c, 'j')!
    expect(j.metadata.deletionTimestamp).toBeDefined()
    // R26: the hook's health is still evaluated normally while the finalizer holds it.
    expect(getHealth(j)?.status).toBe('Healthy')
    c.store.removeFinalizer({ kind: 'Job', namespace: 'default', name: 'j' }, 'argocd.argoproj.io/hook-finalizer')
    c.runUntilIdle()
    expect(getJob(c, 'j')).toBeUndefined()
  })

  it('R75 a Job deleted in the foreground stays until its running Pod has gone (30 s grace for sleep)', () => {
    const c = cluster()
    c.apply(job('j', { command: ['sleep', '300'] }))
    runUntil(c, () => podsOf(c, 'j')[0]?.status?.phase === 'Running')
    const t0 = c.now()
    c.delete({ kind: 'Job', namespace: 'default', name: 'j' }, { propagationPolicy: 'Foreground' })
    expect(getJob(c, 'j')?.metadata.finalizers).toContain('foregroundDeletion')
    const gone = runUntil(c, () => getJob(c, 'j') === undefined)
    expect(gone - t0).toBeGreaterThanOrEqual(30_000)
    expect(gone - t0).toBeLessThan(31_000)
  })

  it('a Job whose image does not exist stays Progressing: its Pod waits in ImagePullBackOff', () => {
    const c = cluster()
    c.apply(job('j', { image: 'registry.example.com/nope:1.0' }))
    c.advance(60_000)
    const [pod] = podsOf(c, 'j')
    expect(pod?.status?.phase).toBe('Pending')
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(pod?.status?.containerStatuses?.[0]?.state.waiting?.reason)
    expect(getHealth(getJob(c, 'j')!)?.status).toBe('Progressing')
  })
})
