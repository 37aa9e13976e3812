// `synclab sync`: reads manifests, syncs them on a fresh simulated cluster, and prints what `argocd app sync`
// prints, or one JSON document (design.md, "The CLI contract"). Exit: 0 all Succeeded, 1 any other phase, 2 input.
// With --cluster --compare it also runs the simulation and prints both side by side (src/sync/compare.ts).
import { formatDiagnostic, hasErrors, type Manifest, parseManifests } from '../manifest/index.ts'
import type { OperationResult } from '../sync/application.ts'
import { formatComparison, type RunComparison } from '../sync/compare.ts'
import type { RecordedEvent } from '../sync/events.ts'
import { compareWithSimulation, runClusterSync } from './cluster-sync.ts'
import { ManifestReadError, readManifestFiles } from './files.ts'
import { formatOperation, formatResources, formatStream } from './format.ts'
import { type ClusterEntry, LiveObjectError, runSync, type SyncRun } from './run-sync.ts'
import { APP_NAME, parseSyncArgs, type SyncArgs, UsageError } from './sync-args.ts'

export interface Output {
  out(text: string): void
  err(text: string): void
  /** Asks the user a question (--cluster's "Continue? [y/N]"); without it, a TTY stdin is asked, else nobody. */
  ask?(question: string): Promise<string | undefined>
}

const stdio: Output = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
}

/** The `--json` document (schema/sync-output.schema.json). */
export interface SyncDocument {
  operations: Array<{
    phase: string
    message: string
    startedAt: number
    finishedAt?: number
    resources: Array<{
      group: string; version: string; kind: string; namespace: string; name: string; status: string
      hookType?: string; hookPhase?: string; syncPhase: string; message: string
    }>
  }>
  events: Array<Record<string, unknown>>
  cluster: ClusterEntry[]
  /** --cluster --compare only: the same sync on the simulated cluster, side by side with the real one. */
  comparison?: ComparisonDocument
}

/** --json's `comparison`: the simulation is side a, the cluster side b; times are ms since the operation started. */
export interface ComparisonDocument {
  seed: number | string
  same: boolean
  differences: { order: string[]; outcome: string[]; deletions: string[] }
  simulation: { operations: Array<{ phase: string; message: string }> }
  timeline: Array<{ op: number; simulation?: { at: number; step: string }; cluster?: { at: number; step: string } }>
}

export async function syncCommand(argv: string[], io: Output = stdio): Promise<number> {
  let args: SyncArgs
  let targets: Manifest[]
  let live: Manifest[] = []
  try {
    args = parseSyncArgs(argv)
    const read = parseManifests(readFiles(args.paths), { namespace: args.destNamespace })
    for (const d of read.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
    let invalid = hasErrors(read.diagnostics)
    targets = read.manifests
    if (args.live !== undefined) {
      const liveRead = parseManifests(readFiles([args.live]))
      for (const d of liveRead.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
      invalid ||= hasErrors(liveRead.diagnostics)
      live = liveRead.manifests
    }
    if (invalid) return 2
    checkSelectedResources(args, [...targets, ...live])
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
  let run: SyncRun
  let compared: { simulation: SyncRun; comparison: RunComparison } | undefined
  try {
    if (args.cluster !== undefined) {
      // A real API server: confirmed by the user, confined to --dest-namespace (src/cli/cluster-sync.ts).
      const ran = await runClusterSync(args, targets, io)
      if (typeof ran === 'number') return ran
      run = ran
      if (args.compare) compared = await compareWithSimulation(args, targets, ran)
    } else run = await runSync(args, targets, live)
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
  for (const fault of run.faults ?? []) io.err(`synclab: the simulated cluster failed (a synclab bug): ${fault}\n`)
  let status = 0
  for (const [i, { result }] of run.operations.entries()) {
    if (result.phase === 'Succeeded') continue
    status = 1
    if (result.phase === 'Running') {
      io.err(`synclab: operation ${i + 1}: timed out (${Math.round(args.timeoutMs / 1000)}s) waiting for app ` +
        `"${APP_NAME}" match desired state\n`)
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

function readFiles(paths: string[]): ReturnType<typeof readManifestFiles> {
  try {
    return readManifestFiles(paths)
  } catch (e) {
    if (e instanceof ManifestReadError) throw e // printed as file:line:col diagnostics
    throw new UsageError((e as Error).message)
  }
}

/** argocd: "No matching app resources found for resource filter: ..." when --resource matches nothing. */
function checkSelectedResources(args: SyncArgs, manifests: Manifest[]): void {
  const selected = args.request.resources
  if (!selected) return
  const matches = manifests.some(m => selected.some(s => {
    const o = m.object
    const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : ''
    return s.group === group && s.kind === o.kind && s.name === (o.metadata.name ?? '') &&
      (s.namespace === '' || s.namespace === (o.metadata.namespace || args.destNamespace))
  }))
  if (!matches) {
    throw new UsageError(`No matching app resources found for resource filter: ${selected.map(s =>
      `${s.group}:${s.kind}:${s.namespace ? `${s.namespace}/` : ''}${s.name}`).join(', ')}`)
  }
}

export function syncDocument(run: SyncRun): SyncDocument {
  return {
    operations: run.operations.map(({ result }) => operationJson(result)),
    events: run.events.map(eventJson),
    cluster: run.cluster,
  }
}

function operationJson(r: OperationResult): SyncDocument['operations'][number] {
  return {
    phase: r.phase, message: r.message, startedAt: r.startedAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}),
    resources: r.resources.map(x => ({
      group: x.group, version: x.version, kind: x.kind, namespace: x.namespace, name: x.name, status: x.status,
      ...(x.hookType !== undefined ? { hookType: x.hookType } : {}),
      ...(x.hookPhase !== undefined ? { hookPhase: x.hookPhase } : {}),
      syncPhase: x.syncPhase, message: x.message,
    })),
  }
}

/** Time and operation number first, as design.md shows events. */
function eventJson(e: RecordedEvent): Record<string, unknown> {
  const { t, op, ...rest } = e
  return { t, op, ...rest }
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
