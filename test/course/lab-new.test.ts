// `synclab lab new`: the scaffold loads with the schema and passes `synclab lab check` both ways at once.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { labCommand } from '../../src/cli/lab.ts'
import { labIdFor } from '../../src/cli/lab-new.ts'

let tmp: string
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'synclab-lab-new-')) })
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

const run = async (...argv: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await labCommand(argv, l => out.push(l), l => err.push(l))
  return { code, out, err }
}

describe('synclab lab new', () => {
  it('scaffolds a lab that passes lab check with --solution and from its start state', async () => {
    const dir = join(tmp, '03-my-course-lab')
    const made = await run('new', dir)
    expect(made.code).toBe(0)
    expect(made.out).toContain(`created ${join(dir, 'lab.yaml')}`)
    expect(made.out).toContain(`created ${join(dir, 'repo/my-course-lab/configmap.yaml')}`)
    expect(await run('check', dir, '--solution')).toEqual({ code: 0, err: [],
      out: ['03-my-course-lab: My Course Lab (solutions)', '✓ 1 Sync the application'] })
    expect((await run('check', dir)).code).toBe(0)
  })

  it('the modeline points at the schema synclab ships, relative to the lab', async () => {
    const dir = join(tmp, '01-x')
    await run('new', dir)
    const first = readFileSync(join(dir, 'lab.yaml'), 'utf8').split('\n')[0]!
    const m = /^# yaml-language-server: \$schema=(.+)$/.exec(first)
    expect(m).not.toBeNull()
    expect(resolve(dir, m![1]!)).toBe(resolve('schema/lab.schema.json'))
  })

  it('a folder name that is no lab id gives 01-<slug>; a folder with files in it is refused (exit 2)', async () => {
    expect(labIdFor('/x/My Lab!')).toBe('01-my-lab')
    expect(() => labIdFor('/x/!!!')).toThrow(/name it like 01-my-lab/)
    const dir = join(tmp, 'full')
    mkdirSync(dir)
    writeFileSync(join(dir, 'keep.txt'), 'mine')
    await expect(run('new', dir)).rejects.toThrow(/exists and is not empty/)
    expect(readFileSync(join(dir, 'keep.txt'), 'utf8')).toBe('mine')
    expect((await run('new')).code).toBe(2)
  })
})
