// One run of the simulation: the action log replayed on a fresh simulated cluster with the session's seed, up to
// some virtual time. The same log and seed always rebuild the same run, which is how the page travels in time.
import { type PodHistory, recordPodHistory } from '../timeline/pod-history.ts'
import { LogBook } from '../../labs/check.ts'
import type { SyncPolicy } from '../../sync/auto-sync.ts'
import type { Application } from '../../sync/application.ts'
import { Simulation } from '../../sync/simulation.ts'
import type { ContainerOverride } from '../../cluster/kubelet.ts'
import type { KubeObject, Pod } from '../../cluster/objects.ts'
import type { CommandAction, SessionAction, WhatIf } from './actions.ts'
import type { SourceRevision } from './revisions.ts'
import { loadShell } from './shell.ts'
import { terminalContext } from './terminal-context.ts'

export interface RunSetup {
  seed: string
  appName: string
  /** The app's folder in the repository (what `argocd app get` prints as its Path). */
  appPath?: string | undefined
  namespace: string
  waveDelayMs?: number | undefined
  syncPolicy?: SyncPolicy | undefined
}

export class Run {
  readonly sim: Simulation
  app!: Application
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
    run.app = await run.sim.createApp(setup.appName, setup.namespace,
      setup.waveDelayMs !== undefined ? { waveDelayMs: setup.waveDelayMs } : {})
    if (setup.syncPolicy) run.app.setSyncPolicy(setup.syncPolicy)
    return run
  }

  get now(): number {
    return this.sim.fake.now()
  }

  podHistories(): PodHistory[] {
    return this.pods.histories()
  }

  /** When the last operation or the application's deletion ended (its recorded event), if one did. */
  activityEndedAt(): number | undefined {
    let end: number | undefined
    for (const e of this.app.events) {
      if ((e.type === 'operation' && ENDED.has(e.phase)) || (e.type === 'app' && e.status !== 'Deleting')) end = e.t
    }
    return end
  }

  /** The next moment anything is scheduled, if any. */
  nextEventAt(): number | undefined {
    return this.sim.fake.clock.nextAt()
  }

  /** Advances to `t`, performing the logged actions due on the way. Calls are queued, never interleaved. */
  advanceTo(t: number, actions: readonly SessionAction[], revisions: readonly SourceRevision[]): Promise<void> {
    this.busy = this.busy.then(() => this.doAdvance(t, actions, revisions))
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

  /** `action` was done on this run as it happened (a command typed in the terminal): advancing must skip it. */
  markPerformed(action: SessionAction): void {
    this.performedLive.add(action)
  }

  private async doAdvance(t: number, actions: readonly SessionAction[], revisions: readonly SourceRevision[]): Promise<void> {
    while (this.applied < actions.length && actions[this.applied]!.t <= t) {
      const action = actions[this.applied++]!
      await this.runTo(action.t)
      if (!this.performedLive.has(action)) await this.perform(action, revisions)
    }
    await this.runTo(t)
  }

  private async runTo(t: number): Promise<void> {
    if (t <= this.now) return
    await this.sim.run(() => false, t)
    this.sim.fake.clock.runUntil(t)
  }

  private async perform(action: SessionAction, revisions: readonly SourceRevision[]): Promise<void> {
    const app = this.app
    switch (action.type) {
      case 'commit': {
        const rev = revisions.find(r => r.id === action.revision)
        if (rev) this.head = rev
        if (rev) app.setRevision({ revision: rev.id, message: rev.message, manifests: rev.manifests })
        return
      }
      case 'sync':
        if (!app.operationRunning && !app.deletion) app.sync(action.request)
        return
      case 'terminate':
        app.terminate()
        return
      case 'delete':
        app.delete()
        return
      case 'whatif':
        if (action.setting === 'normal') this.whatIf.delete(action.target)
        else this.whatIf.set(action.target, action.setting)
        return
      case 'command':
        return this.replayCommand(action)
    }
  }

  /**
   * A terminal command again, on this run, with the answers typed to its questions. Its output is dropped and its
   * watch (which only prints) is not started; work it left pending (an app being made) ends before time moves on.
   */
  private async replayCommand(action: CommandAction): Promise<void> {
    const ctx = terminalContext({ namespace: this.setup.namespace, simulation: () => this.sim, head: () => this.head,
      uncommitted: () => [], labApp: labAppOf(this.setup) })
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
      this.app.dispose()
    }
    void this.busy.then(stop, stop)
  }
}

const ENDED: ReadonlySet<string> = new Set(['Succeeded', 'Failed', 'Error'])

/** No operation runs and the application is not being deleted: what "To the end" runs until. */
export function activityEnded(run: Run): boolean {
  return !run.app.operationRunning && !(run.app.deletion && !run.app.deleted)
}

const OVERRIDES: Record<Exclude<WhatIf, 'normal'>, ContainerOverride> = {
  'fail': { exitCode: 1 },
  'slow': { extraMs: 30_000 },
  'never-ready': { neverReady: true },
  'missing-image': { missingImage: true },
}

/** "Job/after" for a Job's Pod, "Deployment/web" for a Deployment's (through its ReplicaSet), else the Pod. */
export function workloadOf(pod: KubeObject, byUid: (uid: string) => KubeObject | undefined): string {
  const owner = pod.metadata.ownerReferences?.find(o => o.controller)
  if (!owner) return `Pod/${pod.metadata.name}`
  if (owner.kind !== 'ReplicaSet') return `${owner.kind}/${owner.name}`
  const rs = byUid(owner.uid)
  const top = rs?.metadata.ownerReferences?.find(o => o.controller)
  return top ? `${top.kind}/${top.name}` : `ReplicaSet/${owner.name}`
}

/** The lab's own app as the terminal knows it (its path, when the lab names one). */
export function labAppOf(setup: RunSetup): { name: string; path: string } | undefined {
  return setup.appPath !== undefined ? { name: setup.appName, path: setup.appPath } : undefined
}
