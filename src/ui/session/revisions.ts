// Revisions of the application's source: what "Commit" makes of the edited files. The id is a content hash,
// shown short as git shows a commit.
import type { KubeObject } from '../../cluster/objects.ts'
import { hasErrors, parseManifests, type Diagnostic, type SourceFile } from '../../manifest/index.ts'

export interface SourceRevision {
  id: string
  message: string
  files: SourceFile[]
  manifests: KubeObject[]
}

export function readSource(files: SourceFile[]): { manifests: KubeObject[]; diagnostics: Diagnostic[]; ok: boolean } {
  const { manifests, diagnostics } = parseManifests(files)
  return { manifests: manifests.map(m => m.object), diagnostics, ok: !hasErrors(diagnostics) }
}

/** A 40-hex id from the files' content (FNV-1a, stretched): the same content always gets the same id. */
export function revisionId(files: SourceFile[], parent: string): string {
  const text = parent + files.map(f => `${f.path}\u0000${f.text}`).join('\u0001')
  let out = ''
  let h = 0x811c9dc5
  for (let round = 0; out.length < 40; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
    h = Math.imul(h ^ round, 0x01000193) >>> 0
    out += h.toString(16).padStart(8, '0')
  }
  return out.slice(0, 40)
}
