// `argocd app history APP`: the deployed revisions (ID, DATE, REVISION).
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { goTime, tabwrite } from '../../present/go-format.ts'
import { out, specOf, textLines } from '../common.ts'
import type { CommandResult, TerminalContext } from '../types.ts'

export function history(app: Application, sim: Simulation, ctx: TerminalContext): CommandResult {
  const spec = specOf(sim, app, ctx)
  const rows = ['ID\tDATE\tREVISION']
  for (const h of app.history) {
    const rev = h.revision.length >= 7 ? `${spec.targetRevision} (${h.revision.slice(0, 7)})` : spec.targetRevision
    rows.push(`${h.id}\t${goTime(h.deployedAt)}\t${rev}`)
  }
  return out(textLines(tabwrite(rows, 0, 2)))
}
