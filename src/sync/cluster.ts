// What the sync needs from a cluster. The simulated cluster and the adapter for a real API server both provide
// it, so the same operation runs on either. Calls are async (a real API server answers over the network); the
// simulated one answers at once, in virtual time.
import type { ApplyAction } from '../cluster/apply.ts'
import type { KindInfo } from '../cluster/kinds.ts'
import type { KubeObject, ObjectRef } from '../cluster/objects.ts'
import type { PropagationPolicy, WatchListener } from '../cluster/store.ts'

export interface Scheduler {
  /** Milliseconds since the virtual epoch (or wall time for a real cluster). */
  now(): number
  /** xstate's Clock interface: delayed transitions of the sync machine run on this clock. */
  setTimeout(fn: (...args: unknown[]) => void, ms: number): unknown
  clearTimeout(id: unknown): void
  /** Exceptions thrown by scheduled work (the simulated cluster's controllers); the virtual clock has it. */
  onFault?(handler: (error: unknown, label: string) => boolean): () => void
}

export interface ClusterApplyOptions {
  dryRun?: boolean
  /** Replace=true (R55): create, or replace the whole object. dryRun is kubectl's client-side dry run. */
  replace?: boolean
  /** R78: `kubectl apply --server-side --force-conflicts` as Argo CD's field manager. */
  serverSide?: boolean
  /** R79: false = `--validate=false` (unknown fields dropped instead of refused). */
  validate?: boolean
  /** The caller reads the action only (the dry run, R45): the simulated cluster may skip the last-applied copy. */
  actionOnly?: boolean
}

export interface ClusterApplyResult {
  object: KubeObject
  action: ApplyAction
}

export interface Cluster {
  readonly clock: Scheduler
  /** Discovery: the API resource for a kind, or undefined when the server does not serve it. */
  kindInfo(apiVersion: string, kind: string): KindInfo | undefined
  /** Discovery of a group version ("apps/v1"); used only to word an unknown kind's error as Argo CD does. */
  servesGroupVersion?(apiVersion: string): boolean
  get(ref: ObjectRef): Promise<KubeObject | undefined>
  /** Every object; the application keeps the ones it tracks (a real cluster lists by namespace). */
  list(): Promise<KubeObject[]>
  apply(obj: KubeObject, opts?: ClusterApplyOptions): Promise<ClusterApplyResult>
  create(obj: KubeObject, opts?: { dryRun?: boolean }): Promise<KubeObject>
  delete(ref: ObjectRef, opts?: { propagationPolicy?: PropagationPolicy; gracePeriodSeconds?: number }): Promise<void>
  removeFinalizer(ref: ObjectRef, finalizer: string): Promise<void>
  /**
   * A cluster that refuses some deletions (KubeCluster's confinement) says so here, without deleting: the dry run
   * (R45) asks it for every prune, so a refused prune fails the operation before anything is written.
   */
  checkDelete?(ref: ObjectRef): Promise<void>
  /** Waits (at most `timeoutMs`) until the object is gone, as `kubectl replace --force` does; whether it went. */
  waitUntilGone?(ref: ObjectRef, timeoutMs: number): Promise<boolean>
  watch(listener: WatchListener): () => void
}
