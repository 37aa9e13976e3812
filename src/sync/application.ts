// An Argo CD Application on a cluster: a destination namespace, revisions of desired manifests, the live objects
// it tracks, and its sync operations. It plays the application controller's part: it keeps the tracked-object
// cache, queues operation ticks (R21) and records what happens.
import { createActor, type SnapshotFrom } from 'xstate'
import { getHealth, type HealthStatusCode } from '../cluster/health/index.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { WatchEvent } from '../cluster/store.ts'
import type { Cluster } from './cluster.ts'
import type { RecordedEvent, SyncEvent } from './events.ts'
import { syncMachine } from './machine.ts'
import { type SyncOperation as Op, SyncOperation, type SyncRequest } from './operation.ts'
import { isTrackedBy, liveKey } from './tracking.ts'
import type { OperationPhase, ResourceResult } from './types.ts'

/** R21: a change to a tracked object asks for a tick this much later; ticks come at least every 30 s. */
export const OPERATION_REQUEUE_DELAY_MS = 5_000

export interface Revision {
  revision: string
  message?: string
  manifests: KubeObject[]
}

export interface OperationResult {
  phase: OperationPhase
  message: string
  startedAt: number
  finishedAt?: number
  resources: ResourceResult[]
  revision: string
  retryCount: number
}

export interface ApplicationOptions {
  name: string
  namespace: string
  cluster: Cluster
  /** ARGOCD_SYNC_WAVE_DELAY in ms (R20). */
  waveDelayMs?: number
}

export class Application {
  readonly name: string
  readonly namespace: string
  readonly cluster: Cluster
  readonly events: RecordedEvent[] = []
  readonly operations: Array<{ op: Op; actor: OperationActor; result: () => OperationResult }> = []
  private revisionValue: Revision | undefined
  private tracked = new Map<string, KubeObject>()
  private healthSeen = new Map<string, HealthStatusCode | undefined>()
  private tick: { at: number; handle: unknown } | undefined
  private unwatch: () => void

  constructor(private opts: ApplicationOptions) {
    this.name = opts.name
    this.namespace = opts.namespace
    this.cluster = opts.cluster
    this.unwatch = this.cluster.watch(e => this.onClusterEvent(e))
  }

  /** Fills the tracked-object cache from the cluster (the controller's initial list). */
  async load(): Promise<void> {
    for (const obj of await this.cluster.list()) if (isTrackedBy(this.name, obj)) this.tracked.set(liveKey(obj), obj)
  }

  dispose(): void {
    this.unwatch()
  }

  setRevision(revision: Revision): void {
    this.revisionValue = revision
  }

  get revision(): Revision | undefined {
    return this.revisionValue
  }

  /** The live objects this application tracks, keyed as resourceKeyString. */
  live(): ReadonlyMap<string, KubeObject> {
    return this.tracked
  }

  get currentOperation(): { op: Op; actor: OperationActor } | undefined {
    return this.operations.at(-1)
  }

  get operationRunning(): boolean {
    const current = this.currentOperation
    return current !== undefined && current.actor.getSnapshot().status === 'active'
  }

  /** `argocd app sync`: starts an operation on the current revision. */
  sync(request: SyncRequest = {}): { op: Op; actor: OperationActor } {
    if (!this.revisionValue) throw new Error(`application ${this.name} has no revision to sync`)
    if (this.operationRunning) throw new Error('another operation is already in progress')
    const revision = this.revisionValue
    const number = this.operations.length + 1
    const op = new SyncOperation({
      cluster: this.cluster,
      source: { appName: this.name, namespace: this.namespace, revision: revision.revision, targets: revision.manifests,
        live: () => this.tracked },
      request,
      startedAt: this.cluster.clock.now(),
      ...(this.opts.waveDelayMs !== undefined ? { waveDelayMs: this.opts.waveDelayMs } : {}),
      emit: event => this.record(event, number),
      requeue: afterMs => this.requeue(afterMs),
    })
    op.env.emit({ type: 'operation', phase: 'Running' })
    const actor = createActor(syncMachine, { input: { op }, clock: this.cluster.clock })
    let finishedAt: number | undefined
    actor.subscribe(s => {
      if (s.status === 'done' && finishedAt === undefined) {
        finishedAt = this.cluster.clock.now()
        this.cancelTick()
      }
    })
    const result = (): OperationResult => ({
      phase: op.phase, message: op.message, startedAt: op.env.startedAt,
      ...(finishedAt !== undefined ? { finishedAt } : {}), resources: op.results.list(),
      revision: revision.revision, retryCount: op.retryCount,
    })
    this.operations.push({ op, actor, result })
    actor.start()
    return { op, actor }
  }

  /** `argocd app terminate-op` (R60). */
  terminate(): void {
    this.currentOperation?.actor.send({ type: 'TERMINATE' })
  }

  private record(event: SyncEvent, op: number): void {
    this.events.push({ ...event, t: this.cluster.clock.now(), op } as RecordedEvent)
  }

  private get opNumber(): number {
    return Math.max(1, this.operations.length)
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

  private onClusterEvent(e: WatchEvent): void {
    const obj = e.object
    const ref = { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
    if (e.type === 'ADDED') {
      const owner = obj.metadata.ownerReferences?.find(o => o.controller)
      this.record({ type: 'created', ...ref, ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}) }, this.opNumber)
    }
    if (e.type === 'DELETED') this.record({ type: 'gone', ...ref }, this.opNumber)
    const key = liveKey(obj)
    const tracked = e.type !== 'DELETED' && isTrackedBy(this.name, obj)
    const wasTracked = this.tracked.has(key)
    if (tracked) this.tracked.set(key, obj)
    else this.tracked.delete(key)
    if (!tracked && !wasTracked) return
    this.noteHealth(key, tracked ? obj : undefined, ref)
    // R21: a change to a managed object asks for an operation tick, batched over 5 s.
    if (this.operationRunning) this.requeue(OPERATION_REQUEUE_DELAY_MS)
  }

  private noteHealth(key: string, obj: KubeObject | undefined, ref: { kind: string; namespace: string; name: string }): void {
    const health = obj ? getHealth(obj)?.status : undefined
    if (this.healthSeen.get(key) === health) return
    this.healthSeen.set(key, health)
    if (health) this.record({ type: 'health', ...ref, health }, this.opNumber)
  }
}

export type OperationActor = ReturnType<typeof createActor<typeof syncMachine>>
export type OperationSnapshot = SnapshotFrom<typeof syncMachine>
