// The event stream of a run (design.md): what the operation did and what the cluster showed, in virtual-time
// order. The recorder adds the time and the operation number.
import type { ApplyAction } from '../cluster/apply.ts'
import type { HealthStatusCode } from '../cluster/health/index.ts'
import type { OperationPhase, SyncPhase, TaskPhase } from './types.ts'

interface ObjectFields { kind: string; namespace: string; name: string }

export type DeleteReason = 'HookSucceeded' | 'HookFailed' | 'BeforeHookCreation' | 'Terminate' | 'Prune' | 'AppDeleted'

export type SyncEvent =
  | { type: 'operation'; phase: OperationPhase; message?: string }
  /** A (phase, wave) group starts. */
  | { type: 'phase'; syncPhase: SyncPhase; wave: number }
  | ({ type: 'apply'; syncPhase: SyncPhase; wave: number; hook: boolean; action: ApplyAction | 'failed';
      dryRun?: boolean; message?: string } & ObjectFields)
  | ({ type: 'hook'; hookPhase: TaskPhase } & ObjectFields)
  | ({ type: 'delete'; reason: DeleteReason } & ObjectFields)
  /** Any object appearing in the cluster. */
  | ({ type: 'created'; owner?: string } & ObjectFields)
  | ({ type: 'gone' } & ObjectFields)
  /** The application itself: being deleted, deleted, or a deletion hook failed (R64–R66). */
  | { type: 'app'; status: 'Deleting' | 'Deleted' | 'DeletionError'; message: string }
  /** A sync started by the automated policy, or refused by it (R62). */
  | { type: 'autosync'; action: 'started' | 'skipped'; message: string }
  /** A tracked live object's health changed. */
  | ({ type: 'health'; health: HealthStatusCode } & ObjectFields)

export type RecordedEvent = SyncEvent & { t: number; op: number }
