// One sync operation's state: what was asked for, the tasks of the current tick, the results so far, and the
// operation's phase and message. The steps (steps.ts) read and write it; the machine (machine.ts) sequences them.
import type { KubeObject } from '../cluster/objects.ts'
import type { Cluster } from './cluster.ts'
import type { SyncEvent } from './events.ts'
import type { TargetNormalizer } from './options/respect-ignore-differences.ts'
import type { LiveChanges, Plan, PlanInput } from './plan.ts'
import { Results } from './results.ts'
import type { SyncTask } from './task.ts'
import type { OperationPhase, ResourceKey } from './types.ts'

/** Application-level sync options (R50–R55), as `argocd app sync --sync-option` takes them. */
export interface SyncOptions {
  pruneLast?: boolean
  replace?: boolean
  /** R77: an app-level Force=true is accepted but not read; `argocd app sync --force` is SyncRequest.force. */
  force?: boolean
  /** R78 ServerSideApply=true */
  serverSideApply?: boolean
  /** R79 Validate=false */
  validateDisabled?: boolean
  /** R80 RespectIgnoreDifferences=true */
  respectIgnoreDifferences?: boolean
  /** R81 FailOnSharedResource=true */
  failOnSharedResource?: boolean
  applyOutOfSyncOnly?: boolean
  prunePropagationPolicy?: 'foreground' | 'background' | 'orphan'
  skipDryRunOnMissingResource?: boolean
  createNamespace?: boolean
  /** Prune=false as the application default (R52). */
  pruneDisabled?: boolean
}

export interface RetryStrategy {
  /** Attempts after the first; negative = unlimited (R61). */
  limit: number
  backoff?: { durationMs?: number; factor?: number; maxDurationMs?: number }
}

/** What `argocd app sync` asks for. */
export interface SyncRequest {
  prune?: boolean
  dryRun?: boolean
  /** A selective sync (R53). */
  resources?: ResourceKey[]
  /** syncStrategy apply: like a selective sync, no hooks (R53). */
  applyStrategy?: boolean
  options?: SyncOptions
  retry?: RetryStrategy
  /** Prune=confirm prunes go ahead (R52). */
  pruneConfirmed?: boolean
  /** `argocd app sync --force` (syncStrategy.*.force, R77). */
  force?: boolean
}

/** What the operation syncs: one revision of an application, and where its live objects are. */
export interface SyncSource {
  appName: string
  namespace: string
  revision: string
  targets: KubeObject[]
  /** The live objects the application tracks now, keyed as resourceKeyString. */
  live(): ReadonlyMap<string, KubeObject>
  /** Whether a live object's spec differs from its manifest (ApplyOutOfSyncOnly=true, R23). */
  isModified?(key: string): boolean
  /** Whether the destination namespace exists (CreateNamespace=true, R55). */
  namespaceExists?(): boolean
  /** The Application's spec.ignoreDifferences as a normalizer (RespectIgnoreDifferences=true, R80). */
  ignoreDifferences?: TargetNormalizer
  /** What changed among the tracked objects since the application started watching. */
  changes?(): LiveChanges
}

export interface SyncEnv {
  cluster: Cluster
  source: SyncSource
  request: SyncRequest
  /** The operation's startedAt (virtual ms); kept across retries (R61). */
  startedAt: number
  /** ARGOCD_SYNC_WAVE_DELAY (R20), in ms; default 2000. */
  waveDelayMs?: number
  /** Hands over an event built for this call alone: the receiver may keep it and add to it (Application stamps it). */
  emit(event: SyncEvent): void
  /** The controller re-queues the operation: a tick this much later (R21, R61). */
  requeue(afterMs: number): void
}

export class SyncOperation {
  readonly results = new Results()
  tasks: SyncTask[] = []
  /** The current plan; kept across ticks while it still fits the live objects (plan.ts refreshLive). */
  plan: Plan | undefined
  invalid: Array<{ task: SyncTask; message: string }> = []
  phase: OperationPhase = 'Running'
  message = ''
  retryCount = 0
  /** R81: the SharedResourceWarning that fails the operation under FailOnSharedResource=true. */
  sharedResource: string | undefined = undefined
  /** The (phase, wave) the last applied group had, for the page and the event stream. */
  current: { phase: SyncTask['phase']; wave: number } | undefined

  constructor(readonly env: SyncEnv) {}

  get dryRun(): boolean {
    return this.env.request.dryRun ?? false
  }

  /** R53: a selective sync or the apply strategy skips every hook. */
  get skipHooks(): boolean {
    return (this.env.request.resources?.length ?? 0) > 0 || (this.env.request.applyStrategy ?? false)
  }

  planInput(): PlanInput {
    const { cluster, source, request } = this.env
    return {
      targets: source.targets, live: source.live(), ...(source.changes ? { changes: source.changes() } : {}), namespace: source.namespace, revision: source.revision,
      startedAt: this.env.startedAt, results: this.results.map, skipHooks: this.skipHooks,
      ...(request.resources?.length ? { resources: request.resources } : {}),
      pruneLast: request.options?.pruneLast ?? false,
      kindInfo: (apiVersion, kind) => cluster.kindInfo(apiVersion, kind),
      servesGroupVersion: apiVersion => cluster.servesGroupVersion?.(apiVersion) ?? false,
      skipDryRunOnMissingResource: request.options?.skipDryRunOnMissingResource ?? false,
      ...(request.options?.createNamespace ? { createNamespace: { exists: source.namespaceExists?.() ?? true } } : {}),
    }
  }

  setPhase(phase: OperationPhase, message: string): void {
    const changed = phase !== this.phase || message !== this.message
    this.phase = phase
    this.message = message
    if (changed) this.env.emit({ type: 'operation', phase, message })
  }
}
