// The DaemonSet controller (R96): one Pod (`<name>-<5 chars>`) on every node its nodeSelector admits, pinned there
// by a node affinity; a rolling update that deletes old Pods, at most maxUnavailable nodes at a time, a new Pod
// following on each node; OnDelete replaces only deleted Pods; and the status GE's DaemonSet health reads (R97).
import type { VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import type { DaemonSet, DaemonSetStatus, Pod } from './objects.ts'
import { refOf } from './objects.ts'
import { matchesNodeSelector, nodeAffinityFor, pinnedNode, type SimNode } from './nodes.ts'
import { createPodFromTemplate } from './pod-template.ts'
import { isRunningAndReady, isTerminating, podsOwnedBy, scaledValue } from './pod-state.ts'
import type { ObjectStore } from './store.ts'
import { WorkloadController } from './workload-controller.ts'

const REVISION_LABEL = 'controller-revision-hash'
const SOURCE = 'daemonset-controller'

/** The tolerations every DaemonSet Pod gets (util.AddOrUpdateDaemonPodTolerations). */
const DAEMON_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
]

/** A node's Pods of one DaemonSet: the one that counts (the oldest live one) and the rest. */
interface NodePods {
  node: SimNode
  eligible: boolean
  live: Pod[]
  failed: Pod[]
}

export class DaemonSetController extends WorkloadController<DaemonSet> {
  constructor(store: ObjectStore, clock: VirtualClock, private events: EventRecorder, private nodes: readonly SimNode[]) {
    super(store, clock, 'DaemonSet', SOURCE)
  }

  protected reconcile(ds: DaemonSet): void {
    const hash = this.hashOf(ds)
    const now = this.clock.now()
    this.manage(ds, this.byNode(ds), hash)
    if ((ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate') this.rollingUpdate(ds, this.byNode(ds), hash, now)
    this.writeCounts(ds, this.byNode(ds), hash, now)
  }

  /** Every admitted node gets one Pod; failed Pods, extra Pods and Pods on nodes not admitted are deleted. */
  private manage(ds: DaemonSet, nodes: NodePods[], hash: string): void {
    for (const n of nodes) {
      for (const pod of n.failed) {
        this.events.record(ds, 'Warning', 'FailedDaemonPod',
          `Found failed daemon pod ${ds.metadata.namespace}/${pod.metadata.name} on node ${n.node.name}, will try to kill it`, SOURCE)
        this.deletePod(ds, pod)
      }
      if (!n.eligible) {
        for (const pod of n.live) this.deletePod(ds, pod)
      } else if (n.live.length === 0) {
        this.createPod(ds, n.node, hash)
      } else {
        for (const pod of n.live.slice(1)) this.deletePod(ds, pod)
      }
    }
  }

  /**
   * R96 (maxSurge 0): old Pods that are not available go at once; available ones only while fewer than maxUnavailable
   * admitted nodes lack an available Pod. The node's new Pod is created on the next pass, when the old one is deleted.
   */
  private rollingUpdate(ds: DaemonSet, nodes: NodePods[], hash: string, now: number): void {
    const eligible = nodes.filter(n => n.eligible)
    const maxUnavailable = Math.max(1, scaledValue(ds.spec.updateStrategy?.rollingUpdate?.maxUnavailable, eligible.length, 1, true))
    let unavailable = 0
    const replaceNow: Pod[] = []
    const candidates: Pod[] = []
    for (const n of eligible) {
      const pod = n.live[0]
      if (!pod) {
        unavailable++
        continue
      }
      const available = this.isAvailable(ds, pod, now)
      if (pod.metadata.labels?.[REVISION_LABEL] === hash) {
        if (!available) unavailable++
      } else if (!available) {
        replaceNow.push(pod)
      } else {
        candidates.push(pod)
      }
    }
    for (const pod of replaceNow) this.deletePod(ds, pod)
    for (const pod of candidates.slice(0, Math.max(0, maxUnavailable - unavailable))) this.deletePod(ds, pod)
  }

  private byNode(ds: DaemonSet): NodePods[] {
    const selector = ds.spec.template.spec?.nodeSelector
    const out = this.nodes.map(node => ({ node, eligible: matchesNodeSelector(node, selector), live: [] as Pod[], failed: [] as Pod[] }))
    const index = new Map(out.map(n => [n.node.name, n]))
    for (const pod of podsOwnedBy(this.store.dependents(ds.metadata.uid!))) {
      if (isTerminating(pod)) continue
      const n = index.get(pinnedNode(pod.spec) ?? '')
      if (!n) continue
      if (pod.status?.phase === 'Failed') n.failed.push(pod)
      else n.live.push(pod)
    }
    return out
  }

  private createPod(ds: DaemonSet, node: SimNode, hash: string): void {
    const template = ds.spec.template
    createPodFromTemplate(this.store, this.events, ds, template, SOURCE, {
      labels: { [REVISION_LABEL]: hash, 'pod-template-generation': String(ds.metadata.generation ?? 1) },
      spec: {
        affinity: { ...template.spec.affinity, ...nodeAffinityFor(node.name) },
        tolerations: [...((template.spec as { tolerations?: unknown[] }).tolerations ?? []), ...DAEMON_TOLERATIONS],
      } as Partial<Pod['spec']>,
    })
  }

  private deletePod(ds: DaemonSet, pod: Pod): void {
    this.store.delete(refOf(pod))
    this.events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`, SOURCE)
  }

  private writeCounts(ds: DaemonSet, nodes: NodePods[], hash: string, now: number): void {
    let desired = 0, current = 0, misscheduled = 0, ready = 0, updated = 0, available = 0
    for (const n of nodes) {
      const pod = n.live[0]
      if (!n.eligible) {
        if (pod) misscheduled++
        continue
      }
      desired++
      if (!pod) continue
      current++
      if (isRunningAndReady(pod)) {
        ready++
        if (this.isAvailable(ds, pod, now)) available++
      }
      if (pod.metadata.labels?.[REVISION_LABEL] === hash) updated++
    }
    // Go's DaemonSetStatus field order; updated/available/unavailable omitted when zero.
    const status: DaemonSetStatus = { currentNumberScheduled: current, numberMisscheduled: misscheduled,
      desiredNumberScheduled: desired, numberReady: ready, observedGeneration: ds.metadata.generation ?? 1 }
    if (updated) status.updatedNumberScheduled = updated
    if (available) status.numberAvailable = available
    if (desired - available > 0) status.numberUnavailable = desired - available
    this.writeStatus(ds, status)
  }
}
