// Which application a lab's checks look at: the one the learner made for the lab's folder and destination
// namespace, whatever its name (the seed's `argo-hook-<username>`, or any other). Several may match: one that
// exists comes before one that was deleted, and among those the one made last.
import type { AppSource } from '../sync/app-source.ts'
import type { Application } from '../sync/application.ts'
import type { LabApp } from './types.ts'

export interface LearnerApp {
  app: Application
  /** Its place among the simulation's applications (stable when the same actions are replayed). */
  index: number
}

/**
 * The learner's application among `apps` (in the order they were made). `sourceOf` says where an app comes from; an
 * app without a recorded source counts when it has the lab's name.
 */
export function learnerApp(apps: readonly Application[], lab: Pick<LabApp, 'name' | 'namespace' | 'path'>,
  sourceOf: (app: Application) => AppSource | undefined): LearnerApp | undefined {
  const fits = (app: Application) => {
    if (app.namespace !== lab.namespace) return false
    const source = sourceOf(app)
    return source ? normalPath(source.path) === normalPath(lab.path) : app.name === lab.name
  }
  let best: LearnerApp | undefined
  apps.forEach((app, index) => {
    if (!fits(app)) return
    if (!best || !app.deleted || best.app.deleted) best = { app, index }
  })
  return best
}

const normalPath = (path: string): string => path.replace(/^\.?\/+/, '').replace(/\/+$/, '')

/** The repository the labs' applications sync from: the learner's copy of the training examples. */
export function labRepoURL(user: string): string {
  return `https://example.com/${user}/argocd-training-examples.git`
}
