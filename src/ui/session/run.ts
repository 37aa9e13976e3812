// One run of the simulation: the action log replayed on a fresh simulated cluster with the session's seed, up to
// some virtual time. The same log and seed always rebuild the same run, which is how the page travels in time.
import { type PodHistory, recordPodHistory } from '../timeline/pod-history.ts'
import { LogBook } from '../../labs/check.ts'
import type { SyncPolicy } from '../../sync/auto-sync.ts'
import type { Application } from '../../sync/application.ts'
import { Simulation } from '../../sync/simulation.ts'
import type { ContainerOverride } from '../../cluster/kubelet.ts'
import { WHAT_IF_OVERRIDES as OVERRIDES, workloadOf } from '../../cluster/what-if.ts'
import type { Pod } from '../../cluster/objects.ts'
import type { CommandAction, SessionAction, WhatIf } from './actions.ts'
import { readSource, type SourceRevision } from './revisions.ts'
import { appSources, IN_CLUSTER } from '../../sync/app-source.ts'
import { loadShell } from './shell.ts'
import { labRepoURL } from '../../labs/learner-app.ts'
import { terminalContext } from './terminal-context.ts'

export interface RunSetup {
  seed: string
  /** The lab's application: made at the start unless `appExists` is false; older saved actions without an app name act on it. */
  appName: string
  namespace: string
  /** The lab's application's source (its folder of the repository, the repository's URL), if it has one. */
  appPath?: string | undefined
  repoURL?: string | undefined
  /** false: the lab starts with no application (the learner creates it). Default true. */
  appExists?: boolean | undefined
  waveDelayMs?: number | undefined
  syncPolicy?: SyncPolicy | undefined
  /** The name of the application the page shows (the one selected in the applications list). */
  selectedApp?: (() => string | undefined) | undefined
}

export class Run {
  readonly sim: Simulation
  /** Every Pod's log, kept after the Pod is gone (lab checks read hook logs). */
  logs!: LogBook
  private pods!: { histories(): PodHistory[]; dispose(): void }
  private applied = 0
  private busy: Promise<void> = Promise.resolve()
  /** The "what if" settings in force, by workload ("Job/after"). */
  readonly whatIf = new Map<string, WhatIf>()
  /** The revision last committed in this run: replayed commands read the repository as it was then. */
  head: SourceRevision | undefined
  /** Actions already done on this run as they happened (terminal commands): not performed again. */
  private readonly performedLive = new WeakSet<SessionAction>()

  private constructor(readonly setup: RunSetup) {
    this.sim = new Simulation({ seed: setup.seed, overrides: pod => this.overrideFor(pod) })
  }

  /** The kubelet asks how a Pod's containers should behave; the workload that owns it decides. */
  private overrideFor(pod: Pod): ContainerOverride | undefined {
    const setting = this.whatIf.get(workloadOf(pod, uid => this.sim.fake.store.getByUid(uid)))
    return setting && setting !== 'normal' ? OVERRIDES[setting] : undefined
  }

  static async start(setup: RunSetup): Promise<Run> {
    const run = new Run(setup)
    run.pods = recordPodHistory(run.sim.fake)
    run.logs = new LogBook(run.sim.fake)
    // The learner's namespace exists from the start, as on the course's cluster (Argo CD does not create it).
    run.sim.fake.ensureNamespace(setup.namespace)
    if (setup.appExists !== false) {
      const app = await run.sim.createApp(setup.appName, setup.namespace,
        setup.waveDelayMs !== undefined ? { waveDelayMs: setup.waveDelayMs } : {})
      if (setup.appPath !== undefined) {
        appSources(run.sim).set(app.name, { repo: setup.repoURL ?? labRepoURL(setup.namespace), path: setup.appPath, targetRevision: '',
          project: 'default', destServer: IN_CLUSTER })
      }
      if (setup.syncPolicy) app.setSyncPolicy(setup.syncPolicy)
    }
    return run
  }

  /** The applications that exist, in the order they were made (an app whose deletion is done is gone, R64–R66). */
  get apps(): Application[] {
    return this.sim.apps.filter(a => !a.deleted)
  }

  /** The application of that name: the one that exists, else the last one deleted. */
  appNamed(name: string): Application | undefined {
    const all = this.sim.apps.filter(a => a.name === name)
    return all.find(a => !a.deleted) ?? all.at(-1)
  }

  /** The application the page shows: the selected one, else the first that exists; none before any is made. */
  get app(): Application | undefined {
    const name = this.setup.selectedApp?.()
    return (name !== undefined ? this.appNamed(name) : undefined) ?? this.apps[0]
  }

  /** No application is syncing or being deleted. */
  get settled(): boolean {
    return this.sim.apps.every(a => !a.operationRunning && !(a.deletion && !a.deleted))
  }

  get now(): number {
    return this.sim.fake.now()
  }

  podHistories(): PodHistory[] {
    return this.pods.histories()
  }

  /** When the last operation or application deletion of any app ended (its recorded event), if one did. */
  activityEndedAt(): number | undefined {
    let end: number | undefined
    for (const app of this.sim.apps) {
      for (const e of app.events) {
        if ((e.type === 'operation' && ENDED.has(e.phase)) || (e.type === 'app' && e.status !== 'Deleting')) {
          end = Math.max(end ?? e.t, e.t)
        }
      }
    }
    return end
  }

  /** The next moment anything is scheduled, if any. */
  nextEventAt(): number | undefined {
    return this.sim.fake.clock.nextAt()
  }

  /**
   * Advances to `t`, performing the logged actions due on the way. Calls are queued, never interleaved. Given a
   * `deadline` (performance.now()), it stops at the first moment reached after it: a frame of a playing run spends
   * no more than its share on the simulation, and where a moment holds more work than that, virtual time runs slower
   * than the chosen speed. Where it stops changes nothing in the run (the steps are the same, only spread over frames).
   */
  advanceTo(t: number, actions: readonly SessionAction[], revisions: readonly SourceRevision[],
    deadline = Number.POSITIVE_INFINITY): Promise<void> {
    this.busy = this.busy.then(() => this.doAdvance(t, actions, revisions, deadline))
    return this.busy
  }

  /** Advances until `done()` holds (or `limitMs` later), performing the logged actions due on the way. */
  runWhile(done: () => boolean, limitMs: number, actions: readonly SessionAction[],
    revisions: readonly SourceRevision[]): Promise<void> {
    this.busy = this.busy.then(async () => {
      const until = this.now + limitMs
      for (;;) {
        await this.doAdvance(this.now, actions, revisions) // actions due now
        if (done() || this.now >= until) return
        const nextAction = actions[this.applied]?.t ?? Number.POSITIVE_INFINITY
        const stop = Math.min(until, nextAction)
        await this.sim.run(done, stop)
        if (done() || (this.nextEventAt() === undefined && nextAction === Number.POSITIVE_INFINITY)) return
        await this.runTo(stop)
      }
    })
    return this.busy
  }

  /** The logged actions this run has not reached yet (an action is performed once the run has advanced to it). */
  notYetPerformed(actions: readonly SessionAction[]): readonly SessionAction[] {
    return actions.slice(this.applied)
  }

  /**
   * Runs what is due at the current moment without moving time: an action taken at it (a sync) leaves its first
   * steps there, and advancing to the same moment runs nothing (runTo).
   */
  runDueNow(): Promise<void> {
    this.busy = this.busy.then(() => this.sim.run(() => false, this.now))
    return this.busy
  }

  /** `action` was done on this run as it happened (a command typed in the terminal): advancing must skip it. */
  markPerformed(action: SessionAction): void {
    this.performedLive.add(action)
  }

  private async doAdvance(t: number, actions: readonly SessionAction[], revisions: readonly SourceRevision[],
    deadline = Number.POSITIVE_INFINITY): Promise<void> {
    while (this.applied < actions.length && actions[this.applied]!.t <= t) {
      const action = actions[this.applied]!
      if (!await this.runTo(action.t, deadline)) return
      this.applied++
      if (!this.performedLive.has(action)) await this.perform(action, revisions)
    }
    await this.runTo(t, deadline)
  }

  /**
   * Runs to `t`; false if the deadline came first (the run stays at the last moment it reached, before `t`). One step
   * is always taken, so that a run given too small a budget still moves on.
   */
  private async runTo(t: number, deadline = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (t <= this.now) return true
    let first = true
    // Without a deadline (a seek's rebuild, "To the end": thousands of steps), no clock is read at each step.
    const late = deadline === Number.POSITIVE_INFINITY ? () => false : () => {
      if (first) return (first = false)
      return performance.now() >= deadline
    }
    await this.sim.run(late, t)
    // The simulation returns with a step due by `t` only when it was told to stop.
    if ((this.nextEventAt() ?? Number.POSITIVE_INFINITY) <= t) return false
    this.sim.fake.clock.runUntil(t)
    return true
  }

  private async perform(action: SessionAction, revisions: readonly SourceRevision[]): Promise<void> {
    switch (action.type) {
      case 'commit': {
        const rev = revisions.find(r => r.id === action.revision)
        if (rev) this.head = rev
        // A push reaches every application of the repository (Argo CD's webhook refresh).
        if (rev) for (const app of this.apps) this.setRevision(app, rev)
        return
      }
      case 'sync': {
        const app = this.acting(action)
        if (app && !app.operationRunning && !app.deletion) app.sync(action.request)
        return
      }
      case 'terminate': {
        const app = this.acting(action)
        if (app?.operationRunning) app.terminate()
        return
      }
      case 'delete': {
        const app = this.acting(action)
        if (app && !app.deletion) app.delete()
        return
      }
      case 'whatif':
        if (action.setting === 'normal') this.whatIf.delete(action.target)
        else this.whatIf.set(action.target, action.setting)
        return
      case 'command':
        return this.replayCommand(action)
    }
  }

  /** The application an action names (older saved actions name none: the lab's), if it exists. */
  private acting(action: { app?: string | undefined }): Application | undefined {
    const app = this.appNamed(action.app ?? this.setup.appName)
    return app && !app.deleted ? app : undefined
  }

  /** The revision's manifests of the application's folder (all of them for an app without a recorded source). */
  private setRevision(app: Application, rev: SourceRevision): void {
    const path = appSources(this.sim).get(app.name)?.path
    let manifests = rev.manifests
    if (path) {
      const read = readSource(rev.files.filter(f => f.path.startsWith(`${path}/`)))
      if (!read.ok || read.manifests.length === 0) return
      manifests = read.manifests
    }
    app.setRevision({ revision: rev.id, message: rev.message, manifests })
  }

  /**
   * A terminal command again, on this run, with the answers typed to its questions. Its output is dropped and its
   * watch (which only prints) is not started; work it left pending (an app being made) ends before time moves on.
   */
  private async replayCommand(action: CommandAction): Promise<void> {
    const ctx = terminalContext({ namespace: this.setup.namespace, repoURL: this.setup.repoURL, simulation: () => this.sim, head: () => this.head,
      uncommitted: () => [] })
    const shell = await loadShell()
    let result = shell.runCommand(action.line, ctx)
    for (const answer of action.answers ?? []) {
      if (!result.prompt) break
      result = result.prompt.answer(answer)
    }
    await result.pending
  }

  /** Stops watching the cluster, once the advances under way have ended. */
  dispose(): void {
    const stop = (): void => {
      this.pods.dispose()
      this.logs.dispose()
      for (const app of this.sim.apps) app.dispose()
    }
    void this.busy.then(stop, stop)
  }
}

const ENDED: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error'])

/** No operation runs and the application is not being deleted: what "To the end" runs until. */
export function activityEnded(run: Run): boolean {
  return run.settled
}

/** The workload a Pod belongs to ("Job/after"); the what-if settings are kept by workload. */
export { workloadOf }

