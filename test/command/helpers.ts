import { runContainer, type ProcessRun } from '../../src/cluster/command/index.ts'
import { lookupImage } from '../../src/cluster/images.ts'
import type { EnvVar } from '../../src/cluster/objects.ts'

export interface RunOptions {
  args?: string[]
  env?: Record<string, string>
  startedAt?: number
  unreachable?: string[]
}

/** Runs a container of a catalog image; `command` undefined means the image default. */
export function run(image: string, command: string[] | undefined, opts: RunOptions = {}): ProcessRun {
  const entry = lookupImage(image)
  if (!entry) throw new Error(`unknown image ${image}`)
  const env: EnvVar[] = Object.entries(opts.env ?? {}).map(([name, value]) => ({ name, value }))
  return runContainer(
    { image, ...(command ? { command } : {}), ...(opts.args ? { args: opts.args } : {}), ...(env.length ? { env } : {}) },
    { startedAt: opts.startedAt ?? 0, hostname: 'job-abc12', unreachableHosts: opts.unreachable ?? [], image: entry },
  )
}

/** `sh -c script` (or another shell) in an image. */
export function sh(image: string, script: string, opts: RunOptions & { shell?: string[] } = {}): ProcessRun {
  return run(image, [...(opts.shell ?? ['sh', '-c']), script], opts)
}

export const stdout = (r: ProcessRun): string => r.output.filter(o => o.stream === 'stdout').map(o => o.text).join('')
export const stderr = (r: ProcessRun): string => r.output.filter(o => o.stream === 'stderr').map(o => o.text).join('')
export const exitCode = (r: ProcessRun): number | null => (r.end.atMs === null ? null : r.end.exitCode)
