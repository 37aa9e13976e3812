// What a learner does, stamped with the virtual time it happened at. The run is the action log replayed on a
// fresh simulation with the same seed, so any moment can be rebuilt exactly (time travel).
import type { SyncRequest } from '../../sync/operation.ts'

export interface CommitAction {
  type: 'commit'
  t: number
  revision: string
}
// Sync, Terminate and Delete name the application they act on (saved logs from before there were several apps
// name none: they act on the lab's application).
export interface SyncAction {
  type: 'sync'
  t: number
  app?: string
  request: SyncRequest
}
export interface TerminateAction {
  type: 'terminate'
  t: number
  app?: string
}
export interface DeleteAppAction {
  type: 'delete'
  t: number
  app?: string
}
/** A "what if" simulation setting for a workload (kept apart from the YAML): how its containers behave. */
export type WhatIf = 'normal' | 'fail' | 'slow' | 'never-ready' | 'missing-image'
export interface WhatIfAction {
  type: 'whatif'
  t: number
  /** "Job/after", "Deployment/web", "Pod/x". */
  target: string
  setting: WhatIf
}
/**
 * A terminal line that may change the cluster (`argocd app create`, `kubectl apply -f`…), with the lines typed to
 * its y/n questions; `t` is when it took effect (the last answer). Replayed in rebuilt runs, its output unseen.
 */
export interface CommandAction {
  type: 'command'
  t: number
  line: string
  answers?: string[]
}
export type SessionAction = CommitAction | SyncAction | TerminateAction | DeleteAppAction | WhatIfAction | CommandAction
