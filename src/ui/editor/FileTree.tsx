// The repository's files as a tree of folders, like VS Code's explorer: New File, New Folder, Rename and Delete,
// with the name typed in place and checked as it is typed. One Tab stop (the WAI-ARIA tree view pattern): arrows
// walk the tree, Enter opens a file in the editor, F2 renames, Delete deletes (after a confirmation).
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactElement } from 'react'
import { isWithin, joinPath, parentOf, pathProblem, type PathKind, type RepoTree } from '../session/file-paths.ts'
import { rowForKey, treeRows, type TreeRow } from './file-tree-model.ts'

export interface FileTreeProps {
  tree: RepoTree
  /** The file shown in the editor. */
  active: string
  /** A letter per changed file since the last commit (A added, M modified, R renamed), as the explorer shows. */
  changes: ReadonlyMap<string, string>
  /** Show a file; `focusEditor`: and move the keyboard focus into the editor. */
  onOpen: (path: string, focusEditor: boolean) => void
  onCreate: (path: string, kind: PathKind) => void
  onRename: (from: string, to: string, kind: PathKind) => void
  onDelete: (path: string, kind: PathKind) => void
}

type Editing = { mode: 'new'; kind: PathKind; parent: string } | { mode: 'rename'; kind: PathKind; path: string }

export function FileTree({ tree, active, changes, onOpen, onCreate, onRename, onDelete }: FileTreeProps): ReactElement {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set())
  const [focused, setFocused] = useState<string>(active)
  const [editing, setEditingState] = useState<Editing | undefined>()
  /** The edit under way, cleared at once when it ends: a blur as the field goes away must not end it twice. */
  const editingNow = useRef<Editing | undefined>(undefined)
  const setEditing = (next: Editing | undefined) => {
    editingNow.current = next
    setEditingState(next)
  }
  const [draft, setDraft] = useState('')
  const [tried, setTried] = useState(false)
  const rowRefs = useRef(new Map<string, HTMLDivElement>())
  /** A row to focus once it is rendered (after a create, rename, delete or cancel). */
  const focusNext = useRef<string | undefined>(undefined)
  const errorId = useId()

  const rows = useMemo(() => treeRows(tree, collapsed), [tree, collapsed])
  const current = rows.find(r => r.path === focused) ?? rows.find(r => r.path === active) ?? rows[0]

  useEffect(() => {
    const path = focusNext.current
    if (path === undefined || editing !== undefined) return
    focusNext.current = undefined
    rowRefs.current.get(path)?.focus()
  })

  const focusRow = (path: string) => {
    setFocused(path)
    rowRefs.current.get(path)?.focus()
  }
  const toggle = (path: string) => setCollapsed(c => {
    const next = new Set(c)
    if (!next.delete(path)) next.add(path)
    return next
  })

  // The name being typed: the full path it makes, and what is wrong with it.
  const target = editing === undefined ? undefined
    : editing.mode === 'new' ? joinPath(editing.parent, draft) : joinPath(parentOf(editing.path), draft)
  const problem = editing === undefined || target === undefined ? undefined
    : draft.trim() === '' ? 'A name is required.'
    : editing.mode === 'rename' && target === editing.path ? undefined
    : pathProblem(target, editing.kind, tree, editing.mode === 'rename' ? editing.path : undefined)

  const startNew = (kind: PathKind) => {
    const at = current
    const parent = at === undefined ? '' : at.kind === 'folder' ? at.path : parentOf(at.path)
    if (parent !== '') setCollapsed(c => { const next = new Set(c); next.delete(parent); return next })
    setEditing({ mode: 'new', kind, parent })
    setDraft('')
    setTried(false)
  }
  const startRename = (row: TreeRow | undefined) => {
    if (row === undefined) return
    setEditing({ mode: 'rename', kind: row.kind, path: row.path })
    setDraft(row.name)
    setTried(false)
  }
  const stopEditing = (focusPath: string | undefined) => {
    focusNext.current = focusPath
    setEditing(undefined)
  }
  // `byKey`: Enter or Escape, after which the focus goes back to the tree (or, for a new file, into the editor);
  // when the field is left (Tab, a click), the focus stays where it went.
  const cancel = (byKey: boolean) => stopEditing(!byKey ? undefined : editing?.mode === 'rename' ? editing.path : current?.path)
  const submit = (byKey: boolean): void => {
    if (editing === undefined || target === undefined || editingNow.current !== editing) return
    if (problem !== undefined) {
      setTried(true)
      return
    }
    editingNow.current = undefined // the callbacks may move the focus, and so blur the field
    if (editing.mode === 'new') onCreate(target, editing.kind)
    else if (target !== editing.path) onRename(editing.path, target, editing.kind)
    setFocused(target)
    const newFile = editing.mode === 'new' && editing.kind === 'file'
    if (newFile && byKey) onOpen(target, true)
    stopEditing(byKey && !newFile ? target : undefined)
  }

  const remove = (row: TreeRow | undefined) => {
    if (row === undefined) return
    const question = row.kind === 'folder'
      ? `Delete the folder ${row.path} and everything in it?`
      : `Delete ${row.path}?${changes.has(row.path) ? ' Its changes are not committed.' : ''}`
    if (!window.confirm(question)) return
    const index = rows.indexOf(row)
    const after = rows.slice(index + 1).find(r => !isWithin(r.path, row.path)) ?? rows[index - 1]
    onDelete(row.path, row.kind)
    if (after !== undefined) {
      setFocused(after.path)
      focusNext.current = after.path
    }
  }

  const onRowKeyDown = (e: KeyboardEvent<HTMLDivElement>, index: number) => {
    const row = rows[index]!
    if (e.key === 'F2') startRename(row)
    else if (e.key === 'Delete') remove(row)
    else if (e.key === 'Enter' || e.key === ' ') {
      if (row.kind === 'folder') toggle(row.path)
      else onOpen(row.path, e.key === 'Enter')
    } else {
      const move = rowForKey(rows, index, e.key)
      if (move === undefined) return
      if ('toggle' in move) toggle(move.toggle)
      else {
        const next = rows[move.index]!
        focusRow(next.path)
        if (next.kind === 'file') onOpen(next.path, false)
      }
    }
    e.preventDefault()
  }

  const nameInput = (level: number, label: string) => (
    <div role="treeitem" aria-level={level} aria-label={label} className="file-tree__edit"
      style={{ paddingLeft: `${level * 12}px` }} key="editing">
      <input autoFocus value={draft} spellCheck={false} aria-label={label} data-testid="file-tree-name"
        aria-invalid={problem !== undefined && (tried || draft !== '')}
        aria-describedby={problem !== undefined && (tried || draft !== '') ? errorId : undefined}
        onChange={e => setDraft(e.target.value)}
        onKeyDown={e => {
          if (e.key === 'Enter') { e.preventDefault(); submit(true) }
          else if (e.key === 'Escape') { e.preventDefault(); cancel(true) }
        }}
        // Leaving the field keeps a good name, and drops an empty or wrong one (as VS Code does).
        onBlur={() => {
          if (editingNow.current !== editing) return
          if (problem !== undefined) cancel(false); else submit(false)
        }} />
      {problem !== undefined && (tried || draft !== '') &&
        <div id={errorId} role="alert" className="file-tree__problem" data-testid="file-tree-problem">{problem}</div>}
    </div>
  )

  const items: ReactElement[] = []
  if (editing?.mode === 'new' && editing.parent === '') items.push(nameInput(1, `New ${editing.kind} name`))
  for (const [i, row] of rows.entries()) {
    if (editing?.mode === 'rename' && editing.path === row.path) {
      items.push(nameInput(row.level, `New name of ${row.path}`))
      continue
    }
    items.push(<Row key={row.path} row={row} active={row.path === active} change={changes.get(row.path)}
      tabStop={row === current && editing === undefined}
      ref={el => { if (el) rowRefs.current.set(row.path, el); else rowRefs.current.delete(row.path) }}
      onFocus={() => setFocused(row.path)} onKeyDown={e => onRowKeyDown(e, i)}
      onClick={() => { focusRow(row.path); if (row.kind === 'folder') toggle(row.path); else onOpen(row.path, false) }} />)
    if (editing?.mode === 'new' && editing.parent === row.path && row.expanded) {
      items.push(nameInput(row.level + 1, `New ${editing.kind} name in ${row.path}`))
    }
  }

  return (
    <div className="file-tree" data-testid="file-tree">
      <div className="file-tree__actions">
        <button type="button" onClick={() => startNew('file')} title="New File" data-testid="new-file">+ File</button>
        <button type="button" onClick={() => startNew('folder')} title="New Folder" data-testid="new-folder">+ Folder</button>
        <button type="button" onClick={() => startRename(current)} disabled={current === undefined}
          title={`Rename ${current?.path ?? ''} (F2)`} aria-label={`Rename ${current?.path ?? ''}`}
          data-testid="rename">Rename</button>
        <button type="button" onClick={() => remove(current)} disabled={current === undefined}
          title={`Delete ${current?.path ?? ''} (Delete)`} aria-label={`Delete ${current?.path ?? ''}`}
          data-testid="delete">Delete</button>
      </div>
      <div role="tree" aria-label="Files" className="file-tree__rows">
        {items}
        {rows.length === 0 && editing === undefined && <p className="muted">No files: add one with + File.</p>}
      </div>
    </div>
  )
}

interface RowProps {
  row: TreeRow
  active: boolean
  change: string | undefined
  tabStop: boolean
  ref: (el: HTMLDivElement | null) => void
  onFocus: () => void
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void
  onClick: () => void
}

function Row({ row, active, change, tabStop, ref, onFocus, onKeyDown, onClick }: RowProps): ReactElement {
  const icon = row.kind === 'folder' ? (row.expanded ? '▾' : '▸') : '·'
  return (
    <div role="treeitem" ref={ref} tabIndex={tabStop ? 0 : -1} aria-level={row.level} aria-posinset={row.posInSet}
      aria-setsize={row.setSize} aria-selected={row.kind === 'file' ? active : undefined}
      aria-expanded={row.expanded} data-path={row.path} data-kind={row.kind} title={row.path}
      className={`file-tree__row${active ? ' file-tree__row--active' : ''}`}
      style={{ paddingLeft: `${row.level * 12 - 8}px` }} onFocus={onFocus} onKeyDown={onKeyDown} onClick={onClick}>
      <span aria-hidden="true" className="file-tree__icon">{icon}</span>
      <span className="file-tree__name">{row.name}</span>
      {change !== undefined &&
        <span className={`file-tree__change file-tree__change--${change}`}
          aria-label={CHANGE_NAMES[change] ?? change}>{change}</span>}
    </div>
  )
}

const CHANGE_NAMES: Record<string, string> = { A: 'added', M: 'modified', R: 'renamed' }
