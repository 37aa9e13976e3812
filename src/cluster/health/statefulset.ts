// StatefulSet health, after gitops-engine `health/health_statefulset.go` (kubectl rollout status).
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { generationOf, health, int, optInt, record, str, unsupported, versionIn } from './util.ts'

/** The StatefulSet fields the check reads (objects.ts does not model StatefulSet). */
export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet'
  spec?: {
    replicas?: number
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number } }
  }
  status?: {
    observedGeneration?: number
    replicas?: number
    readyReplicas?: number
    currentReplicas?: number
    updatedReplicas?: number
    currentRevision?: string
    updateRevision?: string
  }
}

export function getStatefulSetHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('StatefulSet', obj)
  const sts = obj as StatefulSet
  const spec = record(sts.spec)
  const status = record(sts.status)
  const observed = int(status.observedGeneration)
  // Unlike Deployment, observedGeneration 0 (never observed) also counts as not yet observed.
  if (observed === 0 || generationOf(sts) > observed) {
    return health('Progressing', 'Waiting for statefulset spec update to be observed...')
  }
  const desired = optInt(spec.replicas)
  const ready = int(status.readyReplicas)
  const updated = int(status.updatedReplicas)
  if (desired !== undefined && ready < desired) {
    return health('Progressing', `Waiting for ${desired - ready} pods to be ready...`)
  }
  const strategy = record(spec.updateStrategy)
  if (strategy.type === 'RollingUpdate' && strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    const partition = optInt(record(strategy.rollingUpdate).partition)
    if (desired !== undefined && partition !== undefined && updated < desired - partition) {
      return health('Progressing', `Waiting for partitioned roll out to finish: ${updated} out of ${desired - partition} new pods have been updated...`)
    }
    return health('Healthy', `partitioned roll out complete: ${updated} new pods have been updated...`)
  }
  if (strategy.type === 'OnDelete') return health('Healthy', `statefulset has ${ready} ready pods`)
  const updateRevision = str(status.updateRevision)
  const currentRevision = str(status.currentRevision)
  if (updateRevision !== currentRevision) {
    return health('Progressing', `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`)
  }
  return health('Healthy', `statefulset rolling update complete ${int(status.currentReplicas)} pods at revision ${currentRevision}...`)
}
