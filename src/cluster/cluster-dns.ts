// The cluster's DNS as a container sees it: a Service name (`db`, `db.shop`, `db.shop.svc`,
// `db.shop.svc.cluster.local`) resolves only while the Service exists, and a headless Service (clusterIP None) only
// while it has a Ready Pod, since its records are its ready endpoints. So a PreSync migration that connects to a
// database the same sync creates in wave 0 fails as on a real cluster ("could not translate host name"). Other names
// are not the cluster's: they resolve unless the page marks them unreachable. Asked only by network tools.
import type { KubeObject, Pod } from './objects.ts'
import { isRunningAndReady } from './pod-state.ts'
import type { ObjectStore } from './store.ts'

/** true / false for a cluster name; undefined for a name the cluster's DNS does not answer for. */
export function resolveInCluster(store: ObjectStore, host: string, namespace: string): boolean | undefined {
  const target = serviceOf(store, host.toLowerCase().replace(/\.$/, ''), namespace)
  if (!target) return undefined
  const svc = store.get({ kind: 'Service', namespace: target.namespace, name: target.name })
  if (!svc) return false
  const spec = (svc.spec ?? {}) as { clusterIP?: string; selector?: Record<string, string> }
  if (spec.clusterIP !== 'None') return true
  return store.list('Pod', target.namespace).some(p => selects(spec.selector, p) && isRunningAndReady(p as Pod))
}

function serviceOf(store: ObjectStore, name: string, namespace: string): { name: string; namespace: string } | undefined {
  const parts = name.split('.')
  if (parts.some(p => p === '')) return undefined
  if (parts.length === 1) return { name: parts[0]!, namespace }
  if (parts.length === 5 && name.endsWith('.svc.cluster.local')) return { name: parts[0]!, namespace: parts[1]! }
  if (parts.length === 3 && parts[2] === 'svc') return { name: parts[0]!, namespace: parts[1]! }
  if (parts.length === 2 && store.namespaceExists(parts[1]!)) return { name: parts[0]!, namespace: parts[1]! }
  return undefined
}

function selects(selector: Record<string, string> | undefined, pod: KubeObject): boolean {
  if (!selector || Object.keys(selector).length === 0) return false
  const labels = pod.metadata.labels ?? {}
  return Object.entries(selector).every(([k, v]) => labels[k] === v)
}
