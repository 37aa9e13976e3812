// `synclab course build`: every lab read first (file:line:col, exit 2, nothing written), then the site: the page
// copied, labs.json beside it, the title, and the service worker's revisions of what changed.
import { createHash } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { courseCommand, readCourseLabs } from '../../src/cli/course.ts'
import { withRevision, writeSite } from '../../src/cli/course-site.ts'
import { scaffoldLab } from '../../src/cli/lab-new.ts'
import { COURSE_FORMAT, readCourseFile } from '../../src/labs/course-file.ts'

let tmp: string
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'synclab-course-')) })
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const run = (...argv: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = courseCommand(argv, l => out.push(l), l => err.push(l))
  return { code, out, err }
}

describe('synclab course build: errors', () => {
  it('an invalid lab: its problems at file:line:col, exit 2, nothing written', () => {
    const labs = join(tmp, 'labs')
    scaffoldLab(join(labs, '01-good'))
    scaffoldLab(join(labs, '02-bad'))
    const file = join(labs, '02-bad', 'lab.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('minutes: 10', 'minutes: ten')
      .replace('      - exists: { kind: ConfigMap, name: bad }', '      - exists: { kind: ConfigMap }'))
    const out = join(tmp, 'site')
    const r = run('build', labs, '--out', out)
    expect(r.code).toBe(2)
    expect(r.err[0]).toBe(`${file}:8:10: error: minutes: must be a whole number`)
    expect(r.err.at(-1)).toMatch(/problems?; nothing written$/)
    expect(existsSync(out)).toBe(false)
  })

  it('a rule the schema cannot say (an edit of a missing file) points at its line too', () => {
    const dir = join(tmp, '01-edit')
    scaffoldLab(dir)
    const file = join(dir, 'lab.yaml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('    needsWork: false', '    solution:\n      edits: [{ file: nope.yaml, replace: a, with: b }]'))
    const r = run('build', dir, '--out', join(tmp, 'site'))
    expect(r.code).toBe(2)
    expect(r.err[0]).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:\\d+:\\d+: error: .*nope\\.yaml`))
  })

  it('a folder with no lab, a missing folder, two labs with one id, an id of a built-in lab', () => {
    mkdirSync(join(tmp, 'empty'))
    scaffoldLab(join(tmp, 'a', '01-same'))
    scaffoldLab(join(tmp, 'b', '01-same'))
    scaffoldLab(join(tmp, 'c', '01-resource-hooks'))
    const r = readCourseLabs([join(tmp, 'empty'), join(tmp, 'gone'), join(tmp, 'a'), join(tmp, 'b'), join(tmp, 'c')],
      ['01-resource-hooks'])
    expect(r.problems.map(p => `${p.file}:${p.line}:${p.col}: ${p.message}`)).toEqual([
      `${join(tmp, 'empty')}:1:1: no lab in ${join(tmp, 'empty')}: a lab is a folder with lab.yaml (docs/labs.md)`,
      `${join(tmp, 'gone')}:1:1: no such folder`,
      `${join(tmp, 'b', '01-same', 'lab.yaml')}:4:1: id: "01-same" is already the id of ${join(tmp, 'a', '01-same')}`,
      `${join(tmp, 'c', '01-resource-hooks', 'lab.yaml')}:4:1: id: "01-resource-hooks" is already the id of one of synclab's own labs`,
    ])
  })

  it('usage: no folder or no --out exits 2; an unknown subcommand exits 2', () => {
    expect(run('build', '--out', join(tmp, 'x')).code).toBe(2)
    expect(run('build', tmp).code).toBe(2)
    expect(run('make').code).toBe(2)
  })
})

describe('synclab course build: the site', () => {
  const md5 = (s: string) => createHash('md5').update(s).digest('hex')
  const page = () => {
    const dir = join(tmp, 'page')
    mkdirSync(join(dir, 'assets'), { recursive: true })
    writeFileSync(join(dir, 'index.html'), '<html><head><title>synclab</title></head></html>')
    writeFileSync(join(dir, 'labs.json'), '{}')
    writeFileSync(join(dir, 'assets', 'a.js'), 'x')
    writeFileSync(join(dir, 'sw.js'), 's.precacheAndRoute([{url:"index.html",revision:"aa"},{url:"labs.json",revision:"bb"}])')
    return dir
  }

  it('copies the page, writes labs.json, the title (escaped) and the new revisions into sw.js', () => {
    const labs = readCourseLabs([(scaffoldLab(join(tmp, '01-one')), join(tmp, '01-one'))], []).labs
    const out = join(tmp, 'site')
    writeSite(page(), out, { format: COURSE_FORMAT, builtin: false, labs, title: 'Argo <CD>' })
    const json = readFileSync(join(out, 'labs.json'), 'utf8')
    const course = readCourseFile(JSON.parse(json))!
    expect(course.labs.map(l => [l.id, l.files.map(f => f.path)])).toEqual([['01-one', ['lab.yaml', 'repo/one/configmap.yaml']]])
    expect(course.builtin).toBe(false)
    const index = readFileSync(join(out, 'index.html'), 'utf8')
    expect(index).toContain('<title>Argo &lt;CD&gt;</title>')
    expect(readFileSync(join(out, 'sw.js'), 'utf8'))
      .toBe(`s.precacheAndRoute([{url:"index.html",revision:"${md5(index)}"},{url:"labs.json",revision:"${md5(json)}"}])`)
    expect(readFileSync(join(out, 'assets', 'a.js'), 'utf8')).toBe('x')
  })

  it('replaces a site it built before, but never a folder that holds something else', () => {
    const template = page()
    const out = join(tmp, 'site')
    writeSite(template, out, { format: COURSE_FORMAT, builtin: true, labs: [] })
    writeFileSync(join(out, 'old.txt'), 'old')
    writeSite(template, out, { format: COURSE_FORMAT, builtin: true, labs: [] })
    expect(existsSync(join(out, 'old.txt'))).toBe(false)
    const mine = join(tmp, 'mine')
    cpSync(join(template, 'assets'), mine, { recursive: true })
    expect(() => writeSite(template, mine, { format: COURSE_FORMAT, builtin: true, labs: [] })).toThrow(/holds no synclab site/)
    expect(readFileSync(join(mine, 'a.js'), 'utf8')).toBe('x')
  })

  it('a service worker that does not precache labs.json is an error, not a silent stale course', () => {
    expect(() => withRevision('precacheAndRoute([])', 'labs.json', '{}')).toThrow(/does not precache labs\.json/)
  })
})
