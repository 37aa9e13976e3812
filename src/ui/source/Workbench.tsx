// The source's working area, loaded after the page: the file tree beside the editor; and, under the problems,
// the changes a commit would make (with their diff) and the history of commits with what each changed.
import { useMemo, useRef, type ReactElement } from 'react'
import type * as Monaco from 'monaco-editor/editor/editor.api'
import { ManifestEditor } from '../editor/ManifestEditor.tsx'
import { FileTree } from '../editor/FileTree.tsx'
import { fileChanges, type ChangeStatus } from '../session/changes.ts'
import type { PathKind } from '../session/file-paths.ts'
import type { Session } from '../session/session.ts'
import { ChangesView, HistoryView } from './ChangesView.tsx'
import './workbench.css'

const LETTER: Record<ChangeStatus, string> = { added: 'A', modified: 'M', renamed: 'R', deleted: 'D' }

export function Workbench({ session }: { session: Session }): ReactElement {
  const editor = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null)
  const { files, folders, head } = session
  const tree = useMemo(() => ({ files, folders }), [files, folders])
  const changes = useMemo(() => fileChanges(head?.files ?? [], files), [head, files])
  const letters = useMemo(() => new Map(changes.map(c => [c.path, LETTER[c.status]])), [changes])

  const open = (path: string, focusEditor: boolean) => {
    if (path !== session.active) session.setActive(path)
    if (focusEditor) editor.current?.focus()
  }
  const create = (path: string, kind: PathKind) => (kind === 'file' ? session.createFile(path) : session.createFolder(path))
  const rename = (from: string, to: string, kind: PathKind) =>
    kind === 'file' ? session.renameFile(from, to) : session.renameFolder(from, to)
  const remove = (path: string, kind: PathKind) => (kind === 'file' ? session.deleteFile(path) : session.deleteFolder(path))

  return (
    <div className="workbench">
      <FileTree tree={tree} active={session.active} changes={letters} onOpen={open} onCreate={create}
        onRename={rename} onDelete={remove} />
      <ManifestEditor files={files} active={session.active} diagnostics={session.diagnostics}
        onChange={(path, text) => session.edit(path, text)} onEditor={ed => { editor.current = ed }} />
    </div>
  )
}

/** The changes to commit and the history. */
export function SourceHistory({ session }: { session: Session }): ReactElement {
  const { files, head } = session
  const changes = useMemo(() => fileChanges(head?.files ?? [], files), [head, files])
  return (
    <>
      <ChangesView changes={changes} />
      <HistoryView revisions={session.revisions} />
    </>
  )
}

export default Workbench
