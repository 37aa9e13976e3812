// `kubectl get`'s columns per kind, as kubectl 1.32's printers (pkg/printers/internalversion) print them; StatefulSets,
// DaemonSets and the storage kinds have theirs in workloads.ts and storage.ts.
import { parseTimestamp } from '../../cluster/clock.ts'
import type { Deployment, Job, KubeObject, Pod, ReplicaSet } from '../../cluster/objects.ts'
import { kubectlPodRow } from '../../cluster/print-pod.ts'
import { age, humanDuration } from '../common.ts'
import { containerColumns, none, selectorText } from './describe-sections.ts'
import { storageColumns } from './storage.ts'
import { workloadColumns } from './workloads.ts'

/** A kind's table: its header and the cells of one object. */
export interface Columns {
  header: string[]
  row(obj: KubeObject, now: number): string[]
}

function restartsText(pod: Pod, now: number): string {
  const r = kubectlPodRow(pod)
  if (r.restarts === 0 || r.lastRestartAt === undefined) return String(r.restarts)
  return `${r.restarts} (${humanDuration(now - r.lastRestartAt)} ago)`
}

export function columnsFor(kind: string, wide: boolean): Columns {
  const workload = workloadColumns(kind, wide) ?? storageColumns(kind, wide)
  if (workload) return workload
  switch (kind) {
    case 'Pod':
      return {
        header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
        row: (obj, now) => {
          const pod = obj as Pod
          const r = kubectlPodRow(pod)
          return [pod.metadata.name ?? '', `${r.ready}/${r.containers}`, r.status, restartsText(pod, now), age(pod, now),
            ...(wide ? [none(pod.status?.podIP), none(pod.spec.nodeName), '<none>', '<none>'] : [])]
        },
      }
    case 'Job':
      return {
        header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const job = obj as Job
          const s = job.status ?? {}
          const has = (t: string) => s.conditions?.some(c => c.type === t && c.status === 'True') ?? false
          const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : job.metadata.deletionTimestamp ? 'Terminating'
            : has('Suspended') ? 'Suspended' : has('FailureTarget') ? 'FailureTarget' : has('SuccessCriteriaMet') ? 'SuccessCriteriaMet' : 'Running'
          const start = s.startTime ? parseTimestamp(s.startTime) : undefined
          const duration = start === undefined ? '' : humanDuration((s.completionTime ? parseTimestamp(s.completionTime) : now) - start)
          return [job.metadata.name ?? '', status, `${s.succeeded ?? 0}/${job.spec.completions ?? 1}`, duration, age(job, now),
            ...(wide ? [...containerColumns(job.spec.template), selectorText(job.spec.selector)] : [])]
        },
      }
    case 'Deployment':
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const d = obj as Deployment
          const s = d.status ?? {}
          return [d.metadata.name ?? '', `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(s.updatedReplicas ?? 0),
            String(s.availableReplicas ?? 0), age(d, now),
            ...(wide ? [...containerColumns(d.spec.template), selectorText(d.spec.selector)] : [])]
        },
      }
    case 'ReplicaSet':
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const rs = obj as ReplicaSet
          const s = rs.status ?? {}
          return [rs.metadata.name ?? '', String(rs.spec.replicas ?? 1), String(s.replicas ?? 0), String(s.readyReplicas ?? 0),
            age(rs, now), ...(wide ? [...containerColumns(rs.spec.template), selectorText(rs.spec.selector)] : [])]
        },
      }
    case 'Service':
      return {
        header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
        row: (obj, now) => {
          const spec = (obj.spec ?? {}) as { type?: string; clusterIP?: string; selector?: Record<string, string>;
            ports?: Array<{ port?: number; protocol?: string; nodePort?: number }> }
          const ports = (spec.ports ?? []).map(p => `${p.port ?? ''}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',')
          const type = spec.type ?? 'ClusterIP'
          return [obj.metadata.name ?? '', type, spec.clusterIP ?? clusterIp(obj),
            type === 'LoadBalancer' ? '<pending>' : '<none>', none(ports), age(obj, now),
            ...(wide ? [selectorText({ matchLabels: spec.selector ?? {} })] : [])]
        },
      }
    case 'ConfigMap':
      return { header: ['NAME', 'DATA', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', String(Object.keys((obj['data'] as object | undefined) ?? {}).length), age(obj, now)] }
    case 'Secret':
      return { header: ['NAME', 'TYPE', 'DATA', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', String(obj['type'] ?? 'Opaque'), String(Object.keys((obj['data'] as object | undefined) ?? {}).length), age(obj, now)] }
    case 'Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', obj.metadata.deletionTimestamp ? 'Terminating' : 'Active', age(obj, now)] }
    default:
      return { header: ['NAME', 'AGE'], row: (obj, now) => [obj.metadata.name ?? '', age(obj, now)] }
  }
}

/** The simulated API server assigns no ClusterIP; a stable one from the uid. */
export function clusterIp(obj: KubeObject): string {
  let h = 0
  for (const c of obj.metadata.uid ?? obj.metadata.name ?? '') h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0
  return `10.96.${(h >>> 8) % 256}.${h % 254 + 1}`
}
