// DaemonSet health, after gitops-engine `health/health_daemonset.go` (kubectl rollout status).
import type { KubeObject } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { generationOf, health, int, quote, record, unsupported, versionIn } from './util.ts'

/** The DaemonSet fields the check reads (objects.ts does not model DaemonSet). */
export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet'
  spec?: { updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete' } }
  status?: {
    observedGeneration?: number
    desiredNumberScheduled?: number
    updatedNumberScheduled?: number
    numberAvailable?: number
  }
}

export function getDaemonSetHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('DaemonSet', obj)
  const ds = obj as DaemonSet
  const status = record(ds.status)
  if (generationOf(ds) > int(status.observedGeneration)) {
    return health('Progressing', 'Waiting for rollout to finish: observed daemon set generation less than desired generation')
  }
  const desired = int(status.desiredNumberScheduled)
  const updated = int(status.updatedNumberScheduled)
  const available = int(status.numberAvailable)
  // OnDelete pods are only replaced when deleted by hand, so an incomplete update is still Healthy.
  if (record(record(ds.spec).updateStrategy).type === 'OnDelete') {
    return health('Healthy', `daemon set ${updated} out of ${desired} new pods have been updated`)
  }
  const name = quote(ds.metadata.name ?? '')
  if (updated < desired) {
    return health('Progressing', `Waiting for daemon set ${name} rollout to finish: ${updated} out of ${desired} new pods have been updated...`)
  }
  if (available < desired) {
    return health('Progressing', `Waiting for daemon set ${name} rollout to finish: ${available} of ${desired} updated pods are available...`)
  }
  return health('Healthy')
}
