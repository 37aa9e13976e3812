// Ingress health, after gitops-engine `health/health_ingress.go`: any version of extensions or networking.k8s.io.
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, list, record } from './util.ts'

export function getIngressHealth(obj: KubeObject): HealthStatus {
  // Healthy once the controller has published an address; there is no Degraded case.
  const ingress = list(record(record(obj.status).loadBalancer).ingress)
  return health(ingress.length > 0 ? 'Healthy' : 'Progressing')
}
