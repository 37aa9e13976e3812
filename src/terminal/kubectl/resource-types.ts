// Resource type words as kubectl reads them (`po`, `deployments`, `jobs.batch`, `all`, `events`, `nodes`), resolved
// against the kinds the simulated API server serves.
import type { KindInfo } from '../../cluster/kinds.ts'
import type { Simulation } from '../../sync/simulation.ts'

export const SHORT_NAMES: Record<string, string> = {
  po: 'Pod', deploy: 'Deployment', rs: 'ReplicaSet', svc: 'Service', cm: 'ConfigMap', ns: 'Namespace',
  sa: 'ServiceAccount', pvc: 'PersistentVolumeClaim', pv: 'PersistentVolume', cj: 'CronJob', sts: 'StatefulSet',
  ds: 'DaemonSet', ing: 'Ingress', hpa: 'HorizontalPodAutoscaler', pdb: 'PodDisruptionBudget', crd: 'CustomResourceDefinition',
  netpol: 'NetworkPolicy', rc: 'ReplicationController', ep: 'Endpoints', sc: 'StorageClass', limits: 'LimitRange',
  quota: 'ResourceQuota',
}

/** A resource type word: a kind, or the cluster's Events, or `all`. */
export type TypeRef = { kind: 'Event' } | { kind: 'all' } | { kind: 'Node' } | { kind: string; info: KindInfo }

export function resolveType(sim: Simulation, word: string): TypeRef | undefined {
  const w = word.toLowerCase()
  if (w === 'all') return { kind: 'all' }
  if (w === 'ev' || w === 'event' || w === 'events' || w === 'events.events.k8s.io') return { kind: 'Event' }
  if (w === 'no' || w === 'node' || w === 'nodes') return { kind: 'Node' } // the simulated cluster's nodes (R96)
  const base = w.includes('.') ? w.slice(0, w.indexOf('.')) : w
  const group = w.includes('.') ? w.slice(w.indexOf('.') + 1) : undefined
  for (const info of sim.fake.store.kinds.all()) {
    if (group !== undefined && info.group !== group) continue
    const k = info.kind.toLowerCase()
    if (base === k || base === info.plural || SHORT_NAMES[base] === info.kind) return { kind: info.kind, info }
  }
  return undefined
}

/** Words completion offers for resource types. */
export const TYPE_WORDS = ['pods', 'jobs', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'nodes', 'services',
  'configmaps', 'events', 'all', 'namespaces', 'secrets', 'po', 'deploy', 'rs', 'sts', 'ds', 'svc', 'cm', 'ev', 'ns']
