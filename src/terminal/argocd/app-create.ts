// `argocd app create`: the API server's checks (argo-cd server/application Create, the InvalidArgument messages) and,
// for a name that exists, its answer (unchanged, different spec, --upsert) as the CLI prints it. The app is made by
// the command itself, so that a replayed command (time travel) makes it too.
import type { KubeObject } from '../../cluster/objects.ts'
import { formatDiagnostic, parseManifests } from '../../manifest/index.ts'
import { revisionId } from '../../manifest/revision-id.ts'
import type { Application } from '../../sync/application.ts'
import type { SyncPolicy } from '../../sync/auto-sync.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { type AppSpec, appSpecs, fail, fatal, findApp, IN_CLUSTER, out, specOf, usageError } from '../common.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult, CommandWatch, TerminalContext } from '../types.ts'

/** `argocd app create NAME --repo … --path … --dest-server … --dest-namespace …`. */
export function create(args: string[], flags: Record<string, unknown>, ctx: TerminalContext, sim: Simulation): CommandResult {
  const f = flags as Parameters<typeof str>[0]
  const name = args[0]
  if (name === undefined) return usageError('argocd app create', 'accepts 1 arg(s), received 0')
  const invalid = (msg: string) => fail(fatal(`rpc error: code = InvalidArgument desc = ${msg}`))
  const repo = str(f, 'repo')
  const path = str(f, 'path')
  if (!repo || path === undefined) {
    return invalid(`application spec for ${name} is invalid: InvalidSpecError: spec.source.repoURL and either ` +
      'source.path, source.chart, or source.ref are required')
  }
  const server = str(f, 'dest-server')
  const destName = str(f, 'dest-name')
  if (server && destName) {
    return invalid(`application destination spec for ${name} is invalid: application destination can't have both name and server defined: ${destName} ${server}`)
  }
  if (!server && !destName) {
    return invalid(`application destination spec for ${name} is invalid: unable to find destination server: there are no clusters with this URL: `)
  }
  if (server && server.replace(/\/$/, '') !== IN_CLUSTER) {
    return invalid(`application destination spec for ${name} is invalid: unable to find destination server: there are no clusters with this URL: ${server}`)
  }
  if (destName && destName !== 'in-cluster') {
    return invalid(`application destination spec for ${name} is invalid: unable to find destination server: there are no clusters with this name: ${destName}`)
  }
  const namespace = str(f, 'dest-namespace') ?? ''
  const project = str(f, 'project') ?? 'default'
  if (project !== 'default') return fail(fatal(`rpc error: code = InvalidArgument desc = application references project ${project} which does not exist`))
  const cleanPath = path.replace(/^\.?\/+/, '').replace(/\/+$/, '')
  const files = ctx.repoFiles(cleanPath)
  const unable = (why: string) => invalid(`application spec for ${name} is invalid: InvalidSpecError: Unable to ` +
    `generate manifests in ${cleanPath}: rpc error: code = Unknown desc = ${why}`)
  if (!files || files.length === 0) return unable(`${cleanPath}: app path does not exist`)
  const read = parseManifests(files)
  const firstError = read.diagnostics.find(d => d.severity === 'error')
  if (firstError) return unable(`Manifest generation error (cached): ${formatDiagnostic(firstError)}`)
  const spec: AppSpec = { repo, path: cleanPath, targetRevision: str(f, 'revision') ?? '', project,
    destServer: IN_CLUSTER }
  const policy = (str(f, 'sync-policy') ?? 'manual').toLowerCase()
  if (!['manual', 'none', 'automated', 'auto', 'automatic'].includes(policy)) {
    return fail(fatal(`invalid sync policy: ${policy}`))
  }
  const automated = ['automated', 'auto', 'automatic'].includes(policy)
  const revision = ctx.headRevision?.() ?? revisionId(files, '')
  const manifests = read.manifests.map(m => m.object)
  const syncPolicy: SyncPolicy | undefined = automated
    ? { automated: { prune: bool(f, 'auto-prune'), selfHeal: bool(f, 'self-heal') } } : undefined
  const existing = findApp(sim, name)
  if (existing) {
    return createExisting(existing, { spec, namespace, syncPolicy, upsert: bool(f, 'upsert'), revision, manifests }, sim, ctx)
  }
  // Deleted apps of that name are gone for good.
  for (const old of sim.apps) if (old.name === name && old.deleted) old.dispose()
  // The app is made by the command, not by its watch (which only prints): a replayed command (time travel) must
  // make it too, and replays start no watch.
  const creating = sim.createApp(name, namespace, { createNamespace: false }).then(app => {
    appSpecs(sim).set(name, spec)
    app.setRevision({ revision, manifests })
    if (syncPolicy) app.setSyncPolicy(syncPolicy)
    ctx.onActivity?.('create')
    return undefined
  }, (e: unknown) => e as Error)
  const watch: CommandWatch = {
    start(emit, done) {
      let stopped = false
      void creating.then(error => {
        if (stopped) return
        if (error) {
          emit(fatal(`rpc error: code = Unknown desc = ${error.message}`))
          done(1)
        } else {
          emit(`application '${name}' created`)
          done(0)
        }
      })
      return () => { stopped = true }
    },
  }
  return { lines: [], exitCode: 0, watch, pending: creating.then(() => undefined) }
}

interface CreateRequest {
  spec: AppSpec
  namespace: string
  syncPolicy: SyncPolicy | undefined
  upsert: boolean
  revision: string
  manifests: KubeObject[]
}

/**
 * `argocd app create` for a name that exists (argo-cd server/application Create and the CLI's hasAppChanged):
 * the same spec is fine (`unchanged`, with or without --upsert); a different one needs --upsert (`updated`).
 */
function createExisting(app: Application, req: CreateRequest, sim: Simulation, ctx: TerminalContext): CommandResult {
  const name = app.name
  const old = specOf(sim, app, ctx)
  const sameSource = old.repo === req.spec.repo && old.path === req.spec.path &&
    old.targetRevision === req.spec.targetRevision && old.project === req.spec.project
  const same = sameSource && app.namespace === req.namespace &&
    automationOf(app.syncPolicy) === automationOf(req.syncPolicy)
  if (same) return out([`application '${name}' unchanged`])
  if (!req.upsert) {
    return fail(fatal('rpc error: code = InvalidArgument desc = existing application spec is different, use upsert flag to force update'))
  }
  if (app.namespace !== req.namespace) {
    return fail(`synclab: the simulated Argo CD cannot move '${name}' to another namespace (${app.namespace} to ` +
      `${req.namespace || '""'}): delete it first (argocd app delete ${name})`)
  }
  appSpecs(sim).set(name, req.spec)
  if (!sameSource) app.setRevision({ revision: req.revision, manifests: req.manifests })
  app.setSyncPolicy(req.syncPolicy)
  return out([`application '${name}' updated`])
}

/** What `--sync-policy`, `--auto-prune` and `--self-heal` set, comparable. */
function automationOf(policy: SyncPolicy | undefined): string {
  const a = policy?.automated
  return a ? `automated prune=${a.prune === true} selfHeal=${a.selfHeal === true}` : 'manual'
}
