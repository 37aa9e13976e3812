// `kubectl get` and `kubectl describe` for StatefulSets and DaemonSets, as kubectl's printers
// (pkg/printers/internalversion printStatefulSet, printDaemonSet) and describers (StatefulSetDescriber,
// DaemonSetDescriber) print them.
import type { FakeCluster } from '../../cluster/fake-cluster.ts'
import type { SimNode } from '../../cluster/nodes.ts'
import type { DaemonSet, KubeObject, Pod, PodTemplate, StatefulSet } from '../../cluster/objects.ts'
import { age, createdAt, humanDuration, rfc1123z } from '../common.ts'
import type { Columns } from './columns.ts'
import { containerColumns, containerLines, eventsLines, metaLines, none, selectorText } from './describe-sections.ts'

/** Columns of `kubectl get statefulsets` / `daemonsets`, or undefined for other kinds. */
export function workloadColumns(kind: string, wide: boolean): Columns | undefined {
  if (kind === 'StatefulSet') {
    return {
      header: ['NAME', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES'] : [])],
      row: (obj, now) => {
        const sts = obj as StatefulSet
        return [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 1}`, age(sts, now),
          ...(wide ? containerColumns(sts.spec.template) : [])]
      },
    }
  }
  if (kind === 'DaemonSet') {
    return {
      header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE',
        ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
      row: (obj, now) => {
        const ds = obj as DaemonSet
        const s = ds.status
        return [ds.metadata.name ?? '', String(s?.desiredNumberScheduled ?? 0), String(s?.currentNumberScheduled ?? 0),
          String(s?.numberReady ?? 0), String(s?.updatedNumberScheduled ?? 0), String(s?.numberAvailable ?? 0),
          nodeSelectorText(ds.spec.template), age(ds, now),
          ...(wide ? [...containerColumns(ds.spec.template), selectorText(ds.spec.selector)] : [])]
      },
    }
  }
  return undefined
}

function nodeSelectorText(template: PodTemplate): string {
  return none(Object.entries(template.spec?.nodeSelector ?? {}).map(([a, b]) => `${a}=${b}`).join(','))
}

/** "3 Running / 0 Waiting / 0 Succeeded / 0 Failed" over the controller's Pods (getPodStatusForController). */
function podsStatusLine(fake: FakeCluster, owner: KubeObject): string {
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 }
  for (const d of fake.store.dependents(owner.metadata.uid ?? '')) {
    if (d.kind !== 'Pod') continue
    const phase = (d as Pod).status?.phase ?? 'Pending'
    if (phase in counts) counts[phase as keyof typeof counts]++
  }
  return `Pods Status:\t${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed`
}

function podTemplateLines(template: PodTemplate): string[] {
  return ['Pod Template:', ...metaLines('  Labels:', template.metadata?.labels, '='),
    ...(template.spec.initContainers?.length ? ['  Init Containers:', ...template.spec.initContainers.flatMap(c => containerLines(c, '   '))] : []),
    '  Containers:', ...template.spec.containers.flatMap(c => containerLines(c, '   ')), '  Volumes:\t<none>',
    `  Node-Selectors:\t${nodeSelectorText(template)}`, '  Tolerations:\t<none>']
}

export function describeStatefulSet(fake: FakeCluster, sts: StatefulSet): string[] {
  const strategy = sts.spec.updateStrategy
  const rolling = strategy?.rollingUpdate
  return [
    `Name:\t${sts.metadata.name ?? ''}`, `Namespace:\t${sts.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(createdAt(sts))}`, `Selector:\t${selectorText(sts.spec.selector)}`,
    ...metaLines('Labels:', sts.metadata.labels, '='), ...metaLines('Annotations:', sts.metadata.annotations, ': '),
    `Replicas:\t${sts.spec.replicas ?? 1} desired | ${sts.status?.replicas ?? 0} total`,
    `Update Strategy:\t${strategy?.type ?? 'RollingUpdate'}`,
    ...(rolling?.partition !== undefined ? [`  Partition:\t${rolling.partition}`,
      ...(rolling.maxUnavailable !== undefined ? [`  MaxUnavailable:\t${rolling.maxUnavailable}`] : [])] : []),
    podsStatusLine(fake, sts), ...podTemplateLines(sts.spec.template), 'Volume Claims:\t<none>',
    ...eventsLines(fake, sts),
  ]
}

export function describeDaemonSet(fake: FakeCluster, ds: DaemonSet): string[] {
  const s = ds.status
  return [
    `Name:\t${ds.metadata.name ?? ''}`, `Namespace:\t${ds.metadata.namespace ?? ''}`,
    `Selector:\t${selectorText(ds.spec.selector)}`, `Node-Selector:\t${nodeSelectorText(ds.spec.template)}`,
    ...metaLines('Labels:', ds.metadata.labels, '='), ...metaLines('Annotations:', ds.metadata.annotations, ': '),
    // kubectl writes these five without a tab: they are not aligned with the rest.
    `Desired Number of Nodes Scheduled: ${s?.desiredNumberScheduled ?? 0}`,
    `Current Number of Nodes Scheduled: ${s?.currentNumberScheduled ?? 0}`,
    `Number of Nodes Scheduled with Up-to-date Pods: ${s?.updatedNumberScheduled ?? 0}`,
    `Number of Nodes Scheduled with Available Pods: ${s?.numberAvailable ?? 0}`,
    `Number of Nodes Misscheduled: ${s?.numberMisscheduled ?? 0}`,
    podsStatusLine(fake, ds), ...podTemplateLines(ds.spec.template),
    ...eventsLines(fake, ds),
  ]
}

export const NODE_HEADER = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']

/** `kubectl get nodes` (printNode): the nodes exist since the simulated cluster started (virtual time 0). */
export function nodeRows(nodes: readonly SimNode[], names: string[], now: number): string[][] {
  return nodes.filter(n => names.length === 0 || names.includes(n.name)).map(n => {
    const roles = Object.keys(n.labels).filter(l => l.startsWith('node-role.kubernetes.io/'))
      .map(l => l.slice('node-role.kubernetes.io/'.length)).join(',')
    return [n.name, 'Ready', roles || '<none>', humanDuration(now), 'v1.32.0']
  })
}
