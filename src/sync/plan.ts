// Planning (gitops-engine getSyncTasks): from the desired manifests, the live objects the application tracks and
// the results so far, the ordered list of tasks of this tick. Pure: the same inputs give the same plan, which is
// also how the page shows the plan before a sync.
import { withoutRepeated } from '../manifest/duplicates.ts'
import { EPOCH_MS } from '../cluster/clock.ts'
import type { KindInfo } from '../cluster/kinds.ts'
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import { HOOK_FINALIZER } from '../cluster/health/index.ts'
import { sortTasks } from './ordering.ts'
import {
  isHook, isPrune, newTask, objOf, resourceKey, resultKey, settingsOf, type SyncTask, wave,
} from './task.ts'
import { type ResourceKey, type ResourceResult, resourceKeyString } from './types.ts'

export interface PlanInput {
  /** The revision's manifests, as rendered (no namespace filled in yet). */
  targets: KubeObject[]
  /** Live objects the application tracks, by resourceKeyString. */
  live: ReadonlyMap<string, KubeObject>
  namespace: string
  revision: string
  /** Virtual ms the operation started (hook names use its unix seconds, R24). */
  startedAt: number
  results?: ReadonlyMap<string, ResourceResult>
  /** R53: selective sync and the apply strategy run no hooks. */
  skipHooks?: boolean
  /** R53: a selective sync's resources; undefined = all. */
  resources?: ResourceKey[]
  /** R50 as an operation option. */
  pruneLast?: boolean
  /** Discovery; a kind it does not know makes the task invalid (R47) unless its CRD is in the sync. */
  kindInfo?: (apiVersion: string, kind: string) => KindInfo | undefined
  /** Discovery of a group version (for the error message of an unknown kind). */
  servesGroupVersion?: (apiVersion: string) => boolean
  skipDryRunOnMissingResource?: boolean
  /** What changed among the tracked objects (lets a kept plan update only those). */
  changes?: LiveChanges
  /** R55 CreateNamespace=true, with whether the destination namespace exists now. */
  createNamespace?: { exists: boolean }
}

/** A log of the tracked keys written to (created, changed, gone), and an epoch that a fresh start moves on. */
export interface LiveChanges {
  epoch: number
  log: readonly string[]
}

export interface Plan {
  tasks: SyncTask[]
  /** Tasks by the key their live object is tracked under. */
  byLiveKey: Map<string, SyncTask[]>
  /** How far the plan has followed `LiveChanges`. */
  seen: { epoch: number; log: number } | undefined
  /** Every tracked key the plan accounted for; a new one means the plan must be made again. */
  known: Set<string>
  /** R47: tasks the API server cannot take, with the reason (empty when all are valid). */
  invalid: Array<{ task: SyncTask; message: string }>
}

interface Reconciled { target?: KubeObject; live?: KubeObject }

/** gitops-engine Reconcile: hooks apart, targets paired with their live objects, live leftovers to prune. */
export function reconcile(input: PlanInput): { resources: Map<string, Reconciled>; hooks: KubeObject[] } {
  const hooks: KubeObject[] = []
  const resources = new Map<string, Reconciled>()
  const live = new Map(input.live)
  // Argo CD syncs only the last of repeated objects (RepeatedResourceWarning, AC state.go DeduplicateTargetObjects).
  for (const target of withoutRepeated(input.targets, input.namespace)) {
    const s = settingsOf(target)
    if (s.dropped || s.excludedFromSync) continue // R4, R10
    if (s.isHook) {
      hooks.push(target)
      continue
    }
    const scoped = isNamespaced(input, target)
    const key = keyOf(target, scoped === false ? '' : target.metadata.namespace || input.namespace)
    const liveObj = live.get(key) ?? (scoped === undefined ? live.get(keyOf(target, '')) : undefined)
    if (liveObj) live.delete(resourceKeyString(keyFromObj(liveObj)))
    resources.set(key, liveObj ? { target, live: liveObj } : { target })
  }
  for (const [key, obj] of live) resources.set(key, { live: obj })
  return { resources, hooks }
}

export function planTasks(input: PlanInput): Plan {
  const { resources, hooks } = reconcile(input)
  const selected = input.resources?.map(resourceKeyString)
  const tasks: SyncTask[] = []
  for (const [key, r] of resources) {
    if (selected && !selected.includes(key) && !selected.includes(keyIgnoringNamespace(key))) continue // R53
    const obj = (r.target ?? r.live)!
    if (settingsOf(obj).isHook) continue // R8: live hooks are never pruned nor re-run
    if (settingsOf(obj).skip) continue // R5
    tasks.push(newTask('Sync', r.target, r.live)) // R11: non-hook resources and prunes run in Sync
  }
  if (namespaceCreationNeeded(input)) {
    const ns = newTask('PreSync', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: input.namespace } })
    ns.createsNamespace = true
    tasks.push(ns)
  }
  if (!input.skipHooks) {
    for (const hook of hooks) {
      for (const phase of settingsOf(hook).phases) tasks.push(newTask(phase, hookTarget(hook, phase, input))) // R6
    }
  }
  for (const t of tasks) {
    if (t.target && !t.target.metadata.namespace) {
      if (isNamespaced(input, t.target) !== false) {
        t.target = { ...t.target, metadata: { ...t.target.metadata, namespace: input.namespace } } // R25
      } else if (!t.createsNamespace) t.filledNamespace = input.namespace // R25: cluster-scoped too
    }
    if (t.target) {
      t.liveKey = keyOf(t.target, t.target.metadata.namespace ?? '')
      const live = t.live ?? liveFor(resources, t.target, t.liveKey)
      if (live) {
        t.live = live
        t.liveKey = liveKey(live)
      }
    } else {
      t.liveKey = liveKey(t.live!)
    }
  }
  const invalid = validate(tasks, input)
  reversePruneWaves(tasks) // R49
  applyPruneLast(tasks, input.pruneLast ?? false) // R50
  sortTasks(tasks)
  for (const t of tasks) {
    const r = input.results?.get(resultKey(t))
    if (r) {
      t.syncStatus = r.status
      t.operationState = r.hookPhase
      t.message = r.message
    }
  }
  const byLiveKey = new Map<string, SyncTask[]>()
  for (const t of tasks) byLiveKey.set(t.liveKey, [...(byLiveKey.get(t.liveKey) ?? []), t])
  return { tasks, invalid, byLiveKey, known: new Set([...input.live.keys(), ...tasks.map(t => t.liveKey)]),
    seen: input.changes && { epoch: input.changes.epoch, log: input.changes.log.length } }
}

/**
 * Between ticks only the live objects change; the tasks, their order and their results stay. The plan is made
 * anew (as gitops-engine does on every tick) only when that could change it: a tracked object it has not seen,
 * or a pruned object that is gone.
 */
export function refreshLive(plan: Plan, live: ReadonlyMap<string, KubeObject>, input?: PlanInput): boolean {
  if (input?.createNamespace?.exists && plan.tasks.some(t => t.createsNamespace)) return false
  const changes = input?.changes
  if (changes && plan.seen && changes.epoch === plan.seen.epoch) {
    // Only the objects written to since the last tick need a look.
    for (let i = plan.seen.log; i < changes.log.length; i++) {
      const key = changes.log[i]!
      const obj = live.get(key)
      const tasks = plan.byLiveKey.get(key)
      if (obj && !plan.known.has(key)) return false // a tracked object the plan has not seen
      if (!obj && tasks?.some(t => !t.target)) return false // a pruned object is gone: its task goes
      for (const t of tasks ?? []) {
        if (obj) t.live = obj
        else t.live = undefined
      }
    }
    plan.seen.log = changes.log.length
    return true
  }
  for (const key of live.keys()) if (!plan.known.has(key)) return false
  for (const t of plan.tasks) if (!t.target && !live.has(t.liveKey)) return false
  for (const t of plan.tasks) {
    const obj = live.get(t.liveKey)
    if (obj) t.live = obj
    else t.live = undefined
  }
  if (changes) plan.seen = { epoch: changes.epoch, log: changes.log.length }
  return true
}

/**
 * R24: a hook without a name is named generateName + lower(rev7-phase-<startedAt unix seconds>), not by the API
 * server's random suffix; every hook carries Argo CD's finalizer (R26).
 */
function hookTarget(hook: KubeObject, phase: string, input: PlanInput): KubeObject {
  const meta = { ...hook.metadata }
  if (!meta.name) {
    const rev = input.revision.length >= 8 ? input.revision.slice(0, 7) : input.revision
    const seconds = Math.floor((EPOCH_MS + input.startedAt) / 1000)
    meta.name = `${meta.generateName ?? ''}${`${rev}-${phase}-${seconds}`.toLowerCase()}`
  }
  if (!meta.finalizers?.includes(HOOK_FINALIZER)) meta.finalizers = [...(meta.finalizers ?? []), HOOK_FINALIZER]
  return { ...hook, metadata: meta }
}

/**
 * gitops-engine liveObj: only objects the application tracks count (a namespace-less key matches any).
 * `targetKey` is the target's own key (keyOf with its namespace).
 */
function liveFor(resources: Map<string, Reconciled>, target: KubeObject, targetKey: string): KubeObject | undefined {
  const group = groupOf(target.apiVersion)
  const exact = resources.get(targetKey)?.live
  if (exact) return exact
  const clusterScoped = resources.get(resourceKeyString({ group, kind: target.kind, namespace: '',
    name: target.metadata.name ?? '' }))
  return clusterScoped?.live
}

/** R47: kinds the API server does not serve are invalid, unless a CRD in this sync defines them. */
function validate(tasks: SyncTask[], input: PlanInput): Array<{ task: SyncTask; message: string }> {
  if (!input.kindInfo) return []
  const crds = new Set(input.targets.filter(t => t.kind === 'CustomResourceDefinition').map(crd => {
    const spec = crd.spec as { group?: string; names?: { kind?: string } } | undefined
    return `${spec?.group ?? ''}/${spec?.names?.kind ?? ''}`
  }))
  const invalid: Array<{ task: SyncTask; message: string }> = []
  for (const t of tasks) {
    const o = objOf(t)
    if (input.kindInfo(o.apiVersion, o.kind)) continue
    const skip = input.skipDryRunOnMissingResource || settingsOf(o).syncOptions.skipDryRunOnMissingResource ||
      crds.has(`${groupOf(o.apiVersion)}/${o.kind}`)
    if (skip) {
      t.skipDryRun = true
      continue
    }
    // gitops-engine ServerResourceForGroupVersionKind's errors.
    const group = groupOf(o.apiVersion)
    invalid.push({ task: t, message: input.servesGroupVersion?.(o.apiVersion)
      ? `${o.kind}${group ? `.${group}` : ''} "" not found`
      : `failed to discover server resources for group version ${o.apiVersion}: the server could not find the requested resource` })
  }
  return invalid
}

/**
 * gitops-engine autoCreateNamespace: with CreateNamespace=true a PreSync task creates the destination namespace,
 * unless the manifests have it or it exists already.
 */
function namespaceCreationNeeded(input: PlanInput): boolean {
  if (!input.createNamespace || input.createNamespace.exists) return false
  return !input.targets.some(t => t.kind === 'Namespace' && groupOf(t.apiVersion) === '' && t.metadata.name === input.namespace)
}

/** R49: prune waves are mirrored among prune tasks only. */
function reversePruneWaves(tasks: SyncTask[]): void {
  const byWave = new Map<number, SyncTask[]>()
  for (const t of tasks) if (isPrune(t)) byWave.set(wave(t), [...(byWave.get(wave(t)) ?? []), t])
  const waves = [...byWave.keys()].sort((a, b) => a - b)
  for (let i = 0; i < Math.floor(waves.length / 2); i++) {
    const lo = waves[i]!
    const hi = waves[waves.length - 1 - i]!
    for (const t of byWave.get(lo)!) t.waveOverride = hi
    for (const t of byWave.get(hi)!) t.waveOverride = lo
  }
}

/** R50: PruneLast prunes go one wave after the last Sync-phase wave (prunes included). */
function applyPruneLast(tasks: SyncTask[], appPruneLast: boolean): void {
  let last = 0
  for (const t of tasks) if (t.phase === 'Sync' && wave(t) > last) last = wave(t)
  for (const t of tasks) {
    if (isPrune(t) && (appPruneLast || settingsOf(t.live!).syncOptions.pruneLast)) t.waveOverride = last + 1
  }
}

function isNamespaced(input: PlanInput, obj: KubeObject): boolean | undefined {
  return input.kindInfo?.(obj.apiVersion, obj.kind)?.namespaced
}

function keyOf(obj: KubeObject, namespace: string): string {
  return resourceKeyString({ group: groupOf(obj.apiVersion), kind: obj.kind, namespace, name: obj.metadata.name ?? '' })
}

function liveKey(obj: KubeObject): string {
  return resourceKeyString(keyFromObj(obj))
}

function keyFromObj(obj: KubeObject): ResourceKey {
  return { group: groupOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '' }
}

function keyIgnoringNamespace(key: string): string {
  const [group, kind, , name] = key.split('/')
  return `${group}/${kind}//${name}`
}

export { isHook, resourceKey }
