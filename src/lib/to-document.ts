// A run of the engine -> the document `synclab sync --json` prints (document.ts, schema/sync-output.schema.json).
import type { OperationResult } from '../sync/application.ts'
import type { RecordedEvent } from '../sync/events.ts'
import type { SyncRun } from './run-sync.ts'
import type { SyncDocument } from './document.ts'

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

