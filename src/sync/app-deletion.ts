// Deleting an Application with the cascade (R64–R66): PreDelete hooks run and must all be healthy, then every
// managed object is deleted and awaited, then PostDelete hooks run; hook cleanup follows the hooks' policies,
// decided on their aggregated health. Each call advances as far as the cluster allows, as the controller does on
// each refresh of the application.
import { getHealth } from '../cluster/health/index.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { Cluster } from './cluster.ts'
import type { SyncEvent } from './events.ts'
import { settingsOf } from './task.ts'
import { liveKey, withTracking } from './tracking.ts'

export type DeletionStage = 'PreDelete' | 'Resources' | 'PostDelete' | 'Cleanup' | 'Deleted'

export interface DeletionState {
  stage: DeletionStage
  cascade: boolean
  propagation: 'Foreground' | 'Background'
  /** DeletionError: a PreDelete/PostDelete hook failed; deletion retries on later refreshes. */
  error?: string
}

export interface DeletionContext {
  appName: string
  namespace: string
  cluster: Cluster
  targets: KubeObject[]
  live: ReadonlyMap<string, KubeObject>
  /** As SyncEnv.emit: the event is handed over. */
  emit(event: SyncEvent): void
}

type DeleteHookType = 'PreDelete' | 'PostDelete'

/** One refresh's worth of deletion. Returns when it can go no further now. */
export async function advanceDeletion(state: DeletionState, ctx: DeletionContext): Promise<void> {
  if (state.stage === 'PreDelete') {
    if (!(await executeHooks('PreDelete', state, ctx))) return
    state.stage = state.cascade ? 'Resources' : 'PostDelete'
  }
  if (state.stage === 'Resources') {
    if (!(await deleteResources(state, ctx))) return
    state.stage = 'PostDelete'
  }
  if (state.stage === 'PostDelete') {
    if (!(await executeHooks('PostDelete', state, ctx))) return
    state.stage = 'Cleanup'
  }
  if (state.stage === 'Cleanup') {
    await cleanupHooks('PreDelete', ctx)
    await cleanupHooks('PostDelete', ctx)
    state.stage = 'Deleted'
    ctx.emit({ type: 'app', status: 'Deleted', message: `application '${ctx.appName}' deleted` })
  }
}

const isDeleteHook = (obj: KubeObject, type: DeleteHookType) => settingsOf(obj).deleteHookTypes.includes(type)

/**
 * AC executeHooks: creates the hooks not yet there (create, not apply: existing ones are kept) and reports done
 * when all are healthy; failed hooks are deleted and the deletion stops with an error (R64).
 */
async function executeHooks(type: DeleteHookType, state: DeletionState, ctx: DeletionContext): Promise<boolean> {
  const running = [...ctx.live.values()].filter(o => isDeleteHook(o, type))
  const runningKeys = new Set(running.map(liveKey))
  let created = 0
  for (const target of ctx.targets) {
    if (!isDeleteHook(target, type)) continue
    const obj = withTracking(ctx.appName,
      target.metadata.namespace ? target : { ...target, metadata: { ...target.metadata, namespace: ctx.namespace } })
    if (runningKeys.has(liveKey(obj))) continue
    try {
      await ctx.cluster.create(obj)
      created++
    } catch (e) {
      if ((e as { reason?: string }).reason !== 'AlreadyExists') {
        state.error = (e as Error).message
        return false
      }
    }
  }
  if (created > 0) return false
  const failed: KubeObject[] = []
  let progressing = 0
  for (const hook of running) {
    const health = getHealth(hook)?.status ?? 'Healthy' // no health check counts as healthy
    if (health === 'Progressing') progressing++
    if (health === 'Degraded') failed.push(hook)
  }
  if (failed.length > 0) {
    for (const hook of failed) await deleteQuietly(ctx, hook, 'Background')
    state.error = `${type} hook(s) failed: ${failed.map(h => `${h.metadata.namespace}/${h.metadata.name}`).join(', ')}`
    ctx.emit({ type: 'app', status: 'DeletionError', message: state.error })
    return false
  }
  if (progressing > 0) return false
  delete state.error // the DeletionError condition stays until the hooks pass
  return true
}

/** AC finalizeApplicationDeletion: delete every managed object but the deletion hooks, and wait until all are gone. */
async function deleteResources(state: DeletionState, ctx: DeletionContext): Promise<boolean> {
  const managed = [...ctx.live.values()].filter(o => !isDeleteHook(o, 'PreDelete') && !isDeleteHook(o, 'PostDelete') &&
    settingsOf(o).syncOptions.delete !== 'false')
  if (managed.some(o => o.metadata.deletionTimestamp)) return false
  for (const obj of managed) {
    await deleteQuietly(ctx, obj, state.propagation)
    ctx.emit({ type: 'delete', kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '',
      reason: 'AppDeleted' })
  }
  return managed.length === 0
}

/** R66: cleanup decided on the aggregated health of all hooks of a type; no policy = BeforeHookCreation = kept. */
async function cleanupHooks(type: DeleteHookType, ctx: DeletionContext): Promise<void> {
  const hooks = [...ctx.live.values()].filter(o => isDeleteHook(o, type))
  if (hooks.length === 0) return
  const statuses = hooks.map(h => getHealth(h)?.status ?? 'Healthy')
  const aggregate = statuses.includes('Degraded') ? 'Degraded' : statuses.every(s => s === 'Healthy') ? 'Healthy' : 'Progressing'
  for (const hook of hooks) {
    const policies = settingsOf(hook).deletePolicies
    if ((aggregate === 'Healthy' && policies.includes('HookSucceeded')) ||
      (aggregate === 'Degraded' && policies.includes('HookFailed'))) {
      await deleteQuietly(ctx, hook, 'Foreground')
      ctx.emit({ type: 'delete', kind: hook.kind, namespace: hook.metadata.namespace ?? '',
        name: hook.metadata.name ?? '', reason: aggregate === 'Healthy' ? 'HookSucceeded' : 'HookFailed' })
    }
  }
}

async function deleteQuietly(ctx: DeletionContext, obj: KubeObject, propagationPolicy: 'Foreground' | 'Background'): Promise<void> {
  try {
    await ctx.cluster.delete({ kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' },
      { propagationPolicy })
  } catch (e) {
    if ((e as { reason?: string }).reason !== 'NotFound') throw e
  }
}
