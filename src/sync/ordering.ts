// The order of sync tasks (R11–R13): phase, wave, kind, name; then namespaces and CRDs moved in front of the
// first task that needs them. Groups are runs of equal (phase, wave) (R14).
import { byteCompare } from '../cluster/byte-order.ts'
import { groupOf } from '../cluster/objects.ts'
import { kindOf, nameOf, type SyncTask, wave } from './task.ts'
import { PHASE_ORDER } from './types.ts'

/** R12, from Helm's kind sorter as gitops-engine uses it. Unknown kinds (custom resources) come last. */
export const KIND_ORDER: readonly string[] = [
  'Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget',
  'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim',
  'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList',
  'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController',
  'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress',
  'APIService',
]
const kindRank = new Map(KIND_ORDER.map((k, i) => [k, i - KIND_ORDER.length]))

/** What a task is ordered by, read once per task: a sort compares each task many times. */
interface SortKey {
  task: SyncTask
  phase: number
  wave: number
  kind: number
  name: string
}

function sortKey(t: SyncTask): SortKey {
  return { task: t, phase: PHASE_ORDER[t.phase], wave: wave(t), kind: kindRank.get(kindOf(t)) ?? 0, name: nameOf(t) }
}

function compareKeys(a: SortKey, b: SortKey): number {
  return a.phase - b.phase || a.wave - b.wave || a.kind - b.kind ||
    byteCompare(a.name, b.name) // R12: namespace is not a key
}

/** Sorts in place (R12) and moves dependencies first (R13). */
export function sortTasks(tasks: SyncTask[]): SyncTask[] {
  // The tasks' keys are sorted in their stead (stably: equal keys keep the plan's order).
  const keys = tasks.map(sortKey).sort(compareKeys)
  for (let i = 0; i < keys.length; i++) tasks[i] = keys[i]!.task
  // R13 with R25's fill-in: a cluster-scoped target lives in the destination namespace too.
  adjustDeps(tasks, t => (t.kind === 'Namespace' && groupOf(t.apiVersion) === '' ? t.metadata.name : undefined),
    (o, t) => o.metadata.namespace || t.filledNamespace || undefined)
  adjustDeps(tasks, crdGroupKind, t => `${groupOf(t.apiVersion)}/${t.kind}`)
  return tasks
}

function crdGroupKind(obj: SyncTask['target'] & object): string | undefined {
  if (obj.kind !== 'CustomResourceDefinition') return undefined
  const spec = obj.spec as { group?: string; names?: { kind?: string } } | undefined
  return spec?.group && spec.names?.kind ? `${spec.group}/${spec.names.kind}` : undefined
}

/**
 * R13: a dependency (a Namespace, a CRD) found after the first task that refers to it is moved directly before
 * that task and takes its phase and wave.
 */
function adjustDeps(tasks: SyncTask[], depKey: (o: NonNullable<SyncTask['target']>) => string | undefined,
  refKey: (o: NonNullable<SyncTask['target']>, t: SyncTask) => string | undefined): void {
  const firstRef = new Map<string, number>()
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i]!
    if (!t.target) continue
    const dep = depKey(t.target)
    if (dep !== undefined) {
      const index = firstRef.get(dep)
      if (index === undefined) continue
      const anchor = tasks[index]!
      t.waveOverride = wave(anchor)
      t.phase = anchor.phase
      tasks.splice(i, 1)
      tasks.splice(index, 0, t)
      for (const [k, v] of firstRef) if (v >= index) firstRef.set(k, v + 1)
    } else {
      const ref = refKey(t.target, t)
      if (ref !== undefined && !firstRef.has(ref)) firstRef.set(ref, i)
    }
  }
}

export const firstPhase = (tasks: SyncTask[]) => tasks[0]?.phase
export const firstWave = (tasks: SyncTask[]) => (tasks[0] ? wave(tasks[0]) : 0)
export const lastPhase = (tasks: SyncTask[]) => tasks.at(-1)?.phase
export const lastWave = (tasks: SyncTask[]) => (tasks.length > 0 ? wave(tasks.at(-1)!) : 0)

/** R16: more than one (phase, wave) among all tasks, done or not, SyncFail hooks included. */
export function multiStep(tasks: SyncTask[]): boolean {
  return firstWave(tasks) !== lastWave(tasks) || firstPhase(tasks) !== lastPhase(tasks)
}

