// The page opens a built-in lab from what the build read (labs-prebuilt.ts), not by parsing it again: that lab must
// be the very lab the page's own reading of the bundled files gives, files in the same order.
import { describe, expect, it } from 'vitest'
import builtinLabs from 'virtual:builtin-labs'
import { DEFAULT_USER, labsFromFiles, parseLab } from '../../../src/labs/parse.ts'
import { builtLabData, LABS, labById, labFiles, startFiles, startSource } from '../../../src/ui/labs/catalog.ts'
import { readSource } from '../../../src/ui/session/revisions.ts'

const raw = import.meta.glob(['../../../labs/*/lab.yaml', '../../../labs/*/repo/**/*.{yaml,yml}',
  '../../../labs/*/solution/**/*.{yaml,yml}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>
const pageFiles = labsFromFiles(Object.entries(raw).map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text })))

describe('the labs read at build time', () => {
  it('hold every built-in lab', () => {
    expect(Object.keys(builtinLabs).sort()).toEqual([...pageFiles.keys()].sort())
    expect(Object.keys(builtinLabs).length).toBeGreaterThanOrEqual(10)
  })

  for (const id of [...pageFiles.keys()]) {
    it(`${id}: the same lab as parsing the page's files, for the default learner`, () => {
      const { lab } = parseLab(pageFiles.get(id)!, `labs/${id}`)
      expect(lab).toBeDefined()
      const { start: _start, ...built } = builtLabData(id)!
      expect(builtinLabs[id]!.title).toBe(lab!.title)
      expect({ ...built, files: new Map(built.files) }).toEqual(lab)
      expect(built.files.map(([path]) => path)).toEqual([...lab!.files.keys()])
      const opened = labById(id, DEFAULT_USER)
      expect(opened).toEqual(lab)
      expect([...opened.files.keys()]).toEqual([...lab!.files.keys()])
      expect(labFiles(id)).toEqual(pageFiles.get(id))
      // Its start files, read as the session reads them once the reader's types have loaded (test/setup.ts).
      const read = readSource(startFiles(lab!))
      expect(startSource(opened)).toEqual(read)
      expect(read.manifests.length).toBeGreaterThan(0)
    })
  }

  it('another learner still gets the lab read with their name, and the session reads its files', () => {
    const lab = labById(LABS[0]!.id, 'ada')
    expect(lab.app.namespace).toBe('ada')
    expect(startSource(lab)).toBeUndefined()
  })

  it('each opening gets its own copy of the start files read', () => {
    const a = startSource(labById(LABS[0]!.id))!
    const b = startSource(labById(LABS[0]!.id))!
    expect(a).toEqual(b)
    expect(a.manifests[0]).not.toBe(b.manifests[0])
  })
})
