// The StatefulSet controller: Pods <name>-0 .. <name>-(N-1) with stable names, created in ordinal order one at a
// time (OrderedReady) or all at once (Parallel), removed from the highest ordinal down (R93); a rolling update that
// replaces Pods from the highest ordinal down to the partition, one at a time (R94); and the status that Argo CD's
// StatefulSet health reads (R95). Each Pod's PersistentVolumeClaims come first (statefulset-claims.ts). Revisions
// (`<name>-<template hash>`) stand for the ControllerRevisions a real controller stores; their templates are kept here.
import type { VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import type { Pod, PodTemplate, StatefulSet, StatefulSetStatus } from './objects.ts'
import { refOf } from './objects.ts'
import { createPodFromTemplate } from './pod-template.ts'
import { ensureClaims, handClaimsToPod, withClaimVolumes } from './statefulset-claims.ts'
import { isRunningAndReady, isTerminating, podsOwnedBy, scaledValue } from './pod-state.ts'
import type { ObjectStore } from './store.ts'
import { WorkloadController } from './workload-controller.ts'

export const REVISION_LABEL = 'controller-revision-hash'
const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name'
const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index'
const SOURCE = 'statefulset-controller'

interface Replicas {
  /** Pods of ordinals 0 .. replicas-1, by ordinal. */
  byOrdinal: Map<number, Pod>
  /** Pods past the wanted replicas (or with a name that is not <name>-<ordinal>), highest ordinal first. */
  condemned: Pod[]
}

export class StatefulSetController extends WorkloadController<StatefulSet> {
  /** `<uid>/<revision>` → the template of that revision. */
  private templates = new Map<string, PodTemplate>()

  constructor(store: ObjectStore, clock: VirtualClock, private events: EventRecorder) {
    super(store, clock, 'StatefulSet', SOURCE)
  }

  protected reconcile(sts: StatefulSet): void {
    const updateRevision = this.revisionOf(sts)
    const currentRevision = sts.status?.currentRevision || updateRevision
    const pods = this.partition(sts, podsOwnedBy(this.store.dependents(sts.metadata.uid!)))
    this.act(sts, pods, currentRevision, updateRevision)
    this.writeCounts(sts, currentRevision, updateRevision)
  }

  /** R93, R94: at most what the policy allows in one pass; the next Pod change wakes the controller again. */
  private act(sts: StatefulSet, pods: Replicas, currentRevision: string, updateRevision: string): void {
    const ordered = sts.spec.podManagementPolicy !== 'Parallel'
    const replicas = sts.spec.replicas ?? 1
    const now = this.clock.now()
    let allHealthy = true
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pod = pods.byOrdinal.get(ordinal)
      if (!pod) {
        this.createPod(sts, ordinal, currentRevision, updateRevision)
        allHealthy = false
        if (ordered) return
        continue
      }
      if (pod.status?.phase === 'Failed' && !isTerminating(pod)) {
        // A failed Pod is deleted and re-created under the same name on a later pass (R93).
        this.deletePod(sts, pod, 'RecreatingFailedPod', `StatefulSet ${sts.metadata.namespace}/${sts.metadata.name} ` +
          `is recreating failed Pod ${pod.metadata.name}`, 'Warning')
        allHealthy = false
        if (ordered) return
        continue
      }
      if (!this.isHealthy(sts, pod, now)) {
        allHealthy = false
        if (ordered) return
      }
    }
    // Scale down: the highest ordinal first, each gone before the next (OrderedReady), all at once (Parallel).
    for (const pod of pods.condemned) {
      if (isTerminating(pod)) {
        if (ordered) return
        continue
      }
      const ordinal = Number((pod.metadata.name ?? '').slice(`${sts.metadata.name}-`.length))
      if (Number.isInteger(ordinal)) handClaimsToPod(this.store, sts, pod, ordinal)
      this.deletePod(sts, pod)
      if (ordered) return
    }
    if (!allHealthy && ordered) return
    this.rollingUpdate(sts, pods, updateRevision, now)
  }

  /** R94: Pods of an old revision are deleted from the highest ordinal down to the partition, one at a time. */
  private rollingUpdate(sts: StatefulSet, pods: Replicas, updateRevision: string, now: number): void {
    const strategy = sts.spec.updateStrategy
    if ((strategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') return
    const replicas = sts.spec.replicas ?? 1
    const partition = strategy?.rollingUpdate?.partition ?? 0
    const maxUnavailable = Math.max(1, scaledValue(strategy?.rollingUpdate?.maxUnavailable, replicas, 1, false))
    let unavailable = 0
    for (let ordinal = 0; ordinal < replicas; ordinal++) {
      const pod = pods.byOrdinal.get(ordinal)
      if (!pod || isTerminating(pod) || !this.isHealthy(sts, pod, now)) unavailable++
    }
    for (let ordinal = replicas - 1; ordinal >= partition && unavailable < maxUnavailable; ordinal--) {
      const pod = pods.byOrdinal.get(ordinal)
      if (!pod || isTerminating(pod) || pod.metadata.labels?.[REVISION_LABEL] === updateRevision) continue
      this.deletePod(sts, pod)
      unavailable++
    }
  }

  /** Running, Ready and available (R91); a Pod still waiting out minReadySeconds wakes the controller then. */
  private isHealthy(sts: StatefulSet, pod: Pod, now: number): boolean {
    return !isTerminating(pod) && this.isAvailable(sts, pod, now)
  }

  private partition(sts: StatefulSet, owned: Pod[]): Replicas {
    const replicas = sts.spec.replicas ?? 1
    const prefix = `${sts.metadata.name}-`
    const byOrdinal = new Map<number, Pod>()
    const condemned: Array<{ ordinal: number; pod: Pod }> = []
    for (const pod of owned) {
      const name = pod.metadata.name ?? ''
      const suffix = name.startsWith(prefix) ? name.slice(prefix.length) : ''
      const ordinal = /^(0|[1-9]\d*)$/.test(suffix) ? Number(suffix) : -1
      if (ordinal >= 0 && ordinal < replicas) byOrdinal.set(ordinal, pod)
      else condemned.push({ ordinal, pod })
    }
    condemned.sort((a, b) => b.ordinal - a.ordinal)
    return { byOrdinal, condemned: condemned.map(c => c.pod) }
  }

  /** Ordinals below the partition keep the current revision's template (newVersionedStatefulSetPod). */
  private createPod(sts: StatefulSet, ordinal: number, currentRevision: string, updateRevision: string): void {
    const strategy = sts.spec.updateStrategy
    const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    const old = rolling && ordinal < (strategy?.rollingUpdate?.partition ?? 0)
    const revision = old ? currentRevision : updateRevision
    const template = this.templates.get(`${sts.metadata.uid}/${revision}`) ?? sts.spec.template
    const name = `${sts.metadata.name}-${ordinal}`
    // The claims first: a Pod whose claim could not be made is not created (createStatefulPod).
    if (!ensureClaims(this.store, this.events, sts, ordinal)) return
    const volumes = withClaimVolumes(template.spec, sts, ordinal).volumes
    createPodFromTemplate(this.store, this.events, sts, template, SOURCE, {
      name,
      labels: { [REVISION_LABEL]: revision, [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
      spec: { hostname: name, ...(sts.spec.serviceName ? { subdomain: sts.spec.serviceName } : {}), ...(volumes ? { volumes } : {}) },
    })
  }

  private deletePod(sts: StatefulSet, pod: Pod, reason = 'SuccessfulDelete',
    message = `delete Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} successful`,
    type: 'Normal' | 'Warning' = 'Normal'): void {
    this.store.delete(refOf(pod))
    this.events.record(sts, type, reason, message, SOURCE)
  }

  /** The revision of the StatefulSet's current template (`<name>-<hash>`); its template is kept. */
  private revisionOf(sts: StatefulSet): string {
    const revision = `${sts.metadata.name}-${this.hashOf(sts)}`
    this.templates.set(`${sts.metadata.uid}/${revision}`, sts.spec.template)
    return revision
  }

  /** R94: counts from the Pods as they are now; a complete rolling update makes the update revision current. */
  private writeCounts(sts: StatefulSet, currentRevision: string, updateRevision: string): void {
    const now = this.clock.now()
    let replicas = 0, ready = 0, available = 0, current = 0, updated = 0
    for (const pod of podsOwnedBy(this.store.dependents(sts.metadata.uid!))) {
      replicas++
      if (isRunningAndReady(pod)) {
        ready++
        if (this.isAvailable(sts, pod, now)) available++
      }
      if (isTerminating(pod)) continue
      const revision = pod.metadata.labels?.[REVISION_LABEL]
      if (revision === currentRevision) current++
      if (revision === updateRevision) updated++
    }
    // completeRollingUpdate: only a RollingUpdate moves currentRevision on; OnDelete keeps the old one.
    const rolling = (sts.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'
    if (rolling && updated === replicas && ready === replicas) {
      currentRevision = updateRevision
      current = updated
    }
    // The API server's JSON: replicas and availableReplicas always, other zero counts omitted.
    const status: StatefulSetStatus = { observedGeneration: sts.metadata.generation ?? 1, replicas }
    if (ready) status.readyReplicas = ready
    if (current) status.currentReplicas = current
    if (updated) status.updatedReplicas = updated
    status.currentRevision = currentRevision
    status.updateRevision = updateRevision
    status.collisionCount = 0
    status.availableReplicas = available
    this.writeStatus(sts, status)
  }
}
