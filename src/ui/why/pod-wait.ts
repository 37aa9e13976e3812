// What holds a workload back, in a Pod's own terms, for the line that says what the operation waits for: the first
// Pod of the workload that is not Ready, with kubectl's STATUS word and the rule behind it. DOM-free.
import type { KubeObject, Pod } from '../../cluster/objects.ts'
import { isRunningAndReady, isTerminating } from '../../cluster/pod-state.ts'
import { kubectlPodRow } from '../../cluster/print-pod.ts'

export interface PodWait {
  pod: string
  text: string
  rule: string
}

/** The object a "waiting for healthy state of <group>/<Kind>/<name>" message names, among the tracked ones. */
export function waitedObject(message: string, live: Iterable<KubeObject>): KubeObject | undefined {
  const m = /^waiting for healthy state of (?:[^/\s]*\/)?([^/\s]+)\/(\S+)$/.exec(message)
  if (!m) return undefined
  for (const obj of live) if (obj.kind === m[1] && obj.metadata.name === m[2]) return obj
  return undefined
}

/** The workload's first Pod (Deployment → ReplicaSet → Pod, StatefulSet or DaemonSet → Pod) that is not Ready. */
export function podWait(workload: KubeObject, dependents: (uid: string) => KubeObject[]): PodWait | undefined {
  for (const pod of podsOf(workload, dependents, 0)) {
    if (isTerminating(pod) || isRunningAndReady(pod)) continue
    return describe(pod)
  }
  return undefined
}

function podsOf(obj: KubeObject, dependents: (uid: string) => KubeObject[], depth: number): Pod[] {
  if (obj.kind === 'Pod') return [obj as Pod]
  if (depth > 2 || !obj.metadata.uid) return []
  return dependents(obj.metadata.uid).flatMap(child => podsOf(child, dependents, depth + 1))
}

function describe(pod: Pod): PodWait {
  const name = pod.metadata.name ?? ''
  const row = kubectlPodRow(pod)
  if (!pod.spec.nodeName) return { pod: name, text: 'not scheduled yet (Pending)', rule: 'R16' }
  if (row.status === 'Running' && pod.spec.containers.some(c => c.readinessProbe)) {
    return { pod: name, text: `Running, ${row.ready}/${row.containers} ready: its readiness probe has not passed`, rule: 'R89' }
  }
  return { pod: name, text: `${row.status}, ${row.ready}/${row.containers} ready`, rule: 'R16' }
}
