// `argocd app list [-o name]`: one row an Application.
import type { Simulation } from '../../sync/simulation.ts'
import { tabwrite } from '../../present/go-format.ts'
import { liveApps, specOf, textLines } from '../common.ts'
import type { TerminalContext } from '../types.ts'

export function listApps(sim: Simulation, ctx: TerminalContext, output: string | undefined): string[] {
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
