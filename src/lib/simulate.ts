// The library's core: manifests (YAML text or objects) and the options of `synclab sync` -> the document
// `synclab sync --json` prints. The CLI's simulated sync goes through the same functions (src/cli/sync.ts).
// Its declarations name only types of their own (document.ts, options.ts), so the package's types stand alone.
import { loadCommandModel } from '../cluster/command-model.ts'
import { loadReaderTypes } from '../manifest/schema/check-types.ts'
import { stringify } from 'yaml'
import { type Diagnostic, formatDiagnostic, hasErrors, type SourceFile } from '../manifest/index.ts'
import { resolveSimulateOptions } from './sync-options.ts'
import type { SyncDocument } from './document.ts'
import type { SimulateOptions } from './options.ts'
import { readInput, simulateRun } from './run.ts'
import { syncDocument } from './to-document.ts'

/** Manifests: YAML text (several documents allowed), one object, or a list of either; or files as {path, text}. */
export type ManifestInput = string | object | ReadonlyArray<string | object>

export interface SimulateInput extends SimulateOptions {
  /** Objects already in the cluster, tracked by the app, before the first sync (`synclab sync --live`). */
  live?: ManifestInput
}

/** Manifests that do not read: every problem as a Diagnostic (`file:line:col: error: message` in `message`). */
export class ManifestError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter(d => d.severity === 'error').map(formatDiagnostic).join('\n'))
    this.name = 'ManifestError'
  }
}

/** Options that do not make sense (an unknown sync option, a bad duration): the CLI's exit 2. */
export { UsageError as OptionError } from './usage-error.ts'

const isSourceFile = (x: unknown): x is SourceFile => typeof x === 'object' && x !== null &&
  typeof (x as SourceFile).path === 'string' && typeof (x as SourceFile).text === 'string' && Object.keys(x).length === 2

/** The input as named files: text as it is, objects written out as YAML (so they read exactly as files do). */
export function toSourceFiles(input: ManifestInput, name: string): SourceFile[] {
  const items = Array.isArray(input) ? input as ReadonlyArray<string | object> : [input as string | object]
  return items.map((item, i) => {
    if (isSourceFile(item)) return item
    const path = items.length === 1 ? name : `${name}[${i}]`
    return { path, text: typeof item === 'string' ? item : stringify(item) }
  })
}

/**
 * Syncs the manifests as one Argo CD Application on a fresh simulated cluster and returns what `synclab sync
 * --json` prints (schema/sync-output.schema.json). Throws ManifestError for manifests that do not read and
 * OptionError (UsageError) for options that do not make sense.
 */
export async function simulate(manifests: ManifestInput, options: SimulateInput = {}): Promise<SyncDocument> {
  const { live, ...rest } = options
  const args = resolveSimulateOptions(rest)
  await loadEngine()
  const input = readInput(toSourceFiles(manifests, 'manifests'), live === undefined ? [] : toSourceFiles(live, 'live'))
  if (hasErrors(input.diagnostics)) throw new ManifestError(input.diagnostics)
  return syncDocument(await simulateRun(args, input, { rows: false }))
}

/** What the engine loads apart (Kubernetes' types for the reader, the command model): a library call loads it first. */
export async function loadEngine(): Promise<void> {
  await Promise.all([loadReaderTypes(), loadCommandModel()])
}
