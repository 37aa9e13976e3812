// R30 Pod health, after gitops-engine `health/health_pod.go` (getCorev1PodHealth).
import type { ContainerStatus, KubeObject, Pod } from '../objects.ts'
import type { HealthStatus } from './types.ts'
import { health, int, list, record, str, unsupported, versionIn } from './util.ts'

/** Makes Never/OnFailure pods be assessed like long-running ones (not honoured on hooks). */
export const IGNORE_RESTART_POLICY_ANNOTATION = 'argocd.argoproj.io/ignore-restart-policy'

const ARGO_HOOK_TYPES = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip']

/** Comma-separated annotation values, trimmed, empty ones dropped, de-duplicated (GE GetAnnotationCSVs). */
function annotationCSVs(obj: KubeObject, key: string): string[] {
  const out: string[] = []
  for (const item of (obj.metadata.annotations?.[key] ?? '').split(',')) {
    const v = item.trim()
    if (v !== '' && !out.includes(v)) out.push(v)
  }
  return out
}

/**
 * GE `hook.IsHook`: an Argo hook annotation makes it a hook unless its only valid type is Skip; otherwise a Helm
 * hook annotation (other than "crd-install") does.
 */
export function isHookObject(obj: KubeObject): boolean {
  const annotations = obj.metadata.annotations ?? {}
  if (Object.hasOwn(annotations, 'argocd.argoproj.io/hook')) {
    const types = annotationCSVs(obj, 'argocd.argoproj.io/hook').filter(t => ARGO_HOOK_TYPES.includes(t))
    return !(types.includes('Skip') && types.length === 1)
  }
  return Object.hasOwn(annotations, 'helm.sh/hook') && annotations['helm.sh/hook'] !== 'crd-install'
}

/** PodStatus field objects.ts does not model. */
interface PodStatusWithInit {
  initContainerStatuses?: ContainerStatus[]
}

function statuses(value: unknown): ContainerStatus[] {
  return list(value).map(s => record(s) as unknown as ContainerStatus)
}

/** Failure text of one container: terminated message, else "OOMKilled", else the non-zero exit code. */
function failMessage(ctr: ContainerStatus): string {
  const t = ctr.state?.terminated
  if (t) {
    if (t.message) return t.message
    if (t.reason === 'OOMKilled') return t.reason
    if (int(t.exitCode) !== 0) return `container ${JSON.stringify(ctr.name)} failed with exit code ${int(t.exitCode)}`
  }
  return ''
}

export function getPodHealth(obj: KubeObject): HealthStatus {
  if (!versionIn(obj, ['v1'])) return unsupported('Pod', obj)
  const pod = obj as Pod
  const spec = record(pod.spec)
  const status = record(pod.status)
  // An absent restartPolicy is '' here, as in Go's typed struct (the API server always defaults it to Always).
  const policy = str(spec.restartPolicy)
  const message = str(status.message)
  const containers = statuses(status.containerStatuses)
  const ignoreRestartPolicy = pod.metadata.annotations?.[IGNORE_RESTART_POLICY_ANNOTATION] === 'true'
  const longRunning = policy === 'Always' || (ignoreRestartPolicy && !isHookObject(pod))

  // R30: only long-running pods turn Degraded on a bad waiting reason (ErrImagePull, ImagePullBackOff,
  // CrashLoopBackOff, CreateContainerConfigError...), whatever the phase. Never/OnFailure pods (typical hooks) are
  // spared: failing a hook for a transient ImagePullBackOff would end the sync early.
  if (longRunning) {
    const messages: string[] = []
    for (const ctr of containers) {
      const reason = str(ctr.state?.waiting?.reason)
      if (ctr.state?.waiting && (reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff'))) {
        messages.push(str(ctr.state.waiting.message))
      }
    }
    if (messages.length > 0) return health('Degraded', messages.join(', '))
  }

  switch (status.phase) {
    case 'Pending':
      return health('Progressing', message)
    case 'Succeeded':
      return health('Healthy', message)
    case 'Failed': {
      // R30: the pod's own message wins; else the first init/app container with a failure text.
      if (message) return health('Degraded', message)
      const initStatuses = (status as PodStatusWithInit).initContainerStatuses
      for (const ctr of [...statuses(initStatuses), ...containers]) {
        const msg = failMessage(ctr)
        if (msg) return health('Degraded', msg)
      }
      return health('Degraded')
    }
    case 'Running':
      if (longRunning) {
        // Ready -> Healthy; not ready after a container already terminated once -> Degraded; else still starting.
        const ready = list(status.conditions).some(c => record(c).type === 'Ready' && record(c).status === 'True')
        if (ready) return health('Healthy', message)
        if (containers.some(c => c.lastState?.terminated)) return health('Degraded', message)
        return health('Progressing', message)
      }
      // Finite pods (hooks) stay Progressing until they reach Succeeded/Failed.
      if (policy === 'OnFailure' || policy === 'Never') return health('Progressing', message)
      break
  }
  // Phase Unknown/absent, or Running with an unset restartPolicy.
  return health('Unknown', message)
}
