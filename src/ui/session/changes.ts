// What a commit would change, as `git status` tells it: files added, modified, deleted, or renamed (a deleted file
// whose text is exactly that of an added one, as git detects a rename at 100% similarity).
import type { SourceFile } from '../../manifest/index.ts'

export type ChangeStatus = 'added' | 'modified' | 'deleted' | 'renamed'

export interface FileChange {
  status: ChangeStatus
  path: string
  /** The old path of a renamed file. */
  from?: string
  before: string
  after: string
}

export function fileChanges(base: readonly SourceFile[], files: readonly SourceFile[]): FileChange[] {
  const old = new Map(base.map(f => [f.path, f.text]))
  const now = new Map(files.map(f => [f.path, f.text]))
  const changes: FileChange[] = []
  const deleted = base.filter(f => !now.has(f.path))
  for (const f of files) {
    const before = old.get(f.path)
    if (before === f.text) continue
    if (before !== undefined) {
      changes.push({ status: 'modified', path: f.path, before, after: f.text })
      continue
    }
    const i = deleted.findIndex(d => d.text === f.text)
    const source = i < 0 ? undefined : deleted.splice(i, 1)[0]
    changes.push(source ? { status: 'renamed', path: f.path, from: source.path, before: f.text, after: f.text }
      : { status: 'added', path: f.path, before: '', after: f.text })
  }
  for (const d of deleted) changes.push({ status: 'deleted', path: d.path, before: d.text, after: '' })
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}
