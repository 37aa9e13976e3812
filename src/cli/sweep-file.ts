// A sweep file (`synclab sweep FILE`, schema/sweep.schema.json): manifests, the options of every sync, and the
// dimensions to vary. Problems are Diagnostics at file:line:col, found as the lab parser finds them (parse.ts).
import { Ajv } from 'ajv'
import { LineCounter, parseDocument } from 'yaml'
import schema from '../../schema/sweep.schema.json' with { type: 'json' }
import { describeError, Positions, withoutAnyOfBranches } from '../labs/parse.ts'
import type { Diagnostic } from '../manifest/index.ts'
import type { Dimension } from '../lib/sweep.ts'
import { resolveSimulateOptions, type SimulateOptions, UsageError } from '../lib/sync-options.ts'

export interface SweepFile {
  file: string
  manifests: string
  sync: SimulateOptions
  vary: Dimension[]
  /** Where things are written: `manifests`, and each dimension (for errors found later). */
  at: { manifests: Span; vary: Span[] }
}

type Span = { line: number; col: number }

let compiled: ReturnType<Ajv['compile']> | undefined

export function parseSweepFile(text: string, file: string): { sweep?: SweepFile; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false })
  const at = new Positions(doc, lc, text)
  const report = (code: string, message: string, range: readonly [number, number, ...number[]] | null | undefined) =>
    diagnostics.push({ file, ...at.span(range), severity: 'error', code, message })
  for (const e of doc.errors) report('yaml-syntax', e.message, e.pos)
  if (diagnostics.length > 0) return { diagnostics }
  const raw = doc.toJS() as unknown
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(schema)
  if (!compiled(raw)) {
    for (const e of withoutAnyOfBranches([...compiled.errors ?? []])) {
      const d = describeError(e)
      const node = d.key !== undefined ? at.key(d.path, d.key) ?? at.node(d.path) : at.node(d.path)
      report(`schema-${e.keyword}`, d.message.replace(/^lab\.yaml:/, 'sweep file:'), node?.range)
    }
    return { diagnostics: diagnostics.sort((a, b) => a.line - b.line || a.col - b.col) }
  }
  const r = raw as { manifests: string; sync?: SimulateOptions; vary: Dimension[] }
  const sync = r.sync ?? {}
  try {
    resolveSimulateOptions(sync)
  } catch (e) {
    if (!(e instanceof UsageError)) throw e
    report('sweep-sync', `sync: ${e.message}`, at.node(['sync'])?.range)
    return { diagnostics }
  }
  const span = (path: Array<string | number>): Span => {
    const s = at.span(at.node(path)?.range ?? null)
    return { line: s.line, col: s.col }
  }
  return { sweep: { file, manifests: r.manifests, sync, vary: r.vary,
    at: { manifests: span(['manifests']), vary: r.vary.map((_, i) => span(['vary', i])) } }, diagnostics }
}
