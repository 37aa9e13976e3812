// The operation's per-resource results (R57): keyed by resource and phase, listed in first-insertion order,
// each keeping its latest non-empty message (gitops-engine setResourceResult).
import {
  groupOfTask, hookType, images, kindOf, nameOf, objOf, resultKey, type SyncTask, taskNamespace, versionOfTask,
} from './task.ts'
import type { ResourceResult, ResultCode, TaskPhase } from './types.ts'

export class Results {
  private byKey = new Map<string, ResourceResult>()
  /**
   * How many sets moved a task into or out of an unsuccessful end (Failed, Error). Once planned, a task's state
   * changes only here, so a scan for failed tasks (steps.ts anyTaskFailed) stands while this count does.
   */
  failureChanges = 0

  get size(): number {
    return this.byKey.size
  }

  get map(): ReadonlyMap<string, ResourceResult> {
    return this.byKey
  }

  /** In the order each result was first recorded. */
  list(): ResourceResult[] {
    return [...this.byKey.values()].map(r => ({ ...r }))
  }

  clear(): void {
    this.byKey.clear()
  }

  set(task: SyncTask, status: ResultCode | undefined, phase: TaskPhase | undefined, message: string): void {
    if (status !== undefined) task.syncStatus = status
    if (unsuccessful(task.operationState) !== unsuccessful(phase)) this.failureChanges++
    task.operationState = phase
    if (message !== '') task.message = message
    const key = resultKey(task)
    const existing = this.byKey.get(key)
    if (existing) {
      existing.status = task.syncStatus!
      if (phase === undefined) delete existing.hookPhase
      else existing.hookPhase = phase
      existing.message = task.message
      return
    }
    const obj = objOf(task)
    const result: ResourceResult = {
      group: groupOfTask(task), version: versionOfTask(task), kind: kindOf(task), namespace: taskNamespace(task), // R25
      name: nameOf(task), status: task.syncStatus!, syncPhase: task.phase, message: task.message, images: images(obj),
    }
    const hook = hookType(task)
    if (hook) result.hookType = hook
    if (phase !== undefined) result.hookPhase = phase
    this.byKey.set(key, result)
  }
}

/** Completed, not successfully (task.ts completed and not successful). */
function unsuccessful(phase: TaskPhase | undefined): boolean {
  return phase === 'Failed' || phase === 'Error'
}
