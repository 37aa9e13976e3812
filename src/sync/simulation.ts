// Runs applications on the simulated cluster: steps virtual time, and lets each operation's asynchronous steps
// finish between steps, so that everything happens in virtual-time order and the same input and seed always give
// the same run.
import { commandModelLoaded, loadCommandModel } from '../cluster/command-model.ts'
import { FakeCluster, type FakeClusterOptions } from '../cluster/fake-cluster.ts'
import { Application } from './application.ts'
import type { Cluster } from './cluster.ts'
import type { TargetNormalizer } from './options/respect-ignore-differences.ts'
import { simulatedCluster } from './simulated.ts'

export class Simulation {
  readonly fake: FakeCluster
  readonly cluster: Cluster
  readonly apps: Application[] = []

  constructor(opts: FakeClusterOptions = {}) {
    this.fake = new FakeCluster(opts)
    this.cluster = simulatedCluster(this.fake)
  }

  /** An application; its destination namespace is created unless `createNamespace` is false (CreateNamespace=true tests). */
  async createApp(name: string, namespace: string,
    opts: { waveDelayMs?: number; createNamespace?: boolean; ignoreDifferences?: TargetNormalizer } = {}): Promise<Application> {
    const { createNamespace = true, ...appOpts } = opts
    if (createNamespace) this.fake.ensureNamespace(namespace)
    const app = new Application({ name, namespace, cluster: this.cluster, ...appOpts })
    await app.load()
    this.apps.push(app)
    return app
  }

  /** Steps the clock until `until()` holds or nothing is left to do before `limitMs` (virtual). */
  async run(until: () => boolean, limitMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (!commandModelLoaded()) await loadCommandModel() // containers may start from here on (command-model.ts)
    for (;;) {
      await this.settleSteps()
      if (until()) return
      const next = this.fake.clock.nextAt()
      if (next === undefined || next > limitMs) return
      this.fake.step()
    }
  }

  /** Runs until the application's current operation has ended (or `limitMs` of virtual time). */
  async runOperation(app: Application, limitMs = this.fake.now() + 24 * 3_600_000): Promise<void> {
    await this.run(() => !app.operationRunning, limitMs)
  }

  /** Lets the cluster run on for `ms` (virtual). */
  async advance(ms: number): Promise<void> {
    const until = this.fake.now() + ms
    await this.run(() => false, until)
    this.fake.clock.runUntil(until)
  }

  /** Waits until no application is in the middle of an API call. */
  private async settleSteps(): Promise<void> {
    for (const app of this.apps) if (app.busy) await app.idle()
  }
}
