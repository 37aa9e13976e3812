// One sync task: a (target, live) pair in one phase, as gitops-engine's syncTask. No target = prune (R48);
// no live object = not yet created. Its state (pending, running, completed) comes from the operation's results.
import { groupOf, type KubeObject, versionOf } from '../cluster/objects.ts'
import { ANNOTATION_KEYS, type HookDeletePolicy } from '../manifest/annotations.ts'
import { readSyncSettings } from '../manifest/sync-settings.ts'
import type { SyncSettings } from '../manifest/types.ts'
import { type ResourceKey, type ResultCode, type SyncPhase, type TaskPhase, isCompleted, resourceKeyString } from './types.ts'

/**
 * Every task has every field from the start (undefined when unset, never deleted): the operation scans all its
 * tasks several times a tick, and objects of one shape keep those scans fast.
 */
export interface SyncTask {
  phase: SyncPhase
  target?: KubeObject | undefined
  live?: KubeObject | undefined
  /** Prune wave reversal (R49), PruneLast (R50) and dependency bubbling (R13) move a task to another wave. */
  waveOverride?: number | undefined
  skipDryRun: boolean
  /** The object's Argo CD / Helm settings, read once when the task is planned. */
  settings: SyncSettings
  /** Where its live object is found among the tracked objects (resourceKeyString). */
  liveKey: string
  /** The destination namespace Argo CD creates for CreateNamespace=true (R82). */
  createsNamespace?: boolean | undefined
  /**
   * R25: gitops-engine gives every target without a namespace the destination namespace, cluster-scoped ones too.
   * The API server ignores it on those (the target keeps none here), but ordering (R13) and results see it.
   */
  filledNamespace?: string | undefined
  syncStatus?: ResultCode | undefined
  /** undefined while pending. */
  operationState?: TaskPhase | undefined
  message: string
}

const settingsCache = new WeakMap<KubeObject, SyncSettings>()
/**
 * Settings by the values of the Argo CD and Helm annotation keys: the settings read nothing else but the name and
 * generateName (an app's objects mostly share a few hook and wave annotations, so most objects hit).
 */
const byAnnotationValues = new Map<string, SyncSettings>()

/** The Argo CD / Helm settings of an object (cached: objects are never mutated). */
export function settingsOf(obj: KubeObject): SyncSettings {
  let s = settingsCache.get(obj)
  if (s) return s
  const key = annotationValuesKey(obj.metadata.annotations)
  const known = key === undefined ? undefined : byAnnotationValues.get(key)
  if (!known) {
    s = readSyncSettings(obj).settings
    if (key !== undefined) {
      if (byAnnotationValues.size > 100_000) byAnnotationValues.clear()
      byAnnotationValues.set(key, s)
    }
  } else s = withNames(known, obj)
  settingsCache.set(obj, s)
  return s
}

/**
 * The values of the annotation keys settings are read from, as one string; undefined when an annotation value is
 * not a string (then the object has no annotations at all for Argo CD, readSyncSettings' annotationsOf).
 */
function annotationValuesKey(annotations: unknown): string | undefined {
  if (annotations === undefined) return ''
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) return undefined
  const ann = annotations as Record<string, unknown>
  for (const k in ann) if (Object.hasOwn(ann, k) && typeof ann[k] !== 'string') return undefined
  let key = ''
  for (const k of ANNOTATION_KEYS) key += Object.hasOwn(ann, k) ? `=${ann[k] as string}\u0000` : '\u0001'
  return key
}

/** Settings read from another object with the same annotation values, given this object's names. */
function withNames(known: SyncSettings, obj: KubeObject): SyncSettings {
  const name = typeof obj.metadata.name === 'string' ? obj.metadata.name : ''
  const generateName = typeof obj.metadata.generateName === 'string' ? obj.metadata.generateName : ''
  if (known.name === name && known.generateName === generateName) return known
  return { ...known, name, generateName, usesGenerateName: name === '' && generateName !== '' }
}

export function newTask(phase: SyncPhase, target?: KubeObject, live?: KubeObject): SyncTask {
  const obj = (target ?? live)!
  return { phase, target, live, waveOverride: undefined, skipDryRun: false, settings: settingsOf(obj), liveKey: '',
    createsNamespace: undefined, filledNamespace: undefined, syncStatus: undefined, operationState: undefined,
    message: '' }
}

/** The target if there is one, else the live object. */
export function objOf(t: SyncTask): KubeObject {
  return (t.target ?? t.live)!
}

export const isPrune = (t: SyncTask): boolean => t.target === undefined
export const isHook = (t: SyncTask): boolean => t.settings.isHook // R2
export const wave = (t: SyncTask): number => t.waveOverride ?? t.settings.wave // R7
export const kindOf = (t: SyncTask): string => objOf(t).kind
export const groupOfTask = (t: SyncTask): string => groupOf(objOf(t).apiVersion)
export const versionOfTask = (t: SyncTask): string => versionOf(objOf(t).apiVersion)
export const nameOf = (t: SyncTask): string => objOf(t).metadata.name ?? ''
export const namespaceOf = (t: SyncTask): string => objOf(t).metadata.namespace ?? ''
/** The namespace Argo CD's task carries (R25): the object's, or the destination's filled in. */
export const taskNamespace = (t: SyncTask): string => t.filledNamespace ?? namespaceOf(t)

export const pending = (t: SyncTask): boolean => t.operationState === undefined
export const running = (t: SyncTask): boolean => t.operationState === 'Running'
export const completed = (t: SyncTask): boolean => isCompleted(t.operationState)
export const successful = (t: SyncTask): boolean => t.operationState === 'Succeeded'
export const pruned = (t: SyncTask): boolean => t.syncStatus === 'Pruned'

export function hookType(t: SyncTask): SyncPhase | undefined {
  return isHook(t) ? t.phase : undefined
}

export function hasDeletePolicy(t: SyncTask, policy: HookDeletePolicy): boolean {
  return isHook(t) && t.settings.deletePolicies.includes(policy) // R32: default BeforeHookCreation
}

/** R33: only an existing object, only while the task is pending. */
export const deleteBeforeCreation = (t: SyncTask): boolean =>
  t.live !== undefined && pending(t) && hasDeletePolicy(t, 'BeforeHookCreation')
/** R34 */
export const deleteOnPhaseSuccessful = (t: SyncTask): boolean =>
  t.live !== undefined && hasDeletePolicy(t, 'HookSucceeded')
/** R35 */
export const deleteOnPhaseFailed = (t: SyncTask): boolean => t.live !== undefined && hasDeletePolicy(t, 'HookFailed')

export function resourceKey(t: SyncTask): ResourceKey {
  const o = objOf(t)
  // A cluster-scoped live object has no namespace even when the target was given one.
  const namespace = t.live ? t.live.metadata.namespace ?? '' : o.metadata.namespace ?? ''
  return { group: groupOf(o.apiVersion), kind: o.kind, namespace, name: o.metadata.name ?? '' }
}

/** Results are keyed by resource and phase: a PreSync,PostSync hook has two (R6, R57). */
export function resultKey(t: SyncTask): string {
  const o = objOf(t)
  return `${resourceKeyString({ group: groupOf(o.apiVersion), kind: o.kind, namespace: o.metadata.namespace ?? '',
    name: o.metadata.name ?? '' })}:${t.phase}`
}

/** "batch/Job/before" as Argo CD's messages name a task (R59). */
export function taskRef(t: SyncTask): string {
  return `${groupOfTask(t)}/${kindOf(t)}/${nameOf(t)}`
}

export function images(obj: KubeObject): string[] {
  const spec = obj.spec as { template?: { spec?: PodSpecLike }; containers?: unknown } | undefined
  const pod = (obj.kind === 'Pod' ? spec : spec?.template?.spec) as PodSpecLike | undefined
  const out: string[] = []
  for (const c of [...listOrNone(pod?.initContainers), ...listOrNone(pod?.containers)]) {
    if (typeof c?.image === 'string' && c.image) out.push(c.image)
  }
  return out
}

/** A field that should be a list, or none. Not a closure in `images`: a result is made per applied task. */
function listOrNone(v: unknown): Array<{ image?: unknown }> {
  return Array.isArray(v) ? v : []
}
interface PodSpecLike { containers?: Array<{ image?: string }>; initContainers?: Array<{ image?: string }> }
