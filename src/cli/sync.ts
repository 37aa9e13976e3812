// `synclab sync`: reads manifests, syncs them on a fresh simulated cluster, and prints what `argocd app sync`
// prints, or one JSON document (design.md, "The CLI contract"). Exit: 0 all Succeeded, 1 any other phase, 2 input.
// With --cluster --compare it also runs the simulation and prints both side by side (src/sync/compare.ts).
import { formatDiagnostic, hasErrors, type SourceFile } from '../manifest/index.ts'
import { formatComparison, type RunComparison } from '../sync/compare.ts'
import type { ComparisonDocument } from '../lib/document.ts'
import { syncDocument } from '../lib/to-document.ts'
import { checkSelectedResources, type ParsedInput, readInput, simulateRun } from '../lib/run.ts'
import { readApplicationFile } from './app-manifest.ts'
import { ManifestReadError, readManifestFiles } from './files.ts'
import { formatOperation, formatResources, formatStream } from '../present/argocd-sync-output.ts'
import { LiveObjectError, type SyncRun } from '../lib/run-sync.ts'
import { mergeOptions, parseSyncFlags, type SyncArgs } from './sync-args.ts'
import { resolveSimulateOptions, type SimulateOptions, UsageError } from '../lib/sync-options.ts'

export type { ComparisonDocument, SyncDocument } from '../lib/document.ts'
export { syncDocument } from '../lib/to-document.ts'

export interface Output {
  out(text: string): void
  err(text: string): void
  /** Asks the user a question (--cluster's "Continue? [y/N]"); without it, a TTY stdin is asked, else nobody. */
  ask?(question: string): Promise<string | undefined>
  /** Standard input as text (`synclab sync -`); without it, the process's stdin is read. */
  stdin?(): Promise<string>
}

const stdio: Output = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
}

export async function syncCommand(argv: string[], io: Output = stdio): Promise<number> {
  const stdin = io.stdin ?? readStdin
  let args: SyncArgs
  let input: ParsedInput
  try {
    const { flags, options } = parseSyncFlags(argv)
    let appOptions: SimulateOptions = {}
    if (flags.app !== undefined) {
      const app = readApplicationFile(flags.app)
      for (const d of app.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      if (!app.options) return 2
      appOptions = app.options
    }
    args = { ...flags, ...resolveSimulateOptions(mergeOptions(appOptions, options)) }
    const sources = await readSources(args.paths, stdin)
    input = readInput(sources, args.live !== undefined ? readFiles([args.live]) : [])
    for (const d of input.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
    if (hasErrors(input.diagnostics)) return 2
    checkSelectedResources(args, [...input.targets, ...input.live])
  } catch (e) {
    if (e instanceof ManifestReadError) {
      for (const d of e.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      return 2
    }
    if (!(e instanceof UsageError)) throw e
    io.err(`synclab: ${e.message}\n`)
    if (/^(Unknown option|Option|Unexpected argument)/.test(e.message)) io.err('Run "synclab sync --help" for usage.\n')
    return 2
  }
  const targets = input.targets
  let run: SyncRun
  let compared: { simulation: SyncRun; comparison: RunComparison } | undefined
  try {
    if (args.cluster !== undefined) {
      // A real API server: confirmed by the user, confined to --dest-namespace (src/cli/cluster-sync.ts).
      const { compareWithSimulation, runClusterSync } = await import('./cluster-sync.ts')
      const ran = await runClusterSync(args, targets, io)
      if (typeof ran === 'number') return ran
      run = ran
      if (args.compare) compared = await compareWithSimulation(args, targets, ran)
    } else run = await simulateRun(args, input, { rows: !args.json })
  } catch (e) {
    if (!(e instanceof LiveObjectError)) throw e
    io.err(`synclab: --live ${e.message}\n`)
    return 2
  }
  if (args.json) {
    const doc = syncDocument(run)
    if (compared) doc.comparison = comparisonDocument(args, compared.simulation, compared.comparison)
    io.out(`${JSON.stringify(doc, null, 2)}\n`)
  } else {
    io.out(humanOutput(run, args))
    if (compared) io.out(`\n${formatComparison(compared.comparison)}`)
  }
  if (run.missingNamespace !== undefined) {
    io.err(`synclab: namespace "${run.missingNamespace}" does not exist on the fresh cluster; create it with ` +
      `--sync-option CreateNamespace=true or give a Namespace "${run.missingNamespace}" in --live (R82, R83)\n`)
  }
  for (const fault of run.faults ?? []) io.err(`synclab: the simulated cluster failed (a synclab bug): ${fault}\n`)
  let status = 0
  for (const [i, { result }] of run.operations.entries()) {
    if (result.phase === 'Succeeded') continue
    status = 1
    if (result.phase === 'Running') {
      io.err(`synclab: operation ${i + 1}: timed out (${Math.round(args.timeoutMs / 1000)}s) waiting for app ` +
        `"${args.appName}" match desired state\n`)
    } else io.err(`synclab: operation ${i + 1}: Operation has completed with phase: ${result.phase}\n`)
  }
  // Differences are information; they fail the command only when asked to.
  if (compared && !compared.comparison.same && args.failOnDifference) {
    status = 1
    io.err('synclab: the run on the cluster differs from the simulation (--fail-on-difference)\n')
  }
  return status
}

function comparisonDocument(args: Pick<SyncArgs, 'seed'>, simulation: SyncRun, c: RunComparison): ComparisonDocument {
  return {
    seed: args.seed, same: c.same, differences: c.differences,
    simulation: { operations: simulation.operations.map(({ result }) => ({ phase: result.phase, message: result.message })) },
    timeline: c.timelines.map(r => ({ op: r.op, ...(r.a ? { simulation: r.a } : {}), ...(r.b ? { cluster: r.b } : {}) })),
  }
}

/** The manifests named on the command line, "-" being standard input (`helm template ... | synclab sync -`). */
async function readSources(paths: string[], stdin: () => Promise<string>): Promise<SourceFile[]> {
  const out: SourceFile[] = []
  for (const path of paths) {
    if (path === '-') out.push({ path: '<stdin>', text: await stdin() })
    else out.push(...readFiles([path]))
  }
  return out
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('sync -: standard input is a terminal; pipe manifests in (helm template ... | synclab sync -)')
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function readFiles(paths: string[]): ReturnType<typeof readManifestFiles> {
  try {
    return readManifestFiles(paths)
  } catch (e) {
    if (e instanceof ManifestReadError) throw e // printed as file:line:col diagnostics
    throw new UsageError((e as Error).message)
  }
}

/** Per operation: the streaming table, the Operation block and the final resource table (argocd app sync). */
export function humanOutput(run: SyncRun, args: Pick<SyncArgs, 'revision'>): string {
  return run.operations.map(o => {
    const r = o.result
    const block = formatOperation({ phase: r.phase, message: r.message, revision: args.revision,
      startedAt: r.startedAt, ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}) }, o.endedAt)
    return `${formatStream(o.stream)}\n${block}${o.hasResources ? `\n${formatResources(o.finalRows)}` : ''}`
  }).join('\n')
}
