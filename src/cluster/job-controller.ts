// The Job controller: creates Pods from the template, counts successes and failures (as its podFailurePolicy says,
// R84), re-creates failed Pods with back-off (R68), fails the Job past backoffLimit (R67, R70), activeDeadlineSeconds
// (R69) or on a FailJob rule (R85), completes it
// (R71), and deletes finished Jobs after ttlSecondsAfterFinished (R74).
import { parseTimestamp, timestamp, type VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import { createPodFromTemplate } from './pod-template.ts'
import { deepEqual } from './json.ts'
import { type Condition, getCondition, type Job, type JobStatus, type Pod, refOf } from './objects.ts'
import { matchPodFailurePolicy } from './pod-failure-policy.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { backoff, timings } from './timings.ts'
import { WorkQueue } from './work-queue.ts'

interface PodCounts {
  active: Pod[]
  terminating: Pod[]
  succeeded: number
  failed: number
  /** Container restarts in pending/running pods (restartPolicy OnFailure counts these against the limit). */
  restarts: number
  lastFailureAt: number
  ready: number
  /** R85: the first failed Pod a FailJob rule of the podFailurePolicy matched, with the Job's message. */
  failJob?: string
}

/**
 * What a reconcile writes the status from: the start and completion times and the conditions. Always these three
 * fields (one object shape), not a copy of whatever fields the last status had.
 */
interface NextStatus {
  startTime: string
  completionTime: string | undefined
  conditions: Condition[]
}

export class JobController {
  private queue: WorkQueue

  constructor(private store: ObjectStore, private clock: VirtualClock, private events: EventRecorder) {
    this.queue = new WorkQueue(clock, key => this.reconcile(key), 'job-controller')
    store.watch(e => this.onEvent(e), ['Job', 'Pod'])
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object
    // Its own status writes need no second look; a new spec or a deletion does.
    if (obj.kind === 'Job' && (e.type === 'ADDED' || (e.type === 'MODIFIED' && (
      e.old?.metadata.generation !== obj.metadata.generation ||
      e.old?.metadata.deletionTimestamp !== obj.metadata.deletionTimestamp)))) {
      this.queue.enqueue(obj.metadata.uid!)
    }
    if (obj.kind === 'Pod' && countsMayChange(e)) {
      const owner = obj.metadata.ownerReferences?.find(o => o.controller && o.kind === 'Job')
      if (!owner) return
      const key = owner.uid
      // A Pod this very reconcile created is already counted (the controller's "expectations").
      if (e.type === 'ADDED' && this.queue.isReconciling(key)) return
      this.queue.enqueue(key)
    }
  }

  private reconcile(key: string): void {
    const job = this.store.getByUid(key) as Job | undefined
    if (!job) return
    const status: JobStatus = job.status ?? {}
    if (isFinished(status)) {
      this.scheduleTtl(job, status)
      return
    }
    if (job.metadata.deletionTimestamp) return
    const now = this.clock.now()
    const counts = this.countPods(job)
    const next: NextStatus = { startTime: status.startTime ?? timestamp(now), completionTime: status.completionTime,
      conditions: status.conditions ? [...status.conditions] : [] }
    const startedAt = parseTimestamp(next.startTime)
    const spec = job.spec
    const completions = spec.completions ?? 1
    const parallelism = spec.parallelism ?? 1

    const failure = this.failureReason(job, counts, startedAt, now)
    const target = getCondition(next.conditions, 'FailureTarget')
    if (failure || target) {
      // Since Kubernetes 1.31 the Job is first marked FailureTarget; Failed follows once its Pods are gone (R69).
      const reason = target?.reason ?? failure!.reason
      const message = target?.message ?? failure!.message
      if (!target) {
        setCondition(next, 'FailureTarget', reason, message, now)
        this.events.record(job, 'Warning', reason, message, 'job-controller')
      }
      for (const pod of counts.active) this.store.delete(refOf(pod))
      if (counts.active.length === 0 && counts.terminating.length === 0) {
        setCondition(next, 'Failed', reason, message, now)
      }
      this.writeStatus(job, next, counts, true)
      return
    }

    if (counts.succeeded >= completions) {
      setCondition(next, 'SuccessCriteriaMet', 'CompletionsReached', 'Reached expected number of succeeded pods', now)
      for (const pod of counts.active) this.store.delete(refOf(pod))
      if (counts.active.length === 0 && counts.terminating.length === 0) {
        setCondition(next, 'Complete', 'CompletionsReached', 'Reached expected number of succeeded pods', now)
        next.completionTime = timestamp(now)
        this.events.record(job, 'Normal', 'Completed', 'Job completed', 'job-controller')
      }
      this.writeStatus(job, next, counts, true)
      return
    }

    if (spec.suspend) {
      for (const pod of counts.active) this.store.delete(refOf(pod))
      if (!getCondition(next.conditions, 'Suspended')) {
        setCondition(next, 'Suspended', 'JobSuspended', 'Job suspended', now)
      }
      this.writeStatus(job, next, counts, false)
      return
    }

    const want = Math.min(parallelism, completions - counts.succeeded) - counts.active.length
    if (want > 0) {
      const retryAt = counts.failed > 0
        ? counts.lastFailureAt + backoff(timings.jobBackoffBaseMs, timings.jobBackoffMaxMs, counts.failed)
        : now
      if (retryAt > now) {
        this.queue.enqueue(key, retryAt - now)
      } else {
        for (let i = 0; i < want; i++) counts.active.push(this.createPod(job))
      }
    }
    if (spec.activeDeadlineSeconds !== undefined) {
      this.queue.enqueue(key, Math.max(0, startedAt + spec.activeDeadlineSeconds * 1000 - now))
    }
    this.writeStatus(job, next, counts, false)
  }

  private failureReason(job: Job, counts: PodCounts, startedAt: number, now: number):
    { reason: string; message: string } | undefined {
    const spec = job.spec
    const limit = spec.backoffLimit ?? 6
    if (counts.failJob !== undefined) return { reason: 'PodFailurePolicy', message: counts.failJob } // R85
    if (spec.activeDeadlineSeconds !== undefined && now >= startedAt + spec.activeDeadlineSeconds * 1000) {
      return { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' } // R69
    }
    const policy = spec.template.spec.restartPolicy
    const pastLimit = policy === 'OnFailure'
      ? (limit === 0 ? counts.restarts > 0 : counts.restarts >= limit) // R70: restarts in running pods count
      : counts.failed > limit // R67: backoffLimit 0 fails on the first failed pod
    if (pastLimit) return { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' }
    return undefined
  }

  private countPods(job: Job): PodCounts {
    const counts: PodCounts = { active: [], terminating: [], succeeded: 0, failed: 0, restarts: 0, lastFailureAt: 0,
      ready: 0 }
    const policy = job.spec.podFailurePolicy
    for (const obj of this.store.dependents(job.metadata.uid!)) {
      if (obj.kind !== 'Pod') continue
      const pod = obj as Pod
      const phase = pod.status?.phase ?? 'Pending'
      if (phase === 'Succeeded') counts.succeeded++
      else if (phase === 'Failed') {
        if (policy) {
          // R84: the first matching rule decides; Ignore leaves the failure uncounted.
          const outcome = matchPodFailurePolicy(policy, pod)
          if (outcome.action === 'FailJob' && outcome.message) counts.failJob ??= outcome.message
          if (outcome.action === 'Ignore') continue
        }
        counts.failed++
        const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]
        const finished = statuses.map(c => c.state.terminated?.finishedAt ?? '')
        const at = Math.max(...finished.map(f => (f ? parseTimestamp(f) : 0)), 0)
        counts.lastFailureAt = Math.max(counts.lastFailureAt, at)
      } else if (pod.metadata.deletionTimestamp) counts.terminating.push(pod)
      else {
        counts.active.push(pod)
        counts.restarts += restartsOf(pod) // init containers' restarts count too (R87)
        if (pod.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True')) counts.ready++
      }
    }
    return counts
  }

  private createPod(job: Job): Pod {
    return createPodFromTemplate(this.store, this.events, job, job.spec.template, 'job-controller')
  }


  private writeStatus(job: Job, next: NextStatus, counts: PodCounts, finishing: boolean): void {
    const status: JobStatus = {}
    const active = finishing && isFinished(next) ? 0 : counts.active.length
    // The API server's JSON omits zero counts and empty lists.
    if (active) status.active = active
    if (counts.succeeded) status.succeeded = counts.succeeded
    if (counts.failed) status.failed = counts.failed
    status.ready = counts.ready
    if (next.startTime) status.startTime = next.startTime
    if (next.completionTime) status.completionTime = next.completionTime
    if (next.conditions.length > 0) status.conditions = next.conditions
    if (deepEqual(status, job.status ?? {})) return
    const written = this.store.updateStatus(job, status) as Job
    if (isFinished(status)) this.scheduleTtl(written, status)
  }

  private scheduled = new Set<string>()
  private scheduleTtl(job: Job, status: JobStatus): void {
    const ttl = job.spec.ttlSecondsAfterFinished
    const uid = job.metadata.uid!
    if (ttl === undefined || this.scheduled.has(uid)) return
    this.scheduled.add(uid)
    const finishedAt = parseTimestamp(finishTime(status)!)
    const ref = refOf(job)
    this.clock.scheduleAt(finishedAt + ttl * 1000, () => {
      this.scheduled.delete(uid)
      const live = this.store.get(ref)
      // R74: the TTL controller deletes in the foreground; a hook finalizer only lets it set deletionTimestamp.
      if (live?.metadata.uid === uid && !live.metadata.deletionTimestamp) {
        this.store.delete(ref, { propagationPolicy: 'Foreground' })
      }
    }, 'ttl-after-finished')
  }
}

function isFinished(status: { conditions?: Condition[] | undefined }): boolean {
  return status.conditions?.some(c => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') ?? false
}

function finishTime(status: JobStatus): string | undefined {
  return status.completionTime ??
    status.conditions?.find(c => (c.type === 'Complete' || c.type === 'Failed'))?.lastTransitionTime
}

function setCondition(status: NextStatus, type: string, reason: string, message: string, now: number): void {
  const conditions = status.conditions
  if (conditions.some(c => c.type === type)) return
  const t = timestamp(now)
  const condition: Condition = { type, status: 'True', reason, message, lastProbeTime: t, lastTransitionTime: t }
  conditions.push(condition)
}

/** A Pod change matters to its Job only when it can change the counts: phase, restarts, readiness, deletion. */
function countsMayChange(e: WatchEvent): boolean {
  if (e.type !== 'MODIFIED' || !e.old) return true
  const a = e.old as Pod
  const b = e.object as Pod
  if (a.status?.phase !== b.status?.phase || a.metadata.deletionTimestamp !== b.metadata.deletionTimestamp) return true
  return podReady(a) !== podReady(b) || restartsOf(a) !== restartsOf(b)
}

function podReady(p: Pod): boolean {
  return p.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false
}

/** Container restarts of a Pod, init containers included (pastBackoffLimitOnFailure). */
function restartsOf(pod: Pod): number {
  let n = 0
  for (const c of pod.status?.containerStatuses ?? []) n += c.restartCount
  for (const c of pod.status?.initContainerStatuses ?? []) n += c.restartCount
  return n
}
