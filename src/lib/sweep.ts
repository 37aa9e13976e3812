// A sweep: the same manifests synced under every combination of a few settings (a hook's delete policy, a hook's
// outcome, a field), one fresh simulated cluster per combination, all in one process. Each row says what came of
// it: each operation's phase, the deletions with their reasons, and what is left on the cluster. `synclab sweep`
// prints and reports the rows; the rules they show are the engine's (e.g. R32–R35 for delete policies).
import { loadEngine } from './simulate.ts'
import type { KubeObject } from '../cluster/objects.ts'
import type { WhatIfOutcome } from '../cluster/what-if.ts'
import { hasErrors, type Manifest } from '../manifest/index.ts'
import type { RecordedEvent } from '../sync/events.ts'
import { runSync, type SyncRun } from './run-sync.ts'
import { resolveSimulateOptions } from './sync-options.ts'
import type { SimulateOptions } from './options.ts'
import { readInput } from './run.ts'
import { type ManifestInput, ManifestError, toSourceFiles } from './simulate.ts'

/** One setting to vary, on one object of the manifests (by kind and metadata.name). */
export type Dimension =
  | { annotation: { kind: string; name: string; key: string; values: ReadonlyArray<string | number | boolean> } }
  | { whatIf: { kind: string; name: string; values: readonly WhatIfOutcome[] } }
  | { field: { kind: string; name: string; path: string; values: readonly unknown[] } }

export interface SweepPlan {
  /** The options of every sync (as `simulate`'s and `synclab sync`'s). */
  sync?: SimulateOptions
  vary: readonly Dimension[]
}

export interface SweepRow {
  /** The combination: one value per dimension, by label ("Job/before argocd.argoproj.io/hook-delete-policy"). */
  vars: Record<string, unknown>
  operations: Array<{ phase: string; message: string }>
  /** Every deletion synclab or Argo CD issued, in order: the operation (1-based), the object, the reason. */
  deleted: Array<{ op: number; kind: string; name: string; reason: string }>
  /** The objects left on the cluster at the end that no other object controls ("Kind/name"), Namespaces aside. */
  left: string[]
}

export interface SweepResult {
  rows: SweepRow[]
  /** The run of each row (events in virtual time), for reports; not part of the JSON rows. */
  runs: SyncRun[]
}

/** A dimension names an object the manifests do not have, or a value that cannot be used. */
export class SweepError extends Error {
  constructor(readonly dimension: number, message: string) {
    super(`vary[${dimension}]: ${message}`)
    this.name = 'SweepError'
  }
}

export function dimensionLabel(d: Dimension): string {
  if ('annotation' in d) return `${d.annotation.kind}/${d.annotation.name} ${d.annotation.key}`
  if ('whatIf' in d) return `${d.whatIf.kind}/${d.whatIf.name} what-if`
  return `${d.field.kind}/${d.field.name} ${d.field.path}`
}

const targetOf = (d: Dimension): { kind: string; name: string; values: readonly unknown[] } =>
  'annotation' in d ? d.annotation : 'whatIf' in d ? d.whatIf : d.field

/** Every combination of the dimensions' values, the first dimension varying slowest. */
export function combinations(dims: readonly Dimension[]): unknown[][] {
  let out: unknown[][] = [[]]
  for (const d of dims) out = out.flatMap(prefix => targetOf(d).values.map(v => [...prefix, v]))
  return out
}

/** Sets `value` at a dotted path ("spec.template.spec.containers.0.command"); numbers index lists. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let node: Record<string, unknown> = obj
  for (const [i, key] of keys.entries()) {
    if (i === keys.length - 1) {
      node[key] = value
      return
    }
    const next = node[key]
    if (next === undefined || next === null) node[key] = /^\d+$/.test(keys[i + 1]!) ? [] : {}
    else if (typeof next !== 'object') throw new Error(`${keys.slice(0, i + 1).join('.')} is ${JSON.stringify(next)}, not an object`)
    node = node[key] as Record<string, unknown>
  }
}

/** The manifests with one combination applied, and the what-if settings it sets. */
function variant(base: readonly Manifest[], dims: readonly Dimension[], values: readonly unknown[]):
  { targets: Manifest[]; whatIf: Record<string, WhatIfOutcome> } {
  const targets = base.map(m => ({ ...m, object: structuredClone(m.object) }))
  const whatIf: Record<string, WhatIfOutcome> = {}
  dims.forEach((d, i) => {
    const { kind, name } = targetOf(d)
    const value = values[i]
    if ('whatIf' in d) {
      whatIf[`${kind}/${name}`] = value as WhatIfOutcome
      return
    }
    const obj = targets.find(m => m.object.kind === kind && m.object.metadata.name === name)!.object
    if ('annotation' in d) obj.metadata.annotations = { ...obj.metadata.annotations, [d.annotation.key]: String(value) }
    else {
      try {
        setPath(obj as unknown as Record<string, unknown>, d.field.path, structuredClone(value))
      } catch (e) {
        throw new SweepError(i, `${kind}/${name} ${d.field.path}: ${(e as Error).message}`)
      }
    }
  })
  return { targets, whatIf }
}

function rowOf(vars: Record<string, unknown>, run: SyncRun): SweepRow {
  const deleted = run.events.filter((e): e is Extract<RecordedEvent, { type: 'delete' }> => e.type === 'delete')
    .map(e => ({ op: e.op, kind: e.kind, name: e.name, reason: e.reason }))
  const left = run.cluster.filter((c, i) => c.kind !== 'Namespace' && !run.controlled?.has(i)).map(c => `${c.kind}/${c.name}`)
  return { vars, operations: run.operations.map(({ result }) => ({ phase: result.phase, message: result.message })),
    deleted, left }
}

/** Runs every combination (the full cross product) and returns one row each. */
export async function sweep(manifests: ManifestInput | readonly Manifest[], plan: SweepPlan): Promise<SweepResult> {
  await loadEngine()
  const base = parsedManifests(manifests)
  plan.vary.forEach((d, i) => {
    const { kind, name, values } = targetOf(d)
    if (values.length === 0) throw new SweepError(i, 'give at least one value')
    if ('whatIf' in d) return // a what-if setting names a workload, which may be a Deployment's Pods
    if (!base.some(m => m.object.kind === kind && m.object.metadata.name === name)) {
      throw new SweepError(i, `no ${kind} named "${name}" in the manifests`)
    }
  })
  const labels = plan.vary.map(dimensionLabel)
  const rows: SweepRow[] = []
  const runs: SyncRun[] = []
  for (const values of combinations(plan.vary)) {
    const { targets, whatIf } = variant(base, plan.vary, values)
    const args = resolveSimulateOptions({ ...plan.sync, whatIf: { ...plan.sync?.whatIf, ...whatIf } })
    const run = await runSync(args, targets, [], { rows: false })
    rows.push(rowOf(Object.fromEntries(labels.map((l, i) => [l, values[i]])), run))
    runs.push(run)
  }
  return { rows, runs }
}

function parsedManifests(input: ManifestInput | readonly Manifest[]): Manifest[] {
  if (Array.isArray(input) && input.length > 0 && input.every(isManifest)) return [...input] as Manifest[]
  const read = readInput(toSourceFiles(input as ManifestInput, 'manifests'))
  if (hasErrors(read.diagnostics)) throw new ManifestError(read.diagnostics)
  return read.targets
}

const isManifest = (x: unknown): x is Manifest => typeof x === 'object' && x !== null && 'object' in x && 'source' in x &&
  typeof (x as { object: KubeObject }).object.kind === 'string'
