// gitops-engine applyObject: how one task's object is written, with kubectl's own output as the result message.
// kubectl apply (R27), create/replace with Replace=true (R55), update for a live Namespace or CRD, `--force`
// (R55, R77), server-side apply (R78), `--validate=false` (R79), and the generateName refusal of apply (R24).
import { kubectlKindName } from '../cluster/kinds.ts'
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import type { SyncOperation } from './operation.ts'
import { settingsOf, type SyncTask } from './task.ts'
import { withTracking } from './tracking.ts'
import type { ResultCode } from './types.ts'

export interface ApplyOutcome {
  code: ResultCode
  message: string
  action?: 'created' | 'configured' | 'unchanged'
}

/** R55: how long `kubectl replace --force` waits for the deleted object to be gone. */
const REPLACE_FORCE_WAIT_MS = 5 * 60_000

/** How the task is written, from the app's options, the operation and the object's annotations (R77–R79). */
export interface ApplyMode {
  replace: boolean
  force: boolean
  serverSide: boolean
  validate: boolean
}

export function applyMode(op: SyncOperation, t: SyncTask, dry: boolean): ApplyMode {
  const opts = op.env.request.options
  const target = t.settings.syncOptions
  const live = t.live ? settingsOf(t.live).syncOptions : undefined
  // R77: Replace from the app option or either object's annotation; Force from the operation (`argocd app sync
  // --force`) or either annotation, never from an app-level sync option.
  const replace = (opts?.replace ?? false) || target.replace || (live?.replace ?? false)
  const force = (op.env.request.force ?? false) || target.force || (live?.force ?? false)
  // R78 gitops-engine shouldUseServerSideApply: never in a dry run; the target's ServerSideApply=false opts out.
  const serverSide = !dry && !op.dryRun && target.serverSideApply !== false &&
    ((opts?.serverSideApply ?? false) || target.serverSideApply === true)
  const validate = !(opts?.validateDisabled ?? false) && !target.disableValidation // R79
  return { replace, force, serverSide, validate }
}

export async function applyTaskObject(op: SyncOperation, t: SyncTask, dry: boolean): Promise<ApplyOutcome> {
  // The namespace Argo CD creates for CreateNamespace=true is not tracked by the application (R82).
  let target = t.createsNamespace ? t.target! : withTracking(op.env.source.appName, t.target!)
  const normalize = op.env.source.ignoreDifferences
  if (op.env.request.options?.respectIgnoreDifferences && normalize) target = normalize(target, t.live) // R80
  const mode = applyMode(op, t, dry)
  const generateName = target.metadata.generateName
  if (!target.metadata.name && generateName && !mode.replace) {
    return failed(`from ${generateName}: cannot use generate name with apply`) // R24: kubectl apply refuses it
  }
  const name = `${kubectlKindName({ kind: target.kind, group: groupOf(target.apiVersion) })}/${target.metadata.name ?? ''}`
  const suffix = dry ? ' (dry run)' : ''
  try {
    if (mode.replace) return await replaceObject(op, t, target, name, mode, dry)
    if (mode.serverSide) {
      // R77: at 37ee0097 Force with ServerSideApply fails kubectl's option validation on every real apply.
      if (mode.force) return failed('error validating options: --force cannot be used with --server-side')
      const { action } = await op.env.cluster.apply(target, { serverSide: true, validate: mode.validate })
      return { code: 'Synced', message: `${name} serverside-applied`, action }
    }
    // A dry run's object is never read: only its action (R45).
    const dryRun = dry ? { dryRun: true, actionOnly: true } : {}
    const { action } = await op.env.cluster.apply(target, { ...dryRun, validate: mode.validate })
    return { code: 'Synced', message: `${name} ${action}${suffix}`, action }
  } catch (e) {
    const reason = (e as { reason?: string }).reason
    if (!mode.force || mode.replace || dry || (reason !== 'Invalid' && reason !== 'Conflict')) return failed(rbacError(target, e))
  }
  return forceApply(op, target, name, mode)
}

/** R55 `kubectl apply --force`: what cannot be patched is deleted and created; kubectl checks once that it is gone. */
async function forceApply(op: SyncOperation, target: KubeObject, name: string, mode: ApplyMode): Promise<ApplyOutcome> {
  const ref = refOf(target)
  try {
    await op.env.cluster.delete(ref, { propagationPolicy: 'Background' })
    if (await op.env.cluster.get(ref)) return failed('context deadline exceeded') // still terminating
    await op.env.cluster.apply(target, { validate: mode.validate })
    return { code: 'Synced', message: `${name} configured`, action: 'configured' }
  } catch (e) {
    return failed(e)
  }
}

/**
 * R55 Replace=true: `kubectl create` when absent, else `kubectl replace` ("replaced"), with Force `kubectl replace
 * --force` (delete, wait until gone, create). A live Namespace or CRD is only updated: "<Kind>/<name> updated".
 */
async function replaceObject(op: SyncOperation, t: SyncTask, target: KubeObject, name: string, mode: ApplyMode,
  dry: boolean): Promise<ApplyOutcome> {
  const suffix = dry ? ' (dry run)' : ''
  const cluster = op.env.cluster
  const dryRun = dry ? { dryRun: true } : {}
  if (t.live && (target.kind === 'Namespace' || target.kind === 'CustomResourceDefinition')) {
    const { action } = await cluster.apply(target, { ...dryRun, replace: true, validate: mode.validate })
    return { code: 'Synced', message: `${target.kind}/${target.metadata.name ?? ''} updated`, action }
  }
  if (t.live && mode.force && !dry) {
    const ref = refOf(target)
    await cluster.delete(ref, { propagationPolicy: 'Background' })
    const gone = cluster.waitUntilGone ? await cluster.waitUntilGone(ref, REPLACE_FORCE_WAIT_MS) : !await cluster.get(ref)
    if (!gone) return failed(`timed out waiting for the condition on ${name}`)
    await cluster.apply(target, { replace: true, validate: mode.validate })
    return { code: 'Synced', message: `${name} replaced`, action: 'configured' }
  }
  const { action } = await cluster.apply(target, { ...dryRun, replace: true, validate: mode.validate })
  return { code: 'Synced', message: `${name} ${action === 'created' ? 'created' : 'replaced'}${suffix}`, action }
}

/**
 * R83: Roles and RoleBindings go through `kubectl auth reconcile` first (gitops-engine resource_ops.go
 * rbacReconcile), which reads their namespace and words its absence its own way.
 */
function rbacError(target: KubeObject, e: unknown): unknown {
  const namespaced = target.kind === 'Role' || target.kind === 'RoleBinding'
  const message = (e as Error).message
  if (!namespaced || groupOf(target.apiVersion) !== 'rbac.authorization.k8s.io' ||
    message !== `namespaces "${target.metadata.namespace}" not found`) return e
  return `error running kubectl auth reconcile: error getting namespace ${target.metadata.namespace}: ${message}`
}

function refOf(obj: KubeObject): { kind: string; namespace: string; name: string } {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
}

function failed(e: unknown): ApplyOutcome {
  return { code: 'SyncFailed', message: typeof e === 'string' ? e : (e as Error).message }
}
