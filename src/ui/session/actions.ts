// What a learner does, stamped with the virtual time it happened at. The run is the action log replayed on a
// fresh simulation with the same seed, so any moment can be rebuilt exactly (time travel).
import type { SyncRequest } from '../../sync/operation.ts'

export interface CommitAction {
  type: 'commit'
  t: number
  revision: string
}
export interface SyncAction {
  type: 'sync'
  t: number
  request: SyncRequest
}
export interface TerminateAction {
  type: 'terminate'
  t: number
}
export interface DeleteAppAction {
  type: 'delete'
  t: number
}
export type SessionAction = CommitAction | SyncAction | TerminateAction | DeleteAppAction
