// The tables `kubectl get` prints (plain and watched): a kind's rows with NAMESPACE, TYPE/ prefix and LABELS as asked,
// and the cluster's Events.
import type { ClusterEvent } from '../../cluster/events.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { humanDuration } from '../common.ts'
import type { KubectlCall } from './call.ts'
import { columnsFor } from './columns.ts'
import { none } from './describe-sections.ts'

function labelsText(obj: KubeObject): string {
  return none(Object.entries(obj.metadata.labels ?? {}).map(([a, b]) => `${a}=${b}`).join(','))
}

export interface TableOpts { allNs: boolean; wide: boolean; showLabels: boolean; prefix: string | undefined; headers: boolean }

export function tableRows(kind: string, objs: KubeObject[], now: number, o: TableOpts): string[][] {
  const cols = columnsFor(kind, o.wide)
  const header = [...(o.allNs ? ['NAMESPACE'] : []), ...cols.header, ...(o.showLabels ? ['LABELS'] : [])]
  const rows = objs.map(obj => {
    const cells = cols.row(obj, now)
    if (o.prefix) cells[0] = `${o.prefix}/${cells[0]}`
    return [...(o.allNs ? [obj.metadata.namespace ?? ''] : []), ...cells, ...(o.showLabels ? [labelsText(obj)] : [])]
  })
  return o.headers ? [header, ...rows] : rows
}

export function eventRows(k: KubectlCall, allNs: boolean, events: readonly ClusterEvent[], now: number, headers: boolean): string[][] {
  const rows = events.map(e => [...(allNs ? [e.involved.namespace] : []), humanDuration(now - e.at), e.type, e.reason,
    `${e.involved.kind.toLowerCase()}/${e.involved.name}`, e.message])
  void k
  return headers ? [[...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows] : rows
}

export function clusterEvents(k: KubectlCall, allNs: boolean): ClusterEvent[] {
  return k.sim.fake.events.events.filter(e => allNs || e.involved.namespace === k.namespace)
}
