// The manifest reader: YAML text -> objects with positions, diagnostics and Argo CD sync settings.
import type { Diagnostic } from './types.ts'

export * from './annotations.ts'
export type * from './types.ts'
export { parseManifests, type ParseOptions } from './parse.ts'
export { duplicateKey, withoutRepeated } from './duplicates.ts'
export { readSyncSettings, type SettingsResult, type SettingsWarning } from './sync-settings.ts'
export { loadReaderTypes, readerTypesLoaded } from './schema/check-types.ts'

/** Any error means Argo CD could not render the app: nothing is synced. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some(d => d.severity === 'error')
}

/** `file:line:col: error: message`, the format compilers and editors understand. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`
}
