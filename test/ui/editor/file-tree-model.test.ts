// The file tree's rows and its keyboard walk (WAI-ARIA tree view pattern).
import { describe, expect, it } from 'vitest'
import { rowForKey, treeRows } from '../../../src/ui/editor/file-tree-model.ts'

const tree = {
  files: [{ path: 'app/b.yaml', text: '' }, { path: 'app/a.yaml', text: '' }, { path: 'app/sub/c.yaml', text: '' },
    { path: 'top.yaml', text: '' }],
  folders: ['app/empty', 'other'],
}

describe('file tree rows', () => {
  it('folders first, then files, by name; levels and positions for assistive technology', () => {
    const rows = treeRows(tree, new Set())
    expect(rows.map(r => `${'  '.repeat(r.level - 1)}${r.name}`)).toEqual([
      'app', '  empty', '  sub', '    c.yaml', '  a.yaml', '  b.yaml', 'other', 'top.yaml'])
    expect(rows[0]).toMatchObject({ kind: 'folder', expanded: true, posInSet: 1, setSize: 3 })
    expect(rows.find(r => r.path === 'app/b.yaml')).toMatchObject({ level: 2, posInSet: 4, setSize: 4 })
    expect(rows.find(r => r.path === 'top.yaml')!.expanded).toBeUndefined()
  })

  it('a collapsed folder hides what it holds', () => {
    expect(treeRows(tree, new Set(['app'])).map(r => r.path)).toEqual(['app', 'other', 'top.yaml'])
  })

  it('arrows: down and up walk the rows, right opens or enters a folder, left closes it or goes to its parent', () => {
    const rows = treeRows(tree, new Set(['other']))
    const at = (path: string) => rows.findIndex(r => r.path === path)
    expect(rowForKey(rows, 0, 'ArrowDown')).toEqual({ index: 1 })
    expect(rowForKey(rows, 0, 'ArrowUp')).toBeUndefined()
    expect(rowForKey(rows, 0, 'End')).toEqual({ index: rows.length - 1 })
    expect(rowForKey(rows, 0, 'ArrowRight')).toEqual({ index: 1 })
    expect(rowForKey(rows, at('other'), 'ArrowRight')).toEqual({ toggle: 'other' })
    expect(rowForKey(rows, at('app/empty'), 'ArrowRight')).toBeUndefined()
    expect(rowForKey(rows, at('app/sub/c.yaml'), 'ArrowLeft')).toEqual({ index: at('app/sub') })
    expect(rowForKey(rows, at('app'), 'ArrowLeft')).toEqual({ toggle: 'app' })
    expect(rowForKey(rows, at('top.yaml'), 'ArrowLeft')).toBeUndefined()
    expect(rowForKey(rows, 0, 'x')).toBeUndefined()
  })
})
