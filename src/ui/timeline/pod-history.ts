// What every Pod of the simulated cluster looked like over time, in the words `kubectl get pods` uses (STATUS,
// READY, RESTARTS). The recorder only watches the store: it reads Pod objects as the kubelet wrote them and keeps a
// row whenever what kubectl would print changes. The timeline draws pod bars from it and the event panel prints
// `kubectl get pods --watch` lines from it.
import { parseTimestamp } from '../../cluster/clock.ts'
import type { FakeCluster } from '../../cluster/fake-cluster.ts'
import type { KubeObject, Pod } from '../../cluster/objects.ts'
import type { WatchListener } from '../../cluster/store.ts'
import { kubectlPodRow, type PodRow } from '../../cluster/print-pod.ts'

export { kubectlPodRow }

/** One row `kubectl get pods` would print, at virtual time `t`. */
export interface PodTransition extends PodRow {
  t: number
}

export interface PodHistory {
  uid: string
  name: string
  namespace: string
  /** The controlling owner, as `Kind/name` ("Job/before", "ReplicaSet/web-5d8f9c"). */
  owner?: string
  /** Virtual ms the Pod appeared (or recording started, for a Pod that was already there). */
  createdAt: number
  /** creationTimestamp in virtual ms (second precision, as the API server writes it): AGE counts from it. */
  creationTimestamp: number
  /** Rows in time order; consecutive rows always differ in status, readiness, restarts or deletion. */
  transitions: PodTransition[]
  /** When the Pod got its deletionTimestamp. */
  deletingAt?: number
  /** When the Pod left the store. */
  goneAt?: number
  /** Failed probe runs (the kubelet's Unhealthy events, R90) and probe kills, in time order. */
  probeFailures?: ProbeFailure[]
}

export interface ProbeFailure {
  t: number
  /** "Readiness probe failed: …", "Container web failed liveness probe, will be restarted". */
  message: string
  /** The container is killed for it (liveness or startup). */
  kill: boolean
}

/** The kubelet's events about probes, as EventRecorder hands them out. */
export interface ProbeEventSource {
  listen(listener: (e: { at: number; reason: string; message: string; involved: { kind: string; uid: string } }) => void): () => void
}

export interface PodHistoryRecorder {
  /** A snapshot of every Pod seen so far, in creation order. */
  histories(): PodHistory[]
  /** Stops watching the cluster. */
  dispose(): void
}

/** What the recorder reads: the simulated cluster, or a real one through its watches (times are then wall times). */
export interface PodSource {
  now(): number
  /** The Pods there are when recording starts. */
  pods(): KubeObject[]
  watch(listener: WatchListener): () => void
}

/** Watches the simulated cluster and records each Pod's kubectl row changes with their virtual times. */
export function recordPodHistory(cluster: FakeCluster): PodHistoryRecorder {
  return recordPods({ now: () => cluster.now(), pods: () => cluster.store.list('Pod'), watch: l => cluster.watch(l) },
    cluster.events)
}

/** Records each Pod's kubectl row changes with the source's times (and its probe failures, given the events). */
export function recordPods(cluster: PodSource, events?: ProbeEventSource): PodHistoryRecorder {
  const byUid = new Map<string, PodHistory>()
  let version = 0
  let cached: { version: number; list: PodHistory[] } | undefined

  const note = (obj: KubeObject, t: number): PodHistory => {
    const pod = obj as Pod
    const uid = pod.metadata.uid ?? `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`
    let h = byUid.get(uid)
    if (!h) {
      const owner = pod.metadata.ownerReferences?.find(o => o.controller) ?? pod.metadata.ownerReferences?.[0]
      const created = pod.metadata.creationTimestamp ? parseTimestamp(pod.metadata.creationTimestamp) : t
      h = {
        uid, name: pod.metadata.name ?? '', namespace: pod.metadata.namespace ?? '',
        ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
        createdAt: t, creationTimestamp: Number.isFinite(created) ? created : t, transitions: [],
      }
      byUid.set(uid, h)
    }
    const row = kubectlPodRow(pod)
    const last = h.transitions.at(-1)
    if (!last || !sameRow(last, row)) h.transitions.push({ t, ...row })
    if (row.deleting && h.deletingAt === undefined) h.deletingAt = t
    version++
    return h
  }

  for (const pod of cluster.pods()) if (pod.kind === 'Pod') note(pod, cluster.now())
  const unwatch = cluster.watch(e => {
    if (e.object.kind !== 'Pod') return
    const h = note(e.object, cluster.now())
    if (e.type === 'DELETED') {
      h.goneAt = cluster.now()
      version++
    }
  })

  const unlisten = events?.listen(e => {
    if (e.involved.kind !== 'Pod') return
    const kill = e.reason === 'Killing' && / failed (liveness|startup) probe/.test(e.message)
    if (e.reason !== 'Unhealthy' && !kill) return
    const h = byUid.get(e.involved.uid)
    if (!h) return
    ;(h.probeFailures ??= []).push({ t: e.at, message: e.message, kill })
    version++
  })

  return {
    histories() {
      if (cached?.version !== version) {
        // Copies, so a snapshot handed to React does not change under it.
        cached = { version, list: [...byUid.values()].map(h => ({ ...h, transitions: [...h.transitions],
          ...(h.probeFailures ? { probeFailures: [...h.probeFailures] } : {}) })) }
      }
      return cached.list
    },
    dispose() {
      unwatch()
      unlisten?.()
    },
  }
}

function sameRow(a: PodRow, b: PodRow): boolean {
  return a.status === b.status && a.phase === b.phase && a.ready === b.ready && a.containers === b.containers &&
    a.restarts === b.restarts && a.deleting === b.deleting
}

