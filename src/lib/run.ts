// The steps of a simulated sync that the library and the CLI share: read the input, check the selection, run.
import { type Diagnostic, type Manifest, parseManifests, type SourceFile } from '../manifest/index.ts'
import { type RunOptions, runSync, type SyncRun } from './run-sync.ts'
import { type ResolvedSync, UsageError } from './sync-options.ts'

export interface ParsedInput {
  targets: Manifest[]
  live: Manifest[]
  diagnostics: Diagnostic[]
}

/** Reads the manifests and the live objects; `diagnostics` holds warnings too. */
export function readInput(manifests: readonly SourceFile[], live: readonly SourceFile[] = []): ParsedInput {
  const read = parseManifests([...manifests])
  const liveRead = live.length > 0 ? parseManifests([...live]) : { manifests: [], diagnostics: [] }
  return { targets: read.manifests, live: liveRead.manifests, diagnostics: [...read.diagnostics, ...liveRead.diagnostics] }
}

/** argocd: "No matching app resources found for resource filter: ..." when --resource matches nothing. */
export function checkSelectedResources(args: ResolvedSync, manifests: readonly Manifest[]): void {
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

/** Syncs parsed manifests on a fresh simulated cluster: the run, as the CLI prints it. */
export async function simulateRun(args: ResolvedSync, input: ParsedInput, opts: RunOptions = {}): Promise<SyncRun> {
  checkSelectedResources(args, [...input.targets, ...input.live])
  return runSync(args, input.targets, input.live, opts)
}

