// What the application views (status, tree, why it waits, results, diff, history) read: an Application and the
// objects its resources made. The simulation's run and a run on a real cluster both provide it, so the learner
// sees both in the same views.
import type { KubeObject } from '../../cluster/objects.ts'
import type { Application } from '../../sync/application.ts'
import type { Run } from '../session/run.ts'
import { treeChildren } from '../../cluster/inferred-children.ts'

export interface ShownApp {
  readonly app: Application
  /** The objects whose ownerReferences name `uid` (ReplicaSets of a Deployment, Pods of a Job). */
  dependents(uid: string): KubeObject[]
  /** Times are shown counted from here: 0 in the simulation (virtual time), the run's start on a real cluster. */
  readonly origin: number
}

/** The application shown of the simulated run (the one selected in the applications list), if there is one. */
export function simulatedApp(run: Run): ShownApp | undefined {
  const store = run.sim.fake.store
  const app = run.app
  return app && { app, origin: 0,
    dependents: uid => treeChildren(store.getByUid(uid), store.dependents(uid), (kind, ns) => store.list(kind, ns)) }
}
