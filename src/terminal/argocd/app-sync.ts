// `argocd app sync APP`: the sync request from the flags (`--prune`, `--dry-run`, `--resource`, `--sync-option` ...),
// the API server's refusals, then the wait stream until the operation ends (or nothing with `--async`).
import { groupOf } from '../../cluster/objects.ts'
import type { Application, OperationRecord } from '../../sync/application.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import type { Simulation } from '../../sync/simulation.ts'
import type { ResourceKey } from '../../sync/types.ts'
import { fail, fatal, out } from '../common.ts'
import { bool, list, str } from '../flags.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { resourceRows } from './app-summary.ts'
import { waitWatch } from './wait-watch.ts'

function parseResourceFilter(items: string[]): ResourceKey[] | string {
  const keys: ResourceKey[] = []
  for (const item of items) {
    const fields = item.split(':')
    if (fields.length !== 3) return `Resource filter '${item}' should be of the form GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME`
    const [group = '', kind = '', nsName = ''] = fields
    const slash = nsName.indexOf('/')
    keys.push({ group, kind, namespace: slash < 0 ? '' : nsName.slice(0, slash), name: slash < 0 ? nsName : nsName.slice(slash + 1) })
  }
  return keys
}

export function sync(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const request: SyncRequest = {}
  if (bool(f, 'prune')) request.prune = true
  if (bool(f, 'dry-run')) request.dryRun = true
  if (bool(f, 'force')) request.force = true // R77: the operation's force
  if (str(f, 'strategy') === 'apply') request.applyStrategy = true
  const options: NonNullable<SyncRequest['options']> = {}
  if (bool(f, 'replace')) options.replace = true
  if (bool(f, 'apply-out-of-sync-only')) options.applyOutOfSyncOnly = true
  for (const o of list(f, 'sync-option')) {
    if (o === 'PruneLast=true') options.pruneLast = true
    if (o === 'Replace=true') options.replace = true
    if (o === 'ApplyOutOfSyncOnly=true') options.applyOutOfSyncOnly = true
    if (o === 'CreateNamespace=true') options.createNamespace = true
    if (o === 'ServerSideApply=true') options.serverSideApply = true
    if (o === 'Validate=false') options.validateDisabled = true
  }
  if (Object.keys(options).length > 0) request.options = options
  const retry = str(f, 'retry-limit')
  if (retry !== undefined && Number(retry) > 0) request.retry = { limit: Number(retry) }
  const filter = parseResourceFilter(list(f, 'resource'))
  if (typeof filter === 'string') return fail(fatal(filter))
  if (filter.length > 0) {
    const known = resourceRows(app, undefined)
    const targets = (app.revision?.manifests ?? []).map(m => ({ group: groupOf(m.apiVersion), kind: m.kind,
      namespace: m.metadata.namespace || app.namespace, name: m.metadata.name ?? '' }))
    const matches = filter.filter(s => [...known, ...targets].some(r => r.group === s.group && r.kind === s.kind &&
      r.name === s.name && (s.namespace === '' || s.namespace === r.namespace)))
    if (matches.length === 0) {
      return fail(fatal(`No matching app resources found for resource filter: ${list(f, 'resource').join(', ')}`))
    }
    request.resources = filter.map(s => ({ ...s, namespace: s.namespace || app.namespace }))
  }
  if (!app.revision) return fail(fatal(`rpc error: code = FailedPrecondition desc = application ${app.name} has no source`))
  if (app.deletion) {
    return fail(fatal(`rpc error: code = FailedPrecondition desc = application ${app.name} is being deleted`))
  }
  if (app.operationRunning) {
    return fail(fatal('rpc error: code = FailedPrecondition desc = another operation is already in progress'))
  }
  const timeout = Number(str(f, 'timeout') ?? '0')
  let record: OperationRecord
  try {
    record = app.sync(request, { username: 'admin' })
  } catch (e) {
    return fail(fatal(`rpc error: code = FailedPrecondition desc = ${(e as Error).message}`))
  }
  ctx.onActivity?.('sync')
  if (bool(f, 'async')) return out([])
  return { lines: [], exitCode: 0, watch: waitWatch(app, sim, ctx, {
    record, selected: request.resources, timeoutMs: timeout > 0 ? timeout * 1000 : undefined,
    ready: () => !app.operationRunning }) }
}
