// The document `synclab sync --json` prints and `simulate()` returns (schema/sync-output.schema.json): the
// operations' results, the run's events and the cluster after it, built from a run of the engine.
import type { OperationResult } from '../sync/application.ts'
import type { RecordedEvent } from '../sync/events.ts'
import type { ClusterEntry, SyncRun } from '../cli/run-sync.ts'

export type { ClusterEntry } from '../cli/run-sync.ts'

/** The `--json` document (schema/sync-output.schema.json). */
export interface SyncDocument {
  operations: Array<{
    phase: string
    message: string
    startedAt: number
    finishedAt?: number
    resources: Array<{
      group: string; version: string; kind: string; namespace: string; name: string; status: string
      hookType?: string; hookPhase?: string; syncPhase: string; message: string
    }>
  }>
  events: Array<Record<string, unknown>>
  cluster: ClusterEntry[]
  /** --cluster --compare only: the same sync on the simulated cluster, side by side with the real one. */
  comparison?: ComparisonDocument
}

/** --json's `comparison`: the simulation is side a, the cluster side b; times are ms since the operation started. */
export interface ComparisonDocument {
  seed: number | string
  same: boolean
  differences: { order: string[]; outcome: string[]; deletions: string[] }
  simulation: { operations: Array<{ phase: string; message: string }> }
  timeline: Array<{ op: number; simulation?: { at: number; step: string }; cluster?: { at: number; step: string } }>
}

export function syncDocument(run: SyncRun): SyncDocument {
  return {
    operations: run.operations.map(({ result }) => operationJson(result)),
    events: run.events.map(eventJson),
    cluster: run.cluster,
  }
}

function operationJson(r: OperationResult): SyncDocument['operations'][number] {
  return {
    phase: r.phase, message: r.message, startedAt: r.startedAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
    resources: r.resources.map(x => ({
      group: x.group, version: x.version, kind: x.kind, namespace: x.namespace, name: x.name, status: x.status,
      ...(x.hookType !== undefined ? { hookType: x.hookType } : {}),
      ...(x.hookPhase !== undefined ? { hookPhase: x.hookPhase } : {}),
      syncPhase: x.syncPhase, message: x.message,
    })),
  }
}

/** Time and operation number first, as design.md shows events. */
function eventJson(e: RecordedEvent): Record<string, unknown> {
  const { t, op, ...rest } = e
  return { t, op, ...rest }
}

