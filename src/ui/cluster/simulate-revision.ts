// "Compare with the simulation", the simulation's side: the revision the cluster synced, synced once more on a
// fresh simulated cluster with the same options, starting from what the application had on the cluster before.
import { loadCommandModel } from '../../cluster/command-model.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { withoutSynclabLabels } from '../../kube/labels.ts'
import type { OperationResult } from '../../sync/application.ts'
import type { RecordedEvent } from '../../sync/events.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import { SETTLE_AFTER_SEED_MS, seedLive } from '../../sync/seed-live.ts'
import { Simulation } from '../../sync/simulation.ts'
import { recordPodHistory } from '../timeline/pod-history.ts'
import { relativeEvents, relativePod, type RunTrace } from './run-trace.ts'

export interface RevisionRun {
  seed: number | string
  appName: string
  namespace: string
  waveDelayMs: number | undefined
  revision: string
  manifests: KubeObject[]
  request: SyncRequest
  /** The application's objects on the cluster before its sync. */
  liveBefore: readonly KubeObject[]
}

export interface SimulatedRevision {
  result: OperationResult
  events: RecordedEvent[]
  /** Every object the simulated cluster holds at the end. */
  objects: KubeObject[]
  trace: RunTrace
  /** The objects brought over, and those that could not be (with why). */
  broughtOver: number
  notBrought: string[]
}

export async function simulateRevision(run: RevisionRun): Promise<SimulatedRevision> {
  await loadCommandModel() // bringOver lets the seeded objects' containers start
  const sim = new Simulation({ seed: run.seed })
  const notBrought = bringOver(sim, run.appName, run.namespace, run.liveBefore)
  const pods = recordPodHistory(sim.fake)
  const app = await sim.createApp(run.appName, run.namespace, run.waveDelayMs !== undefined ? { waveDelayMs: run.waveDelayMs } : {})
  try {
    app.setRevision({ revision: run.revision, manifests: run.manifests })
    const record = app.sync(run.request)
    await sim.runOperation(app)
    // What is due at the instant the operation ended happens too (a hook deleted at the end is gone).
    sim.fake.clock.runUntil(sim.fake.now())
    await sim.run(() => true)
    const result = record.result()
    const origin = result.startedAt
    const trace: RunTrace = { events: relativeEvents(app.events, origin),
      pods: pods.histories().map(h => relativePod(h, origin)), now: sim.fake.now() - origin }
    return { result, events: [...app.events], objects: sim.fake.store.all(), trace,
      broughtOver: run.liveBefore.length - notBrought.length, notBrought }
  } finally {
    app.dispose()
    pods.dispose()
  }
}

/**
 * The application's objects as the cluster had them before the sync, put into the simulation and left to settle,
 * so that both runs start alike (applies "configured" or "unchanged", prunes, BeforeHookCreation). Returns what
 * could not be brought over.
 */
function bringOver(sim: Simulation, appName: string, namespace: string, objects: readonly KubeObject[]): string[] {
  const failed: string[] = []
  for (const obj of objects) {
    try {
      seedLive(sim.fake, appName, namespace, withoutSynclabLabels(obj))
    } catch (e) {
      failed.push((e as Error).message)
    }
  }
  if (objects.length > 0) sim.fake.clock.runUntil(sim.fake.now() + SETTLE_AFTER_SEED_MS)
  return failed
}
