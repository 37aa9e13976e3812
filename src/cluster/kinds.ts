// The API resources the simulated API server knows. A kind missing here is rejected on create as a real API
// server rejects it ("no matches for kind"), unless a CustomResourceDefinition for it was created first.

export interface KindInfo {
  kind: string
  group: string
  version: string
  /** Lower-case plural used in URLs and kubectl messages ("jobs", "deployments"). */
  plural: string
  namespaced: boolean
}

const builtin: KindInfo[] = [
  ['Namespace', '', 'v1', 'namespaces', false],
  ['Pod', '', 'v1', 'pods', true],
  ['Service', '', 'v1', 'services', true],
  ['ConfigMap', '', 'v1', 'configmaps', true],
  ['Secret', '', 'v1', 'secrets', true],
  ['ServiceAccount', '', 'v1', 'serviceaccounts', true],
  ['PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', true],
  ['PersistentVolume', '', 'v1', 'persistentvolumes', false],
  ['LimitRange', '', 'v1', 'limitranges', true],
  ['ResourceQuota', '', 'v1', 'resourcequotas', true],
  ['ReplicationController', '', 'v1', 'replicationcontrollers', true],
  ['Endpoints', '', 'v1', 'endpoints', true],
  ['Job', 'batch', 'v1', 'jobs', true],
  ['CronJob', 'batch', 'v1', 'cronjobs', true],
  ['Deployment', 'apps', 'v1', 'deployments', true],
  ['ReplicaSet', 'apps', 'v1', 'replicasets', true],
  ['StatefulSet', 'apps', 'v1', 'statefulsets', true],
  ['DaemonSet', 'apps', 'v1', 'daemonsets', true],
  ['Role', 'rbac.authorization.k8s.io', 'v1', 'roles', true],
  ['RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', true],
  ['ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', false],
  ['ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', false],
  ['NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', true],
  ['Ingress', 'networking.k8s.io', 'v1', 'ingresses', true],
  ['IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', false],
  ['HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers', true],
  ['PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', true],
  ['StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', false],
  ['CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', false],
  ['APIService', 'apiregistration.k8s.io', 'v1', 'apiservices', false],
].map(([kind, group, version, plural, namespaced]) =>
  ({ kind, group, version, plural, namespaced }) as KindInfo)

export class KindRegistry {
  private byKind = new Map<string, KindInfo[]>()

  constructor() {
    for (const info of builtin) this.add(info)
  }

  add(info: KindInfo): void {
    const list = this.byKind.get(info.kind) ?? []
    if (!list.some(i => i.group === info.group)) list.push(info)
    this.byKind.set(info.kind, list)
  }

  /** The kind served at `apiVersion`, if any (core kinds have group ''). */
  lookup(apiVersion: string, kind: string): KindInfo | undefined {
    const list = this.byKind.get(kind)
    if (!list) return undefined
    // Group before the first '/', version after it (none: the core group), compared in place: every store
    // write looks its kind up, so no substrings are cut for it.
    const slash = apiVersion.indexOf('/')
    for (const i of list) {
      if (slash < 0 ? i.group === '' && i.version === apiVersion
        : i.group.length === slash && i.version.length === apiVersion.length - slash - 1 &&
          apiVersion.startsWith(i.group) && apiVersion.endsWith(i.version)) return i
    }
    return undefined
  }

  /** Any group's kind of that name: enough for lookups by kind alone (kubectl get jobs). */
  byName(kind: string): KindInfo | undefined {
    return this.byKind.get(kind)?.[0]
  }

  all(): KindInfo[] {
    return [...this.byKind.values()].flat()
  }
}

/** "job.batch", "service", "deployment.apps": how kubectl names a kind in its messages. */
export function kubectlKindName(info: Pick<KindInfo, 'kind' | 'group'>): string {
  const lower = info.kind.toLowerCase()
  return info.group ? `${lower}.${info.group}` : lower
}
