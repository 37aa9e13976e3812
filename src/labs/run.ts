// The headless lab runner: a fresh simulated cluster, the lab's Application with the repo folder as its first
// revision (unless the lab starts without one: then a `create-app` step makes it), then each task's steps as a
// learner would take them, and the task's check, on the application made for the lab's path and namespace. Modes:
//   solution  every task with its solution's edits, one after another on one cluster;
//   start     task N from the state the solutions of tasks 1..N-1 leave, its steps without any file change;
//   pitfall   task N from the same state, with a pitfall's (wrong) edits.
// checkLab() turns these into the verdicts `synclab lab check` prints.
import { byteCompare } from '../cluster/byte-order.ts'
import { parseManifests } from '../manifest/index.ts'
import { appSources, IN_CLUSTER } from '../sync/app-source.ts'
import type { Application, Revision } from '../sync/application.ts'
import type { SyncRequest } from '../sync/operation.ts'
import { Simulation } from '../sync/simulation.ts'
import type { ResourceKey } from '../sync/types.ts'
import { type CheckContext, type CheckOutcome, evaluate, formatFailure, LogBook, startFor, type TaskStart,
  type TypedCommand } from './check.ts'
import { labRepoURL, learnerApp } from './learner-app.ts'
import { applyEdits, editSetFolder, formatEditProblem, repoFiles } from './parse.ts'
import type { EditSet, Lab, LabTask, Pitfall, Step } from './types.ts'

/** How long a step waits at most for an operation or a deletion (virtual). */
export const STEP_LIMIT_MS = 3_600_000

export type RunMode = { kind: 'solution' } | { kind: 'start' } | { kind: 'pitfall'; pitfall: string }

export class StepError extends Error {}

/** A lab in progress: the cluster, the Applications, the working tree of the app's folder. */
export class LabSession {
  readonly sim: Simulation
  readonly logs: LogBook
  /** The application folder's files as the learner has them now (paths relative to repo/<path>/). */
  readonly tree: Map<string, string>
  /** The `command` steps done so far (what a learner typed in the terminal). */
  readonly commands: TypedCommand[] = []
  private committed = ''
  private commits = 0
  /** The last commit: a new application starts from it. */
  private head: Revision | undefined

  private constructor(readonly lab: Lab) {
    this.sim = new Simulation({ seed: lab.seed })
    this.logs = new LogBook(this.sim.fake)
    this.tree = repoFiles(lab)
  }

  /** The lab's first commit, and its application unless the lab starts without one (`app.exists: false`). */
  static async start(lab: Lab): Promise<LabSession> {
    const s = new LabSession(lab)
    s.sim.fake.ensureNamespace(lab.app.namespace) // the learner's namespace exists, as on the course's cluster
    s.commit('initial commit')
    if (lab.app.exists !== false) await s.createApp(lab.app.name)
    return s
  }

  /** The application the checks and steps act on: the one made for the lab's path and namespace (learner-app.ts). */
  get app(): Application | undefined {
    return this.learner()?.app
  }

  private learner() {
    return learnerApp(this.sim.apps, this.lab.app, app => appSources(this.sim).get(app.name))
  }

  /** `argocd app create <name>` with the lab's path, namespace and policy; the last commit is its first revision. */
  async createApp(name: string): Promise<void> {
    const { app: spec } = this.lab
    if (this.sim.apps.some(a => a.name === name && !a.deleted)) throw new StepError(`create-app: application ${name} already exists`)
    const app = await this.sim.createApp(name, spec.namespace, spec.waveDelayMs !== undefined ? { waveDelayMs: spec.waveDelayMs } : {})
    appSources(this.sim).set(name, { repo: labRepoURL(spec.namespace),
      path: spec.path, targetRevision: '', project: 'default', destServer: IN_CLUSTER })
    if (spec.syncPolicy) app.setSyncPolicy(spec.syncPolicy)
    if (this.head) app.setRevision(this.head)
    await this.settleInstant()
    await this.waitForOperation() // an automated policy syncs the first revision by itself
  }

  /** A marker for the checker: what happened from now on belongs to the task. */
  mark(): TaskStart {
    const learner = this.learner()
    return { event: learner?.app.events.length ?? 0, operation: learner?.app.operations.length ?? 0,
      t: this.sim.fake.now(), app: learner?.index ?? -1 }
  }

  context(mark: TaskStart): CheckContext {
    const learner = this.learner()
    return { app: learner?.app, namespace: this.lab.app.namespace, fake: this.sim.fake, logs: this.logs,
      commands: this.commands, since: startFor(mark, learner?.index) }
  }

  /** The learner's application, for a step that needs one. */
  private appFor(step: string): Application {
    const app = this.app
    if (!app || app.deleted) {
      throw new StepError(`${step}: there is no application for ${this.lab.app.path} in namespace ${this.lab.app.namespace} ` +
        '(the lab starts without one: add a create-app step)')
    }
    return app
  }

  /** git commit + push: a new revision when the tree changed (git refuses an empty commit). */
  commit(message = 'update'): void {
    const files = [...this.tree].sort(([a], [b]) => byteCompare(a, b))
    const key = JSON.stringify(files)
    if (key === this.committed) return
    const { manifests, diagnostics } = parseManifests(files.map(([path, text]) => ({ path: `${this.lab.app.path}/${path}`, text })))
    const errors = diagnostics.filter(d => d.severity === 'error')
    if (errors.length > 0) {
      throw new StepError(`the commit does not render: ${errors.map(d => `${d.file}:${d.line}:${d.col}: ${d.message}`).join('; ')}`)
    }
    this.committed = key
    this.commits++
    this.head = { revision: revisionId(key, this.commits), message, manifests: manifests.map(m => m.object) }
    for (const app of this.sim.apps) if (!app.deleted) app.setRevision(this.head)
  }

  edit(set: EditSet, folder: string): void {
    const problems = applyEdits(this.lab, this.tree, set, folder)
    if (problems.length > 0) throw new StepError(`edit: ${problems.map(formatEditProblem).join('; ')}`)
  }

  async step(step: Step, editFor: (use: string | undefined) => { set: EditSet; folder: string } | undefined): Promise<void> {
    const { sim } = this
    if ('sync' in step) {
      const app = this.appFor('sync')
      if (app.operationRunning) await this.waitForOperation()
      const s = step.sync
      const request: SyncRequest = {
        ...(s.prune !== undefined ? { prune: s.prune } : {}), ...(s.dryRun !== undefined ? { dryRun: s.dryRun } : {}),
        ...(s.applyStrategy !== undefined ? { applyStrategy: s.applyStrategy } : {}),
        ...(s.resources ? { resources: s.resources.map(resourceKey) } : {}),
      }
      try {
        app.sync(request)
      } catch (e) {
        throw new StepError(`sync: ${(e as Error).message}`)
      }
      await this.waitForOperation()
    } else if ('edit' in step) {
      const edit = editFor(step.edit.use)
      if (edit) this.edit(edit.set, edit.folder)
    } else if ('commit' in step) {
      this.commit(step.commit.message)
      await this.settleInstant()
      await this.waitForOperation() // an automated policy syncs the new revision by itself
    } else if ('wait' in step) {
      await sim.advance(step.wait)
    } else if ('create-app' in step) {
      await this.createApp(step['create-app'].name ?? this.lab.app.name)
    } else if ('delete-app' in step) {
      const app = this.appFor('delete-app')
      app.delete(step['delete-app'].cascade === false ? { cascade: false } : {})
      await sim.run(() => app.deleted, sim.fake.now() + STEP_LIMIT_MS)
    } else if ('kubectl-delete' in step) {
      const { kind, name } = step['kubectl-delete']
      const ref = { kind, namespace: this.lab.app.namespace, name }
      try {
        sim.fake.delete(ref, { propagationPolicy: 'Background' })
      } catch (e) {
        throw new StepError(`kubectl delete ${kind.toLowerCase()} ${name}: ${(e as Error).message}`)
      }
      await sim.run(() => sim.fake.get(ref) === undefined, sim.fake.now() + STEP_LIMIT_MS)
    } else if ('terminate' in step) {
      this.appFor('terminate').terminate()
      await this.waitForOperation()
    } else if ('command' in step) {
      // Typed by the learner: recorded in the solution or a pitfall, not in the start state (nothing typed yet).
      if (editFor(undefined) !== undefined) this.commands.push({ t: sim.fake.now(), line: step.command })
    }
  }

  /** Lets everything due at this instant happen (refreshes, automated syncs starting). */
  async settleInstant(): Promise<void> {
    this.sim.fake.clock.runUntil(this.sim.fake.now())
    await this.sim.run(() => true)
  }

  async waitForOperation(): Promise<void> {
    const app = this.app
    if (app?.operationRunning) await this.sim.runOperation(app, this.sim.fake.now() + STEP_LIMIT_MS)
  }

  dispose(): void {
    this.logs.dispose()
    for (const app of this.sim.apps) app.dispose()
  }
}

function resourceKey(text: string): ResourceKey {
  const [group = '', kind = '', name = ''] = text.split(':')
  return { group, kind, namespace: '', name }
}

/** A stable, git-looking revision id for the tree (FNV-1a, widened to 40 hex digits). */
function revisionId(content: string, n: number): string {
  let out = ''
  for (let round = 0; out.length < 40; round++) {
    let h = 0x811c9dc5 ^ round ^ n
    for (let i = 0; i < content.length; i++) h = Math.imul(h ^ content.charCodeAt(i), 0x01000193)
    out += (h >>> 0).toString(16).padStart(8, '0')
  }
  return out.slice(0, 40)
}

export interface TaskRun {
  task: LabTask
  /** 1-based. */
  number: number
  outcome: CheckOutcome
  /** A step that could not be done (the check is then failed). */
  error?: string
  /** A pitfall's own check (what the learner sees instead). */
  pitfallOutcome?: CheckOutcome
}

/** Performs a task in a mode on the session and evaluates its check. */
export async function runTask(session: LabSession, task: LabTask, mode: RunMode): Promise<Omit<TaskRun, 'number'>> {
  const pitfall = mode.kind === 'pitfall' ? task.pitfalls.find(p => p.id === mode.pitfall) : undefined
  if (mode.kind === 'pitfall' && !pitfall) throw new Error(`task ${task.id} has no pitfall ${mode.pitfall}`)
  const setFor = (p: Pitfall | undefined) => p ? { set: p as EditSet, folder: editSetFolder(task, p) }
    : { set: task.solution as EditSet, folder: editSetFolder(task) }
  const editFor = (use: string | undefined) => {
    if (use === 'solution') return setFor(undefined)
    if (use !== undefined) return setFor(task.pitfalls.find(p => p.id === use))
    if (mode.kind === 'solution') return setFor(undefined)
    if (mode.kind === 'pitfall') return setFor(pitfall)
    return undefined // start: the learner has not changed anything yet
  }
  const since = session.mark()
  let error: string | undefined
  try {
    for (const step of pitfall?.steps ?? task.steps) await session.step(step, editFor)
  } catch (e) {
    if (!(e instanceof StepError)) throw e
    error = e.message
  }
  // After the last step the cluster runs on before the check: deletions finish, Pods terminate.
  await session.sim.advance(session.lab.settleMs)
  const ctx = session.context(since)
  const outcome = evaluate(task.check, ctx)
  if (error !== undefined) outcome.ok = false
  return { task, outcome, ...(error !== undefined ? { error } : {}),
    ...(pitfall ? { pitfallOutcome: evaluate(pitfall.check, ctx) } : {}) }
}

/** A session where tasks 1..n-1 were done with their solutions. */
async function sessionAt(lab: Lab, n: number): Promise<LabSession> {
  const session = await LabSession.start(lab)
  for (const task of lab.tasks.slice(0, n - 1)) await runTask(session, task, { kind: 'solution' })
  return session
}

/** Every task with its solution, in order, on one cluster. */
export async function runSolution(lab: Lab): Promise<TaskRun[]> {
  const session = await LabSession.start(lab)
  const out: TaskRun[] = []
  for (const [i, task] of lab.tasks.entries()) out.push({ number: i + 1, ...await runTask(session, task, { kind: 'solution' }) })
  session.dispose()
  return out
}

/** Task n (1-based) from its start state, in start or pitfall mode. */
export async function runFromStart(lab: Lab, n: number, mode: RunMode): Promise<TaskRun> {
  const session = await sessionAt(lab, n)
  const run = { number: n, ...await runTask(session, lab.tasks[n - 1]!, mode) }
  session.dispose()
  return run
}

export interface CheckLine {
  ok: boolean
  text: string
}

/** The first reason a check failed (a step error, else the first failed expectation), and how many more. */
export function why(run: Pick<TaskRun, 'error' | 'outcome'>): string {
  const all = [run.error, ...run.outcome.failures.map(formatFailure)].filter((s): s is string => s !== undefined)
  return all.length > 1 ? `${all[0]} (+${all.length - 1} more)` : all[0] ?? ''
}

/**
 * `synclab lab check`: with solution, every task must pass; without, every task that needs work must fail from
 * its start state (tasks with needsWork: false must pass), and every pitfall must be rejected by the task's check
 * while its own check holds.
 */
export async function checkLab(lab: Lab, opts: { solution: boolean }): Promise<CheckLine[]> {
  const lines: CheckLine[] = []
  if (opts.solution) {
    for (const run of await runSolution(lab)) {
      lines.push(run.outcome.ok ? { ok: true, text: `✓ ${run.number} ${run.task.title}` }
        : { ok: false, text: `✗ ${run.number} ${run.task.title}: ${why(run)}` })
    }
    return lines
  }
  for (const [i, task] of lab.tasks.entries()) {
    const n = i + 1
    const run = await runFromStart(lab, n, { kind: 'start' })
    if (!task.needsWork) {
      lines.push(run.outcome.ok ? { ok: true, text: `✓ ${n} ${task.title} (no edits needed)` }
        : { ok: false, text: `✗ ${n} ${task.title}: needsWork is false but the check fails: ${why(run)}` })
    } else {
      lines.push(run.outcome.ok ? { ok: false, text: `✗ ${n} ${task.title}: passes without the learner's edits` }
        : { ok: true, text: `✓ ${n} ${task.title} (not done yet: ${why(run)})` })
    }
    for (const p of task.pitfalls) {
      const pr = await runFromStart(lab, n, { kind: 'pitfall', pitfall: p.id })
      const label = `${n}.${p.id} ${p.title}`
      if (pr.outcome.ok) lines.push({ ok: false, text: `  ✗ ${label}: the task's check accepts this wrong attempt` })
      else if (!pr.pitfallOutcome!.ok) {
        lines.push({ ok: false, text: `  ✗ ${label}: ${pr.pitfallOutcome!.failures.map(formatFailure).join('; ')}` })
      } else lines.push({ ok: true, text: `  ✓ ${label} (rejected: ${why(pr)})` })
    }
  }
  return lines
}
