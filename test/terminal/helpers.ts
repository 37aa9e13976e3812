// A terminal on a real Simulation with the seed lab's repository, and a way to type commands and let virtual time
// pass while watches print.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { SourceFile } from '../../src/manifest/index.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { runCommand } from '../../src/terminal/index.ts'
import type { CommandResult, TerminalContext } from '../../src/terminal/index.ts'

const REPO_ROOT = join(import.meta.dirname, '../../labs/01-resource-hooks/repo')

export const REPO_URL = 'https://example.com/learner/argocd-training-examples.git'
export const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678'

function readRepo(dir: string, prefix = ''): SourceFile[] {
  const files: SourceFile[] = []
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name)
    const path = prefix ? `${prefix}/${name}` : name
    if (statSync(full).isDirectory()) files.push(...readRepo(full, path))
    else files.push({ path, text: readFileSync(full, 'utf8') })
  }
  return files
}

export interface Term {
  sim: Simulation
  ctx: TerminalContext
  files: SourceFile[]
  /** Runs a line; a watch is started and keeps printing into `lines` until stopped or done. */
  type(line: string): Promise<Session>
  /** Lets `ms` of virtual time pass (time listeners told after each step). */
  advance(ms: number): Promise<void>
  /** Runs until `until()` holds. */
  runUntil(until: () => boolean, limitMs?: number): Promise<void>
}

export interface Session {
  result: CommandResult
  lines: string[]
  exitCode: number | undefined
  stop(): void
  answer(text: string): Promise<Session>
}

const tick = () => new Promise<void>(resolve => setTimeout(resolve, 0))

export async function terminal(opts: { user?: string; seed?: string } = {}): Promise<Term> {
  const sim = new Simulation({ seed: opts.seed ?? 'terminal-tests' })
  const user = opts.user ?? 'learner'
  sim.fake.ensureNamespace(user)
  const files = readRepo(REPO_ROOT)
  const timeListeners = new Set<() => void>()
  const ctx: TerminalContext = {
    user,
    simulation: () => sim,
    repoUrl: REPO_URL,
    headRevision: () => HEAD,
    repoFiles: path => {
      const clean = path.replace(/\/+$/, '')
      const found = files.filter(f => clean === '' || f.path === clean || f.path.startsWith(`${clean}/`))
      return found.length > 0 ? found : undefined
    },
    onTime: listener => {
      timeListeners.add(listener)
      return () => timeListeners.delete(listener)
    },
  }
  const start = async (result: CommandResult, into: string[] = []): Promise<Session> => {
    const session: Session = {
      result, lines: into, exitCode: result.watch || result.prompt ? undefined : result.exitCode, stop: () => {},
      answer: async text => start(result.prompt!.answer(text), into),
    }
    into.push(...result.lines)
    if (result.watch) {
      session.stop = result.watch.start(l => into.push(l), code => { session.exitCode = code })
    }
    await tick()
    return session
  }
  const notify = () => { for (const l of [...timeListeners]) l() }
  return {
    sim, ctx, files,
    type: async line => start(runCommand(line, ctx)),
    advance: async ms => {
      const until = sim.fake.now() + ms
      await sim.run(() => { notify(); return false }, until)
      sim.fake.clock.runUntil(until)
      notify()
    },
    runUntil: async (until, limitMs = 600_000) => {
      await sim.run(() => { notify(); return until() }, sim.fake.now() + limitMs)
      notify()
    },
  }
}

export const CREATE = `argocd app create argo-hook-learner --repo ${REPO_URL} --path pre-post-sync-hook ` +
  '--dest-server https://kubernetes.default.svc --dest-namespace learner'
