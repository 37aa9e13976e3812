// "Open lab…" in the page: a .zip or folder read into labs and checked with the CLI's reader, the schema compiled
// ahead of time for the page (no eval under its Content-Security-Policy); and the progress file.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configMapYaml, labYaml, scaffoldLab } from '../../src/cli/lab-new.ts'
import { readLabFiles } from '../../src/labs/load.ts'
import { parseLab } from '../../src/labs/parse.ts'
import { validateLabSchema } from '../../src/labs/schema-validator.ts'
import { formatDiagnostic } from '../../src/manifest/index.ts'
import { checkUpload, forgetLab, keepLabs, labsInFiles, unzipText } from '../../src/ui/course/lab-upload.ts'
import { exportProgress, importProgress, readProgressFile } from '../../src/ui/course/progress-file.ts'
import { LABS } from '../../src/ui/labs/catalog.ts'
import { openedLabs } from '../../src/ui/labs/opened-labs.ts'

/** The browser's storage, in memory. */
function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() { return map.size },
    key: i => [...map.keys()][i] ?? null,
    getItem: k => map.get(k) ?? null,
    setItem: (k, v) => { map.set(k, String(v)) },
    removeItem: k => { map.delete(k) },
    clear: () => map.clear(),
  }
}

let tmp: string
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'synclab-open-lab-'))
  vi.stubGlobal('window', { localStorage: memoryStorage() })
})
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true })
  vi.unstubAllGlobals()
})

const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([p, t]) => [p, strToU8(t)])))
const open = (bytes: Uint8Array, name: string) => checkUpload(labsInFiles(unzipText(bytes), name), name)

describe('Open lab…: a broken lab', () => {
  it('a .zip with a broken lab.yaml: the problems at file:line:col, the same as synclab lab check prints', () => {
    const broken = labYaml('01-broken', 'broken', 'lab.schema.json').replace('minutes: 10', 'minutes: ten')
      .replace('  path: broken ', '  path: broken\n  colour: blue ')
    const r = open(zip({ '01-broken/lab.yaml': broken, '01-broken/repo/broken/cm.yaml': configMapYaml('broken'),
      '__MACOSX/01-broken/._lab.yaml': 'junk' }), 'broken.zip')
    expect(r.labs).toEqual([])
    expect(r.problems).toEqual([
      'broken.zip/01-broken/lab.yaml:8:10: error: minutes: must be a whole number',
      'broken.zip/01-broken/lab.yaml:13:3: error: app: unknown field "colour" (expected one of: name, namespace, path, syncPolicy, waveDelay, exists)',
    ])
    // The CLI's reader (parseLab with the schema compiled by ajv at run time) gives the same problems.
    const dir = join(tmp, '01-broken')
    scaffoldLab(dir)
    const files = readLabFiles(dir).map(f => (f.path === 'lab.yaml' ? { ...f, text: broken } : f))
    const cli = parseLab(files, 'broken.zip/01-broken', validateLabSchema).diagnostics.map(formatDiagnostic)
    expect(cli).toHaveLength(2)
    expect(checkUpload([{ dir: 'broken.zip/01-broken', files }], 'x').problems).toEqual(cli)
  })

  it('a rule beyond the schema (a solution file that does not exist) and YAML syntax errors point at their lines', () => {
    const text = labYaml('01-x', 'x', 's.json').replace('    needsWork: false', '    solution: { files: [missing.yaml] }')
    const r = open(zip({ 'lab.yaml': text, 'repo/x/cm.yaml': configMapYaml('x') }), 'x.zip')
    expect(r.problems).toEqual(['x.zip/lab.yaml:16:25: error: tasks.0.solution.files[0]: solution/sync-it/missing.yaml does not exist',
      'x.zip/lab.yaml:27:7: error: tasks.0.steps: the task has a solution but no "edit" step applies it'])
    const syntax = open(zip({ 'lab.yaml': 'id: [1, 2\n' }), 'syntax.zip')
    expect(syntax.problems).toEqual([expect.stringMatching(/^syntax\.zip\/lab\.yaml:\d+:\d+: error: /)])
  })

  it('no lab.yaml at all; an id the page has already', () => {
    expect(open(zip({ 'notes/readme.md': '# hi' }), 'notes.zip').problems)
      .toEqual(['notes.zip: no lab.yaml in it: a lab is a folder with lab.yaml (docs/labs.md)'])
    const taken = open(zip({ 'lab.yaml': labYaml('01-resource-hooks', 'x', 's.json'), 'repo/x/cm.yaml': configMapYaml('x') }), 'taken.zip')
    expect(taken.problems).toEqual(['taken.zip/lab.yaml: error: the page has a lab "01-resource-hooks" already: give yours another id'])
  })
})

describe('Open lab…: a good lab', () => {
  it('a folder holding two labs: both read, kept in the browser and in the picker; opening again replaces', () => {
    const files = [
      { path: 'a/lab.yaml', text: labYaml('51-a', 'a', 's.json') }, { path: 'a/repo/a/cm.yaml', text: configMapYaml('a') },
      { path: 'b/lab.yaml', text: labYaml('52-b', 'b', 's.json') }, { path: 'b/repo/b/cm.yaml', text: configMapYaml('b') },
      { path: 'b/repo/b/photo.png', text: 'binary' },
    ]
    const found = labsInFiles(files, 'course')
    expect(found.map(f => [f.dir, f.files.map(x => x.path)])).toEqual([
      ['course/a', ['lab.yaml', 'repo/a/cm.yaml']], ['course/b', ['lab.yaml', 'repo/b/cm.yaml']]])
    const r = checkUpload(found, 'course')
    expect(r.problems).toEqual([])
    expect(keepLabs(r.labs, new Map())).toBeUndefined()
    expect(openedLabs().map(l => l.id)).toEqual(['51-a', '52-b'])
    expect(LABS.filter(l => l.id.startsWith('5')).map(l => l.title)).toEqual(['A', 'B'])
    const again = checkUpload([{ dir: 'a', files: [{ path: 'lab.yaml', text: labYaml('51-a', 'a', 's.json').replace('title: A', 'title: A2') }, files[1]!].map(f => ({ path: f.path.replace(/^a\//, ''), text: f.text })) }], 'a')
    expect(again.problems).toEqual([])
    keepLabs(again.labs, new Map())
    expect(LABS.find(l => l.id === '51-a')?.title).toBe('A2')
    expect(openedLabs().map(l => l.id)).toEqual(['52-b', '51-a'])
    // Removed: out of the browser's storage and the picker; the other stays.
    expect(forgetLab('51-a')).toBeUndefined()
    expect(openedLabs().map(l => l.id)).toEqual(['52-b'])
    expect(LABS.some(l => l.id === '51-a')).toBe(false)
    expect(LABS.some(l => l.id === '52-b')).toBe(true)
  })
})

describe('Progress: download and load again', () => {
  it('round trip to another browser; what it replaces is set aside; a file that is not one is refused', () => {
    const here = window.localStorage
    here.setItem('synclab:01-resource-hooks', '{"files":[]}')
    here.setItem('synclab:progress:01-resource-hooks', '{"current":2}')
    here.setItem('synclab:01-resource-hooks:before-reset', 'old')
    here.setItem('other-site', 'x')
    const file = exportProgress(here, new Date('2026-12-07T12:00:00Z'))
    expect(file).toEqual({ format: 'synclab-progress/1', exported: '2026-12-07T12:00:00.000Z', entries: {
      'synclab:01-resource-hooks': '{"files":[]}', 'synclab:progress:01-resource-hooks': '{"current":2}' } })
    const there = memoryStorage()
    there.setItem('synclab:progress:01-resource-hooks', '{"current":0}')
    const { entries } = readProgressFile(JSON.stringify(file))
    expect(importProgress(there, entries!)).toBe(1)
    expect(there.getItem('synclab:progress:01-resource-hooks')).toBe('{"current":2}')
    expect(there.getItem('synclab:progress:01-resource-hooks:before-import')).toBe('{"current":0}')
    expect(readProgressFile('{').problem).toMatch(/^not JSON/)
    expect(readProgressFile('{"format":"x"}').problem).toMatch(/not a synclab progress file/)
    expect(readProgressFile('{"format":"synclab-progress/1","entries":{"evil":"x"}}').problem).toMatch(/"evil" is not a synclab key/)
  })
})

