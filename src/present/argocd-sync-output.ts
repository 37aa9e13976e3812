// What `argocd app sync` / `app get` / `app wait` print: the streaming resource table, the Operation block and the
// final resource table; the CLI and the terminal both print through it.
// Src: argo-cd cmd/argocd/commands/app.go (waitFormatString, resourceState.FormatItems, printOperationResult,
// printAppResources).
import { byteCompare } from '../cluster/byte-order.ts'
import { EPOCH_MS } from '../cluster/clock.ts'
import type { ResourceKey, ResourceResult } from '../sync/types.ts'
import { goDuration, goTime, tabwrite } from './go-format.ts'

/** One row of `argocd app sync` / `argocd app get` resource tables (argo-cd's resourceState). */
export interface ResourceRow {
  group: string
  kind: string
  namespace: string
  name: string
  status: string
  health: string
  hook: string
  message: string
}

/**
 * argo-cd getResourceStates: the operation's results first (a hook row shows the quirk: its hook phase under STATUS
 * and its result code under HEALTH), then the other managed resources by key; a selective sync shows only its own.
 */
export function resourceStateRows(managed: Map<string, ResourceRow>, results: readonly ResourceResult[],
  selected?: readonly ResourceKey[]): ResourceRow[] {
  const rest = new Map(managed)
  const rows: ResourceRow[] = []
  for (const r of results) {
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`
    const m = rest.get(key)
    if (m && !r.hookType) rows.push({ ...m, message: r.message })
    else {
      rows.push({ group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, status: r.hookPhase ?? '',
        health: r.status, hook: r.hookType ?? '', message: r.message })
    }
    rest.delete(key)
  }
  rows.push(...[...rest.entries()].sort(([a], [b]) => byteCompare(a, b)).map(([, row]) => row))
  if (!selected) return rows
  return rows.filter(row => selected.some(s => s.group === row.group && s.kind === row.kind && s.name === row.name &&
    (s.namespace === '' || s.namespace === row.namespace)))
}

/** Rows printed together: argocd flushes its tabwriter once per application watch event. */
export interface StreamFlush {
  t: number
  rows: ResourceRow[]
}

/** The closing block's inputs (operationState). */
export interface OperationSummary {
  phase: string
  message: string
  revision: string
  startedAt: number
  finishedAt?: number
}

/** Go fmt `%Ns`: right-justified in N columns. */
const pad = (s: string, n: number): string => s.padStart(n, ' ')

/** waitFormatString = "%s\t%5s\t%10s\t%10s\t%20s\t%8s\t%7s\t%10s\t%s\n" */
export function waitLine(cells: [string, string, string, string, string, string, string, string, string]): string {
  const [ts, group, kind, ns, name, status, health, hook, message] = cells
  return [ts, pad(group, 5), pad(kind, 10), pad(ns, 10), pad(name, 20), pad(status, 8), pad(health, 7), pad(hook, 10),
    message].join('\t')
}

/** Go layout "2006-01-02T15:04:05-07:00" in UTC (what resourceState.FormatItems prints). */
export function streamTimestamp(virtualMs: number): string {
  return new Date(EPOCH_MS + virtualMs).toISOString().replace(/\.\d{3}Z$/, '+00:00')
}

/**
 * The streaming table `argocd app sync` prints while it waits: the header, then one flush per watch event with
 * the rows whose Status/Health/Hook/Message changed. Each flush is aligned on its own, as Go's tabwriter does.
 */
export function formatStream(flushes: StreamFlush[]): string {
  const header = waitLine(['TIMESTAMP', 'GROUP', 'KIND', 'NAMESPACE', 'NAME', 'STATUS', 'HEALTH', 'HOOK', 'MESSAGE'])
  if (flushes.length === 0) return tabwrite([header], 5, 2)
  return flushes.map((f, i) => {
    const lines = f.rows.map(r => waitLine([streamTimestamp(f.t), r.group, r.kind, r.namespace, r.name, r.status,
      r.health, r.hook, r.message]))
    return tabwrite(i === 0 ? [header, ...lines] : lines, 5, 2)
  }).join('')
}

const opLine = (label: string, value: string): string => `${label.padEnd(20, ' ')}${value}\n` // printOpFmtStr "%-20s%s\n"

/** printOperationResult. `now` is used for the duration of an operation that has not finished. */
export function formatOperation(op: OperationSummary, now: number): string {
  const start = Math.floor((EPOCH_MS + op.startedAt) / 1000)
  const end = Math.floor((EPOCH_MS + (op.finishedAt ?? now)) / 1000)
  return opLine('Operation:', 'Sync') +
    opLine('Sync Revision:', op.revision) +
    opLine('Phase:', op.phase) +
    opLine('Start:', goTime(op.startedAt)) +
    opLine('Finished:', op.finishedAt !== undefined ? goTime(op.finishedAt) : '<nil>') +
    opLine('Duration:', goDuration(end - start)) +
    (op.message !== '' ? opLine('Message:', op.message) : '')
}

/** printAppResources: GROUP KIND NAMESPACE NAME STATUS HEALTH HOOK MESSAGE through tabwriter(0, 0, 2). */
export function formatResources(rows: ResourceRow[]): string {
  const lines = ['GROUP\tKIND\tNAMESPACE\tNAME\tSTATUS\tHEALTH\tHOOK\tMESSAGE',
    ...rows.map(r => [r.group, r.kind, r.namespace, r.name, r.status, r.health, r.hook, r.message].join('\t'))]
  return tabwrite(lines, 0, 2)
}

/**
 * What the streaming table shows: argo-cd keeps the last printed state per resource key (group/kind/ns/name,
 * so the two phases of one hook merge), merges non-empty new values in and prints the row when any of
 * Status/Health/Hook/Message changed. The CLI samples once per virtual instant (the last state at that time).
 */
export class StreamRecorder {
  readonly flushes: StreamFlush[] = []
  private printed = new Map<string, ResourceRow>()
  private pending: { t: number; rows: ResourceRow[] } | undefined

  observe(t: number, rows: ResourceRow[]): void {
    if (this.pending && this.pending.t !== t) this.flush()
    this.pending = { t, rows }
  }

  /** The instant of the sample not flushed yet, if any. */
  get pendingAt(): number | undefined {
    return this.pending?.t
  }

  flush(): void {
    if (!this.pending) return
    const { t, rows } = this.pending
    this.pending = undefined
    const grouped = new Map<string, ResourceRow>()
    for (const row of rows) {
      const key = `${row.group}/${row.kind}/${row.namespace}/${row.name}`
      const prev = grouped.get(key)
      if (prev) mergeResourceState(prev, row)
      else grouped.set(key, { ...row })
    }
    const out: ResourceRow[] = []
    for (const [key, row] of grouped) {
      const prev = this.printed.get(key)
      if (!prev) {
        this.printed.set(key, row)
        out.push({ ...row })
      } else if (mergeResourceState(prev, row)) out.push({ ...prev })
    }
    if (out.length > 0) this.flushes.push({ t, rows: out })
  }
}

/** argo-cd resourceState.Merge: non-empty new values replace old ones; true when anything changed. */
export function mergeResourceState(into: ResourceRow, from: ResourceRow): boolean {
  let updated = false
  for (const field of ['status', 'health', 'hook', 'message'] as const) {
    if (from[field] !== '' && into[field] !== from[field]) {
      into[field] = from[field]
      updated = true
    }
  }
  return updated
}
