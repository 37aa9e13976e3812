// One run of the simulation: the action log replayed on a fresh simulated cluster with the session's seed, up to
// some virtual time. The same log and seed always rebuild the same run, which is how the page travels in time.
import { type PodHistory, recordPodHistory } from '../timeline/pod-history.ts'
import type { Application } from '../../sync/application.ts'
import { Simulation } from '../../sync/simulation.ts'
import type { SessionAction } from './actions.ts'
import type { SourceRevision } from './revisions.ts'

export interface RunSetup {
  seed: string
  appName: string
  namespace: string
  waveDelayMs?: number
}

export class Run {
  readonly sim: Simulation
  app!: Application
  private pods!: { histories(): PodHistory[]; dispose(): void }
  private applied = 0
  private busy: Promise<void> = Promise.resolve()

  private constructor(readonly setup: RunSetup) {
    this.sim = new Simulation({ seed: setup.seed })
  }

  static async start(setup: RunSetup): Promise<Run> {
    const run = new Run(setup)
    run.pods = recordPodHistory(run.sim.fake)
    run.app = await run.sim.createApp(setup.appName, setup.namespace,
      setup.waveDelayMs !== undefined ? { waveDelayMs: setup.waveDelayMs } : {})
    return run
  }

  get now(): number {
    return this.sim.fake.now()
  }

  podHistories(): PodHistory[] {
    return this.pods.histories()
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

  private async doAdvance(t: number, actions: readonly SessionAction[], revisions: readonly SourceRevision[]): Promise<void> {
    while (this.applied < actions.length && actions[this.applied]!.t <= t) {
      const action = actions[this.applied++]!
      await this.runTo(action.t)
      this.perform(action, revisions)
    }
    await this.runTo(t)
  }

  private async runTo(t: number): Promise<void> {
    if (t <= this.now) return
    await this.sim.run(() => false, t)
    this.sim.fake.clock.runUntil(t)
  }

  private perform(action: SessionAction, revisions: readonly SourceRevision[]): void {
    const app = this.app
    switch (action.type) {
      case 'commit': {
        const rev = revisions.find(r => r.id === action.revision)
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
    }
  }

  dispose(): void {
    this.pods.dispose()
    this.app.dispose()
  }
}
