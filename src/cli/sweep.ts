// `synclab sweep FILE [--json | --csv | --markdown] [--html OUT.html]`: the manifests synced under every combination
// of the file's dimensions (src/lib/sweep.ts), one row each: the values, each operation's phase, the deletions by
// reason and what is left on the cluster. Exit status: 0 done, 2 an invalid file or usage.
import { statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parseArgs } from 'node:util'
import { formatDiagnostic, hasErrors, parseManifests } from '../manifest/index.ts'
import { sweep, SweepError, type SweepRow } from '../lib/sweep.ts'
import { readManifestFiles } from './files.ts'
import { parseSweepFile } from './sweep-file.ts'
import { sweepHtml } from './sweep-report.ts'
import { readOneFile } from './one-file.ts'
import type { Output } from './sync.ts'

export const SWEEP_USAGE = `Usage:
  synclab sweep FILE [--json | --csv | --markdown] [--html OUT.html]

Syncs the manifests under every combination of the values in FILE's vary, each on a fresh simulated cluster, and
prints one row per combination: the values, each operation's phase, the deletions by reason, what is left. FILE:
  manifests: rendered/              # a file or folder, relative to FILE
  sync: { repeat: 2 }               # the options of every sync (synclab sync's flags: prune, syncOptions, retry ...)
  vary:
    - annotation: { kind: Job, name: migrate, key: argocd.argoproj.io/hook-delete-policy,
                    values: [HookSucceeded, HookFailed, BeforeHookCreation] }
    - whatIf: { kind: Job, name: migrate, values: [succeeds, fails] }   # also slow, never-ready, bad-image
    - field: { kind: Deployment, name: web, path: spec.replicas, values: [1, 3] }

  --json | --csv | --markdown   print the rows in that form (default: a table)
  --html OUT.html               also write a report with each row's timeline

Exit status: 0 done, 2 an invalid file or usage.`

export async function sweepCommand(argv: string[], io: Output): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: {
      json: { type: 'boolean', default: false }, csv: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false }, html: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false } } })
  } catch (e) {
    io.err(`synclab sweep: ${(e as Error).message}\n\n${SWEEP_USAGE}\n`)
    return 2
  }
  const v = parsed.values
  if (v.help) {
    io.out(`${SWEEP_USAGE}\n`)
    return 0
  }
  if ([v.json, v.csv, v.markdown].filter(Boolean).length > 1) {
    io.err('synclab sweep: give one of --json, --csv, --markdown\n')
    return 2
  }
  const input = readOneFile('sweep', parsed.positionals, SWEEP_USAGE, io)
  if (!input) return 2
  const { file, text } = input
  const { sweep: plan, diagnostics } = parseSweepFile(text, file)
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`)
  if (!plan) return 2
  const where = (s: { line: number; col: number }) => `${file}:${s.line}:${s.col}`
  const path = join(dirname(file), plan.manifests)
  if (!statSync(path, { throwIfNoEntry: false })) {
    io.err(`${where(plan.at.manifests)}: error: manifests: ${path}: no such file or directory\n`)
    return 2
  }
  const read = parseManifests(readManifestFiles([path]))
  for (const d of read.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
  if (hasErrors(read.diagnostics)) return 2
  if (read.manifests.length === 0) {
    io.err(`${where(plan.at.manifests)}: error: manifests: no objects in ${path}\n`)
    return 2
  }
  let result
  try {
    result = await sweep(read.manifests, { sync: plan.sync, vary: plan.vary })
  } catch (e) {
    if (!(e instanceof SweepError)) throw e
    io.err(`${where(plan.at.vary[e.dimension]!)}: error: ${e.message}\n`)
    return 2
  }
  const { rows, runs } = result
  const columns = [...Object.keys(rows[0]?.vars ?? {}), 'operations', 'deleted', 'left']
  const cells = rows.map(cellsOf)
  if (v.json) io.out(`${JSON.stringify({ rows }, null, 2)}\n`)
  else if (v.csv) io.out([columns, ...cells].map(r => r.map(csvCell).join(',')).join('\n') + '\n')
  else if (v.markdown) io.out(markdownTable(columns, cells))
  else io.out(textTable(columns, cells))
  if (v.html !== undefined) writeFileSync(v.html, sweepHtml(file, columns, cells, rows, runs))
  return 0
}

const show = (value: unknown): string => typeof value === 'string' ? value : JSON.stringify(value)

/** A row as text cells: the values, the operations' phases, the deletions grouped by reason, what is left. */
export function cellsOf(row: SweepRow): string[] {
  const byReason = new Map<string, string[]>()
  for (const d of row.deleted) {
    if (!byReason.has(d.reason)) byReason.set(d.reason, [])
    byReason.get(d.reason)!.push(`${d.kind}/${d.name}@${d.op}`)
  }
  return [...Object.values(row.vars).map(show), row.operations.map(o => o.phase).join(', '),
    [...byReason].map(([reason, objs]) => `${reason}: ${objs.join(' ')}`).join('; ') || '-', row.left.join(', ') || '-']
}

const csvCell = (s: string): string => /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s

function markdownTable(columns: readonly string[], cells: readonly string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|')
  return [`| ${columns.map(cell).join(' | ')} |`, `|${columns.map(() => ' --- ').join('|')}|`,
    ...cells.map(r => `| ${r.map(cell).join(' | ')} |`)].join('\n') + '\n'
}

function textTable(columns: readonly string[], cells: readonly string[][]): string {
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map(r => r[i]!.length)))
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(columns), ...cells.map(line)].join('\n') + '\n'
}
