// The kubelet's view of a container's process: the image (is it pullable, how long does the pull take) and the
// command model's plan of what the process prints and when it exits.
import { commandModel } from './command-model.ts'
import type { ContainerCommandSpec, OutputChunk, ProcessRun, RunContext } from './command/types.ts'
import { lookupImage } from './images.ts'
import type { Container } from './objects.ts'

export interface ProcessPlan extends ProcessRun {
  imageKnown: boolean
  pullMs: number
}

export interface PlanContext {
  startedAt: number
  hostname: string
  unreachableHosts: string[]
  namespace?: string
  resolveHost?: (host: string, namespace: string) => boolean | undefined
}

export type { OutputChunk }

export function planProcess(container: Container, ctx: PlanContext): ProcessPlan {
  const image = lookupImage(container.image)
  if (!image) {
    return { imageKnown: false, pullMs: 0, output: [], end: { atMs: 0, exitCode: 0 }, onSigterm: 'exit' }
  }
  const spec: ContainerCommandSpec = { image: container.image }
  if (container.command) spec.command = container.command
  if (container.args) spec.args = container.args
  if (container.env) spec.env = container.env
  const run: RunContext = { startedAt: ctx.startedAt, hostname: ctx.hostname, unreachableHosts: ctx.unreachableHosts, image }
  if (ctx.namespace !== undefined) run.namespace = ctx.namespace
  if (ctx.resolveHost) run.resolveHost = ctx.resolveHost
  // The command model hands the same run to every Pod of the spec when the run read nothing of its context; so
  // the plan made from it is shared too (read-only, as the run), not a copy per Pod.
  const result = commandModel().runContainer(spec, run)
  let plan = plans.get(result)
  if (!plan) plans.set(result, (plan = { ...result, imageKnown: true, pullMs: image.pullMs }))
  return plan
}
/** Each run's plan: a run is of one image (the model keeps its reusable runs by image), so of one pull time. */
const plans = new WeakMap<ProcessRun, ProcessPlan>()
