// The command model (./command: what a container's process prints and when it exits, with its own small shell) is
// the largest part of the simulated cluster's code, and it runs only when a container starts. So it loads apart:
// the page fetches it after its first render, a Simulation awaits it before its clock moves (Simulation.run), and
// code that drives a FakeCluster's clock itself (the CLI, the bench, the tests' setup) loads it first. The kubelet's
// probe workers (prober.ts, R89) run only in started containers too, so they load with it.
import type { Prober, runContainer } from './command/index.ts'

interface CommandModel {
  runContainer: typeof runContainer
  Prober: typeof Prober
}

let model: CommandModel | undefined
let loading: Promise<void> | undefined

/** Loads the command model once; later calls get the same promise. */
export function loadCommandModel(): Promise<void> {
  loading ??= import('./command/index.ts').then(m => { model = m })
  return loading
}

export function commandModelLoaded(): boolean {
  return model !== undefined
}

/** The loaded command model; a container that starts before it is loaded is a bug of the caller, said plainly. */
export function commandModel(): CommandModel {
  if (!model) throw new Error('synclab: a container started before the command model was loaded (await loadCommandModel() first)')
  return model
}
