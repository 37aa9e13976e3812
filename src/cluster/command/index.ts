// runContainer: what a container's process does, computed up front as a timeline the kubelet replays on
// the virtual clock. Deterministic, and it never throws: every input gives an exit or "runs until killed".

import { resolveArgv, containerEnv } from './container.ts'
import { exec, hasBinary } from './exec.ts'
import { ExitSignal, Forever, Machine, machineIo, type Proc } from './machine.ts'
import type { ContainerCommandSpec, ProcessRun, RunContext } from './types.ts'
import type { ImageEntry } from '../images.ts'

export type { ContainerCommandSpec, OutputChunk, ProcessRun, RunContext } from './types.ts'
export { containerEnv, expandKubernetesRefs, resolveArgv } from './container.ts'
export { formatDate, parseDuration } from './tools/time.ts'
export { Prober } from '../prober.ts'

const RUNC = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process'

/** The message containerd reports when the binary to exec is missing. */
export function startErrorMessage(path: string): string {
  if (path === '') return `${RUNC}: exec: "": executable file not found in $PATH: unknown`
  return path.includes('/')
    ? `${RUNC}: exec: "${path}": stat ${path}: no such file or directory: unknown`
    : `${RUNC}: exec: "${path}": executable file not found in $PATH: unknown`
}

/**
 * Runs that read nothing of their context (context-use.ts), by image and container spec: every Pod of that spec
 * runs the same, so 10,000 Jobs of `sleep 5` run the model once. Runs are read-only data.
 */
const reusableRuns = new WeakMap<ImageEntry, Map<string, ProcessRun>>()
/** Distinct specs kept per image; past it the image's runs are dropped and gathered again. */
const MAX_REUSABLE_RUNS = 1_000

export function runContainer(spec: ContainerCommandSpec, ctx: RunContext): ProcessRun {
  // An exec probe's run sees the container's files and ports at its time: never reused.
  const key = ctx.files === undefined && ctx.localPorts === undefined
    ? JSON.stringify([spec.image, spec.command, spec.args, spec.env]) : undefined
  let runs = key === undefined ? undefined : reusableRuns.get(ctx.image)
  const known = key === undefined ? undefined : runs?.get(key)
  if (known) return known
  try {
    const { result, usedContext } = run(spec, ctx)
    if (key !== undefined && !usedContext) {
      if (!runs) reusableRuns.set(ctx.image, (runs = new Map()))
      if (runs.size >= MAX_REUSABLE_RUNS) runs.clear()
      runs.set(key, result)
    }
    return result
  } catch (e) {
    // Only a bug gets here; report it in the container log rather than crash the simulation.
    return {
      output: [{ atMs: 0, stream: 'stderr', text: `synclab: internal error: ${e instanceof Error ? e.message : String(e)}\n` }],
      end: { atMs: 0, exitCode: 1 },
      onSigterm: 'exit',
    }
  }
}

/** The run, and whether it read anything of its context (its time, hostname or network). */
function run(spec: ContainerCommandSpec, ctx: RunContext): { result: ProcessRun; usedContext: boolean } {
  const env = containerEnv(spec, ctx)
  const argv = resolveArgv(spec, ctx.image, env)
  const path = argv[0] ?? ''
  if (!hasBinary(ctx.image, path)) {
    const message = startErrorMessage(path)
    const result: ProcessRun = { output: [], end: { atMs: 0, exitCode: 128 },
      startError: { exitCode: 128, reason: 'StartError', message }, onSigterm: 'exit' }
    return { result, usedContext: env.hostnameRead }
  }
  const m = new Machine(ctx)
  const p: Proc = { m, io: machineIo(m), env, pid1: true, exec }
  let end: ProcessRun['end']
  try {
    const code = exec(argv, p) ?? 127
    end = { atMs: m.time, exitCode: ((code % 256) + 256) % 256 }
  } catch (e) {
    if (e instanceof Forever) end = { atMs: null }
    else if (e instanceof ExitSignal) end = { atMs: m.time, exitCode: ((e.code % 256) + 256) % 256 }
    else throw e
  }
  // Background jobs die with PID 1: nothing they would write later appears.
  const last = end.atMs ?? Infinity
  const output = m.output.filter(c => c.atMs <= last).sort((a, b) => a.atMs - b.atMs)
  const run: ProcessRun = { output, end, onSigterm: m.sigterm }
  if (m.listens && m.listens.atMs <= last) run.listens = m.listens
  const changes = m.fileChanges.filter(c => c.atMs <= last)
  if (changes.length > 0) run.fileChanges = changes
  return { result: run, usedContext: m.usedContext || env.hostnameRead }
}
