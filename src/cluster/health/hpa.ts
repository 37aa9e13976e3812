// HorizontalPodAutoscaler health, after gitops-engine `health/health_hpa.go`: autoscaling/v2 reads
// status.conditions, autoscaling/v1 reads the same conditions from an annotation holding JSON.
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, list, record, str, unsupported, versionIn } from './util.ts'

export const HPA_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions'

interface HpaCondition { type: string; reason: string; message: string; status: string }

const WAITING: HealthStatus = { status: 'Progressing', message: 'Waiting to Autoscale' }

/** Condition type/reason pairs meaning the autoscaler cannot do its job. */
const DEGRADED: ReadonlyArray<readonly [string, string]> = [
  ['AbleToScale', 'FailedGetScale'],
  ['AbleToScale', 'FailedUpdateScale'],
  ['ScalingActive', 'FailedGetResourceMetric'],
  ['ScalingActive', 'FailedGetObjectMetric'],
  ['ScalingActive', 'FailedGetPodsMetric'],
  ['ScalingActive', 'FailedGetExternalMetric'],
  ['ScalingActive', 'FailedComputeMetricsReplicas'],
  ['ScalingActive', 'InvalidSelector'],
]

/** Go's encoding/json matches struct fields case-insensitively; do the same for the annotation's keys. */
function field(c: Record<string, unknown>, name: string): string {
  const key = Object.keys(c).find(k => k.toLowerCase() === name)
  return key === undefined ? '' : str(c[key])
}

function toCondition(raw: unknown): HpaCondition {
  const c = record(raw)
  return { type: field(c, 'type'), reason: field(c, 'reason'), message: field(c, 'message'), status: field(c, 'status') }
}

function checkConditions(conditions: HpaCondition[]): HealthStatus {
  // Any degraded condition wins over healthy ones, whatever the order.
  const bad = conditions.find(c => DEGRADED.some(([type, reason]) => c.type === type && c.reason === reason))
  if (bad) return health('Degraded', bad.message)
  const good = conditions.find(c => (c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True')
  if (good) return health('Healthy', good.message)
  return { ...WAITING }
}

export function getHPAHealth(obj: KubeObject): HealthStatus {
  if (versionIn(obj, ['v2'])) return checkConditions(list(record(obj.status).conditions).map(toCondition))
  if (!versionIn(obj, ['v1'])) return unsupported('HPA', obj)
  const annotations = obj.metadata.annotations ?? {}
  if (!Object.hasOwn(annotations, HPA_CONDITIONS_ANNOTATION)) return { ...WAITING }
  let parsed: unknown
  try {
    parsed = JSON.parse(annotations[HPA_CONDITIONS_ANNOTATION] ?? '')
  } catch (err) {
    // Go returns an error here, which GetResourceHealth reports as Unknown (JSON error text differs from Go's).
    return health('Unknown', `failed to convert conditions annotation to typed: ${(err as Error).message}`)
  }
  if (parsed !== null && !Array.isArray(parsed)) {
    return health('Unknown', 'failed to convert conditions annotation to typed: not a JSON array')
  }
  const conditions = list(parsed).map(toCondition)
  return conditions.length === 0 ? { ...WAITING } : checkConditions(conditions)
}
