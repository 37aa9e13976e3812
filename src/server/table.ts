// Server-side printing: kubectl asks for `as=Table` and prints the columns the API server computes. The columns
// follow kubectl's own printers for the kinds synclab models; ages are computed against the simulated cluster's
// clock, so they are right at any --speed.
import { parseTimestamp } from '../cluster/clock.ts'
import { humanDuration } from '../cluster/human-duration.ts'
import { isPlainObject } from '../cluster/json.ts'
import { kubectlPodRow } from '../cluster/print-pod.ts'
import type {
  DaemonSet, Deployment, Job, KubeObject, Pod, ReplicaSet, StatefulSet,
} from '../cluster/objects.ts'

interface Column { name: string; type: string; format?: string; priority?: number; description?: string }
type Cell = string | number
interface Printer { columns: Column[]; cells(obj: KubeObject, now: number): Cell[] }

export function wantsTable(accept: string | undefined): boolean {
  return accept !== undefined && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept)
}

const name: Column = { name: 'Name', type: 'string', format: 'name', description: 'Name of the object' }
const age: Column = { name: 'Age', type: 'string', description: 'Time since the object was created' }
const col = (n: string, type = 'string', priority = 0): Column => ({ name: n, type, priority, description: '' })

const ageOf = (obj: KubeObject, now: number): string => {
  const created = obj.metadata.creationTimestamp
  return created ? humanDuration(now - parseTimestamp(created)) : '<unknown>'
}

const printers: Record<string, Printer> = {
  Pod: {
    columns: [name, col('Ready'), col('Status'), col('Restarts', 'string'), age, col('IP', 'string', 1), col('Node', 'string', 1)],
    cells: (obj, now) => {
      const pod = obj as Pod
      const row = kubectlPodRow(pod)
      return [pod.metadata.name ?? '', `${row.ready}/${row.containers}`, row.status, String(row.restarts),
        ageOf(obj, now), pod.status?.podIP ?? '<none>', pod.spec?.nodeName ?? '<none>']
    },
  },
  Job: {
    columns: [name, col('Status'), col('Completions'), col('Duration'), age],
    cells: (obj, now) => {
      const job = obj as Job
      const conditions = job.status?.conditions ?? []
      const isTrue = (t: string) => conditions.some(c => c.type === t && c.status === 'True')
      const status = isTrue('Complete') ? 'Complete' : isTrue('Failed') ? 'Failed'
        : job.metadata.deletionTimestamp ? 'Terminating' : job.spec?.suspend ? 'Suspended' : 'Running'
      const start = job.status?.startTime ? parseTimestamp(job.status.startTime) : undefined
      const end = job.status?.completionTime ? parseTimestamp(job.status.completionTime) : now
      return [job.metadata.name ?? '', status, `${job.status?.succeeded ?? 0}/${job.spec?.completions ?? 1}`,
        start === undefined ? '' : humanDuration(end - start), ageOf(obj, now)]
    },
  },
  Deployment: {
    columns: [name, col('Ready'), col('Up-to-date', 'integer'), col('Available', 'integer'), age],
    cells: (obj, now) => {
      const d = obj as Deployment
      return [d.metadata.name ?? '', `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 1}`,
        d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, ageOf(obj, now)]
    },
  },
  ReplicaSet: {
    columns: [name, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'), age],
    cells: (obj, now) => {
      const rs = obj as ReplicaSet
      return [rs.metadata.name ?? '', rs.spec?.replicas ?? 1, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0,
        ageOf(obj, now)]
    },
  },
  Service: {
    columns: [name, col('Type'), col('Cluster-IP'), col('External-IP'), col('Port(s)'), age],
    cells: (obj, now) => {
      const spec = (obj.spec ?? {}) as { type?: string; clusterIP?: string; ports?: Array<{ port?: number; protocol?: string }> }
      const ports = (spec.ports ?? []).map(p => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')
      return [obj.metadata.name ?? '', spec.type ?? 'ClusterIP', spec.clusterIP ?? '<none>', '<none>', ports || '<none>',
        ageOf(obj, now)]
    },
  },
  Namespace: {
    columns: [name, col('Status'), age],
    cells: (obj, now) => [obj.metadata.name ?? '', obj.metadata.deletionTimestamp ? 'Terminating'
      : (obj.status as { phase?: string } | undefined)?.phase ?? 'Active', ageOf(obj, now)],
  },
  StatefulSet: {
    columns: [name, col('Ready'), age, col('Containers', 'string', 1), col('Images', 'string', 1)],
    cells: (obj, now) => {
      const sts = obj as StatefulSet
      const cs = sts.spec?.template?.spec?.containers ?? []
      return [sts.metadata.name ?? '', `${sts.status?.readyReplicas ?? 0}/${sts.spec?.replicas ?? 1}`, ageOf(obj, now),
        cs.map(c => c.name).join(','), cs.map(c => c.image).join(',')]
    },
  },
  DaemonSet: {
    columns: [name, col('Desired', 'integer'), col('Current', 'integer'), col('Ready', 'integer'),
      col('Up-to-date', 'integer'), col('Available', 'integer'), col('Node Selector'), age],
    cells: (obj, now) => {
      const ds = obj as DaemonSet
      const s = ds.status
      const selector = Object.entries(ds.spec?.template?.spec?.nodeSelector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')
      return [ds.metadata.name ?? '', s?.desiredNumberScheduled ?? 0, s?.currentNumberScheduled ?? 0, s?.numberReady ?? 0,
        s?.updatedNumberScheduled ?? 0, s?.numberAvailable ?? 0, selector || '<none>', ageOf(obj, now)]
    },
  },
  ConfigMap: {
    columns: [name, col('Data', 'integer'), age],
    cells: (obj, now) => [obj.metadata.name ?? '', Object.keys((obj['data'] as object | undefined) ?? {}).length +
      Object.keys((obj['binaryData'] as object | undefined) ?? {}).length, ageOf(obj, now)],
  },
  Event: {
    columns: [col('Last Seen'), col('Type'), col('Reason'), col('Object'), col('Message')],
    cells: (obj, now) => {
      const involved = obj['involvedObject'] as { kind?: string; name?: string }
      const last = obj['lastTimestamp'] as string | undefined
      return [last ? humanDuration(now - parseTimestamp(last)) : '', String(obj['type'] ?? ''), String(obj['reason'] ?? ''),
        `${(involved.kind ?? '').toLowerCase()}/${involved.name ?? ''}`, String(obj['message'] ?? '')]
    },
  },
}
const fallback: Printer = { columns: [name, age], cells: (obj, now) => [obj.metadata.name ?? '', ageOf(obj, now)] }

/** The Table for a list or one object; undefined for anything else (a Status). */
export function asTable(body: unknown, now: number): Record<string, unknown> | undefined {
  if (!isPlainObject(body)) return undefined
  const kind = String(body['kind'] ?? '')
  let items: KubeObject[]
  let itemKind: string
  let rv: string | undefined
  if (Array.isArray(body['items']) && kind.endsWith('List')) {
    items = body['items'] as KubeObject[]
    itemKind = kind.slice(0, -'List'.length)
    rv = (body['metadata'] as { resourceVersion?: string } | undefined)?.resourceVersion
  } else if (kind !== 'Status' && isPlainObject(body['metadata'])) {
    items = [body as KubeObject]
    itemKind = kind
    rv = (body as KubeObject).metadata.resourceVersion
  } else return undefined
  const printer = printers[itemKind] ?? fallback
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: rv !== undefined ? { resourceVersion: rv } : {},
    columnDefinitions: printer.columns.map(c => ({ name: c.name, type: c.type, format: c.format ?? '',
      description: c.description ?? '', priority: c.priority ?? 0 })),
    rows: items.map(obj => ({
      cells: printer.cells(obj, now),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    })),
  }
}

