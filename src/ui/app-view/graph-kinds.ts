// The short names the graph writes on a kind's icon (kubectl's short names, as Argo CD's tree labels its icons),
// and the API group of the common kinds (a deleted object is known only by kind and name). DOM-free.

const SHORT: Record<string, string> = {
  Application: 'app', Deployment: 'deploy', ReplicaSet: 'rs', Pod: 'pod', Service: 'svc', Job: 'job', CronJob: 'cj',
  ConfigMap: 'cm', Secret: 'secret', StatefulSet: 'sts', DaemonSet: 'ds', Namespace: 'ns', ServiceAccount: 'sa',
  Ingress: 'ing', PersistentVolumeClaim: 'pvc', PersistentVolume: 'pv', Role: 'role', RoleBinding: 'rb',
  ClusterRole: 'crole', ClusterRoleBinding: 'crb', CustomResourceDefinition: 'crd', HorizontalPodAutoscaler: 'hpa',
  NetworkPolicy: 'netpol', Endpoints: 'ep', EndpointSlice: 'eps', ControllerRevision: 'rev', PodDisruptionBudget: 'pdb',
  StorageClass: 'sc', LimitRange: 'limits', ResourceQuota: 'quota', Workflow: 'wf',
}

export function kindShortName(kind: string): string {
  return SHORT[kind] ?? kind.toLowerCase().slice(0, 6)
}

const GROUP: Record<string, string> = {
  Deployment: 'apps', ReplicaSet: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ControllerRevision: 'apps',
  Job: 'batch', CronJob: 'batch', Ingress: 'networking.k8s.io', NetworkPolicy: 'networking.k8s.io',
  Role: 'rbac.authorization.k8s.io', RoleBinding: 'rbac.authorization.k8s.io',
  ClusterRole: 'rbac.authorization.k8s.io', ClusterRoleBinding: 'rbac.authorization.k8s.io',
  HorizontalPodAutoscaler: 'autoscaling', CustomResourceDefinition: 'apiextensions.k8s.io',
  EndpointSlice: 'discovery.k8s.io', PodDisruptionBudget: 'policy', Workflow: 'argoproj.io',
}

export function groupOfKind(kind: string): string {
  return GROUP[kind] ?? ''
}

/**
 * A name that does not fit keeps its start and its distinctive end (a generated suffix): names up to `max` stay
 * whole, longer ones become `max - 3` characters, "pre-pos…b4-x7k2p".
 */
export function shortenName(name: string, max = 19): string {
  if (name.length <= max) return name
  const keep = max - 3
  const tail = Math.ceil(keep / 2)
  return `${name.slice(0, keep - tail - 1)}…${name.slice(-tail)}`
}
