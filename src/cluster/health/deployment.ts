// R31 Deployment health, after gitops-engine `health/health_deployment.go` (itself kubectl's rollout status).
import type { Deployment, KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { generationOf, health, int, list, optInt, quote, record, str, unsupported, versionIn } from './util.ts'

export function getDeploymentHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('Deployment', obj)
  const dep = obj as Deployment
  const spec = record(dep.spec)
  const status = record(dep.status)
  // R31: a paused Deployment is Suspended, before anything else.
  if (spec.paused === true) return health('Suspended', 'Deployment is paused')
  // R31: the controller has not yet seen the latest spec, so the status fields below would be stale.
  if (generationOf(dep) > int(status.observedGeneration)) {
    return health('Progressing', 'Waiting for rollout to finish: observed deployment generation less than desired generation')
  }
  const updated = int(status.updatedReplicas)
  const replicas = int(status.replicas)
  const available = int(status.availableReplicas)
  const desired = optInt(spec.replicas) // only compared when set, like Go's *int32
  // First Progressing condition only; its status is not checked, only the reason.
  const progressing = list(status.conditions).map(record).find(c => c.type === 'Progressing')
  if (progressing && str(progressing.reason) === 'ProgressDeadlineExceeded') {
    return health('Degraded', `Deployment ${quote(dep.metadata.name ?? '')} exceeded its progress deadline`)
  }
  if (desired !== undefined && updated < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${updated} out of ${desired} new replicas have been updated...`)
  }
  if (replicas > updated) {
    return health('Progressing', `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`)
  }
  if (available < updated) {
    return health('Progressing', `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`)
  }
  return health('Healthy')
}
