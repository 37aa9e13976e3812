// The Deployment controller: one ReplicaSet per pod template (named by the template's hash), a rolling update
// from the old ReplicaSets to the new one (maxSurge 25 %, maxUnavailable 25 %), and the status and conditions
// that Argo CD's Deployment health reads (R31), including ProgressDeadlineExceeded.
import { timestamp, type VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import { deepEqual } from './json.ts'
import { type Condition, type Deployment, type DeploymentStatus, getCondition, type ReplicaSet, refOf } from './objects.ts'
import { scaledValue } from './pod-state.ts'
import { NAME_SUFFIX_ALPHABET } from './random.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { WorkQueue } from './work-queue.ts'

const REVISION = 'deployment.kubernetes.io/revision'

export class DeploymentController {
  private queue: WorkQueue
  /** Deployment uid → its rollout's counts when it last moved, and when (R92). */
  private lastProgress = new Map<string, RolloutCounts & { at: number }>()

  constructor(private store: ObjectStore, private clock: VirtualClock, private events: EventRecorder) {
    this.queue = new WorkQueue(clock, key => this.reconcile(key), 'deployment-controller')
    store.watch(e => this.onEvent(e), ['Deployment', 'ReplicaSet'])
  }

  private onEvent(e: WatchEvent): void {
    const obj = e.object
    if (obj.kind === 'Deployment' && e.type !== 'DELETED') this.queue.enqueue(obj.metadata.uid!)
    if (obj.kind === 'ReplicaSet') {
      const owner = obj.metadata.ownerReferences?.find(o => o.controller && o.kind === 'Deployment')
      if (owner) this.queue.enqueue(owner.uid)
    }
  }

  private reconcile(key: string): void {
    const dep = this.store.getByUid(key) as Deployment | undefined
    if (!dep || dep.metadata.deletionTimestamp) return
    const owned = this.store.dependents(dep.metadata.uid!)
      .filter((o): o is ReplicaSet => o.kind === 'ReplicaSet' && !o.metadata.deletionTimestamp)
    const hash = this.hashOf(dep)
    let newRs = owned.find(rs => rs.metadata.labels?.['pod-template-hash'] === hash)
    const oldRs = owned.filter(rs => rs !== newRs)
    const replicas = dep.spec.replicas ?? 1
    let created = false
    if (!dep.spec.paused) {
      if (!newRs) {
        newRs = this.createReplicaSet(dep, hash, owned)
        created = true
      }
      this.rollout(dep, newRs, oldRs, replicas)
      this.syncMinReadySeconds(dep, [newRs, ...oldRs])
    }
    this.writeStatus(dep, newRs, oldRs, replicas, created)
  }

  /** The template hash, computed once per generation of the Deployment. */
  private hashes = new Map<string, { generation: number; hash: string }>()
  private hashOf(dep: Deployment): string {
    const uid = dep.metadata.uid!
    const generation = dep.metadata.generation ?? 1
    const known = this.hashes.get(uid)
    if (known?.generation === generation) return known.hash
    const hash = templateHash(dep.spec.template)
    this.hashes.set(uid, { generation, hash })
    return hash
  }

  private rollout(dep: Deployment, newRs: ReplicaSet, oldRs: ReplicaSet[], replicas: number): void {
    if (dep.spec.strategy?.type === 'Recreate') {
      for (const rs of oldRs) if (specOf(rs) > 0) this.scale(dep, rs, 0)
      const oldPods = oldRs.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0)
      if (oldPods === 0 && specOf(newRs) !== replicas) this.scale(dep, newRs, replicas)
      return
    }
    const { maxSurge, maxUnavailable } = rollingLimits(dep, replicas)
    const total = specOf(newRs) + oldRs.reduce((n, rs) => n + specOf(rs), 0)
    if (specOf(newRs) < replicas) {
      const up = Math.min(replicas, specOf(newRs) + Math.max(0, replicas + maxSurge - total))
      if (up !== specOf(newRs)) {
        this.scale(dep, newRs, up)
        return // as rolloutRolling: a scale-up ends this pass; the old ones are looked at on the next
      }
    } else if (specOf(newRs) > replicas) {
      this.scale(dep, newRs, replicas)
    }
    this.scaleDownOld(dep, newRs, oldRs, replicas, maxUnavailable, total)
  }

  /**
   * reconcileOldReplicaSets: at most `total - minAvailable - unavailable new Pods` old Pods go, counted from the
   * ReplicaSets' specs (their statuses may not have caught up with this instant's scaling yet): unavailable old
   * Pods first, then available ones while more than minAvailable are available (R91: available after
   * minReadySeconds).
   */
  private scaleDownOld(dep: Deployment, newRs: ReplicaSet, oldRs: ReplicaSet[], replicas: number,
    maxUnavailable: number, total: number): void {
    if (oldRs.every(rs => specOf(rs) === 0)) return
    const minAvailable = replicas - maxUnavailable
    const newUnavailable = Math.max(0, specOf(newRs) - availableOf(newRs))
    let budget = total - minAvailable - newUnavailable
    if (budget <= 0) return
    const specs = new Map(oldRs.map(rs => [rs, specOf(rs)]))
    for (const rs of oldRs) {
      const down = Math.min(budget, Math.max(0, specs.get(rs)! - availableOf(rs)))
      if (down <= 0) continue
      specs.set(rs, specs.get(rs)! - down)
      budget -= down
    }
    let canRemove = Math.min(budget, [newRs, ...oldRs].reduce((n, rs) => n + availableOf(rs), 0) - minAvailable)
    for (const rs of oldRs) {
      const down = Math.min(Math.max(0, canRemove), specs.get(rs)!)
      if (down <= 0) continue
      specs.set(rs, specs.get(rs)! - down)
      canRemove -= down
    }
    for (const rs of oldRs) if (specs.get(rs)! !== specOf(rs)) this.scale(dep, rs, specs.get(rs)!)
  }

  /** R91: a changed minReadySeconds reaches the ReplicaSets without a new template (no new ReplicaSet). */
  private syncMinReadySeconds(dep: Deployment, all: ReplicaSet[]): void {
    const want = dep.spec.minReadySeconds ?? 0
    for (const stale of all) {
      const rs = this.store.get(refOf(stale)) as ReplicaSet | undefined
      if (!rs || (rs.spec.minReadySeconds ?? 0) === want) continue
      const { minReadySeconds: _old, ...rest } = rs.spec
      this.store.updateSpec(refOf(rs), want > 0 ? { ...rest, minReadySeconds: want } : rest)
    }
  }

  private scale(dep: Deployment, rs: ReplicaSet, to: number): void {
    const from = rs.spec.replicas ?? 0
    this.store.updateSpec(refOf(rs), { ...rs.spec, replicas: to })
    this.events.record(dep, 'Normal', 'ScalingReplicaSet',
      `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller')
  }

  private createReplicaSet(dep: Deployment, hash: string, owned: ReplicaSet[]): ReplicaSet {
    const revision = 1 + Math.max(0, ...owned.map(rs => Number(rs.metadata.annotations?.[REVISION] ?? 0)))
    const labels = { ...dep.spec.template.metadata?.labels, 'pod-template-hash': hash }
    const rs = this.store.create({
      apiVersion: 'apps/v1', kind: 'ReplicaSet',
      metadata: {
        name: `${dep.metadata.name}-${hash}`, namespace: dep.metadata.namespace!, labels,
        annotations: { [REVISION]: String(revision), 'deployment.kubernetes.io/desired-replicas': String(dep.spec.replicas ?? 1) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: dep.metadata.name!, uid: dep.metadata.uid!,
          controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: 0,
        // R91: the ReplicaSet counts availability with the Deployment's minReadySeconds.
        ...(dep.spec.minReadySeconds ? { minReadySeconds: dep.spec.minReadySeconds } : {}),
        selector: { matchLabels: { ...dep.spec.selector?.matchLabels, 'pod-template-hash': hash } },
        template: { ...dep.spec.template, metadata: { ...dep.spec.template.metadata, labels } },
      },
    }) as ReplicaSet
    return rs
  }

  private writeStatus(dep: Deployment, newRs: ReplicaSet | undefined, oldRs: ReplicaSet[], replicas: number,
    created: boolean): void {
    const all = newRs ? [newRs, ...oldRs] : oldRs
    const now = this.clock.now()
    let total = 0
    let ready = 0
    let available = 0
    for (const rs of all) {
      total += rs.status?.replicas ?? 0
      ready += rs.status?.readyReplicas ?? 0
      available += rs.status?.availableReplicas ?? 0
    }
    const status: DeploymentStatus = {
      observedGeneration: dep.metadata.generation ?? 1,
      replicas: total,
      updatedReplicas: newRs?.status?.replicas ?? 0,
      readyReplicas: ready,
      availableReplicas: available,
    }
    const unavailable = Math.max(0, Math.max(replicas, total) - available)
    status.unavailableReplicas = unavailable
    const old = dep.status?.conditions ?? []
    const { maxUnavailable } = rollingLimits(dep, replicas)
    const availableOk = (status.availableReplicas ?? 0) >= replicas - maxUnavailable
    const conditions: Condition[] = [
      keep(old, availableOk
        ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.', now)
        : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.', now)),
      this.progressing(dep, newRs, old, status, replicas, created, now),
    ]
    // The API server's JSON omits a zero count; built without it rather than deleted (one object shape).
    const next: DeploymentStatus = { observedGeneration: dep.metadata.generation ?? 1, replicas: total,
      updatedReplicas: newRs?.status?.replicas ?? 0, readyReplicas: ready, availableReplicas: available }
    if (unavailable) next.unavailableReplicas = unavailable
    next.conditions = conditions
    if (!deepEqual(next, dep.status ?? {})) this.store.updateStatus(dep, next)
  }

  private progressing(dep: Deployment, newRs: ReplicaSet | undefined, old: Condition[], status: DeploymentStatus,
    replicas: number, created: boolean, now: number): Condition {
    const prev = getCondition(old, 'Progressing')
    const rsName = newRs?.metadata.name ?? ''
    if (dep.spec.paused) {
      return keep(old, cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused', now))
    }
    const complete = status.updatedReplicas === replicas && status.replicas === replicas &&
      status.availableReplicas === replicas && (newRs?.status?.observedGeneration ?? 0) >= (newRs?.metadata.generation ?? 1)
    if (complete) {
      return keep(old, cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`, now))
    }
    // R92: progress = a new ReplicaSet, more updated, ready or available replicas, or fewer old ones
    // (deployment util DeploymentProgressing); the deadline counts from the last progress. A timed-out rollout stays
    // so until it progresses again (DeploymentTimedOut), e.g. with a new template.
    const counts: RolloutCounts = { rs: rsName, updated: status.updatedReplicas ?? 0, ready: status.readyReplicas ?? 0,
      available: status.availableReplicas ?? 0, old: (status.replicas ?? 0) - (status.updatedReplicas ?? 0) }
    const uid = dep.metadata.uid!
    const seen = this.lastProgress.get(uid)
    const progressed = !seen || progressedSince(seen, counts)
    if (progressed) this.lastProgress.set(uid, { ...counts, at: now })
    else this.lastProgress.set(uid, { ...counts, at: seen.at })
    if (prev?.reason === 'ProgressDeadlineExceeded' && !progressed && !created) return prev
    const lastProgress = this.lastProgress.get(uid)!.at
    const deadlineMs = (dep.spec.progressDeadlineSeconds ?? 600) * 1000
    if (now - lastProgress >= deadlineMs) {
      return cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${rsName}" has timed out progressing.`, now)
    }
    this.queue.enqueue(dep.metadata.uid!, lastProgress + deadlineMs - now)
    const reason = created ? 'NewReplicaSetCreated' : 'ReplicaSetUpdated'
    const message = created ? `Created new replica set "${rsName}"` : `ReplicaSet "${rsName}" is progressing.`
    const c = keep(old, cond('Progressing', 'True', reason, message, now))
    return { ...c, lastUpdateTime: timestamp(lastProgress) }
  }
}

/**
 * maxSurge (rounded up) and maxUnavailable (rounded down) of a RollingUpdate, 25 % each by default; both 0 would
 * never move, so maxUnavailable is then 1 (deployment util ResolveFenceposts).
 */
function rollingLimits(dep: Deployment, replicas: number): { maxSurge: number; maxUnavailable: number } {
  const rolling = dep.spec.strategy?.rollingUpdate
  const maxSurge = scaledValue(rolling?.maxSurge ?? '25%', replicas, 0, true)
  const maxUnavailable = scaledValue(rolling?.maxUnavailable ?? '25%', replicas, 0, false)
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable }
}

interface RolloutCounts { rs: string; updated: number; ready: number; available: number; old: number }

function progressedSince(before: RolloutCounts, now: RolloutCounts): boolean {
  return before.rs !== now.rs || now.updated > before.updated || now.ready > before.ready ||
    now.available > before.available || now.old < before.old
}

function cond(type: string, status: Condition['status'], reason: string, message: string, now: number): Condition {
  const t = timestamp(now)
  return { type, status, reason, message, lastUpdateTime: t, lastTransitionTime: t }
}

/** Keeps the previous condition (and its times) when nothing about it changed. */
function keep(old: Condition[], next: Condition): Condition {
  const prev = getCondition(old, next.type)
  if (prev && prev.status === next.status && prev.reason === next.reason && prev.message === next.message) return prev
  if (prev && prev.status === next.status && prev.lastTransitionTime) next.lastTransitionTime = prev.lastTransitionTime
  return next
}

/** pod-template-hash: a stable hash of the template, written with the API server's name alphabet. */
export function templateHash(template: unknown): string {
  const text = canonicalJson(template)
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  let out = ''
  for (let i = 0; i < 10; i++) {
    out += NAME_SUFFIX_ALPHABET[h % NAME_SUFFIX_ALPHABET.length]
    h = Math.floor(h / NAME_SUFFIX_ALPHABET.length) || Math.imul(h + i + 1, 0x9e3779b1) >>> 0
  }
  return out
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map(k => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(',')}}`
  }
  return JSON.stringify(v) ?? 'null'
}

function specOf(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 0
}

function availableOf(rs: ReplicaSet): number {
  return rs.status?.availableReplicas ?? 0
}
