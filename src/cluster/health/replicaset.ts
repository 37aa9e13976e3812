// ReplicaSet health, after gitops-engine `health/health_replicaset.go`.
import type { KubeObject, ReplicaSet } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { generationOf, health, int, list, optInt, record, str, unsupported, versionIn } from './util.ts'

export function getReplicaSetHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('ReplicaSet', obj)
  const rs = obj as ReplicaSet
  const spec = record(rs.spec)
  // objects.ts's ReplicaSetStatus has no conditions; read them from the raw status.
  const status = record(rs.status)
  if (generationOf(rs) > int(status.observedGeneration)) {
    return health('Progressing', 'Waiting for rollout to finish: observed replica set generation less than desired generation')
  }
  // ReplicaFailure=True (e.g. pod creation forbidden by quota) -> Degraded with the condition's message.
  const failure = list(status.conditions).map(record).find(c => c.type === 'ReplicaFailure')
  if (failure && failure.status === 'True') return health('Degraded', str(failure.message))
  const desired = optInt(spec.replicas)
  const available = int(status.availableReplicas)
  if (desired !== undefined && available < desired) {
    return health('Progressing', `Waiting for rollout to finish: ${available} out of ${desired} new replicas are available...`)
  }
  return health('Healthy')
}
