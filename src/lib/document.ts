// The document `synclab sync --json` prints and `simulate()` returns (schema/sync-output.schema.json): the
// operations' results, the run's events and the cluster after it, built from a run of the engine.
// Types only, so that the library's declarations stand alone; to-document.ts builds the document from a run.

/** One live object in the `cluster` list: its health and the conditions that hold, with their reasons. */
export interface ClusterEntry {
  kind: string
  namespace: string
  name: string
  health?: string
  conditions?: Array<{ type: string; reason?: string }>
}

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

