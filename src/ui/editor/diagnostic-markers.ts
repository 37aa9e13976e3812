// synclab's own diagnostics (src/manifest) as Monaco markers. Pure: no Monaco import, so it is unit-tested in
// node. The manifest reader is the source of truth for errors; monaco-yaml's schema markers (owner 'yaml',
// always Warnings) only add hints.
import type { Diagnostic } from '../../manifest/types.ts'

/** Marker owner for setModelMarkers, so our markers never clobber monaco-yaml's. */
export const MARKER_OWNER = 'synclab'

/** monaco.MarkerSeverity.Error / .Warning (numeric values of Monaco's enum). */
export const MARKER_SEVERITY = { error: 8, warning: 4 } as const

/** Structurally a monaco.editor.IMarkerData. */
export interface SynclabMarkerData {
  startLineNumber: number
  startColumn: number
  endLineNumber: number
  endColumn: number
  severity: 8 | 4
  message: string
  code: string
  source: 'synclab'
}

/**
 * The markers of one file: the diagnostics whose `file` is `path`, 1-based positions kept as they are (Monaco
 * positions are 1-based too). An end before the start is clamped to the start; Monaco widens an empty range to
 * the word at that position.
 */
export function toMarkers(diagnostics: readonly Diagnostic[], path: string): SynclabMarkerData[] {
  const out: SynclabMarkerData[] = []
  for (const d of diagnostics) {
    if (d.file !== path) continue
    const startLineNumber = Math.max(1, d.line)
    const startColumn = Math.max(1, d.col)
    let endLineNumber = Math.max(1, d.endLine)
    let endColumn = Math.max(1, d.endCol)
    if (endLineNumber < startLineNumber || (endLineNumber === startLineNumber && endColumn < startColumn)) {
      endLineNumber = startLineNumber
      endColumn = startColumn
    }
    out.push({
      startLineNumber, startColumn, endLineNumber, endColumn,
      severity: MARKER_SEVERITY[d.severity],
      message: d.message,
      code: d.code,
      source: MARKER_OWNER,
    })
  }
  return out
}

/** Errors and warnings per file, for tab badges. */
export function countByFile(diagnostics: readonly Diagnostic[]): Map<string, { errors: number; warnings: number }> {
  const out = new Map<string, { errors: number; warnings: number }>()
  for (const d of diagnostics) {
    const c = out.get(d.file) ?? { errors: 0, warnings: 0 }
    if (d.severity === 'error') c.errors++
    else c.warnings++
    out.set(d.file, c)
  }
  return out
}

/**
 * The model URI for a file path, as a string: `file:///<path>` (leading slashes dropped, each segment
 * percent-encoded), so monaco-yaml's fileMatch globs (`**\/*.yaml`) apply. Parse it with monaco.Uri.parse.
 */
export function modelUri(path: string): string {
  const clean = path.replace(/\\/g, '/').replace(/^\/+/, '')
  return `file:///${clean.split('/').map(encodeURIComponent).join('/')}`
}
