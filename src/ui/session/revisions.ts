// Revisions of the application's source: what "Commit" makes of the edited files. The id is a content hash
// (src/manifest/revision-id.ts), shown short as git shows a commit.
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
