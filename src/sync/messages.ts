// The operation's messages, in Argo CD's own words (R59), so that a learner who searches one finds Argo CD's
// documentation and issues.
import { isHook, isPrune, type SyncTask, taskRef } from './task.ts'

export const MSG = {
  allTasksRun: 'successfully synced (all tasks run)',
  noMoreTasks: 'successfully synced (no more tasks)',
  tasksRunning: 'one or more tasks are running',
  notValid: 'one or more synchronization tasks are not valid',
  dryRunFailed: 'one or more objects failed to apply (dry run)',
  applyFailed: 'one or more objects failed to apply',
  /** R82 */
  namespaceFailed: 'the namespace failed to apply',
  completedUnsuccessfully: 'one or more synchronization tasks completed unsuccessfully',
  syncFailHooksFailed: 'one or more SyncFail hooks failed',
  terminated: 'Operation terminated',
  terminationErrors: 'Operation termination had errors',
  missing: (t: SyncTask) => `Resource ${taskRef(t)} is missing, it might have been deleted`, // R46
} as const

/**
 * gitops-engine setRunningPhase: "waiting for completion of hook …", "waiting for healthy state of …",
 * "waiting for deletion of [hook] …", "waiting for pruning confirmation of …", with "and N more …".
 */
export function runningMessage(tasks: SyncTask[], pendingDeletion: boolean, needsConfirmation: SyncTask[] = []): string {
  if (tasks.length === 0) return ''
  const hooks = tasks.filter(isHook)
  const resources = tasks.filter(t => !isHook(t))
  let reason = hooks.length === 0 ? 'healthy state of' : 'completion of hook'
  const taskType = resources.length === 0 ? 'hooks' : 'resources'
  if (pendingDeletion) reason = hooks.length > 0 ? 'deletion of hook' : 'deletion of'
  let first = hooks[0] ?? resources[0]!
  let more = tasks.length - 1
  const confirm = needsConfirmation.filter(isPrune)
  if (confirm.length > 0) {
    reason = 'pruning confirmation of'
    first = confirm[0]!
    more = confirm.length - 1
  }
  const message = `waiting for ${reason} ${taskRef(first)}`
  return more > 0 ? `${message} and ${more} more ${taskType}` : message
}

/**
 * "<message>, reason: <task messages>" for tasks that failed to apply (R40, R41). gitops-engine collects the
 * messages through a set (syncTasks.Map): a message shared by several tasks is given once
 * (T:Test_executeSyncFailPhase_DuplicatedMessages).
 */
export function withReasons(message: string, failed: SyncTask[]): string {
  const reasons = [...new Set(failed.map(t => t.message))]
  return reasons.length > 0 ? `${message}, reason: ${reasons.join(',')}` : message
}
