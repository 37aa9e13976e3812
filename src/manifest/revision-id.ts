// The id of a revision of the source files: the page's commits and the terminal's `argocd app create` (an app made
// from files that were never committed) name a revision the same way.
import type { SourceFile } from './types.ts'

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
