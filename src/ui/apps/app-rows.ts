// The applications list as Argo CD's UI shows it (applications-list: name, status, path, destination, last sync),
// one row per Application that exists on the simulated Argo CD: the lab's, and any the learner made. DOM-free.
import { appSources } from '../../sync/app-source.ts'
import type { Application } from '../../sync/application.ts'
import { humanDuration } from '../../cluster/human-duration.ts'
import type { Run } from '../session/run.ts'

export interface AppRow {
  name: string
  sync: string
  health: string
  /** The operation's state as Argo CD titles it (getOperationStateTitle): Syncing, Sync OK, Sync failed… */
  operation: string | undefined
  path: string
  namespace: string
  /** "12s ago", or undefined before the first sync ended. */
  lastSync: string | undefined
  selected: boolean
}

const OPERATION_TITLES: Record<string, string> = {
  Running: 'Syncing', Succeeded: 'Sync OK', Failed: 'Sync failed', Error: 'Sync error', Terminating: 'Terminated',
}

/** What the operation panel's title says of an application now. */
export function operationTitle(app: Application): string | undefined {
  if (app.deletion && !app.deleted) return 'Deleting'
  const phase = app.currentOperation?.result().phase
  return phase === undefined ? undefined : OPERATION_TITLES[phase] ?? phase
}

/** The rows of the applications that exist on the run, in the order they were made; `shown` is the one selected. */
export function applicationRows(run: Run, shown: Application | undefined): AppRow[] {
  const sources = appSources(run.sim)
  return run.apps.map(app => {
    const status = app.status()
    const finished = app.currentOperation?.result().finishedAt
    return {
      name: app.name, sync: status.sync, health: status.health, operation: operationTitle(app),
      path: sources.get(app.name)?.path ?? '', namespace: app.namespace,
      lastSync: finished === undefined ? undefined : `${humanDuration(run.now - finished)} ago`,
      selected: app === shown,
    }
  })
}
