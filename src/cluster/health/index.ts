// Resource health as Argo CD assesses it: gitops-engine `pkg/health/health.go` (GetResourceHealth, IsWorse) and the
// hook outcome mapping of `sync/sync_context.go getOperationPhase` (R28). Argo CD's Lua checks and health overrides
// are out of scope: only the built-in Go checks are ported.
import type { KubeObject } from '../objects.ts'
import { groupOf } from '../objects.ts'
import { getAPIServiceHealth } from './apiservice.ts'
import { getDaemonSetHealth } from './daemonset.ts'
import { getDeploymentHealth } from './deployment.ts'
import { getHPAHealth } from './hpa.ts'
import { getIngressHealth } from './ingress.ts'
import { getJobHealth } from './job.ts'
import { getPodHealth } from './pod.ts'
import { getPVCHealth } from './pvc.ts'
import { getReplicaSetHealth } from './replicaset.ts'
import { getServiceHealth } from './service.ts'
import { getStatefulSetHealth } from './statefulset.ts'
import type { HealthStatus, HealthStatusCode } from './types.ts'
import { getArgoWorkflowHealth } from './workflow.ts'

export type { HealthStatus, HealthStatusCode } from './types.ts'
export { isHookObject, IGNORE_RESTART_POLICY_ANNOTATION } from './pod.ts'

/** R26: finalizer put on every hook; while present a deletionTimestamp does not short-circuit health. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer'

/** From most to least healthy (GE `healthOrder`). Note Missing ranks better than Degraded, Unknown worst. */
export const HEALTH_ORDER: readonly HealthStatusCode[] = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown']

type Check = (obj: KubeObject) => HealthStatus

/** GE `GetHealthCheckFunc`: dispatch on API group + kind (version is checked inside each check). */
function checkFor(obj: KubeObject): Check | undefined {
  const group = groupOf(obj.apiVersion)
  const kind = obj.kind
  switch (group) {
    case 'apps':
      switch (kind) {
        case 'Deployment': return getDeploymentHealth
        case 'StatefulSet': return getStatefulSetHealth
        case 'ReplicaSet': return getReplicaSetHealth
        case 'DaemonSet': return getDaemonSetHealth
      }
      return undefined
    case 'extensions':
    case 'networking.k8s.io':
      return kind === 'Ingress' ? getIngressHealth : undefined
    case 'argoproj.io':
      return kind === 'Workflow' ? getArgoWorkflowHealth : undefined
    case 'apiregistration.k8s.io':
      return kind === 'APIService' ? getAPIServiceHealth : undefined
    case '':
      switch (kind) {
        case 'Service': return getServiceHealth
        case 'PersistentVolumeClaim': return getPVCHealth
        case 'Pod': return getPodHealth
      }
      return undefined
    case 'batch':
      return kind === 'Job' ? getJobHealth : undefined
    case 'autoscaling':
      return kind === 'HorizontalPodAutoscaler' ? getHPAHealth : undefined
  }
  return undefined
}

/**
 * GE `GetResourceHealth`. `undefined` means Argo CD has no health check for the kind (ConfigMap, Secret,
 * ServiceAccount, Role, CronJob, CRDs...).
 */
export function getHealth(obj: KubeObject): HealthStatus | undefined {
  // R26: an object being deleted is Progressing "Pending deletion" (even kinds without a health check), unless it
  // still carries the hook finalizer: then Argo CD must still read the hook's real outcome.
  if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).includes(HOOK_FINALIZER)) {
    return { status: 'Progressing', message: 'Pending deletion' }
  }
  return checkFor(obj)?.(obj)
}

/** GE `IsWorse(current, new)`: true when `next` ranks below `current` in HEALTH_ORDER. */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current)
}

/**
 * App health aggregation order (AC `controller/health.go setApplicationHealth`): start Healthy, keep the worst.
 * `undefined` entries (no health check) are skipped. The caller does the app-level filtering Argo CD does first:
 * hooks and objects with `argocd.argoproj.io/ignore-healthcheck` are excluded, and missing objects don't count
 * (the app is Missing only if none of its resources exists).
 */
export function worstHealth(list: Iterable<HealthStatus | HealthStatusCode | undefined>): HealthStatusCode {
  let worst: HealthStatusCode = 'Healthy'
  for (const item of list) {
    if (item === undefined) continue
    const code = typeof item === 'string' ? item : item.status
    if (isWorse(worst, code)) worst = code
  }
  return worst
}

export type HookOperationPhase = 'Running' | 'Succeeded' | 'Failed'

/**
 * R28, GE `getOperationPhase(live)`: how a hook's live object maps to its task phase. The message is the health
 * message (often empty, e.g. a Complete Job), or "<name> created" when the kind has no health check.
 */
export function hookOperationPhase(obj: KubeObject): { phase: HookOperationPhase; message: string } {
  const h = getHealth(obj)
  const message = h?.message ?? ''
  switch (h?.status) {
    case undefined:
      return { phase: 'Succeeded', message: `${obj.metadata.name ?? ''} created` }
    case 'Healthy':
      return { phase: 'Succeeded', message }
    case 'Progressing':
    case 'Suspended':
      return { phase: 'Running', message }
    case 'Degraded':
    case 'Unknown':
      // NB: where Go's check returns an error (unsupported API version), Go yields OperationError
      // "failed to get resource health: ..."; here it surfaces as Unknown -> Failed.
      return { phase: 'Failed', message }
    case 'Missing':
      // Never produced by getHealth; Go leaves the defaults in place.
      return { phase: 'Succeeded', message: `${obj.metadata.name ?? ''} created` }
  }
}
