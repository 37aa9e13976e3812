// R31 Service health, after gitops-engine `health/health_service.go`.
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, list, record, unsupported, versionIn } from './util.ts'

export function getServiceHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('Service', obj)
  // R31: only a LoadBalancer waits, until the cloud provider publishes an ingress point; never Degraded.
  if (record(obj.spec).type === 'LoadBalancer') {
    const ingress = list(record(record(obj.status).loadBalancer).ingress)
    return health(ingress.length > 0 ? 'Healthy' : 'Progressing')
  }
  return health('Healthy')
}
