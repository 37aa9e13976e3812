// The steps of one tick (semantics.md section K), each a named function over the operation. The machine decides
// which runs next; the steps do the work against the cluster. Numbers cite the rules.
import { getHealth, hookOperationPhase } from '../cluster/health/index.ts'
import { MSG, runningMessage, withReasons } from './messages.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { SyncOperation } from './operation.ts'
import { lastPhase, lastWave, multiStep } from './ordering.ts'
import { planTasks, refreshLive } from './plan.ts'
import {
  completed, deleteBeforeCreation, deleteOnPhaseFailed, deleteOnPhaseSuccessful, isHook, isPrune, kindOf, nameOf, namespaceOf, pending,
  pruned, running, settingsOf, successful, type SyncTask, wave,
} from './task.ts'
import { applyTasks, needsPruneConfirmation, type RunState } from './run-tasks.ts'
import { deleteHooks, deleteObject, emitHook, hasHookFinalizer, isNotFound, removeHookFinalizer } from './cluster-ops.ts'

/** Step 1: the tasks of this tick, from the manifests, the live objects and the results so far. */
export function refreshTasks(op: SyncOperation): void {
  const input = op.planInput()
  if (op.plan && refreshLive(op.plan, input.live, input)) return
  op.plan = planTasks(input)
  op.tasks = op.plan.tasks
  op.invalid = op.plan.invalid
}

/** Objects the application manages: no hooks, nothing Argo CD leaves out of the sync (R4, R10). */
function managed(obj: KubeObject): boolean {
  const s = settingsOf(obj)
  return !s.isHook && !s.dropped && !s.excludedFromSync
}

/** R81: before the operation starts, with FailOnSharedResource=true, a target live under another app's tracking. */
export async function findSharedResource(op: SyncOperation): Promise<void> {
  op.sharedResource = undefined
  if (!op.env.request.options?.failOnSharedResource || !notStarted(op)) return
  const { source, cluster } = op.env
  const { sharedResourceMessage } = await import('./options/shared-resources.ts') // loaded only when asked for
  op.sharedResource = await sharedResourceMessage(cluster, source.appName, source.namespace, source.targets, managed)
}

/** R47: invalid tasks fail the operation before anything is applied; no SyncFail hooks. */
export function failInvalidTasks(op: SyncOperation): void {
  for (const { task, message } of op.invalid) op.results.set(task, 'SyncFailed', undefined, message)
  const messages = [...new Set(op.invalid.map(i => i.message))].sort()
  op.setPhase('Failed', messages.length > 0 ? `${MSG.notValid}: ${messages.join('; ')}` : MSG.notValid)
}

/** gitops-engine `started()`: nothing recorded yet means the dry run has not been done. */
export const notStarted = (op: SyncOperation): boolean => op.results.size === 0

/** R45: the first tick applies every task with a client-side dry run; any failure fails the operation. */
export async function dryRunAll(op: SyncOperation): Promise<RunState> {
  // R82: the namespace is created for real first; its failure fails the operation without SyncFail hooks.
  const nsTask = op.tasks.find(t => t.createsNamespace && !t.live)
  if (nsTask && await applyTasks(op, [nsTask], false) === 'failed') {
    op.setPhase('Failed', withReasons(MSG.namespaceFailed, [nsTask]))
    return 'failed'
  }
  let tasks = op.tasks.filter(t => t !== nsTask)
  if (op.env.request.options?.applyOutOfSyncOnly) tasks = outOfSync(op, tasks)
  const state = await applyTasks(op, tasks, true)
  if (state === 'failed') op.setPhase('Failed', MSG.dryRunFailed)
  return state
}

/** Step 3: running tasks take the state of their live objects: hooks by R28, other resources by health (R16). */
export function observeRunningTasks(op: SyncOperation): void {
  const tasks = op.tasks
  for (let i = activeFrom(op); i < tasks.length; i++) {
    const t = tasks[i]!
    if (!running(t) || !t.live) continue
    if (isHook(t)) {
      const { phase, message } = hookOperationPhase(t.live)
      if (phase !== t.operationState) emitHook(op, t, phase)
      op.results.set(t, t.syncStatus, phase, message)
      continue
    }
    const health = getHealth(t.live)
    if (!health) op.results.set(t, t.syncStatus, 'Succeeded', t.message) // no health check: done (R16)
    else if (health.status === 'Healthy') op.results.set(t, t.syncStatus, 'Succeeded', health.message ?? '')
    else if (health.status === 'Degraded') op.results.set(t, t.syncStatus, 'Failed', health.message ?? '')
  }
}

/** Step 4: tasks that gate the next group: hooks always, other resources when the sync is multi-step (R16). */
export function gatingTasks(op: SyncOperation): SyncTask[] {
  return multiStep(op.tasks) ? activeTasks(op, running) : hooksOf(op).filter(running)
}

/**
 * Where the plan's tasks stop being all completed. A completed task stays completed for the life of its plan (a
 * new attempt makes a new plan, R61) and the groups complete in plan order, so the scans for running and pending
 * tasks, several every tick, start past the completed head; it is found again from where it was last time.
 */
function activeFrom(op: SyncOperation): number {
  const tasks = op.tasks
  let i = completedHeads.get(tasks) ?? 0
  while (i < tasks.length && completed(tasks[i]!)) i++
  completedHeads.set(tasks, i)
  return i
}
const completedHeads = new WeakMap<SyncTask[], number>()

/** The tasks past the completed head that `keep` keeps, in plan order. */
function activeTasks(op: SyncOperation, keep: (t: SyncTask) => boolean): SyncTask[] {
  const out: SyncTask[] = []
  const tasks = op.tasks
  for (let i = activeFrom(op); i < tasks.length; i++) if (keep(tasks[i]!)) out.push(tasks[i]!)
  return out
}

/** Whether a task past the completed head is one `test` accepts (activeTasks without building the list). */
function anyActiveTask(op: SyncOperation, test: (t: SyncTask) => boolean): boolean {
  const tasks = op.tasks
  for (let i = activeFrom(op); i < tasks.length; i++) if (test(tasks[i]!)) return true
  return false
}

/** R46: a running task whose object disappeared fails (on the next tick). */
export async function waitForRunningTasks(op: SyncOperation): Promise<void> {
  const waiting = gatingTasks(op)
  for (const t of waiting) {
    if (t.live) continue
    const live = await op.env.cluster.get({ kind: kindOf(t), namespace: namespaceOf(t), name: nameOf(t) })
    if (!live) op.results.set(t, 'SyncFailed', 'Error', MSG.missing(t))
  }
  op.setPhase('Running', runningMessage(waiting, false))
}

/** Step 5: pruned objects still being deleted hold the next group back (R51). */
export function prunesPendingDeletion(op: SyncOperation): SyncTask[] {
  return op.tasks.filter(prunePendingDeletion)
}

/** Whether a prune waits for its object to go (R51): a guard asked every tick, so no list is built. */
export function anyPrunePendingDeletion(op: SyncOperation): boolean {
  return op.tasks.some(prunePendingDeletion)
}

function prunePendingDeletion(t: SyncTask): boolean {
  return pruned(t) && t.live?.metadata.deletionTimestamp !== undefined
}

export function waitForPrunes(op: SyncOperation): void {
  op.setPhase('Running', runningMessage(prunesPendingDeletion(op), true))
}

/** Step 6 (R26): completed hooks lose Argo CD's finalizer. */
export async function removeCompletedHookFinalizers(op: SyncOperation): Promise<void> {
  // Only hooks still carrying the finalizer cost a call (a thousand finished hooks are looked at every tick).
  for (const t of hooksOf(op)) if (completed(t) && hasHookFinalizer(t)) await removeHookFinalizer(op, t)
}

/**
 * The hook tasks of the plan, in plan order. A plan's task list is never changed once made (a new plan is a new
 * list), and several steps of every tick look at the hooks only.
 */
function hooksOf(op: SyncOperation): SyncTask[] {
  let hooks = hookLists.get(op.tasks)
  if (!hooks) hookLists.set(op.tasks, (hooks = op.tasks.filter(isHook)))
  return hooks
}
const hookLists = new WeakMap<SyncTask[], SyncTask[]>()

const nonSyncFail = (op: SyncOperation) => op.tasks.filter(t => t.phase !== 'SyncFail')

/**
 * Step 7 (R39): a finished, unsuccessful task fails the sync. Asked every tick; the tasks are scanned again only
 * when a result has moved a task into or out of failure since the last scan of this plan (a plan's tasks and their
 * phases are fixed once made, results.ts failureChanges).
 */
export function anyTaskFailed(op: SyncOperation): boolean {
  const changes = op.results.failureChanges
  const seen = failureScans.get(op.tasks)
  if (seen?.changes === changes) return seen.failed
  const failed = op.tasks.some(t => t.phase !== 'SyncFail' && completed(t) && !successful(t))
  failureScans.set(op.tasks, { changes, failed })
  return failed
}
const failureScans = new WeakMap<SyncTask[], { changes: number; failed: boolean }>()

/**
 * gitops-engine hooksPendingDeletionSuccessful / hooksPendingDeletionFailed (R34, R35): every hook with a live
 * object that is not running carrying the policy — the completed ones, and also pending ones whose object is
 * left from an earlier operation (e.g. a SyncFail hook that ran last time), SyncFail hooks included.
 */
export function hooksPendingDeletion(op: SyncOperation, policy: 'HookSucceeded' | 'HookFailed'): SyncTask[] {
  const has = policy === 'HookSucceeded' ? deleteOnPhaseSuccessful : deleteOnPhaseFailed
  return hooksOf(op).filter(t => t.live !== undefined && !running(t) && has(t))
}

/** Step 7: HookFailed hooks are deleted (R35) and the SyncFail phase runs (R42). */
export async function failSync(op: SyncOperation): Promise<boolean> {
  await deleteHooks(op, hooksPendingDeletion(op, 'HookFailed'), 'HookFailed')
  const failedToApply = nonSyncFail(op).filter(t => t.syncStatus === 'SyncFailed')
  return runSyncFailPhase(op, failedToApply, MSG.completedUnsuccessfully)
}

/** The tasks still to run (step 8), less unmodified resources under ApplyOutOfSyncOnly=true (R23). */
export function pendingTasks(op: SyncOperation): SyncTask[] {
  // One pass over the tasks past the completed head (this runs several times a tick).
  const tasks = activeTasks(op, pendingOutsideSyncFail)
  return op.env.request.options?.applyOutOfSyncOnly ? outOfSync(op, tasks) : tasks
}

/** Whether any task is pending (pendingTasks is not empty), without building the list when it need not. */
export function anyPendingTask(op: SyncOperation): boolean {
  if (op.env.request.options?.applyOutOfSyncOnly) return pendingTasks(op).length > 0
  return anyActiveTask(op, pendingOutsideSyncFail)
}

function pendingOutsideSyncFail(t: SyncTask): boolean {
  return t.phase !== 'SyncFail' && pending(t)
}

/** Step 8 (R34): success deletes the HookSucceeded hooks of every phase. */
export async function succeed(op: SyncOperation, message: string): Promise<void> {
  await deleteHooks(op, hooksPendingDeletion(op, 'HookSucceeded'), 'HookSucceeded')
  op.setPhase('Succeeded', message)
}

/** The next (phase, wave) group (R14) and whether it is the last one. */
/** The next group (phase and wave) of pending tasks, whether it is the last, and how many pending tasks follow it. */
export function nextGroup(op: SyncOperation): { tasks: SyncTask[]; final: boolean; remaining: number } {
  const pendingNow = pendingTasks(op)
  const first = pendingNow[0]!
  const phase = first.phase
  const firstWave = wave(first) // once, not once per pending task
  const tasks = pendingNow.filter(t => t.phase === phase && wave(t) === firstWave)
  return { tasks, final: phase === lastPhase(pendingNow) && firstWave === lastWave(pendingNow),
    remaining: pendingNow.length - tasks.length }
}

/** Step 9 (R15): apply the next group. */
export async function applyGroup(op: SyncOperation, group: SyncTask[]): Promise<RunState> {
  const first = group[0]!
  op.current = { phase: first.phase, wave: wave(first) }
  op.env.emit({ type: 'phase', syncPhase: first.phase, wave: wave(first) })
  op.setPhase('Running', MSG.tasksRunning)
  return applyTasks(op, group, false)
}

/** Step 11: what the tick ends with after a group was applied (R17, R40). */
export async function finishGroup(op: SyncOperation, group: SyncTask[], state: RunState, remaining: number): Promise<void> {
  if (state === 'pending') {
    // R33, R51, R52: a hook is being deleted before creation, or prunes wait for confirmation. gitops-engine
    // names only the tasks with deleteBeforeCreation() (not every pending existing hook) and the pending prunes;
    // a prune awaiting confirmation turns the message into "waiting for pruning confirmation of ...".
    const waiting = group.filter(t => deleteBeforeCreation(t) || (isPrune(t) && pending(t)))
    op.setPhase('Running', runningMessage(waiting, true, waiting.filter(t => needsPruneConfirmation(op, t))))
    return
  }
  if (state === 'failed') {
    const failedToApply = group.filter(t => t.syncStatus === 'SyncFailed')
    const stillRunning = group.filter(running)
    const syncFail = op.tasks.filter(t => t.phase === 'SyncFail')
    if (stillRunning.length > 0) {
      // R40: other tasks of the group are still running; SyncFail hooks start now and the operation waits.
      const done = syncFail.length === 0 || await runSyncFailPhase(op, failedToApply, MSG.applyFailed)
      op.setPhase('Running', runningMessage(done ? stillRunning : [...stillRunning, ...syncFail], false))
      return
    }
    const done = await runSyncFailPhase(op, failedToApply, MSG.applyFailed)
    if (done) await deleteHooks(op, hooksPendingDeletion(op, 'HookFailed'), 'HookFailed')
    return
  }
  if (remaining === 0 && !group.some(isHook)) return succeed(op, MSG.allTasksRun) // R17
  op.setPhase('Running', runningMessage(group, false))
}

/**
 * R42, R43: SyncFail hooks start in one batch; the operation fails once they all completed. Returns whether the
 * operation is now Failed.
 */
export async function runSyncFailPhase(op: SyncOperation, failedToApply: SyncTask[], message: string): Promise<boolean> {
  const syncFail = op.tasks.filter(t => t.phase === 'SyncFail')
  const errorMessage = withReasons(message, failedToApply)
  if (syncFail.length === 0) {
    op.setPhase('Failed', errorMessage)
    return true
  }
  if (syncFail.every(completed)) {
    const failedHooks = syncFail.filter(t => t.syncStatus === 'SyncFailed')
    op.setPhase('Failed', failedHooks.length > 0
      ? `${errorMessage}\n${withReasons(MSG.syncFailHooksFailed, failedHooks)}` : errorMessage)
    return true
  }
  const toStart = syncFail.filter(t => !completed(t) && !running(t))
  if (toStart.length > 0) {
    op.current = { phase: 'SyncFail', wave: wave(toStart[0]!) }
    op.env.emit({ type: 'phase', syncPhase: 'SyncFail', wave: wave(toStart[0]!) })
  }
  await applyTasks(op, toStart, false)
  op.setPhase('Running', runningMessage(toStart, false))
  return false
}

/** R60: Terminate stops running hooks (deleting them), keeps what completed, and fails the operation. */
export async function terminate(op: SyncOperation): Promise<void> {
  refreshTasks(op)
  await removeCompletedHookFinalizers(op)
  let ok = true
  for (const t of op.tasks) {
    if (!isHook(t) || !running(t)) continue
    const live = t.live ?? await op.env.cluster.get({ kind: kindOf(t), namespace: namespaceOf(t), name: nameOf(t) })
    if (!live) {
      op.results.set(t, t.syncStatus, 'Succeeded', 'Terminated')
      continue
    }
    t.live = live
    const { phase, message } = hookOperationPhase(live)
    // gitops-engine terminateHooksPreemptively: a failed finalizer removal is an Error result and the hook is
    // left alone; a failed delete is a Failed result; a NotFound delete (the object went away once its finalizer
    // was removed) is no error.
    try {
      await removeHookFinalizer(op, t)
    } catch (e) {
      op.results.set(t, t.syncStatus, 'Error', `Failed to remove hook finalizer: ${(e as Error).message}`)
      ok = false
      continue
    }
    if (phase === 'Running' || deleteOnPhaseFailed(t)) {
      try {
        await deleteObject(op, t, 'Terminate')
      } catch (e) {
        if (!isNotFound(e)) {
          op.results.set(t, t.syncStatus, 'Failed', `Failed to delete: ${(e as Error).message}`)
          ok = false
          continue
        }
      }
    }
    if (phase !== 'Running') op.results.set(t, t.syncStatus, phase, message)
    else if (t.operationState !== 'Error') op.results.set(t, t.syncStatus, 'Failed', 'Terminated')
    emitHook(op, t, phase === 'Running' ? 'Failed' : phase)
  }
  op.setPhase(ok ? 'Failed' : 'Error', ok ? MSG.terminated : MSG.terminationErrors)
}

function outOfSync(op: SyncOperation, tasks: SyncTask[]): SyncTask[] {
  const modified = op.env.source.isModified
  if (!modified) return tasks
  return tasks.filter(t => isHook(t) || !t.target || !t.live || modified(keyFor(t)))
}

function keyFor(t: SyncTask): string {
  const o = (t.target ?? t.live)!
  const group = o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''
  return `${group}/${o.kind}/${t.live?.metadata.namespace ?? o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`
}
