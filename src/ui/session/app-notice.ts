// Why a Sync on the page did nothing: there is no application, or the one shown is gone (the notice offers to make
// it again, with the spec it was made with) or being deleted. A deletion the learner asked for counts from the
// moment it joined the action log, before the live run performed it.
import { appSources } from '../../sync/app-source.ts'
import type { Application } from '../../sync/application.ts'
import type { SessionAction } from './actions.ts'
import { type NewAppSpec, specOfApp } from './new-app.ts'
import type { Run } from './run.ts'

/** Why a Sync did nothing: no application exists, or the selected one is gone or going (it can be made again). */
export type AppNotice =
  | { kind: 'no-app' }
  | { kind: 'gone'; app: string; spec: NewAppSpec }
  | { kind: 'deleting'; app: string }

/** Why a Sync of `app` (the one shown) on the live run does nothing, or undefined when it syncs. */
export function appNotice(app: Application | undefined, live: Run, actions: readonly SessionAction[],
  repoURL: string): AppNotice | undefined {
  if (!app) return { kind: 'no-app' }
  if (app.deleted) return { kind: 'gone', app: app.name, spec: specOfApp(app, appSources(live.sim).get(app.name), repoURL) }
  const deleting = app.deletion || live.notYetPerformed(actions).some(a => a.type === 'delete' && a.app === app.name)
  if (deleting) return { kind: 'deleting', app: app.name }
  return undefined
}
