// `argocd app …`: the Argo CD CLI's application commands, printing what argo-cd's cmd/argocd/commands/app.go
// prints (summary table, resource table, the streaming table of `app sync`/`app wait`, the Operation block).
// Every rule comes from the engine (src/sync): this file only asks it and formats the answers.
import { stringify } from 'yaml'
import { EPOCH_MS } from '../cluster/clock.ts'
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import { formatOperation, formatResources, resourceStateRows, StreamRecorder, type ResourceRow, streamTimestamp, waitLine } from '../present/argocd-sync-output.ts'
import { goTime, tabwrite } from '../present/go-format.ts'
import { hasErrors, parseManifests } from '../manifest/index.ts'
import { contains } from '../sync/app-status.ts'
import type { Application, OperationRecord, OperationResult } from '../sync/application.ts'
import type { SyncRequest } from '../sync/operation.ts'
import type { Simulation } from '../sync/simulation.ts'
import { settingsOf } from '../sync/task.ts'
import { liveKey } from '../sync/tracking.ts'
import type { ResourceKey } from '../sync/types.ts'
import { revisionId } from '../manifest/revision-id.ts'
import { create } from './argocd-create.ts'
import {
  ARGOCD_SERVER, appSpecs, fail, fatal, findApp, IN_CLUSTER, liveApps, out, specOf, textLines, usageError,
} from './common.ts'
import { bool, FlagError, type FlagSpec, list, parseFlags, str } from './flags.ts'
import type { CommandResult, CommandWatch, TerminalContext } from './types.ts'

const GLOBAL: FlagSpec[] = [
  { name: 'help', short: 'h', type: 'bool', help: 'help for this command' },
  { name: 'grpc-web', type: 'bool' }, { name: 'insecure', type: 'bool' }, { name: 'plaintext', type: 'bool' },
  { name: 'core', type: 'bool' }, { name: 'server', type: 'string' }, { name: 'auth-token', type: 'string' },
  { name: 'port-forward', type: 'bool' }, { name: 'port-forward-namespace', type: 'string' },
  { name: 'loglevel', type: 'string' }, { name: 'config', type: 'string' },
  { name: 'app-namespace', short: 'N', type: 'string' },
]

const OUTPUT: FlagSpec = { name: 'output', short: 'o', type: 'string', values: ['wide', 'json', 'yaml', 'tree', 'name'],
  help: 'Output format. One of: json|yaml|wide|tree' }

/** The app subcommands, their flags and one line of help (also used by completion). */
export const APP_COMMANDS: Record<string, { help: string; usage: string; flags: FlagSpec[] }> = {
  create: { help: 'Create an application', usage: 'argocd app create APPNAME [flags]', flags: [
    { name: 'repo', type: 'string', help: 'Repository URL, ignored if a file is set' },
    { name: 'path', type: 'string', help: 'Path in repository to the app directory, ignored if a file is set' },
    { name: 'dest-server', type: 'string', values: [IN_CLUSTER], help: 'K8s cluster URL (e.g. https://kubernetes.default.svc)' },
    { name: 'dest-namespace', type: 'string', help: 'K8s target namespace' },
    { name: 'dest-name', type: 'string', values: ['in-cluster'], help: 'K8s cluster Name (e.g. in-cluster)' },
    { name: 'revision', type: 'string', help: 'The tracking source branch, tag, commit or Helm chart version' },
    { name: 'project', type: 'string', help: 'Application project name' },
    { name: 'sync-policy', type: 'string', values: ['manual', 'automated', 'none', 'auto'], help: 'Set the sync policy (one of: manual (aliases of manual: none), automated (aliases of automated: auto, automatic))' },
    { name: 'auto-prune', type: 'bool', help: 'Set automatic pruning when sync is automated' },
    { name: 'self-heal', type: 'bool', help: 'Set self healing when sync is automated' },
    { name: 'sync-option', type: 'strings', help: 'Add or remove a sync option' },
    { name: 'upsert', type: 'bool', help: 'Allows to override application with the same name even if supplied application spec is different from existing spec' },
    { name: 'directory-recurse', type: 'bool', help: 'Recurse directory' },
  ] },
  get: { help: 'Get application details', usage: 'argocd app get APPNAME [flags]', flags: [
    OUTPUT, { name: 'refresh', type: 'bool', help: 'Refresh application data when retrieving' },
    { name: 'hard-refresh', type: 'bool', help: 'Refresh application data as well as target manifests cache' },
    { name: 'show-operation', type: 'bool', help: 'Show application operation' },
    { name: 'show-params', type: 'bool', help: 'Show application parameters and overrides' },
  ] },
  list: { help: 'List applications', usage: 'argocd app list [flags]', flags: [
    OUTPUT, { name: 'project', short: 'p', type: 'strings', help: 'Filter by project name' },
    { name: 'selector', short: 'l', type: 'string', help: 'List apps by label' },
  ] },
  sync: { help: 'Sync an application to its target state', usage: 'argocd app sync [APPNAME... | -l selector] [flags]', flags: [
    { name: 'prune', type: 'bool', help: 'Allow deleting unexpected resources' },
    { name: 'dry-run', type: 'bool', help: 'Preview apply without affecting cluster' },
    { name: 'resource', type: 'strings', help: 'Sync only specific resources as GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME' },
    { name: 'async', type: 'bool', help: "Do not wait for application to sync before continuing" },
    { name: 'force', type: 'bool', help: 'Use a force apply' },
    { name: 'replace', type: 'bool', help: 'Use a kubectl create/replace instead apply' },
    { name: 'apply-out-of-sync-only', type: 'bool', help: 'Sync only out-of-sync resources' },
    { name: 'strategy', type: 'string', values: ['apply', 'hook'], help: 'Sync strategy (one of: apply|hook)' },
    { name: 'timeout', type: 'string', help: 'Time out after this many seconds' },
    { name: 'revision', type: 'string', help: 'Sync to a specific revision. Preserves parameter overrides' },
    { name: 'retry-limit', type: 'string', help: 'Max number of allowed sync retries' },
    { name: 'sync-option', type: 'strings', help: 'Add or remove a sync option' },
    { name: 'preview-changes', type: 'bool', help: 'Preview difference against the target and live state before syncing app and wait for user confirmation' },
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'json', 'yaml', 'tree'], help: 'Output format. One of: json|yaml|wide|tree|tree=detailed' },
    { name: 'local', type: 'string' },
  ] },
  delete: { help: 'Delete an application', usage: 'argocd app delete APPNAME [flags]', flags: [
    { name: 'yes', short: 'y', type: 'bool', help: 'Turn off prompting to confirm cascaded deletion of application resources' },
    { name: 'cascade', type: 'string', help: 'Perform a cascaded deletion of all application resources (default true)' },
    { name: 'propagation-policy', short: 'p', type: 'string', values: ['foreground', 'background'], help: 'Specify propagation policy for deletion of application\'s resources. One of: foreground|background' },
    { name: 'wait', type: 'bool', help: 'Wait until deletion of the application(s) completes' },
  ] },
  history: { help: 'Show application deployment history', usage: 'argocd app history APPNAME [flags]', flags: [OUTPUT] },
  'terminate-op': { help: 'Terminate running operation of an application', usage: 'argocd app terminate-op APPNAME [flags]', flags: [] },
  diff: { help: 'Perform a diff against the target and live state.', usage: 'argocd app diff APPNAME [flags]', flags: [
    { name: 'refresh', type: 'bool', help: 'Refresh application data when retrieving' },
    { name: 'hard-refresh', type: 'bool', help: 'Refresh application data as well as target manifests cache' },
    { name: 'exit-code', type: 'string', help: 'Return non-zero exit code when there is a diff (default true)' },
  ] },
  manifests: { help: 'Print manifests of an application', usage: 'argocd app manifests APPNAME [flags]', flags: [
    { name: 'source', type: 'string', values: ['git', 'live'], help: 'Source of manifests. One of: live|git (default "git")' },
    { name: 'revision', type: 'string', help: 'Show manifests at a specific revision' },
  ] },
  resources: { help: 'List resource of application', usage: 'argocd app resources APPNAME [flags]', flags: [
    { name: 'orphaned', type: 'bool', help: 'Lists only orphaned resources' },
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'tree'] },
  ] },
  wait: { help: 'Wait for an application to reach a synced and healthy state', usage: 'argocd app wait [APPNAME.. | -l selector] [flags]', flags: [
    { name: 'sync', type: 'bool', help: 'Wait for sync' },
    { name: 'health', type: 'bool', help: 'Wait for health' },
    { name: 'operation', type: 'bool', help: 'Wait for pending operations' },
    { name: 'suspended', type: 'bool', help: 'Wait for suspended' },
    { name: 'degraded', type: 'bool', help: 'Wait for degraded' },
    { name: 'timeout', type: 'string', help: 'Time out after this many seconds' },
  ] },
}

export const ARGOCD_TOP = ['app', 'version', 'login', 'logout', 'context']


export function argocdCommand(argv: string[], ctx: TerminalContext): CommandResult {
  const [top, sub, ...rest] = argv
  if (top === undefined || top === '--help' || top === '-h' || top === 'help') return out(argocdHelp())
  if (top === 'version') {
    return out(['argocd: v2.14.0+synclab', '  BuildDate: 2025-01-01T00:00:00Z', 'argocd-server: v2.14.0+synclab'])
  }
  if (top === 'login') return out(["'admin:login' logged in successfully", `Context '${ARGOCD_SERVER}' updated`])
  if (top === 'logout') return out([`Logged out from '${ARGOCD_SERVER}'`])
  if (top === 'context') return out(['CURRENT  NAME            SERVER', `*        ${ARGOCD_SERVER}  ${ARGOCD_SERVER}`])
  if (top !== 'app' && top !== 'apps' && top !== 'application' && top !== 'applications') {
    if (top.startsWith('-')) return usageError('argocd', `unknown flag: ${top.split('=')[0]}`)
    return usageError('argocd', `unknown command "${top}" for "argocd"`)
  }
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') return out(appHelp())
  const spec = APP_COMMANDS[sub === 'ls' ? 'list' : sub === 'rm' ? 'delete' : sub]
  if (!spec) {
    if (sub.startsWith('-')) return usageError('argocd app', `unknown flag: ${sub.split('=')[0]}`)
    return usageError('argocd app', `unknown command "${sub}" for "argocd app"`)
  }
  const name = sub === 'ls' ? 'list' : sub === 'rm' ? 'delete' : sub
  let parsed
  try {
    parsed = parseFlags(rest, [...spec.flags, ...GLOBAL])
  } catch (e) {
    if (e instanceof FlagError) return usageError(`argocd app ${name}`, e.message)
    throw e
  }
  if (bool(parsed.flags, 'help')) return out(commandHelp(name))
  const sim = ctx.simulation()
  const { args, flags } = parsed
  switch (name) {
    case 'create': return create(args, flags, ctx, sim)
    case 'list': return out(listApps(sim, ctx, str(flags, 'output')))
    case 'get': return withApp(args, sim, ctx, app => get(app, sim, ctx, str(flags, 'output'), bool(flags, 'show-operation')))
    case 'sync': return withApp(args, sim, ctx, app => sync(app, sim, ctx, flags))
    case 'delete': return withApp(args, sim, ctx, app => del(app, sim, ctx, flags))
    case 'history': return withApp(args, sim, ctx, app => history(app, sim, ctx))
    case 'terminate-op': return withApp(args, sim, ctx, app => terminate(app, ctx))
    case 'diff': return withApp(args, sim, ctx, app => diff(app, sim, ctx, str(flags, 'exit-code') !== 'false'))
    case 'manifests': return withApp(args, sim, ctx, app => manifests(app, str(flags, 'source') ?? 'git'))
    case 'resources': return withApp(args, sim, ctx, app => resources(app, bool(flags, 'orphaned')))
    case 'wait': return withApp(args, sim, ctx, app => wait(app, sim, ctx, flags))
  }
  return usageError('argocd app', `unknown command "${sub}" for "argocd app"`)
}

function withApp(args: string[], sim: Simulation, ctx: TerminalContext,
  run: (app: Application) => CommandResult): CommandResult {
  const name = args[0]
  if (name === undefined) return fail(fatal('Missing application name'))
  const app = findApp(sim, name)
  if (!app) return fail(fatal(`rpc error: code = NotFound desc = applications.argoproj.io "${name}" not found`))
  refresh(app, sim, ctx)
  return run(app)
}

/** Argo CD notices new commits (a webhook): an app created from the repository follows its HEAD. */
function refresh(app: Application, sim: Simulation, ctx: TerminalContext): void {
  const spec = appSpecs(sim).get(app.name)
  if (!spec || app.deletion) return
  const files = ctx.repoFiles(spec.path)
  if (!files) return
  const read = parseManifests(files)
  if (hasErrors(read.diagnostics)) return
  const revision = ctx.headRevision?.() ?? revisionId(files, '')
  if (app.revision?.revision === revision) return
  app.setRevision({ revision, manifests: read.manifests.map(m => m.object) })
}

// list / get

function syncPolicyText(app: Application): string {
  const a = app.syncPolicy?.automated
  if (!a) return 'Manual'
  return a.prune ? 'Automated (Prune)' : 'Automated'
}

function listApps(sim: Simulation, ctx: TerminalContext, output: string | undefined): string[] {
  const apps = liveApps(sim)
  if (output === 'name') return apps.map(a => `argocd/${a.name}`)
  const rows = ['NAME\tCLUSTER\tNAMESPACE\tPROJECT\tSTATUS\tHEALTH\tSYNCPOLICY\tCONDITIONS\tREPO\tPATH\tTARGET']
  for (const app of apps) {
    const spec = specOf(sim, app, ctx)
    const st = app.status()
    const policy = app.syncPolicy?.automated ? (app.syncPolicy.automated.prune ? 'Auto-Prune' : 'Auto') : 'Manual'
    rows.push([`argocd/${app.name}`, spec.destServer, app.namespace, spec.project, st.sync, st.health, policy,
      '<none>', spec.repo, spec.path, spec.targetRevision].join('\t'))
  }
  return textLines(tabwrite(rows, 0, 2))
}

const opFmt = (label: string, value: string): string => `${label.padEnd(20, ' ')}${value}`

/** printAppSummaryTable. */
export function summaryLines(app: Application, sim: Simulation, ctx: TerminalContext): string[] {
  const spec = specOf(sim, app, ctx)
  const st = app.status()
  const rev = app.revision?.revision ?? ''
  const short = rev.length > 7 && !/^[0-9a-f]{40}$/.test(spec.targetRevision) ? ` (${rev.slice(0, 7)})` : ''
  const syncStatus = st.sync === 'Synced' ? `Synced to ${spec.targetRevision}${short}`
    : st.sync === 'OutOfSync' ? `OutOfSync from ${spec.targetRevision}${short}` : st.sync
  return [
    opFmt('Name:', `argocd/${app.name}`),
    opFmt('Project:', spec.project),
    opFmt('Server:', spec.destServer),
    opFmt('Namespace:', app.namespace),
    opFmt('URL:', `https://${ARGOCD_SERVER}/applications/${app.name}`),
    'Source:',
    opFmt('- Repo:', spec.repo),
    opFmt('  Target:', spec.targetRevision),
    ...(spec.path !== '' ? [opFmt('  Path:', spec.path)] : []),
    opFmt('SyncWindow:', 'Sync Allowed'),
    opFmt('Sync Policy:', syncPolicyText(app)),
    opFmt('Sync Status:', syncStatus),
    opFmt('Health Status:', app.deletion ? st.health : st.health),
  ]
}

/** argo-cd getResourceStates: the last operation's results first (hook rows show the quirk), then the rest. */
export function resourceRows(app: Application, result: OperationResult | undefined,
  selected?: ResourceKey[]): ResourceRow[] {
  const managed = new Map<string, ResourceRow>()
  for (const r of app.status().resources) {
    if (r.hook) continue
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`
    managed.set(key, { group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, status: r.status,
      health: r.health?.status ?? '', hook: '', message: '' })
  }
  return resourceStateRows(managed, result?.resources ?? [], selected)
}

function operationLines(record: OperationRecord, now: number): string[] {
  const r = record.result()
  return textLines(formatOperation({ phase: r.phase, message: r.message, revision: r.revision, startedAt: r.startedAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}) }, now))
}

function get(app: Application, sim: Simulation, ctx: TerminalContext, output: string | undefined,
  showOperation: boolean): CommandResult {
  if (output === 'json' || output === 'yaml') {
    const doc = applicationObject(app, sim, ctx)
    return out(output === 'json' ? JSON.stringify(doc, null, 4).split('\n') : textLines(stringify(doc)))
  }
  if (output === 'name') return out([`argocd/${app.name}`])
  if (output !== undefined && output !== 'wide' && output !== 'tree' && output !== 'tree=detailed') {
    return fail(fatal(`unknown output format: ${output}`))
  }
  const lines = summaryLines(app, sim, ctx)
  const current = app.currentOperation
  if (showOperation && current) lines.push('', ...operationLines(current, sim.fake.now()))
  const rows = resourceRows(app, current?.result())
  if (rows.length > 0) {
    lines.push('')
    if (output === 'tree' || output === 'tree=detailed') lines.push(...treeLines(app, sim, rows))
    else lines.push(...textLines(formatResources(rows)))
  }
  return out(lines)
}

function treeLines(app: Application, sim: Simulation, rows: ResourceRow[]): string[] {
  const lines = ['KIND/NAME\tSTATUS\tHEALTH\tMESSAGE']
  const store = sim.fake.store
  const children = (obj: KubeObject, depth: number) => {
    for (const child of store.dependents(obj.metadata.uid ?? '')) {
      const health = sim.fake.health(child)?.status ?? ''
      lines.push(`${'│ '.repeat(depth - 1)}└─${child.kind}/${child.metadata.name ?? ''}\t\t${health}\t`)
      children(child, depth + 1)
    }
  }
  for (const r of rows) {
    lines.push(`${r.kind}/${r.name}\t${r.status}\t${r.health}\t${r.message}`)
    const live = store.get({ kind: r.kind, namespace: r.namespace, name: r.name })
    if (live) children(live, 1)
  }
  void app
  return textLines(tabwrite(lines, 0, 2))
}

function applicationObject(app: Application, sim: Simulation, ctx: TerminalContext): Record<string, unknown> {
  const spec = specOf(sim, app, ctx)
  const st = app.status()
  const op = app.currentOperation?.result()
  const toTime = (ms: number) => new Date(EPOCH_MS + Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
    metadata: { name: app.name, namespace: 'argocd' },
    spec: {
      destination: { namespace: app.namespace, server: spec.destServer },
      project: spec.project,
      source: { path: spec.path, repoURL: spec.repo, ...(spec.targetRevision ? { targetRevision: spec.targetRevision } : {}) },
      ...(app.syncPolicy ? { syncPolicy: { automated: app.syncPolicy.automated } } : {}),
    },
    status: {
      health: { status: st.health },
      ...(op ? { operationState: { phase: op.phase, message: op.message, startedAt: toTime(op.startedAt),
        ...(op.finishedAt !== undefined ? { finishedAt: toTime(op.finishedAt) } : {}),
        syncResult: { revision: op.revision, resources: op.resources } } } : {}),
      resources: st.resources.filter(r => !r.hook).map(r => ({ group: r.group || undefined, version: r.version,
        kind: r.kind, namespace: r.namespace, name: r.name, status: r.status,
        ...(r.health ? { health: r.health } : {}) })),
      sync: { status: st.sync, revision: app.revision?.revision ?? '' },
      history: app.history.map(h => ({ id: h.id, revision: h.revision, deployStartedAt: toTime(h.deployStartedAt),
        deployedAt: toTime(h.deployedAt) })),
    },
  }
}

// sync / wait

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

function sync(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
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

function wait(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const any = ['sync', 'health', 'operation', 'suspended', 'degraded'].some(k => bool(f, k))
  const want = (k: string) => !any || bool(f, k)
  const timeout = Number(str(f, 'timeout') ?? '0')
  ctx.onActivity?.('watch')
  return { lines: [], exitCode: 0, watch: waitWatch(app, sim, ctx, {
    record: app.currentOperation, timeoutMs: timeout > 0 ? timeout * 1000 : undefined,
    ready: () => {
      if (want('operation') && app.operationRunning) return false
      const st = app.status()
      if (want('sync') && st.sync !== 'Synced') return false
      if (bool(f, 'degraded') && st.health === 'Degraded') return true
      if (bool(f, 'suspended') && st.health === 'Suspended') return true
      if ((want('health') && !bool(f, 'degraded') && !bool(f, 'suspended')) && st.health !== 'Healthy') return false
      return true
    } }) }
}

interface WaitOptions {
  record: OperationRecord | undefined
  selected?: ResourceKey[] | undefined
  timeoutMs?: number | undefined
  ready(): boolean
}

/**
 * waitOnApplicationStatus: the streaming table (a row whenever a resource's Status/Health/Hook/Message changes,
 * once per virtual instant), then the summary, the Operation block and the final resource table.
 */
function waitWatch(app: Application, sim: Simulation, ctx: TerminalContext, opts: WaitOptions): CommandWatch {
  return {
    start(emit, done) {
      const fake = sim.fake
      const startedAt = fake.now()
      const recorder = new StreamRecorder()
      let headerShown = false
      let finished = false
      const cleanups: Array<() => void> = []
      const stop = () => {
        finished = true
        for (const c of cleanups.splice(0)) c()
      }
      const flush = () => {
        const before = recorder.flushes.length
        recorder.flush()
        if (recorder.flushes.length === before) return
        const { t, rows: changed } = recorder.flushes.at(-1)!
        const lines = changed.map(r => waitLine([streamTimestamp(t), r.group, r.kind, r.namespace, r.name, r.status,
          r.health, r.hook, r.message]))
        if (!headerShown) {
          headerShown = true
          lines.unshift(waitLine(['TIMESTAMP', 'GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE']))
        }
        for (const l of textLines(tabwrite(lines, 5, 2))) emit(l)
      }
      const observe = () => {
        if (finished) return
        const now = fake.now()
        // A sample of a new instant prints the previous one first.
        if (recorder.pendingAt !== undefined && recorder.pendingAt !== now) flush()
        recorder.observe(now, resourceRows(app, (opts.record ?? app.currentOperation)?.result(), opts.selected))
        if (opts.ready()) {
          flush()
          stop()
          const lines = ['', ...summaryLines(app, sim, ctx), '']
          const record = opts.record ?? app.currentOperation
          if (record) lines.push(...operationLines(record, fake.now()))
          const rows = resourceRows(app, record?.result(), opts.selected)
          if (app.status().resources.some(r => !r.hook)) lines.push('', ...textLines(formatResources(rows)))
          const phase = record?.result().phase
          let code = 0
          if (opts.record && phase !== 'Succeeded') {
            lines.push(fatal(`Operation has completed with phase: ${phase ?? ''}`, fake.now() - startedAt))
            code = 1
          }
          for (const l of lines) emit(l)
          done(code)
          return
        }
        if (opts.timeoutMs !== undefined && now - startedAt >= opts.timeoutMs) {
          flush()
          stop()
          emit(fatal(`timed out (${Math.round(opts.timeoutMs / 1000)}s) waiting for app "${app.name}" match desired state`,
            now - startedAt))
          done(1)
        }
      }
      const tick = () => {
        if (finished) return
        if (recorder.pendingAt !== undefined && recorder.pendingAt !== fake.now()) flush()
        observe()
      }
      cleanups.push(fake.store.watch(() => observe()))
      if (opts.record) {
        const sub = opts.record.actor.subscribe(() => observe())
        cleanups.push(() => sub.unsubscribe())
      }
      if (ctx.onTime) cleanups.push(ctx.onTime(tick))
      observe()
      return stop
    },
  }
}

// delete / terminate / history

function del(app: Application, sim: Simulation, ctx: TerminalContext, flags: Record<string, unknown>): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const cascadeFlag = str(f, 'cascade')
  const cascade = cascadeFlag === undefined ? true : !/^(false|0|f)$/i.test(cascadeFlag)
  const policy = (str(f, 'propagation-policy') ?? 'foreground').toLowerCase()
  if (policy !== 'foreground' && policy !== 'background') {
    return fail(fatal(`invalid propagation policy: ${policy}`))
  }
  const go = (): CommandResult => {
    app.delete({ cascade, propagation: policy === 'background' ? 'Background' : 'Foreground' })
    ctx.onActivity?.('delete')
    const deleted = `application '${app.name}' deleted`
    if (!bool(f, 'wait')) return out([deleted])
    return { lines: [], exitCode: 0, watch: {
      start(emit, done) {
        let finished = false
        const cleanups: Array<() => void> = []
        const check = () => {
          if (finished || !app.deleted) return
          finished = true
          for (const c of cleanups.splice(0)) c()
          emit(deleted)
          done(0)
        }
        cleanups.push(sim.fake.store.watch(check))
        if (ctx.onTime) cleanups.push(ctx.onTime(check))
        check()
        return () => {
          finished = true
          for (const c of cleanups.splice(0)) c()
        }
      },
    } }
  }
  if (bool(f, 'yes')) return go()
  const question = cascade ? `Are you sure you want to delete '${app.name}' and all its resources? [y/n] `
    : `Are you sure you want to delete '${app.name}'? [y/n] `
  const ask = (): CommandResult => ({ lines: [], exitCode: 0, prompt: { question, answer: line => {
    const a = line.trim().toLowerCase()
    if (a === 'y') return go()
    if (a === 'n') return out([`The command to delete '${app.name}' was cancelled.`])
    return ask()
  } } })
  return ask()
}

function terminate(app: Application, ctx: TerminalContext): CommandResult {
  if (!app.operationRunning) {
    return fail(fatal('rpc error: code = InvalidArgument desc = Unable to terminate operation. No operation is in progress'))
  }
  app.terminate()
  ctx.onActivity?.('terminate')
  return out([`Application '${app.name}' operation terminating`])
}

function history(app: Application, sim: Simulation, ctx: TerminalContext): CommandResult {
  const spec = specOf(sim, app, ctx)
  const rows = ['ID\tDATE\tREVISION']
  for (const h of app.history) {
    const rev = h.revision.length >= 7 ? `${spec.targetRevision} (${h.revision.slice(0, 7)})` : spec.targetRevision
    rows.push(`${h.id}\t${goTime(h.deployedAt)}\t${rev}`)
  }
  return out(textLines(tabwrite(rows, 0, 2)))
}

// diff / manifests / resources

/** The target objects Argo CD compares (hooks excluded), with the destination namespace filled in. */
function targetsOf(app: Application, sim: Simulation): KubeObject[] {
  return (app.revision?.manifests ?? []).filter(m => {
    const s = settingsOf(m)
    return !s.isHook && !s.skip && !s.dropped
  }).map(m => {
    const namespaced = sim.fake.store.kinds.lookup(m.apiVersion, m.kind)?.namespaced ?? true
    return namespaced && !m.metadata.namespace ? { ...m, metadata: { ...m.metadata, namespace: app.namespace } } : m
  })
}

function diff(app: Application, sim: Simulation, _ctx: TerminalContext, exitCode: boolean): CommandResult {
  const lines: string[] = []
  const seen = new Set<string>()
  const header = (obj: KubeObject) =>
    `===== ${groupOf(obj.apiVersion)}/${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} ======`
  for (const target of targetsOf(app, sim)) {
    const key = liveKey(target)
    seen.add(key)
    const live = app.live().get(key)
    if (live && contains(live, target)) continue
    const left = live ? yamlLines(project(live, target)) : []
    lines.push('', header(target), ...normalDiff(left, yamlLines(target)))
  }
  for (const [key, live] of app.live()) {
    if (seen.has(key) || settingsOf(live).isHook) continue
    lines.push('', header(live), ...normalDiff(yamlLines(project(live, live)), []))
  }
  return { lines, exitCode: lines.length > 0 && exitCode ? 1 : 0 }
}

/** The live object cut down to the fields the manifest sets (what the learner wrote), for a readable diff. */
function project(live: unknown, shape: unknown): unknown {
  if (Array.isArray(shape) && Array.isArray(live)) return live.map((v, i) => project(v, shape[i] ?? shape[0]))
  if (shape !== null && typeof shape === 'object' && !Array.isArray(shape) && live !== null && typeof live === 'object' &&
    !Array.isArray(live)) {
    const outObj: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(live as Record<string, unknown>)) {
      if (k in (shape as Record<string, unknown>) && k !== 'status') {
        if (k === 'annotations' || k === 'labels') {
          const kept = Object.fromEntries(Object.entries(v as Record<string, string>).filter(([ak]) =>
            ak in ((shape as Record<string, unknown>)[k] as Record<string, unknown>)))
          outObj[k] = kept
        } else outObj[k] = project(v, (shape as Record<string, unknown>)[k])
      }
    }
    return outObj
  }
  return live
}

const yamlLines = (obj: unknown): string[] => textLines(stringify(obj, { sortMapEntries: true }))

/** diff(1)'s default ("normal") output: `2c2`, `< old`, `---`, `> new`. */
export function normalDiff(a: string[], b: string[]): string[] {
  const n = a.length
  const m = b.length
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!)
    }
  }
  const outLines: string[] = []
  let i = 0
  let j = 0
  const range = (s: number, e: number) => (e - s <= 1 ? String(s + 1 > e ? s : e) : `${s + 1},${e}`)
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++
      j++
      continue
    }
    const si = i
    const sj = j
    while ((i < n || j < m) && !(i < n && j < m && a[i] === b[j])) {
      if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) j++
      else i++
    }
    const del = a.slice(si, i)
    const add = b.slice(sj, j)
    if (del.length > 0 && add.length > 0) {
      outLines.push(`${range(si, i)}c${range(sj, j)}`, ...del.map(l => `< ${l}`), '---', ...add.map(l => `> ${l}`))
    } else if (del.length > 0) outLines.push(`${range(si, i)}d${sj}`, ...del.map(l => `< ${l}`))
    else outLines.push(`${si}a${range(sj, j)}`, ...add.map(l => `> ${l}`))
  }
  return outLines
}

function manifests(app: Application, source: string): CommandResult {
  if (source !== 'git' && source !== 'live') return fail(fatal(`Unknown source type '${source}'`))
  const objs = source === 'git' ? app.revision?.manifests ?? [] : [...app.live().values()]
  const lines: string[] = []
  for (const obj of objs) lines.push('---', ...yamlLines(obj))
  return out(lines)
}

function resources(app: Application, orphanedOnly: boolean): CommandResult {
  if (orphanedOnly) return out(['No orphaned resources found'])
  const rows = ['GROUP\tKIND\tNAMESPACE\tNAME\tORPHANED']
  const key = (r: { group: string; kind: string; namespace: string; name: string }) =>
    `${r.group}/${r.kind}/${r.namespace}/${r.name}`
  const sorted = app.status().resources.filter(r => !r.hook).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  for (const r of sorted) rows.push(`${r.group}\t${r.kind}\t${r.namespace}\t${r.name}\tNo`)
  return out(textLines(tabwrite(rows, 0, 2)))
}

// help

function argocdHelp(): string[] {
  return ['argocd controls a Argo CD server', '', 'Usage:', '  argocd [flags]', '  argocd [command]', '',
    'Available Commands (in this sandbox):', '  app         Manage applications', '  version     Print version information',
    '', 'Use "argocd [command] --help" for more information about a command.']
}

function appHelp(): string[] {
  const names = Object.keys(APP_COMMANDS)
  const w = Math.max(...names.map(n => n.length)) + 2
  return ['Manage Applications', '', 'Usage:', '  argocd app [flags]', '  argocd app [command]', '',
    'Available Commands:', ...names.map(n => `  ${n.padEnd(w)}${APP_COMMANDS[n]!.help}`), '',
    'Use "argocd app [command] --help" for more information about a command.']
}

function commandHelp(name: string): string[] {
  const spec = APP_COMMANDS[name]!
  const flagText = (fl: FlagSpec) => `${fl.short ? `-${fl.short}, ` : '    '}--${fl.name}${fl.type === 'bool' ? '' : fl.type === 'strings' ? ' stringArray' : ' string'}`
  const w = Math.max(0, ...spec.flags.map(fl => flagText(fl).length)) + 3
  return [spec.help, '', 'Usage:', `  ${spec.usage}`, '', 'Flags:',
    ...spec.flags.map(fl => `  ${flagText(fl).padEnd(w)}${fl.help ?? ''}`),
    `  ${'-h, --help'.padEnd(w)}help for ${name}`]
}
