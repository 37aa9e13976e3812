// The sync operation's vocabulary, in Argo CD's own words (gitops-engine pkg/sync/common).
import type { SyncPhase } from '../manifest/annotations.ts'

export type { SyncPhase }

/** R56 */
export type OperationPhase = 'Running' | 'Terminating' | 'Failed' | 'Error' | 'Succeeded'
/** A task's own phase (hookPhase in the result); pending tasks have none. */
export type TaskPhase = 'Running' | 'Succeeded' | 'Failed' | 'Error'
/** R57 */
export type ResultCode = 'Synced' | 'SyncFailed' | 'Pruned' | 'PruneSkipped'

export const PHASE_ORDER: Record<SyncPhase, number> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2 } // R11

export function isCompleted(phase: OperationPhase | TaskPhase | undefined): boolean {
  return phase === 'Failed' || phase === 'Error' || phase === 'Succeeded'
}

/** operationState.syncResult.resources[] (R57). */
export interface ResourceResult {
  group: string
  version: string
  kind: string
  namespace: string
  name: string
  status: ResultCode
  hookType?: SyncPhase
  /** Empty for a task that never ran (an invalid one, R47). */
  hookPhase?: TaskPhase
  syncPhase: SyncPhase
  message: string
  images: string[]
}

export interface ResourceKey {
  group: string
  kind: string
  namespace: string
  name: string
}

export function resourceKeyString(k: ResourceKey): string {
  return `${k.group}/${k.kind}/${k.namespace}/${k.name}`
}
