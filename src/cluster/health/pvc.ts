// PersistentVolumeClaim health, after gitops-engine `health/health_pvc.go`.
import type { KubeObject } from '../objects.ts'
import type { HealthStatus, HealthStatusCode } from './types.ts'
import { health, record, unsupported, versionIn } from './util.ts'

const BY_PHASE: Record<string, HealthStatusCode> = { Bound: 'Healthy', Pending: 'Progressing', Lost: 'Degraded' }

export function getPVCHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('PersistentVolumeClaim', obj)
  const phase = record(obj.status).phase
  return health((typeof phase === 'string' ? BY_PHASE[phase] : undefined) ?? 'Unknown')
}
