// The application's sync status and health, as Argo CD's comparison shows them: each resource Synced or OutOfSync
// (desired against live, ignoring what the server adds), and the app's health as the worst of its resources'.
import { getHealth, type HealthStatusCode, isWorse } from '../cluster/health/index.ts'
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import { LAST_APPLIED } from '../cluster/apply.ts'
import type { TargetNormalizer } from './options/respect-ignore-differences.ts'
import { settingsOf } from './task.ts'
import { TRACKING_ANNOTATION } from './tracking.ts'
import { resourceKeyString } from './types.ts'

export type SyncStatusCode = 'Synced' | 'OutOfSync' | 'Unknown'

export interface ResourceStatus {
  group: string
  version: string
  kind: string
  namespace: string
  name: string
  status: SyncStatusCode
  health?: { status: HealthStatusCode; message?: string }
  hook: boolean
  /** Live, tracked, and no longer in the manifests: a prune would delete it. */
  requiresPruning: boolean
  /** R5: annotated Skip, never applied, not counted. */
  skip?: boolean
}

export interface AppStatus {
  sync: SyncStatusCode
  health: HealthStatusCode
  resources: ResourceStatus[]
}

/** Compares the revision's manifests with the tracked live objects (AC controller/state.go CompareAppState). */
export function compareAppState(targets: KubeObject[], live: ReadonlyMap<string, KubeObject>, namespace: string,
  normalize?: TargetNormalizer): AppStatus {
  const resources: ResourceStatus[] = []
  const seen = new Set<string>()
  for (const target of targets) {
    const s = settingsOf(target)
    if (s.isHook || s.dropped || s.excludedFromSync) continue // hooks are not part of the sync status
    const t = targetIn(target, namespace)
    const key = live.has(t.key) ? t.key : live.has(t.clusterKey) ? t.clusterKey : undefined
    const liveObj = key === undefined ? undefined : live.get(key)
    if (key !== undefined) seen.add(key)
    if (t.status === undefined || t.live !== liveObj || t.normalize !== normalize) {
      t.status = targetStatus(t.obj, s.skip, liveObj, normalize)
      t.live = liveObj
      t.normalize = normalize
    }
    resources.push(t.status)
  }
  for (const [key, obj] of live) {
    if (seen.has(key)) continue
    let status = untargetedStatus.get(obj)
    if (!status) untargetedStatus.set(obj, status = liveOnlyStatus(obj))
    resources.push(status)
  }
  // R5: Skip resources are never applied; Argo CD leaves them out of sync status and health.
  const counted = resources.filter(r => !r.hook && !r.skip)
  const sync: SyncStatusCode = counted.some(r => r.status === 'OutOfSync') ? 'OutOfSync' : 'Synced'
  let health: HealthStatusCode = 'Healthy'
  for (const r of counted) if (r.health && isWorse(health, r.health.status)) health = r.health.status
  return { sync, health, resources }
}

/**
 * A target as compared, and its status the last time, against which live object: the store never mutates an object
 * (a write replaces it), so while the live object is the same one the status is too. A compare runs after every
 * change to a tracked object (every step of a sync): only the changed resources are compared again.
 */
interface TargetMemo {
  namespace: string
  /** The target in the destination namespace where it names none. */
  obj: KubeObject
  key: string
  /** Its key without a namespace: a cluster-scoped object. */
  clusterKey: string
  live?: KubeObject | undefined
  normalize?: TargetNormalizer | undefined
  status?: ResourceStatus | undefined
}
const targetMemos = new WeakMap<KubeObject, TargetMemo>()
/** The status of a live object no target names (a hook, or one to prune), by the object. */
const untargetedStatus = new WeakMap<KubeObject, ResourceStatus>()

function targetIn(target: KubeObject, namespace: string): TargetMemo {
  let t = targetMemos.get(target)
  if (t?.namespace === namespace) return t
  const obj = target.metadata.namespace ? target : { ...target, metadata: { ...target.metadata, namespace } }
  t = { namespace, obj, key: keyOf(obj), clusterKey: keyOf({ ...obj, metadata: { ...obj.metadata, namespace: '' } }) }
  targetMemos.set(target, t)
  return t
}

function targetStatus(obj: KubeObject, skip: boolean, liveObj: KubeObject | undefined,
  normalize: TargetNormalizer | undefined): ResourceStatus {
  const health = liveObj ? getHealth(liveObj) : { status: 'Missing' as const }
  return {
    ...identity(obj), hook: false, requiresPruning: false, ...(skip ? { skip: true } : {}),
    // R5: Skip resources are managed but never applied; Argo CD leaves them out of the sync status.
    // spec.ignoreDifferences: the comparison takes the ignored fields as they are live (R80's normalisation).
    status: skip ? 'Synced'
      : liveObj && contains(liveObj, normalize ? normalize(obj, liveObj) : obj) ? 'Synced' : 'OutOfSync',
    ...(health ? { health } : {}),
  }
}

function liveOnlyStatus(obj: KubeObject): ResourceStatus {
  const hook = settingsOf(obj).isHook
  const health = getHealth(obj)
  return { ...identity(obj), hook, requiresPruning: !hook, status: hook ? 'Synced' : 'OutOfSync',
    ...(health ? { health } : {}) }
}

/** Whether every field the manifest sets has that value live (server defaults and status do not count). */
export function contains(live: unknown, desired: unknown, path = ''): boolean {
  if (Array.isArray(desired)) {
    return Array.isArray(live) && live.length === desired.length && desired.every((d, i) => contains(live[i], d, path))
  }
  if (desired !== null && typeof desired === 'object') {
    if (live === null || typeof live !== 'object' || Array.isArray(live)) return false
    return Object.entries(desired).every(([k, v]) => {
      if (path === '' && k === 'status') return true
      if (path === 'metadata.annotations' && (k === TRACKING_ANNOTATION || k === LAST_APPLIED)) return true
      return contains((live as Record<string, unknown>)[k], v, path ? `${path}.${k}` : k)
    })
  }
  return live === desired || (typeof desired === 'number' && String(desired) === String(live))
}

function identity(obj: KubeObject) {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion]
  return { group: group!, version: version!, kind: obj.kind, namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? obj.metadata.generateName ?? '' }
}

function keyOf(obj: KubeObject): string {
  return resourceKeyString({ group: groupOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '' })
}
