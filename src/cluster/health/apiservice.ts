// APIService health, after gitops-engine `health/health_apiservice.go` (v1 and v1beta1 alike).
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, list, record, str, unsupported, versionIn } from './util.ts'

export function getAPIServiceHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1', 'v1beta1'])) return unsupported('APIService', obj)
  const available = list(record(obj.status).conditions).map(record).find(c => c.type === 'Available')
  if (!available) return health('Progressing', 'Waiting to be processed')
  // Never Degraded: an unavailable APIService is reported as still Progressing.
  const message = `${str(available.reason)}: ${str(available.message)}`
  return health(available.status === 'True' ? 'Healthy' : 'Progressing', message)
}
