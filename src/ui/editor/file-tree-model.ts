// The rows of the file tree as a list (what the keyboard walks): folders first, then files, each by name, as VS
// Code's explorer shows them; a collapsed folder hides what it holds. Pure: tested without a DOM.
import { allFolders, parentOf, type PathKind, type RepoTree } from '../session/file-paths.ts'
import { naturalCompare } from '../natural-order.ts'

export interface TreeRow {
  path: string
  name: string
  kind: PathKind
  /** 1 at the top (aria-level). */
  level: number
  /** Position among its siblings, from 1, and their number (aria-posinset, aria-setsize). */
  posInSet: number
  setSize: number
  /** A folder's state; undefined for a file. */
  expanded?: boolean
}

interface Entry { path: string; kind: PathKind }

const byKindThenName = (a: Entry, b: Entry): number =>
  a.kind !== b.kind ? (a.kind === 'folder' ? -1 : 1) : naturalCompare(a.path, b.path)

export function treeRows(tree: RepoTree, collapsed: ReadonlySet<string>): TreeRow[] {
  const children = new Map<string, Entry[]>()
  const add = (entry: Entry) => {
    const parent = parentOf(entry.path)
    children.set(parent, [...children.get(parent) ?? [], entry])
  }
  for (const path of allFolders(tree)) add({ path, kind: 'folder' })
  for (const f of tree.files) add({ path: f.path, kind: 'file' })
  const rows: TreeRow[] = []
  const walk = (folder: string, level: number) => {
    const entries = (children.get(folder) ?? []).sort(byKindThenName)
    entries.forEach((e, i) => {
      const expanded = e.kind === 'folder' ? !collapsed.has(e.path) : undefined
      rows.push({ path: e.path, name: e.path.slice(folder === '' ? 0 : folder.length + 1), kind: e.kind, level,
        posInSet: i + 1, setSize: entries.length, ...(expanded === undefined ? {} : { expanded }) })
      if (expanded) walk(e.path, level + 1)
    })
  }
  walk('', 1)
  return rows
}

/** The row the arrow keys lead to from row `index` (WAI-ARIA tree view pattern), or undefined to stay. */
export function rowForKey(rows: readonly TreeRow[], index: number, key: string): { index: number } | { toggle: string } | undefined {
  const row = rows[index]
  if (row === undefined) return undefined
  switch (key) {
    case 'ArrowDown': return index + 1 < rows.length ? { index: index + 1 } : undefined
    case 'ArrowUp': return index > 0 ? { index: index - 1 } : undefined
    case 'Home': return { index: 0 }
    case 'End': return { index: rows.length - 1 }
    case 'ArrowRight':
      if (row.expanded === false) return { toggle: row.path }
      return row.expanded === true && rows[index + 1]?.level === row.level + 1 ? { index: index + 1 } : undefined
    case 'ArrowLeft': {
      if (row.expanded === true) return { toggle: row.path }
      const parent = rows.findIndex(r => r.path === parentOf(row.path) && r.kind === 'folder')
      return parent >= 0 ? { index: parent } : undefined
    }
    default: return undefined
  }
}
