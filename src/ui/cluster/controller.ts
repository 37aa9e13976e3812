// The "Connect to a cluster" panel's logic, DOM-free (unit-tested in Node against `synclab serve`): connect a
// KubeCluster to one namespace, sync the session's HEAD revision on it with the same Application and sync machine
// as the simulation, follow the operation live, compare the run with the same revision on a fresh Simulation, and
// clean up what synclab created. The panel renders `state` and calls the actions; nothing here touches the page.
//
// State is immutable: every change makes a new object, so React can read it with useSyncExternalStore.
import type { KubeObject } from '../../cluster/objects.ts'
import { isNamespaceName } from '../../cluster/validation.ts'
import { wallClock } from '../../kube/clock.ts'
import { KubeCluster, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../../kube/kube-cluster.ts'
import { type CleanupItem, describeOutcome } from '../../kube/cleanup.ts'
import { openApplication } from '../../kube/run-app.ts'
import type { Application, OperationRecord, OperationResult } from '../../sync/application.ts'
import { compareRuns, type ObjectRef, type RunComparison, summarizeRun } from '../../sync/compare.ts'
import type { RecordedEvent } from '../../sync/events.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import type { OperationPhase, ResourceResult } from '../../sync/types.ts'
import type { ShownApp } from '../app-view/shown-app.ts'
import { eventLines } from '../events/watch-lines.ts'
import { type PodHistory, type PodHistoryRecorder, recordPods } from '../timeline/pod-history.ts'
import { relativeEvents, relativePod, type RunTrace } from './run-trace.ts'
import { simulateRevision } from './simulate-revision.ts'

/** The application's name on the cluster (its synclab.dev/app label), as `synclab sync --cluster` names it. */
export const CLUSTER_APP_NAME = 'synclab'

/** The kinds the panel follows: what the labs apply, and what their controllers make (ReplicaSets, Pods). */
export const PANEL_WATCH_KINDS = ['Job', 'Pod', 'Deployment', 'ReplicaSet', 'Service', 'ConfigMap', 'Secret',
  'StatefulSet', 'DaemonSet', 'PersistentVolumeClaim']
/** Streamed (?watch=1), because hooks and rollouts move them; the others are listed every second. A browser has
 * ~6 connections per host and each stream holds one: three leave room for the requests of the sync. */
export const PANEL_STREAM_KINDS = ['Job', 'Pod', 'Deployment']

export interface ControllerOptions {
  fetch?: typeof fetch
  /** Runs synclab's own delays (wave delay, ticks, retries) this many times faster: only to match `synclab serve --speed`. */
  speed?: number
  appName?: string
  watchKinds?: string[]
  /** Kinds followed with a stream; the other watched kinds are polled. */
  streamKinds?: string[]
  /** The simulation's seed for "Compare with the simulation" (the lab's seed). */
  seed?: number | string
  /** Wall ms between looks at a running operation. */
  pollMs?: number
  /** Wall ms to wait for an operation to end before giving up waiting (the operation is left running). */
  timeoutMs?: number
}

export interface Connection {
  server: string
  namespace: string
  /** The API server's gitVersion (GET /version), when it says. */
  version?: string
  platform?: string
}

export interface RunView {
  revision: string
  phase: OperationPhase
  message: string
  /** Wall (engine) ms since the operation started, when it ended. */
  finishedAfterMs?: number
  running: boolean
  results: ResourceResult[]
  /** The operation's event lines, times from the operation's start. */
  lines: string[]
  /** The application and the namespace's live objects, for the app view (status, why it waits, tree, results). */
  shown?: ShownApp
  /** The operation's events and the Pods seen since it started, times from the operation's start (timeline). */
  events: RecordedEvent[]
  pods: PodHistory[]
  /** Wall (engine) ms since the operation started. */
  now: number
}

export interface ComparisonView {
  simulation: { phase: OperationPhase; message: string }
  /** The simulation's run, for its own timeline beside the cluster's. */
  simulationRun: RunTrace
  /** How many of the application's objects on the cluster before the sync the simulation started with. */
  broughtOver: number
  /** Those it could not take, with why ("Job before: ..."). */
  notBrought: string[]
  comparison: RunComparison
}

export type Busy = 'connect' | 'sync' | 'compare' | 'cleanup'

export interface ClusterState {
  connection?: Connection
  busy?: Busy
  /** The last action's failure, in plain words. */
  error?: string
  run?: RunView
  compare?: ComparisonView
  /** What a cleanup would delete (asked first), then what it deleted. */
  cleanupPlan?: string[]
  cleanedUp?: string[]
  /** What the cleanup left, and why (already gone, re-created since the list, waiting for finalizers). */
  cleanupNotes?: string[]
}

interface RunContext {
  app: Application
  record: OperationRecord
  revision: string
  manifests: KubeObject[]
  waveDelayMs: number | undefined
  request: ClusterSyncRequest
  /** What the application had on the cluster when the sync started: the comparison's simulation starts from it. */
  liveBefore: KubeObject[]
}


/** The Sync panel's options that make sense on a real cluster (a selective sync stays in the simulation). */
export type ClusterSyncRequest = Pick<SyncRequest, 'prune' | 'dryRun'>

export class ClusterController {
  private state: ClusterState = {}
  private listeners = new Set<() => void>()
  private cluster: KubeCluster | undefined
  private current: RunContext | undefined
  private readonly fetchFn: typeof fetch
  private readonly speed: number
  readonly appName: string
  private readonly watchKinds: string[]
  private readonly streamKinds: string[]
  private pods: PodHistoryRecorder | undefined
  private readonly seed: number | string
  private readonly pollMs: number
  private readonly timeoutMs: number
  private pending: ReturnType<typeof setTimeout> | undefined
  private stopFollowing: (() => void) | undefined
  /** The objects the shown cleanup list names, with their uids: exactly what Delete deletes. */
  private planned: CleanupItem[] | undefined

  constructor(opts: ControllerOptions = {}) {
    this.fetchFn = opts.fetch ?? ((input, init) => globalThis.fetch(input, init))
    this.speed = opts.speed ?? 1
    this.appName = opts.appName ?? CLUSTER_APP_NAME
    this.watchKinds = opts.watchKinds ?? PANEL_WATCH_KINDS
    this.streamKinds = opts.streamKinds ?? PANEL_STREAM_KINDS
    this.seed = opts.seed ?? 1
    this.pollMs = opts.pollMs ?? 50
    this.timeoutMs = opts.timeoutMs ?? 30 * 60_000
  }

  getState = (): ClusterState => this.state

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  get connected(): boolean {
    return this.cluster !== undefined
  }

  private set(patch: Partial<ClusterState>, clear: Array<keyof ClusterState> = []): void {
    const next: ClusterState = { ...this.state, ...patch }
    for (const k of clear) delete next[k]
    if (clear.includes('cleanupPlan')) this.planned = undefined // no list shown: nothing to delete
    this.state = next
    for (const l of [...this.listeners]) l()
  }

  private fail(message: string): void {
    this.set({ error: message }, ['busy'])
  }

  // --- Connect -----------------------------------------------------------------------------------------------

  /** Reads discovery and /version, checks the namespace; nothing is written. False (with `error`) on failure. */
  async connect(server: string, namespace: string): Promise<boolean> {
    if (this.state.busy) return this.refuseBusy()
    const url = server.trim().replace(/\/+$/, '')
    const ns = namespace.trim()
    if (url === '') {
      this.fail('Enter the URL of the Kubernetes API (a local `kubectl proxy`, e.g. http://127.0.0.1:8001, or this page\'s /k8s).')
      return false
    }
    if (ns === '') {
      this.fail('Enter a namespace: synclab works only in the one namespace you name, and it has no default.')
      return false
    }
    if (!isNamespaceName(ns)) {
      this.fail(`"${ns}" is not a namespace name: lower-case letters, digits and "-", starting and ending with a ` +
        'letter or digit, at most 63 characters.')
      return false
    }
    this.disconnect()
    this.set({ busy: 'connect' }, ['error', 'connection', 'run', 'compare', 'cleanupPlan', 'cleanedUp', 'cleanupNotes'])
    let cluster: KubeCluster
    try {
      cluster = await KubeCluster.connect({ server: url, namespace: ns, appName: this.appName, clock: wallClock(this.speed),
        fetch: this.fetchFn, watchKinds: this.watchKinds,
        streamKinds: this.streamKinds })
    } catch (e) {
      this.fail(`Cannot read the Kubernetes API at ${url}: ${(e as Error).message}. Is \`kubectl proxy --port=8001\` running?`)
      return false
    }
    // A namespace-scoped account may not read namespaces (403): then its existence is assumed.
    const nsRes = await this.fetchFn(`${url}/api/v1/namespaces/${encodeURIComponent(ns)}`, { headers: { Accept: 'application/json' } })
      .catch(() => undefined)
    await nsRes?.body?.cancel().catch(() => undefined)
    if (nsRes?.status === 404) {
      cluster.close()
      this.fail(`Namespace "${ns}" does not exist on ${url}; synclab creates nothing outside it. Create it first: ` +
        `kubectl create namespace ${ns}`)
      return false
    }
    const connection: Connection = { server: url, namespace: ns }
    try {
      const res = await this.fetchFn(`${url}/version`, { headers: { Accept: 'application/json' } })
      if (res.ok) {
        const v = await res.json() as { gitVersion?: unknown; platform?: unknown }
        if (typeof v.gitVersion === 'string') connection.version = v.gitVersion
        if (typeof v.platform === 'string') connection.platform = v.platform
      } else await res.body?.cancel()
    } catch { /* the version is only shown */ }
    this.cluster = cluster
    this.set({ connection }, ['busy'])
    return true
  }

  /** Stops following the operation and closes the watches (the cluster is left as it is). */
  disconnect(): void {
    this.stopFollowing?.()
    this.stopFollowing = undefined
    if (this.pending !== undefined) clearTimeout(this.pending)
    this.pending = undefined
    this.current?.app.dispose()
    this.current = undefined
    this.pods?.dispose()
    this.pods = undefined
    this.cluster?.close()
    this.cluster = undefined
    if (this.state.connection) this.set({}, ['connection', 'run', 'compare', 'cleanupPlan', 'cleanedUp', 'cleanupNotes'])
  }

  private refuseBusy(): false {
    this.set({ error: `Wait: synclab is still busy (${this.state.busy}).` })
    return false
  }

  private notConnected(): false {
    this.set({ error: 'Connect to a cluster first.' })
    return false
  }

  // --- Sync --------------------------------------------------------------------------------------------------

  /**
   * Syncs the revision's manifests on the cluster: a fresh Application (loaded from the cluster), the revision set,
   * one sync operation, followed live until it ends. `confirmed` is the user's tick naming the namespace.
   */
  async sync(opts: { manifests: KubeObject[]; revision: string; waveDelayMs?: number | undefined; confirmed: boolean;
    request?: ClusterSyncRequest }):
    Promise<OperationResult | undefined> {
    const cluster = this.cluster
    if (!cluster) return this.notConnected() || undefined
    if (this.state.busy) return this.refuseBusy() || undefined
    if (this.current?.app.operationRunning) {
      this.set({ error: 'An operation is still running on the cluster; wait for it or terminate it.' })
      return undefined
    }
    if (!opts.confirmed) {
      this.set({ error: `Tick the confirmation first: synclab will apply to namespace ${cluster.namespace}.` })
      return undefined
    }
    if (opts.manifests.length === 0) {
      this.set({ error: 'The current revision has no manifests to sync.' })
      return undefined
    }
    this.stopFollowing?.()
    this.current?.app.dispose()
    this.current = undefined
    // The timeline's Pods: recorded from this sync on (Pods already there start as they are now).
    this.pods?.dispose()
    this.pods = recordPods({ now: () => cluster.clock.now(), pods: () => cluster.objects(), watch: l => cluster.watch(l) })
    this.set({ busy: 'sync' }, ['error', 'run', 'compare', 'cleanupPlan', 'cleanedUp', 'cleanupNotes'])
    const request: ClusterSyncRequest = { ...(opts.request?.prune ? { prune: true } : {}), ...(opts.request?.dryRun ? { dryRun: true } : {}) }
    let app: Application
    let record: OperationRecord
    let liveBefore: KubeObject[] = []
    try {
      app = await openApplication(cluster, opts.waveDelayMs !== undefined ? { waveDelayMs: opts.waveDelayMs } : {})
      liveBefore = [...app.live().values()]
      app.setRevision({ revision: opts.revision, manifests: opts.manifests })
      record = app.sync(request)
    } catch (e) {
      this.fail(`The sync could not start: ${(e as Error).message}`)
      return undefined
    }
    const ctx: RunContext = { app, record, revision: opts.revision, manifests: opts.manifests, waveDelayMs: opts.waveDelayMs,
      request, liveBefore }
    this.current = ctx
    // Live: every machine step and every watch event (coalesced), and a poll for the rest.
    const sub = record.actor.subscribe(() => this.scheduleUpdate())
    const unwatch = cluster.watch(() => this.scheduleUpdate())
    this.stopFollowing = () => {
      sub.unsubscribe()
      unwatch()
    }
    this.updateRun()
    const deadline = Date.now() + this.timeoutMs
    while (app.operationRunning && Date.now() < deadline && this.current === ctx) {
      await sleep(this.pollMs)
      this.updateRun()
    }
    if (this.current !== ctx) return record.result() // disconnected meanwhile
    if (!app.operationRunning) await app.idle()
    this.updateRun()
    const result = record.result()
    if (app.operationRunning) {
      this.set({ error: `The operation is still running after ${Math.round(this.timeoutMs / 1000)} s; synclab stopped waiting.` },
        ['busy'])
    } else this.set({}, ['busy'])
    return result
  }

  /** Argo CD's terminate-op on the running operation. */
  terminate(): void {
    if (this.current?.app.operationRunning) this.current.app.terminate()
  }

  private scheduleUpdate(): void {
    if (this.pending !== undefined) return
    this.pending = setTimeout(() => {
      this.pending = undefined
      this.updateRun()
    }, 30)
  }

  private updateRun(): void {
    const ctx = this.current
    if (!ctx) return
    const cluster = this.cluster
    if (!cluster) return
    const result = ctx.record.result()
    const origin = result.startedAt
    const events = relativeEvents(ctx.app.events, origin)
    const run: RunView = {
      revision: ctx.revision, phase: result.phase, message: result.message, running: ctx.app.operationRunning,
      results: result.resources, lines: eventLines(events, Number.POSITIVE_INFINITY),
      ...(result.finishedAt !== undefined ? { finishedAfterMs: result.finishedAt - result.startedAt } : {}),
      shown: { app: ctx.app, dependents: uid => cluster.dependents(uid), origin },
      events, pods: (this.pods?.histories() ?? []).map(h => relativePod(h, origin)),
      now: Math.max(0, cluster.clock.now() - origin),
    }
    this.set({ run })
  }

  // --- Compare -----------------------------------------------------------------------------------------------

  /**
   * The same revision on a fresh Simulation (same namespace, app name, wave delay, options, and the application's
   * objects as they were before the sync), compared with the real run.
   */
  async compare(): Promise<ComparisonView | undefined> {
    const cluster = this.cluster
    const ctx = this.current
    if (!cluster) return this.notConnected() || undefined
    if (this.state.busy) return this.refuseBusy() || undefined
    if (!ctx || ctx.app.operationRunning) {
      this.set({ error: 'Compare after an operation on the cluster has ended.' })
      return undefined
    }
    this.set({ busy: 'compare' }, ['error', 'compare'])
    try {
      const sim = await simulateRevision({ seed: this.seed, appName: this.appName, namespace: cluster.namespace,
        waveDelayMs: ctx.waveDelayMs, revision: ctx.revision, manifests: ctx.manifests, request: ctx.request,
        liveBefore: ctx.liveBefore })
      const simulated = summarizeRun(sim.events, [sim.result], refs(sim.objects))
      const real = summarizeRun(ctx.app.events, [ctx.record.result()], refs(await cluster.list()))
      const view: ComparisonView = { simulation: { phase: sim.result.phase, message: sim.result.message },
        simulationRun: sim.trace, broughtOver: sim.broughtOver, notBrought: sim.notBrought,
        comparison: compareRuns(simulated, real) }
      this.set({ compare: view }, ['busy'])
      return view
    } catch (e) {
      this.fail(`The comparison failed: ${(e as Error).message}`)
      return undefined
    }
  }

  // --- Clean up ----------------------------------------------------------------------------------------------

  /** Lists what a cleanup would delete (reads only); the list shown is the list Delete deletes, nothing more. */
  async planCleanup(): Promise<string[] | undefined> {
    const cluster = this.cluster
    if (!cluster || !this.state.connection) return this.notConnected() || undefined
    if (this.state.busy) return this.refuseBusy() || undefined
    this.set({ busy: 'cleanup' }, ['error', 'cleanupPlan', 'cleanedUp', 'cleanupNotes'])
    try {
      const plan = await cluster.planCleanup()
      this.planned = plan
      const refs = plan.map(i => i.ref)
      this.set({ cleanupPlan: refs }, ['busy'])
      return refs
    } catch (e) {
      this.fail(`Cannot list what synclab created: ${(e as Error).message}`)
      return undefined
    }
  }

  /**
   * Deletes exactly the objects planCleanup listed, each bound to the uid it had then (src/kube/cleanup.ts): an
   * object made since the list stays, and one deleted and re-created under the same name is left alone.
   * `confirmed` is the user's answer to that list.
   */
  async cleanup(opts: { confirmed: boolean }): Promise<string[] | undefined> {
    const cluster = this.cluster
    if (!cluster) return this.notConnected() || undefined
    if (this.state.busy) return this.refuseBusy() || undefined
    const plan = this.planned
    if (!plan) {
      this.set({ error: 'List what synclab created first (Clean up…): only the list shown is deleted.' })
      return undefined
    }
    if (!opts.confirmed) {
      this.set({ error: `Confirm the cleanup first: it deletes the ${plan.length} object${plan.length === 1 ? '' : 's'} listed, ` +
        `labelled ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} in namespace ${cluster.namespace}.` })
      return undefined
    }
    if (this.current?.app.operationRunning) {
      this.set({ error: 'An operation is still running on the cluster; wait for it or terminate it before cleaning up.' })
      return undefined
    }
    this.set({ busy: 'cleanup' }, ['error', 'cleanedUp', 'cleanupNotes'])
    try {
      const outcomes = await cluster.deletePlanned(plan)
      const deleted = outcomes.filter(o => o.result === 'deleted').map(o => o.item.ref)
      const notes = outcomes.filter(o => o.result !== 'deleted' || o.waitsFor.length > 0).map(describeOutcome)
      this.set({ cleanedUp: deleted, ...(notes.length > 0 ? { cleanupNotes: notes } : {}) }, ['busy', 'cleanupPlan'])
      return deleted
    } catch (e) {
      this.fail(`The cleanup stopped: ${(e as Error).message}`)
      return undefined
    }
  }

  /** Forget a cleanup plan without deleting anything. */
  cancelCleanup(): void {
    this.set({}, ['cleanupPlan'])
  }
}

function refs(objects: readonly KubeObject[]): ObjectRef[] {
  return objects.filter(o => o.kind !== 'Namespace')
    .map(o => ({ kind: o.kind, namespace: o.metadata.namespace ?? '', name: o.metadata.name ?? '' }))
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
