// `argocd …`: the Argo CD CLI's top-level words and its application commands, printing what argo-cd's
// cmd/argocd/commands/app.go prints. Reads the command and its flags, finds the app and hands the call to the
// command's own file (app-get.ts, app-sync.ts, ...), as the CLI keeps one file a command. Every rule comes from the
// engine (src/sync): these files only ask it and format the answers.
import { hasErrors, parseManifests } from '../../manifest/index.ts'
import { revisionId } from '../../manifest/revision-id.ts'
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { ARGOCD_SERVER, appSpecs, fail, fatal, findApp, out, usageError } from '../common.ts'
import { bool, FlagError, parseFlags, str } from '../flags.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { create } from './app-create.ts'
import { del } from './app-delete.ts'
import { diff } from './app-diff.ts'
import { get } from './app-get.ts'
import { history } from './app-history.ts'
import { listApps } from './app-list.ts'
import { manifests } from './app-manifests.ts'
import { resources } from './app-resources.ts'
import { sync } from './app-sync.ts'
import { terminate } from './app-terminate-op.ts'
import { wait } from './app-wait.ts'
import { APP_COMMANDS, GLOBAL } from './commands.ts'
import { appHelp, argocdHelp, commandHelp } from './help.ts'

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
