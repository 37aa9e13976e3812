// gitops-engine runTasks (R15): inside one group, in order: finalizers off existing hooks, prunes, deletions
// before hook creation, then the applies, batched by runs of one kind.
import { applyTaskObject } from './apply-object.ts'
import type { SyncOperation } from './operation.ts'
import { deleteObject, isNotFound, removeHookFinalizer } from './cluster-ops.ts'
import {
  deleteBeforeCreation, isHook, isPrune, kindOf, nameOf, namespaceOf, pending, settingsOf, type SyncTask, wave,
} from './task.ts'
import type { ResultCode, TaskPhase } from './types.ts'

export type RunState = 'successful' | 'pending' | 'failed'

/** gitops-engine operationPhases: the task phase a result code starts in. */
const startPhase: Record<ResultCode, TaskPhase> = {
  Synced: 'Running', SyncFailed: 'Failed', Pruned: 'Succeeded', PruneSkipped: 'Succeeded',
}

export async function applyTasks(op: SyncOperation, tasks: SyncTask[], dryRun: boolean): Promise<RunState> {
  const dry = dryRun || op.dryRun
  // R15a: hooks left from an earlier sync lose their finalizer before they are deleted or re-applied.
  if (!dry) {
    for (const t of tasks) {
      if (!isHook(t) || !pending(t) || !t.live) continue
      try {
        await removeHookFinalizer(op, t)
      } catch (e) {
        op.results.set(t, t.syncStatus, 'Error', `failed to remove hook finalizer: ${(e as Error).message}`)
        return 'failed'
      }
    }
  }
  const prunes = tasks.filter(isPrune)
  const creates = tasks.filter(t => !isPrune(t))
  const pruneState = await pruneTasks(op, prunes, dry)
  if (pruneState !== 'successful') return pruneState
  const deleteState = await deleteBeforeCreate(op, creates, dry)
  if (deleteState !== 'successful') return deleteState
  let state: RunState = 'successful'
  for (const batch of kindBatches(creates)) {
    const results = await Promise.all(batch.map(t => applyOne(op, t, dry, dryRun)))
    if (results.includes('failed')) state = 'failed'
  }
  return state
}

/** R51, R52: prunes run first; Prune=false is skipped; Prune=confirm waits for confirmation. */
async function pruneTasks(op: SyncOperation, prunes: SyncTask[], dry: boolean): Promise<RunState> {
  if (!op.env.request.pruneConfirmed && prunes.some(t => needsPruneConfirmation(op, t))) return 'pending'
  let state: RunState = 'successful'
  for (const t of prunes) {
    const { code, message } = await pruneOne(op, t, dry)
    if (code === 'SyncFailed') state = 'failed'
    if (!dry || op.dryRun || code === 'SyncFailed') op.results.set(t, code, startPhase[code], message)
  }
  return state
}

async function pruneOne(op: SyncOperation, t: SyncTask, dry: boolean): Promise<{ code: ResultCode; message: string }> {
  if (!op.env.request.prune) return { code: 'PruneSkipped', message: 'ignored (requires pruning)' }
  if (pruningDisabled(op, t)) return { code: 'PruneSkipped', message: 'ignored (no prune)' }
  if (dry) {
    // Argo CD makes no call here (R45); a cluster with a confinement refuses now, before any write.
    try {
      await op.env.cluster.checkDelete?.({ kind: kindOf(t), namespace: t.live?.metadata.namespace ?? namespaceOf(t), name: nameOf(t) })
    } catch (e) {
      return { code: 'SyncFailed', message: (e as Error).message }
    }
    return { code: 'Pruned', message: 'pruned (dry run)' }
  }
  if (!t.live!.metadata.deletionTimestamp) {
    try {
      await deleteObject(op, t, 'Prune')
    } catch (e) {
      return { code: 'SyncFailed', message: (e as Error).message }
    }
  }
  return { code: 'Pruned', message: 'pruned' }
}

function pruningDisabled(op: SyncOperation, t: SyncTask): boolean {
  const prune = settingsOf(t.live!).syncOptions.prune
  return prune === 'false' || (prune === null && (op.env.request.options?.pruneDisabled ?? false))
}

export function needsPruneConfirmation(op: SyncOperation, t: SyncTask): boolean {
  return isPrune(t) && settingsOf(t.live!).syncOptions.prune === 'confirm' && !op.env.request.pruneConfirmed
}

/** R33: an existing hook with BeforeHookCreation is deleted; its re-creation waits for a later tick. */
async function deleteBeforeCreate(op: SyncOperation, creates: SyncTask[], dry: boolean): Promise<RunState> {
  let state: RunState = 'successful'
  for (const t of creates.filter(deleteBeforeCreation)) {
    if (dry) continue
    try {
      await deleteObject(op, t, 'BeforeHookCreation')
      state = state === 'failed' ? 'failed' : 'pending'
    } catch (e) {
      if (isNotFound(e)) {
        t.live = undefined // already gone: create it in this tick
        continue
      }
      op.results.set(t, t.syncStatus, 'Error', `failed to delete resource: ${(e as Error).message}`)
      state = 'failed'
    }
  }
  return state
}

/** Consecutive tasks of one kind are applied together; the next kind waits for their API calls (R15d). */
function kindBatches(tasks: SyncTask[]): SyncTask[][] {
  const batches: SyncTask[][] = []
  for (const t of tasks) {
    const last = batches.at(-1)
    if (last && kindOf(last[0]!) === kindOf(t)) last.push(t)
    else batches.push([t])
  }
  return batches
}

async function applyOne(op: SyncOperation, t: SyncTask, dry: boolean, validationOnly: boolean): Promise<RunState> {
  if (dry && t.skipDryRun) return 'successful'
  const { code, message, action } = await applyTaskObject(op, t, dry)
  if (!dry || op.dryRun || code === 'SyncFailed') {
    let phase = startPhase[code]
    if (op.dryRun && phase === 'Running') phase = 'Succeeded' // R54: nothing runs in a dry run
    op.results.set(t, code, phase, message)
  }
  if (!validationOnly) {
    op.env.emit({ type: 'apply', kind: kindOf(t), namespace: namespaceOf(t), name: nameOf(t), syncPhase: t.phase,
      wave: wave(t), hook: isHook(t), action: action ?? 'failed', ...(dry ? { dryRun: true } : {}),
      ...(code === 'SyncFailed' ? { message } : {}) })
  }
  return code === 'SyncFailed' ? 'failed' : 'successful'
}
