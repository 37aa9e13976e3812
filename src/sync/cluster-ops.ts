// The cluster calls the steps share: deleting hooks and pruned objects, removing Argo CD's hook finalizer.
import { HOOK_FINALIZER } from '../cluster/health/index.ts'
import type { DeleteReason } from './events.ts'
import type { SyncOperation } from './operation.ts'
import { kindOf, nameOf, namespaceOf, type SyncTask } from './task.ts'

/** R37: hook deletions are fire-and-forget. */
export async function deleteHooks(op: SyncOperation, hooks: SyncTask[], reason: DeleteReason): Promise<void> {
  for (const t of hooks) {
    try {
      await deleteObject(op, t, reason)
    } catch (e) {
      if (!isNotFound(e)) op.results.set(t, t.syncStatus, 'Error', `failed to delete resource: ${(e as Error).message}`)
    }
  }
}

export async function deleteObject(op: SyncOperation, t: SyncTask, reason: DeleteReason): Promise<void> {
  const ref = { kind: kindOf(t), namespace: t.live?.metadata.namespace ?? namespaceOf(t), name: nameOf(t) }
  await op.env.cluster.delete(ref, { propagationPolicy: propagation(op) })
  // Argo CD repeats the call on later ticks while the object is still going; the stream records it once.
  if (!t.live?.metadata.deletionTimestamp) op.env.emit({ type: 'delete', ...ref, reason })
}

/** gitops-engine getDeleteOptions: foreground unless PrunePropagationPolicy says otherwise (R51). */
export function propagation(op: SyncOperation): 'Foreground' | 'Background' | 'Orphan' {
  const p = op.env.request.options?.prunePropagationPolicy
  return p === 'background' ? 'Background' : p === 'orphan' ? 'Orphan' : 'Foreground'
}

export const hasHookFinalizer = (t: SyncTask): boolean => t.live?.metadata.finalizers?.includes(HOOK_FINALIZER) ?? false

export async function removeHookFinalizer(op: SyncOperation, t: SyncTask): Promise<void> {
  if (!t.live?.metadata.finalizers?.includes(HOOK_FINALIZER)) return
  const ref = { kind: kindOf(t), namespace: t.live.metadata.namespace ?? '', name: nameOf(t) }
  try {
    await op.env.cluster.removeFinalizer(ref, HOOK_FINALIZER)
  } catch (e) {
    if (!isNotFound(e)) throw e
  }
}

export function emitHook(op: SyncOperation, t: SyncTask, hookPhase: SyncTask['operationState'] & string): void {
  op.env.emit({ type: 'hook', kind: kindOf(t), namespace: namespaceOf(t), name: nameOf(t), hookPhase })
}

export function isNotFound(e: unknown): boolean {
  return (e as { reason?: string } | undefined)?.reason === 'NotFound'
}
