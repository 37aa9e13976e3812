// What the terminal's commands act on, for one run: the page's terminal (the live run) and the commands replayed
// in a rebuilt run (time travel, reload) read the same user, repository and HEAD, so they do the same thing.
import { labRepoURL } from '../../labs/learner-app.ts'
import type { SourceFile } from '../../manifest/index.ts'
import type { Simulation } from '../../sync/simulation.ts'
import type { TerminalContext } from '../../contract/terminal.ts'
import type { SourceRevision } from './revisions.ts'

export interface TerminalSource {
  /** The lab's namespace: the learner's user name. */
  namespace: string
  /** The lab's repository URL (default: the learner's fork of the training examples). */
  repoURL?: string | undefined
  simulation(): Simulation
  /** The last commit, if any. */
  head(): SourceRevision | undefined
  /** The repository's files when nothing is committed yet. */
  uncommitted(): SourceFile[]
}

export function terminalContext(source: TerminalSource): TerminalContext {
  return {
    user: source.namespace,
    simulation: source.simulation,
    repoUrl: source.repoURL ?? labRepoURL(source.namespace),
    headRevision: () => source.head()?.id ?? '',
    repoFiles: path => {
      const files = source.head()?.files ?? source.uncommitted()
      const clean = path.replace(/\/+$/, '')
      const found = files.filter(f => clean === '' || f.path === clean || f.path.startsWith(`${clean}/`))
      return found.length > 0 ? found : undefined
    },
  }
}
