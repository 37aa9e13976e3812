// What workload controllers read from a Pod's status: Running and Ready, and available (Ready for
// minReadySeconds without a break, R91), as Kubernetes' podutil.IsPodReady / IsPodAvailable decide.
import { parseTimestamp } from './clock.ts'
import type { KubeObject, Pod } from './objects.ts'

export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' &&
    (pod.status.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false)
}

/** Virtual ms from which the Pod counts as available (R91), or undefined while it is not Running and Ready. */
export function availableFrom(pod: Pod, minReadySeconds: number): number | undefined {
  if (!isRunningAndReady(pod)) return undefined
  const ready = pod.status?.conditions?.find(c => c.type === 'Ready')
  const since = ready?.lastTransitionTime ? parseTimestamp(ready.lastTransitionTime) : 0
  return minReadySeconds > 0 ? since + minReadySeconds * 1000 : since
}

export function isAvailable(pod: Pod, minReadySeconds: number, now: number): boolean {
  const from = availableFrom(pod, minReadySeconds)
  return from !== undefined && from <= now
}

export function isTerminating(pod: KubeObject): boolean {
  return pod.metadata.deletionTimestamp !== undefined
}

export function isFinished(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'
}

/** A controller's owned Pods (the store's owner index: no scan of all objects). */
export function podsOwnedBy(dependents: KubeObject[]): Pod[] {
  return dependents.filter((o): o is Pod => o.kind === 'Pod')
}

/** An int-or-percent field (maxUnavailable) scaled to `total`, as intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(value: number | string | undefined, total: number, fallback: number, roundUp: boolean): number {
  if (value === undefined) return fallback
  if (typeof value === 'number') return value
  const m = /^(\d+)%$/.exec(value)
  if (!m) return Number.parseInt(value, 10) || fallback
  const exact = (Number(m[1]) * total) / 100
  return roundUp ? Math.ceil(exact) : Math.floor(exact)
}
