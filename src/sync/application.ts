// An Argo CD Application on a cluster: a destination namespace, revisions of desired manifests, the live objects
// it tracks, its sync operations and history. It plays the application controller's part: it keeps the
// tracked-object cache, queues operation ticks (R21), refreshes (auto-sync, deletion) and records what happens.
import { createActor, type SnapshotFrom } from 'xstate'
import { getHealth, type HealthStatusCode } from '../cluster/health/index.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { WatchEvent } from '../cluster/store.ts'
import { advanceDeletion, type DeletionState } from './app-deletion.ts'
import { type AppStatus, compareAppState } from './app-status.ts'
import { AUTOMATED_DEFAULT_RETRY, decideAutoSync, type SyncPolicy } from './auto-sync.ts'
import type { Cluster } from './cluster.ts'
import type { RecordedEvent, SyncEvent } from './events.ts'
import { crashMessage, syncMachine } from './machine.ts'
import { SyncOperation, type SyncRequest } from './operation.ts'
import type { TargetNormalizer } from './options/respect-ignore-differences.ts'
import { isTrackedBy, liveKey } from './tracking.ts'
import type { OperationPhase, ResourceResult } from './types.ts'

/** R21: a change to a tracked object asks for a tick this much later; ticks come at least every 30 s. */
export const OPERATION_REQUEUE_DELAY_MS = 5_000

export interface Revision {
  revision: string
  message?: string
  manifests: KubeObject[]
}

export type InitiatedBy = { username: string } | { automated: true }

export interface OperationResult {
  phase: OperationPhase
  message: string
  startedAt: number
  finishedAt?: number
  resources: ResourceResult[]
  revision: string
  retryCount: number
  initiatedBy: InitiatedBy
  dryRun: boolean
}

/** `argocd app history` rows: successful, non-dry-run, non-selective syncs (R53). */
export interface HistoryEntry {
  id: number
  revision: string
  deployStartedAt: number
  deployedAt: number
  initiatedBy: InitiatedBy
}

export interface ApplicationOptions {
  name: string
  namespace: string
  cluster: Cluster
  /** ARGOCD_SYNC_WAVE_DELAY in ms (R20). */
  waveDelayMs?: number
  syncPolicy?: SyncPolicy
  /** spec.ignoreDifferences, as `ignoreDifferencesNormalizer(rules)`: the comparison and RespectIgnoreDifferences=true (R80). */
  ignoreDifferences?: TargetNormalizer
}

export interface OperationRecord {
  op: SyncOperation
  actor: OperationActor
  initiatedBy: InitiatedBy
  result(): OperationResult
}

export class Application {
  readonly name: string
  readonly namespace: string
  readonly cluster: Cluster
  readonly events: RecordedEvent[] = []
  readonly operations: OperationRecord[] = []
  readonly history: HistoryEntry[] = []
  syncPolicy: SyncPolicy | undefined
  deletion: DeletionState | undefined
  private revisionValue: Revision | undefined
  private tracked = new Map<string, KubeObject>()
  private namespaces = new Set<string>()
  private healthSeen = new Map<string, HealthStatusCode | undefined>()
  private tick: { at: number; handle: unknown } | undefined
  private refreshHandle: unknown
  private inflight = new Set<Promise<unknown>>()
  private unwatch: () => void
  private unfault: () => void
  /** Exceptions from the controller's own work while no operation ran (a refresh, a deletion step), in order. */
  readonly faults: string[] = []

  constructor(private opts: ApplicationOptions) {
    this.name = opts.name
    this.namespace = opts.namespace
    this.cluster = opts.cluster
    this.syncPolicy = opts.syncPolicy
    this.unwatch = this.cluster.watch(e => this.onClusterEvent(e))
    this.unfault = this.cluster.clock.onFault?.(e => this.fault(e)) ?? (() => undefined)
  }

  /**
   * An exception where none belongs (a bug the reader did not keep out): the running operation ends in phase
   * Error with its message, as Argo CD's controller recovers a panic (AC appcontroller.go
   * processRequestedAppOperation); with no operation running it is kept in `faults`. Never a wedged page.
   */
  private fault(error: unknown): boolean {
    const current = this.currentOperation
    if (current && this.operationRunning) current.actor.send({ type: 'CRASH', error })
    else this.faults.push(crashMessage(error))
    return true
  }

  /** Fills the tracked-object cache from the cluster (the controller's initial list). */
  async load(): Promise<void> {
    for (const obj of await this.cluster.list()) {
      if (isTrackedBy(this.name, obj)) this.tracked.set(liveKey(obj), obj)
      if (obj.kind === 'Namespace') this.namespaces.add(obj.metadata.name ?? '')
    }
    this.changes.epoch++
  }

  dispose(): void {
    this.unwatch()
    this.unfault()
  }

  /** A new revision of the source (a commit): with an automated policy it syncs by itself. */
  setRevision(revision: Revision): void {
    this.revisionValue = revision
    this.trackedVersion++
    this.requestRefresh()
  }

  get revision(): Revision | undefined {
    return this.revisionValue
  }

  setSyncPolicy(policy: SyncPolicy | undefined): void {
    this.syncPolicy = policy
    this.requestRefresh()
  }

  /** The live objects this application tracks, keyed as resourceKeyString. */
  live(): ReadonlyMap<string, KubeObject> {
    return this.tracked
  }

  /** Sync status and health; recomputed only after a tracked object or the revision changed. */
  status(): AppStatus {
    if (this.statusMemo?.version !== this.trackedVersion) {
      this.statusMemo = { version: this.trackedVersion,
        status: compareAppState(this.revisionValue?.manifests ?? [], this.tracked, this.namespace,
          this.opts.ignoreDifferences) }
    }
    return this.statusMemo.status
  }
  private statusMemo: { version: number; status: AppStatus } | undefined

  /** Moves on whenever a tracked object is written to, appears or goes, or the revision changes. */
  get liveVersion(): number {
    return this.trackedVersion
  }

  get currentOperation(): OperationRecord | undefined {
    return this.operations.at(-1)
  }

  get operationRunning(): boolean {
    const current = this.currentOperation
    return current !== undefined && current.actor.getSnapshot().status === 'active'
  }

  /** True while an asynchronous step (an operation's API calls, a refresh) is under way. */
  get busy(): boolean {
    return this.inflight.size > 0 || this.operationBusy()
  }

  /** Resolves once no asynchronous step is under way. */
  async idle(): Promise<void> {
    while (this.busy) {
      if (this.inflight.size > 0) await Promise.all(this.inflight)
      const current = this.currentOperation
      if (current && this.operationBusy()) {
        await new Promise<void>(resolve => {
          // A stopped actor (an operation that ended in Error) sends no more snapshots: its error ends the wait.
          const sub = current.actor.subscribe({
            next: s => {
              if (!s.hasTag('busy')) {
                sub.unsubscribe()
                resolve()
              }
            },
            error: () => resolve(),
          })
        })
      }
    }
  }

  /** The operation is in the middle of an asynchronous step (an actor that stopped on an error is not). */
  private operationBusy(): boolean {
    const snapshot = this.currentOperation?.actor.getSnapshot()
    return snapshot !== undefined && snapshot.status === 'active' && snapshot.hasTag('busy')
  }

  /** `argocd app sync`: starts an operation on the current revision. */
  sync(request: SyncRequest = {}, initiatedBy: InitiatedBy = { username: 'admin' }): OperationRecord {
    if (!this.revisionValue) throw new Error(`application ${this.name} has no revision to sync`)
    if (this.operationRunning) throw new Error('another operation is already in progress')
    if (this.deletion) throw new Error(`application ${this.name} is being deleted`)
    const revision = this.revisionValue
    const number = this.operations.length + 1
    this.changes = { epoch: this.changes.epoch + 1, log: [] } // a new operation plans afresh
    const op = new SyncOperation({
      cluster: this.cluster,
      source: { appName: this.name, namespace: this.namespace, revision: revision.revision, targets: revision.manifests,
        live: () => this.tracked, namespaceExists: () => this.namespaces.has(this.namespace),
        changes: () => this.changes,
        ...(this.opts.ignoreDifferences ? { ignoreDifferences: this.opts.ignoreDifferences } : {}),
        isModified: key => this.isModified(key) },
      request,
      startedAt: this.cluster.clock.now(),
      ...(this.opts.waveDelayMs !== undefined ? { waveDelayMs: this.opts.waveDelayMs } : {}),
      emit: event => this.record(event, number),
      requeue: afterMs => this.requeue(afterMs),
    })
    op.env.emit({ type: 'operation', phase: 'Running' })
    const actor = createActor(syncMachine(), { input: { op }, clock: this.cluster.clock })
    withQuietErrors(actor)
    let finishedAt: number | undefined
    const result = (): OperationResult => ({
      phase: op.phase, message: op.message, startedAt: op.env.startedAt,
      ...(finishedAt !== undefined ? { finishedAt } : {}), resources: op.results.list(),
      revision: revision.revision, retryCount: op.retryCount, initiatedBy, dryRun: request.dryRun ?? false,
    })
    const finish = (): void => {
      if (finishedAt !== undefined) return
      finishedAt = this.cluster.clock.now()
      this.cancelTick()
      this.recordHistory(result(), request)
      this.requestRefresh() // the controller refreshes after an operation (auto-sync decides again)
    }
    actor.subscribe({
      next: s => { if (s.status === 'done') finish() },
      // An exception in a guard or an action stops the machine: the operation ends in Error all the same.
      error: e => {
        op.setPhase('Error', crashMessage(e))
        finish()
      },
    })
    const record: OperationRecord = { op, actor, initiatedBy, result }
    this.operations.push(record)
    actor.start()
    return record
  }

  /** When the controller looks at the running operation next (R21), if a look is queued. */
  get nextTickAt(): number | undefined {
    return this.tick?.at
  }

  /** `argocd app terminate-op` (R60). */
  terminate(): void {
    this.currentOperation?.actor.send({ type: 'TERMINATE' })
  }

  /** `argocd app delete` (R64–R66): cascade deletes the managed objects, with PreDelete/PostDelete hooks. */
  delete(opts: { cascade?: boolean; propagation?: 'Foreground' | 'Background' } = {}): void {
    if (this.deletion) return
    if (this.operationRunning) this.terminate()
    const hooks = (this.revisionValue?.manifests ?? []).map(m => m.metadata.annotations ?? {})
    const hasPreDelete = hooks.some(a => /PreDelete/.test(a['argocd.argoproj.io/hook'] ?? '') ||
      /pre-delete/.test(a['helm.sh/hook'] ?? ''))
    this.deletion = { stage: hasPreDelete ? 'PreDelete' : opts.cascade === false ? 'PostDelete' : 'Resources',
      cascade: opts.cascade ?? true, propagation: opts.propagation ?? 'Foreground' }
    this.record({ type: 'app', status: 'Deleting', message: `application '${this.name}' is being deleted` }, this.opNumber)
    this.requestRefresh()
  }

  get deleted(): boolean {
    return this.deletion?.stage === 'Deleted'
  }

  /** R23 ApplyOutOfSyncOnly: is the tracked object at `key` different from its manifest? */
  private isModified(key: string): boolean {
    if (this.statusByKey?.version !== this.trackedVersion) {
      const byKey = new Map(this.status().resources.map(r => [`${r.group}/${r.kind}/${r.namespace}/${r.name}`, r.status]))
      this.statusByKey = { version: this.trackedVersion, byKey }
    }
    return this.statusByKey.byKey.get(key) !== 'Synced'
  }
  private statusByKey: { version: number; byKey: Map<string, string> } | undefined
  private trackedVersion = 0
  /** Tracked keys written to, for plans to follow (plan.ts refreshLive); a fresh start moves the epoch. */
  private changes = { epoch: 0, log: [] as string[] }

  /**
   * Records an event the caller has just built for this call alone (an operation's emit hands its events over):
   * stamped in place rather than copied, as this runs for every object the app hears of and every task applied, and
   * a spread of events of many shapes is slow.
   */
  private record(event: SyncEvent, op: number): void {
    const stamped = event as RecordedEvent
    stamped.t = this.cluster.clock.now()
    stamped.op = op
    this.events.push(stamped)
  }

  private get opNumber(): number {
    return Math.max(1, this.operations.length)
  }

  private recordHistory(result: OperationResult, request: SyncRequest): void {
    if (result.phase !== 'Succeeded' || request.dryRun || (request.resources?.length ?? 0) > 0) return
    this.history.push({ id: this.history.length, revision: result.revision, deployStartedAt: result.startedAt,
      deployedAt: result.finishedAt!, initiatedBy: result.initiatedBy })
  }

  /** The operation queue keeps the earliest requested tick (client-go's delaying queue). */
  private requeue(afterMs: number): void {
    const at = this.cluster.clock.now() + afterMs
    if (this.tick && this.tick.at <= at) return
    this.cancelTick()
    const handle = this.cluster.clock.setTimeout(() => {
      this.tick = undefined
      if (this.operationRunning) this.currentOperation!.actor.send({ type: 'TICK' })
    }, afterMs)
    this.tick = { at, handle }
  }

  private cancelTick(): void {
    if (this.tick) this.cluster.clock.clearTimeout(this.tick.handle)
    this.tick = undefined
  }

  /** A refresh (comparison, auto-sync, deletion) at the end of this instant; several requests make one. */
  private requestRefresh(): void {
    if (this.refreshHandle !== undefined) return
    this.refreshHandle = this.cluster.clock.setTimeout(() => {
      this.refreshHandle = undefined
      this.track(this.refresh())
    }, 0)
  }

  private track(work: Promise<unknown>): void {
    // What idle() awaits is the guarded promise: a failed refresh is a fault, never a rejection for the caller.
    const guarded = work.catch(e => { this.fault(e) })
    this.inflight.add(guarded)
    void guarded.finally(() => this.inflight.delete(guarded))
  }

  private async refresh(): Promise<void> {
    if (this.deletion) {
      if (this.deletion.stage === 'Deleted' || this.operationRunning) return
      await advanceDeletion(this.deletion, { appName: this.name, namespace: this.namespace, cluster: this.cluster,
        targets: this.revisionValue?.manifests ?? [], live: this.tracked, emit: e => this.record(e, this.opNumber) })
      return
    }
    if (this.operationRunning || !this.revisionValue) return
    this.autoSync()
  }

  private autoSync(): void {
    const last = this.currentOperation
    const lastResult = last?.result()
    const decision = decideAutoSync(this.syncPolicy, this.status(), this.revisionValue!.revision,
      lastResult && { revision: lastResult.revision, automated: 'automated' in last!.initiatedBy, phase: lastResult.phase,
        ...(lastResult.finishedAt !== undefined ? { finishedAt: lastResult.finishedAt } : {}) },
      this.cluster.clock.now())
    if (!decision.sync) {
      if (!decision.quiet) this.record({ type: 'autosync', action: 'skipped', message: decision.reason }, this.opNumber)
      if (decision.retryAt !== undefined) this.cluster.clock.setTimeout(() => this.requestRefresh(),
        decision.retryAt - this.cluster.clock.now())
      return
    }
    const policy = this.syncPolicy!
    this.record({ type: 'autosync', action: 'started', message: decision.reason }, this.operations.length + 1)
    this.sync({ prune: policy.automated?.prune ?? false, retry: policy.retry ?? AUTOMATED_DEFAULT_RETRY,
      ...(policy.syncOptions ? { options: policy.syncOptions } : {}) }, { automated: true })
  }

  private onClusterEvent(e: WatchEvent): void {
    const obj = e.object
    const ref = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
    if (e.type === 'ADDED') {
      const owner = obj.metadata.ownerReferences?.find(o => o.controller)
      const { kind, namespace, name } = ref
      this.record(owner ? { type: 'created', kind, namespace, name, owner: `${owner.kind}/${owner.name}` }
        : { type: 'created', kind, namespace, name }, this.opNumber)
    }
    if (e.type === 'DELETED') this.record({ type: 'gone', kind: ref.kind, namespace: ref.namespace, name: ref.name }, this.opNumber)
    if (obj.kind === 'Namespace') {
      if (e.type === 'DELETED') this.namespaces.delete(ref.name)
      else this.namespaces.add(ref.name)
    }
    const key = liveKey(obj)
    const tracked = e.type !== 'DELETED' && isTrackedBy(this.name, obj)
    const wasTracked = this.tracked.has(key)
    if (tracked) this.tracked.set(key, obj)
    else this.tracked.delete(key)
    if (tracked || wasTracked) {
      this.trackedVersion++
      this.changes.log.push(key)
    }
    if (!tracked && !wasTracked) return
    this.noteHealth(key, tracked ? obj : undefined, ref)
    // R21: a change to a managed object asks for an operation tick, batched over 5 s.
    if (this.operationRunning) this.requeue(OPERATION_REQUEUE_DELAY_MS)
    else if (this.deletion || this.syncPolicy?.automated?.selfHeal) this.requestRefresh()
  }

  private noteHealth(key: string, obj: KubeObject | undefined, ref: { kind: string; namespace: string; name: string }): void {
    const health = obj ? getHealth(obj)?.status : undefined
    if (this.healthSeen.get(key) === health) return
    this.healthSeen.set(key, health)
    if (health) this.record({ type: 'health', kind: ref.kind, namespace: ref.namespace, name: ref.name, health }, this.opNumber)
  }
}

export type OperationActor = ReturnType<typeof createActor<ReturnType<typeof syncMachine>>>

/**
 * xstate reports an actor's error as unhandled (a global throw: a crashed CLI, an error in the page) as soon as one
 * subscriber has no error callback. The Application turns the error into the operation's Error phase itself, so
 * every subscriber of an operation's actor (the page's views, the terminal, the CLI) gets a quiet one.
 */
function withQuietErrors(actor: OperationActor): void {
  const subscribe = actor.subscribe.bind(actor) as (observer: object) => ReturnType<OperationActor['subscribe']>
  actor.subscribe = ((next: unknown, error?: (e: unknown) => void, complete?: () => void) => {
    const observer = typeof next === 'function' ? { next, error, complete } : { ...(next as object) } as { error?: unknown }
    return subscribe({ ...observer, error: observer.error ?? (() => undefined) })
  }) as OperationActor['subscribe']
}
export type OperationSnapshot = SnapshotFrom<ReturnType<typeof syncMachine>>
