// `kubectl describe` for Pods, Jobs, Deployments, Services and any other kind, as kubectl's describers print them
// (StatefulSets and DaemonSets: workloads.ts).
import { parseTimestamp } from '../../cluster/clock.ts'
import type { Deployment, Job, KubeObject, Pod, ReplicaSet } from '../../cluster/objects.ts'
import { createdAt, humanDuration, rfc1123z } from '../common.ts'
import type { KubectlCall } from './call.ts'
import { clusterIp } from './columns.ts'
import { containerLines, eventsLines, metaLines, selectorText } from './describe-sections.ts'

export function describePod(k: KubectlCall, pod: Pod): string[] {
  const s = pod.status
  const owner = pod.metadata.ownerReferences?.find(o => o.controller)
  const statuses = s?.containerStatuses ?? []
  const lines = [
    `Name:\t${pod.metadata.name ?? ''}`, `Namespace:\t${pod.metadata.namespace ?? ''}`, 'Priority:\t0',
    'Service Account:\tdefault', `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${s?.hostIP ?? ''}` : '<none>'}`,
    ...(s?.startTime ? [`Start Time:\t${rfc1123z(parseTimestamp(s.startTime))}`] : []),
    ...metaLines('Labels:', pod.metadata.labels, '='), ...metaLines('Annotations:', pod.metadata.annotations, ': '),
    `Status:\t${pod.metadata.deletionTimestamp ? `Terminating (lasts ${humanDuration(k.sim.fake.now() - parseTimestamp(pod.metadata.deletionTimestamp))})` : s?.phase ?? 'Pending'}`,
    ...(s?.reason ? [`Reason:\t${s.reason}`] : []), ...(s?.message ? [`Message:\t${s.message}`] : []),
    `IP:\t${s?.podIP ?? ''}`, 'IPs:', ...(s?.podIP ? [`  IP:\t${s.podIP}`] : ['\t<none>']),
    ...(owner ? [`Controlled By:\t${owner.kind}/${owner.name}`] : []),
    ...initContainerLines(pod),
    'Containers:', ...pod.spec.containers.flatMap((c, i) => containerLines(c, '  ', statuses.find(x => x.name === c.name) ?? statuses[i])),
    'Conditions:', '  Type\tStatus', ...(s?.conditions ?? []).map(c => `  ${c.type}\t${c.status}`),
    'Volumes:\t<none>', 'QoS Class:\tBestEffort', 'Node-Selectors:\t<none>',
    'Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    ...eventsLines(k.sim.fake, pod),
  ]
  return lines
}

/** kubectl describe pod's "Init Containers:" block (R87, R88). */
function initContainerLines(pod: Pod): string[] {
  const inits = pod.spec.initContainers ?? []
  if (inits.length === 0) return []
  const statuses = pod.status?.initContainerStatuses ?? []
  return ['Init Containers:', ...inits.flatMap(c => containerLines(c, '  ', statuses.find(x => x.name === c.name)))]
}

export function describeJob(k: KubectlCall, job: Job): string[] {
  const s = job.status ?? {}
  const start = s.startTime ? parseTimestamp(s.startTime) : undefined
  const end = s.completionTime ? parseTimestamp(s.completionTime) : undefined
  const tpl = job.spec.template
  return [
    `Name:\t${job.metadata.name ?? ''}`, `Namespace:\t${job.metadata.namespace ?? ''}`,
    `Selector:\t${selectorText(job.spec.selector)}`, ...metaLines('Labels:', job.metadata.labels, '='),
    ...metaLines('Annotations:', job.metadata.annotations, ': '),
    `Parallelism:\t${job.spec.parallelism ?? 1}`, `Completions:\t${job.spec.completions ?? 1}`,
    'Completion Mode:\tNonIndexed', `Suspend:\t${job.spec.suspend ?? false}`, `Backoff Limit:\t${job.spec.backoffLimit ?? 6}`,
    ...(start !== undefined ? [`Start Time:\t${rfc1123z(start)}`] : []),
    ...(end !== undefined ? [`Completed At:\t${rfc1123z(end)}`] : []),
    ...(start !== undefined && end !== undefined ? [`Duration:\t${humanDuration(end - start)}`] : []),
    `Pods Statuses:\t${s.active ?? 0} Active (${s.ready ?? 0} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed`,
    'Pod Template:', ...metaLines('  Labels:', tpl.metadata?.labels, '='),
    '  Containers:', ...tpl.spec.containers.flatMap(c => containerLines(c, '   ')), '  Volumes:\t<none>',
    ...eventsLines(k.sim.fake, job),
  ]
}

export function describeDeployment(k: KubectlCall, d: Deployment): string[] {
  const s = d.status ?? {}
  const rss = k.sim.fake.store.dependents(d.metadata.uid ?? '') as ReplicaSet[]
  const newest = rss.sort((a, b) => createdAt(b) - createdAt(a))[0]
  const replicas = d.spec.replicas ?? 1
  return [
    `Name:\t${d.metadata.name ?? ''}`, `Namespace:\t${d.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(createdAt(d))}`, ...metaLines('Labels:', d.metadata.labels, '='),
    ...metaLines('Annotations:', d.metadata.annotations, ': '), `Selector:\t${selectorText(d.spec.selector)}`,
    `Replicas:\t${replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ` +
      `${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`,
    `StrategyType:\t${d.spec.strategy?.type ?? 'RollingUpdate'}`, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`,
    ...(d.spec.strategy?.type === 'Recreate' ? [] : [`RollingUpdateStrategy:\t${d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%'} max unavailable, ` +
      `${d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%'} max surge`]),
    'Pod Template:', ...metaLines('  Labels:', d.spec.template.metadata?.labels, '='),
    '  Containers:', ...d.spec.template.spec.containers.flatMap(c => containerLines(c, '   ')), '  Volumes:\t<none>',
    'Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------',
    ...(s.conditions ?? []).map(c => `  ${c.type}\t${c.status}\t${c.reason ?? ''}`),
    'OldReplicaSets:\t<none>',
    `NewReplicaSet:\t${newest ? `${newest.metadata.name ?? ''} (${newest.status?.replicas ?? 0}/${newest.spec.replicas ?? 0} replicas created)` : '<none>'}`,
    ...eventsLines(k.sim.fake, d),
  ]
}

export function describeGeneric(k: KubectlCall, obj: KubeObject): string[] {
  return [`Name:\t${obj.metadata.name ?? ''}`, ...(obj.metadata.namespace ? [`Namespace:\t${obj.metadata.namespace}`] : []),
    ...metaLines('Labels:', obj.metadata.labels, '='), ...metaLines('Annotations:', obj.metadata.annotations, ': '),
    ...(obj.kind === 'Service' ? serviceLines(obj) : []), ...eventsLines(k.sim.fake, obj)]
}

function serviceLines(obj: KubeObject): string[] {
  const spec = (obj.spec ?? {}) as { type?: string; selector?: Record<string, string>; ports?: Array<{ port?: number; targetPort?: number | string; protocol?: string; name?: string }> }
  return [`Selector:\t${selectorText({ matchLabels: spec.selector ?? {} })}`, `Type:\t${spec.type ?? 'ClusterIP'}`,
    `IP:\t${clusterIp(obj)}`,
    ...(spec.ports ?? []).flatMap(p => [`Port:\t${p.name ?? '<unset>'}  ${p.port ?? ''}/${p.protocol ?? 'TCP'}`,
      `TargetPort:\t${p.targetPort ?? p.port ?? ''}/${p.protocol ?? 'TCP'}`]), 'Session Affinity:\tNone']
}
