// Drives the engine for one simulated sync (`simulate()`, `synclab sync`, each row of a sweep): a fresh simulated
// cluster, the live objects, one Application, N sync operations with the settle time between them. While an
// operation runs it samples what `argocd app sync` would show (its resource rows, in virtual time). No sync rule
// lives here: phases, waves, hooks and messages all come from the engine (src/sync) and the cluster (src/cluster).
import { getHealth } from '../cluster/health/index.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { Manifest } from '../manifest/index.ts'
import type { OperationResult } from '../sync/application.ts'
import * as fieldsV1 from '../cluster/fields-v1.ts'
import { serverSideApply } from '../cluster/server-side-apply.ts'
import { SERVER_SIDE_APPLY_MANAGER } from '../sync/options/field-manager.ts'
import { ignoreDifferencesNormalizer, withIgnoredFieldsFromLive } from '../sync/options/respect-ignore-differences.ts'
import type { RecordedEvent } from '../sync/events.ts'
import { reconcile } from '../sync/plan.ts'
import { liveSince, SeedError, seedLive, settleSeeded } from '../sync/seed-live.ts'
import { Simulation } from '../sync/simulation.ts'
import { settingsOf } from '../sync/task.ts'
import { isTrackedBy, withTracking } from '../sync/tracking.ts'
import type { ResourceKey } from '../sync/types.ts'
import { resourceStateRows, type ResourceRow, StreamRecorder, type StreamFlush } from '../present/argocd-sync-output.ts'
import { whatIfLookup } from '../cluster/what-if.ts'
import type { ResolvedSync } from './sync-options.ts'
import type { ClusterEntry } from './document.ts'

export interface OperationRecord {
  result: OperationResult
  /** The rows `argocd app sync` streams while waiting, one flush per virtual instant. */
  stream: StreamFlush[]
  /** `argocd app get`'s resource table when the operation ended (what `app sync` prints last). */
  finalRows: ResourceRow[]
  /** Whether the Application has managed (non-hook) resources; argocd prints the final table only then. */
  hasResources: boolean
  /** Virtual time the CLI stopped waiting (the operation's end, or the timeout). */
  endedAt: number
}

export type { ClusterEntry } from './document.ts'

export interface SyncRun {
  operations: OperationRecord[]
  events: RecordedEvent[]
  cluster: ClusterEntry[]
  /** The entries of `cluster` that another object controls (a Job's Pods, a Deployment's ReplicaSets), by index. */
  controlled?: ReadonlySet<number>
  /** The destination namespace, when it did not exist and nothing in the sync creates it (R83). */
  missingNamespace?: string
  /** Exceptions of the engine while no operation ran (Application.faults); printed, never thrown. */
  faults?: string[]
}

/** The namespaces a fresh cluster (kind, minikube) starts with. */
const FRESH_CLUSTER_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease']

export class LiveObjectError extends Error {}

export interface RunOptions {
  /**
   * Sample the resource rows `argocd app sync` prints (stream, final table); default true. The JSON document needs
   * none of them, and a sweep runs many times faster without.
   */
  rows?: boolean
  /** The destination namespace exists before the sync (a real cluster's, compared with the simulation). */
  destNamespaceExists?: boolean
}

/** A live object for the simulated cluster, and where it came from (for errors). */
export interface LiveInput {
  object: KubeObject
  source: { file: string }
}

/**
 * Runs the whole `synclab sync`: targets and live objects are already parsed and free of errors. The live objects
 * are created long before the first sync (R98) and have settled when it starts at virtual time 0.
 */
export async function runSync(args: ResolvedSync, targets: Manifest[], live: readonly LiveInput[],
  opts: RunOptions = {}): Promise<SyncRun> {
  const rows = opts.rows ?? true
  const APP_NAME = args.appName
  // The what-if settings (library, sweep): the kubelet asks, per Pod, how its workload's containers behave.
  const overrides = whatIfLookup(args.whatIf, uid => sim.fake.store.getByUid(uid))
  const sim: Simulation = new Simulation({ seed: args.seed, namespaces: FRESH_CLUSTER_NAMESPACES,
    ...(live.length > 0 ? liveSince() : {}), ...(overrides ? { overrides } : {}) })
  const fake = sim.fake
  // A fresh cluster has only its own namespaces and those of the --live objects: the destination namespace
  // exists only when CreateNamespace=true creates it (R82), the manifests have it, or it is given (R83).
  if (opts.destNamespaceExists) fake.ensureNamespace(args.destNamespace)
  // --live: objects Argo CD applied in an earlier sync (kubectl apply semantics: last-applied annotation), tracked
  // by the app; a given status is kept (a Job with a Complete/Failed condition is a finished Job).
  for (const m of live) {
    try {
      seedLive(fake, APP_NAME, args.destNamespace, m.object)
    } catch (e) {
      if (e instanceof SeedError) throw new LiveObjectError(`${m.source.file}: ${e.message}`)
      throw e
    }
  }
  settleSeeded(fake)
  const preexisting = new Set(fake.store.list('Namespace').map(ns => ns.metadata.name))
  const missingNamespace = !fake.store.namespaceExists(args.destNamespace) && !args.request.options?.createNamespace &&
    !targets.some(m => m.object.kind === 'Namespace' && m.object.metadata.name === args.destNamespace)
  const app = await sim.createApp(APP_NAME, args.destNamespace, { createNamespace: false,
    ...(args.waveDelayMs !== undefined ? { waveDelayMs: args.waveDelayMs } : {}),
    ...(args.ignoreDifferences?.length ? { ignoreDifferences: ignoreDifferencesNormalizer(args.ignoreDifferences) } : {}),
  })
  const targetObjects = targets.map(m => m.object)
  // An automated policy (--app) makes the app start its first sync by itself when it gets the revision (R62).
  if (args.syncPolicy) app.setSyncPolicy(args.syncPolicy)
  app.setRevision({ revision: args.revision, manifests: targetObjects })

  const synced = new WeakMap<KubeObject, boolean>()
  /** An Application's status.resources: managed non-hook resources with their sync status and health. */
  const managedResources = (): Map<string, ResourceRow> => {
    const { resources } = reconcile({
      targets: targetObjects, live: app.live(), namespace: args.destNamespace, revision: args.revision, startedAt: 0,
      kindInfo: (apiVersion, kind) => fake.store.kinds.lookup(apiVersion, kind),
    })
    const out = new Map<string, ResourceRow>()
    for (const [key, r] of resources) {
      const obj = (r.target ?? r.live)!
      const s = settingsOf(obj)
      if (s.isHook || s.skip) continue // hooks are not app resources; R5: Skip is left out of sync status
      const [group = '', kind = '', namespace = '', name = ''] = key.split('/')
      let status = 'OutOfSync'
      if (r.target && r.live) status = isSynced(r.target, r.live) ? 'Synced' : 'OutOfSync'
      const health = r.live ? getHealth(r.live)?.status ?? '' : 'Missing'
      out.set(key, { group, kind, namespace, name, status, health, hook: '', message: '' })
    }
    return out
  }
  const isSynced = (target: KubeObject, liveObj: KubeObject): boolean => {
    let known = synced.get(liveObj)
    if (known !== undefined) return known
    const info = fake.store.kinds.lookup(target.apiVersion, target.kind)
    const meta = { ...target.metadata }
    if (info?.namespaced && !meta.namespace) meta.namespace = args.destNamespace
    try {
      // An object Argo CD applied server-side (R78) is compared the same way: a client-side apply would add its
      // last-applied annotation and always differ.
      const serverSide = (liveObj.metadata as { managedFields?: Array<{ manager: string }> }).managedFields
        ?.some(m => m.manager === SERVER_SIDE_APPLY_MANAGER) ?? false
      const compared = withIgnoredFieldsFromLive({ ...target, metadata: meta }, liveObj, args.ignoreDifferences ?? [])
      const desired = withTracking(APP_NAME, compared)
      known = (serverSide ? serverSideApply(fake.store, desired, SERVER_SIDE_APPLY_MANAGER, fieldsV1, { dryRun: true })
        : fake.apply(desired, { dryRun: true })).action === 'unchanged'
    } catch {
      known = false
    }
    synced.set(liveObj, known)
    return known
  }
  const resourceRows = (result: OperationResult, selected: ResourceKey[] | undefined): ResourceRow[] =>
    resourceStateRows(managedResources(), result.resources, selected)

  const operations: OperationRecord[] = []
  const selected = args.request.resources
  for (let i = 0; i < args.repeat; i++) {
    if (i > 0 || !await automatedSyncStarted(sim)) app.sync(args.request)
    const current = app.operations[app.operations.length - 1]!
    const start = fake.now()
    const stream = new StreamRecorder()
    const observe = (): boolean => {
      if (rows) stream.observe(fake.now(), resourceRows(current.result(), selected))
      return !app.operationRunning
    }
    const limit = start + args.timeoutMs
    if (i === 0 && args.terminateAfterMs !== undefined) {
      const at = start + args.terminateAfterMs
      await sim.run(observe, Math.min(at, limit))
      if (app.operationRunning && at <= limit) {
        fake.clock.runUntil(at)
        await sim.run(() => true)
        app.terminate()
      }
    }
    await sim.run(observe, limit)
    if (app.operationRunning) fake.clock.runUntil(limit) // gave up waiting at the timeout
    observe()
    stream.flush()
    const result = current.result()
    // argocd prints the final table after the app's next refresh: let what is due at this instant happen
    // (a pruned object with no dependents is gone by then).
    if (!app.operationRunning) {
      fake.clock.runUntil(fake.now())
      await sim.run(() => true)
    }
    operations.push({
      result, stream: stream.flushes, finalRows: rows ? resourceRows(result, selected) : [],
      hasResources: rows && managedResources().size > 0, endedAt: fake.now(),
    })
    if (app.operationRunning) break // gave up waiting: no further operation can start
    await sim.advance(args.settleMs)
  }
  if (app.operationRunning) await sim.advance(args.settleMs)

  const cluster: ClusterEntry[] = []
  const controlled = new Set<number>()
  for (const obj of fake.store.all()) {
    if (obj.kind === 'Namespace' && preexisting.has(obj.metadata.name) && !isTrackedBy(APP_NAME, obj)) continue
    if (obj.metadata.ownerReferences?.some(o => o.controller)) controlled.add(cluster.length)
    cluster.push(clusterEntry(obj))
  }
  return { operations, events: [...app.events], cluster, controlled, faults: [...app.faults],
    ...(missingNamespace ? { missingNamespace: args.destNamespace } : {}) }
}

/** Lets what is due now happen; true when the app started an (automated) operation by itself. */
async function automatedSyncStarted(sim: Simulation): Promise<boolean> {
  const app = sim.apps[0]!
  if (!app.syncPolicy?.automated) return false
  sim.fake.clock.runUntil(sim.fake.now())
  await sim.run(() => true)
  return app.operationRunning
}

/** One live object in the --json `cluster` list: its health and the conditions that hold, with their reasons. */
export function clusterEntry(obj: KubeObject): ClusterEntry {
  const entry: ClusterEntry = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
  const health = getHealth(obj)?.status
  if (health) entry.health = health
  const conditions = (obj.status as { conditions?: unknown } | undefined)?.conditions
  if (Array.isArray(conditions)) {
    const list = conditions.filter((c): c is { type: string; status?: string; reason?: string } =>
      typeof c === 'object' && c !== null && typeof (c as { type?: unknown }).type === 'string')
      .filter(c => c.status === 'True')
      .map(c => (typeof c.reason === 'string' && c.reason !== '' ? { type: c.type, reason: c.reason } : { type: c.type }))
    if (list.length > 0) entry.conditions = list
  }
  return entry
}
