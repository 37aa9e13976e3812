// The kubelet's view of a container's process: the image (is it pullable, how long does the pull take) and the
// command model's plan of what the process prints and when it exits.
import { commandModel } from './command-model.ts'
import type { OutputChunk, ProcessRun } from './command/types.ts'
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
  const run = commandModel().runContainer({
    image: container.image,
    ...(container.command ? { command: container.command } : {}),
    ...(container.args ? { args: container.args } : {}),
    ...(container.env ? { env: container.env } : {}),
  }, { startedAt: ctx.startedAt, hostname: ctx.hostname, unreachableHosts: ctx.unreachableHosts, image,
    ...(ctx.namespace !== undefined ? { namespace: ctx.namespace } : {}),
    ...(ctx.resolveHost ? { resolveHost: ctx.resolveHost } : {}) })
  return { ...run, imageKnown: true, pullMs: image.pullMs }
}
