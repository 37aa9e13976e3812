// Checks the learner's current task after each thing that happens, with the lab's own declarative checks
// (src/labs/check.ts) on the live run, and moves on when it passes.
import { evaluate, type CheckOutcome, startFor } from '../../labs/check.ts'
import { learnerApp, type LearnerApp } from '../../labs/learner-app.ts'
import { appSources } from '../../sync/app-source.ts'
import { applyEdits, editSetFolder } from '../../labs/parse.ts'
import type { Lab, LabTask } from '../../labs/types.ts'
import type { Run } from '../session/run.ts'
import type { Session } from '../session/session.ts'
import { type LabProgress, loadProgress, saveProgress } from './progress.ts'

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export class LabTracker {
  progress: LabProgress
  /** Why the current task does not pass yet (after its last check). */
  last: CheckOutcome | undefined
  private checkedAt = ''
  /** Told each time a task passes (an embedded page tells its parent: src/ui/embed/messages.ts). */
  onPassed: ((task: LabTask, labDone: boolean) => void) | undefined
  // Opened at a task (startAt): its checks count from the state the lab opens in, known at the first check.
  private startsNow = false

  /** `key` names the saved progress: the lab's id, plus the learner's name when it is not the default one. */
  constructor(readonly lab: Lab, private storage: Store | undefined, private key: string = lab.id) {
    this.progress = loadProgress(storage, key)
  }

  get task(): LabTask | undefined {
    return this.lab.tasks[this.progress.current]
  }

  get done(): boolean {
    return this.progress.current >= this.lab.tasks.length
  }

  /**
   * Checks the current task against the live run, once per settled state (no operation running); returns true when
   * the task just passed.
   */
  check(session: Session): boolean {
    const task = this.task
    const run = session.live
    const learner = this.learnerApp(run)
    const app = learner?.app
    if (!task || app?.operationRunning) return false
    const key = `${learner?.index}/${app?.events.length}/${run.now}/${this.progress.current}/${session.commands.length}`
    if (key === this.checkedAt) return false
    this.checkedAt = key
    if (this.startsNow) {
      this.startsNow = false
      this.progress = { ...this.progress, since: { event: app?.events.length ?? 0, operation: app?.operations.length ?? 0,
        t: run.now, app: learner?.index ?? -1 } }
      saveProgress(this.storage, this.key, this.progress)
    }
    this.last = evaluate(task.check, { app, namespace: this.lab.app.namespace, fake: run.sim.fake, logs: run.logs,
      commands: session.commands, since: startFor(this.progress.since, learner?.index) })
    if (!this.last.ok) return false
    this.progress = { ...this.progress, passed: [...this.progress.passed, task.id], current: this.progress.current + 1,
      since: { event: app?.events.length ?? 0, operation: app?.operations.length ?? 0, t: run.now, app: learner?.index ?? -1 } }
    this.last = undefined
    saveProgress(this.storage, this.key, this.progress)
    this.onPassed?.(task, this.done)
    return true
  }

  /**
   * Opens the lab at a task (an address's `task=`): it becomes the current one, its checks counting from the state
   * the lab opens in. A task passed already, or the current one, is left as it is.
   */
  startAt(taskId: string): void {
    const index = this.lab.tasks.findIndex(t => t.id === taskId)
    if (index < 0 || index === this.progress.current || this.progress.passed.includes(taskId)) return
    this.progress = { ...this.progress, current: index }
    this.startsNow = true
  }

  /** The application the checks look at: the one the learner made for the lab's path and namespace, whatever its name. */
  learnerApp(run: Run): LearnerApp | undefined {
    return learnerApp(run.sim.apps, this.lab.app, app => appSources(run.sim).get(app.name))
  }

  showHint(task: LabTask): void {
    const shown = this.progress.hintsShown[task.id] ?? 0
    if (shown >= task.hints.length) return
    this.progress = { ...this.progress, hintsShown: { ...this.progress.hintsShown, [task.id]: shown + 1 } }
    saveProgress(this.storage, this.key, this.progress)
  }

  /** "Show solution": the task's edits applied to the learner's files, as a change they can commit or undo. */
  applySolution(session: Session, task: LabTask): string[] {
    const prefix = `${this.lab.app.path}/`
    const tree = new Map(session.files.filter(f => f.path.startsWith(prefix)).map(f => [f.path.slice(prefix.length), f.text]))
    const problems = applyEdits(this.lab, tree, task.solution, editSetFolder(task))
    session.replaceFiles([...tree].map(([path, text]) => ({ path: prefix + path, text })))
    return problems.map(p => p.message)
  }

  reset(): void {
    this.storage?.removeItem(`synclab:progress:${this.key}`)
    this.progress = loadProgress(undefined, this.lab.id)
    this.last = undefined
    this.checkedAt = ''
  }
}
