// The README's "Test your own hooks" shows real output: its sweep table and its test file are what synclab gives.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers.ts'

const README = readFileSync('README.md', 'utf8')

describe('README: Test your own hooks', () => {
  it('the sweep table is what synclab sweep examples/hooks/sweep.yaml prints', async () => {
    const shown = /\$ npx synclab sweep examples\/hooks\/sweep\.yaml\n([\s\S]*?)```/.exec(README)![1]!
    expect((await cli('sweep', 'examples/hooks/sweep.yaml')).out).toBe(shown)
  })

  it('the test shown is the first test of examples/hooks/hooks.test.yaml, and it holds', async () => {
    const shown = /# hooks\.test\.yaml\n([\s\S]*?)```/.exec(README)![1]!
    const strip = (text: string) => text.split('\n').map(l => l.replace(/\s+#.*$/, '')).filter(l => l.trim() && !l.startsWith('#'))
    const file = readFileSync('examples/hooks/hooks.test.yaml', 'utf8')
    const example = strip(file)
    expect(example.slice(0, strip(shown).length)).toEqual(strip(shown))
    const r = await cli('test', 'examples/hooks/hooks.test.yaml')
    expect(r.out).toContain('✓ the migration runs before the Deployment and is deleted after a good sync\n')
    expect(r.code).toBe(0)
  })
})
