// Server-side printing: kubectl asks for `as=Table` and prints the columns the API server computes. The columns
// follow kubectl's own printers for the kinds synclab models; ages are computed against the simulated cluster's
// clock, so they are right at any --speed.
import { parseTimestamp } from '../cluster/clock.ts'
import { humanDuration } from '../cluster/human-duration.ts'
import { isPlainObject } from '../cluster/json.ts'
import type {
  ContainerStatus, Deployment, Job, KubeObject, Pod, ReplicaSet,
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
      const statuses = pod.status?.containerStatuses ?? []
      const ready = statuses.filter(s => s.ready).length
      const restarts = statuses.reduce((n, s) => n + (s.restartCount ?? 0), 0)
      return [pod.metadata.name ?? '', `${ready}/${pod.spec?.containers?.length ?? 0}`, podStatus(pod), String(restarts),
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

/** kubectl's STATUS column for a pod (printPod, simplified to what the simulated kubelet reports). */
function podStatus(pod: Pod): string {
  let reason: string = (pod.status?.reason as string | undefined) ?? pod.status?.phase ?? 'Pending'
  const init = (pod.status as { initContainerStatuses?: ContainerStatus[] } | undefined)?.initContainerStatuses ?? []
  const initCount = pod.spec?.initContainers?.length ?? 0
  let initializing = false
  for (let i = 0; i < init.length; i++) {
    const s = init[i]!
    if (s.state.terminated && s.state.terminated.exitCode === 0) continue
    initializing = true
    if (s.state.terminated) reason = `Init:${s.state.terminated.reason || `ExitCode:${s.state.terminated.exitCode}`}`
    else if (s.state.waiting?.reason && s.state.waiting.reason !== 'PodInitializing') reason = `Init:${s.state.waiting.reason}`
    else reason = `Init:${i}/${initCount}`
    break
  }
  if (!initializing) {
    let hasRunning = false
    const statuses = pod.status?.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i]!
      if (s.state.waiting?.reason) reason = s.state.waiting.reason
      else if (s.state.terminated) reason = s.state.terminated.reason || `ExitCode:${s.state.terminated.exitCode}`
      else if (s.state.running && s.ready) hasRunning = true
    }
    if (reason === 'Completed' && hasRunning) reason = 'Running'
  }
  if (pod.metadata.deletionTimestamp) reason = 'Terminating'
  return reason
}

