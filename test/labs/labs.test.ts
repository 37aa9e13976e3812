// Every shipped lab, both ways: its solutions pass, its start states fail where the task needs work, and its
// pitfalls are rejected. This is the proof that the labs' checks tell a done task from one not done.
import { describe, expect, it } from 'vitest'
import { labCommand } from '../../src/cli/lab.ts'
import { labDirs, loadLabDir } from '../../src/labs/load.ts'
import { checkLab } from '../../src/labs/run.ts'
import { labOf, MINIMAL } from './helpers.ts'

describe.each(labDirs('labs'))('%s', dir => {
  const { lab } = loadLabDir(dir)
  it('every solution passes', async () => {
    const lines = await checkLab(lab!, { solution: true })
    expect(lines.filter(l => !l.ok).map(l => l.text)).toEqual([])
    expect(lines).toHaveLength(lab!.tasks.length)
  })
  it('start states fail where the task needs work; pitfalls are rejected', async () => {
    const lines = await checkLab(lab!, { solution: false })
    expect(lines.filter(l => !l.ok).map(l => l.text)).toEqual([])
    expect(lines).toHaveLength(lab!.tasks.length + lab!.tasks.reduce((n, t) => n + t.pitfalls.length, 0))
  })
})

describe('lab check verdicts', () => {
  it('a task that needs work but passes from its start state is a mismatch', async () => {
    const lab = labOf(MINIMAL.replace('    needsWork: false\n', '')
      .replace('    steps:\n', '    solution:\n      edits: [{ file: svc.yaml, replace: "port: 5000", with: "port: 5001" }]\n    steps:\n      - edit: {}\n      - commit: {}\n'))
    expect(await checkLab(lab, { solution: false })).toEqual([{ ok: false, text: "✗ 1 Sync it: passes without the learner's edits" }])
    expect(await checkLab(lab, { solution: true })).toEqual([{ ok: true, text: '✓ 1 Sync it' }])
  })

  it('a solution that fails is a mismatch, with the expectation that failed and why', async () => {
    const lab = labOf(MINIMAL.replace('phase: Succeeded', 'phase: Failed'))
    expect(await checkLab(lab, { solution: true })).toEqual([{ ok: false,
      text: '✗ 1 Sync it: check[0] the last operation is Failed: it is Succeeded ("successfully synced (no more tasks)")' }])
  })

  it('a pitfall the check accepts is a mismatch', async () => {
    const lab = labOf(MINIMAL.replace('      - operation: { phase: Succeeded }\n', `      - operation: { phase: Succeeded }
    pitfalls:
      - id: same
        title: changes nothing that matters
        edits: [{ file: svc.yaml, content: "apiVersion: v1\\nkind: ConfigMap\\nmetadata: { name: x }\\n" }]
        steps: [{ edit: {} }, { commit: {} }, { sync: {} }]
        check: [{ operation: { phase: Succeeded } }]
`))
    const lines = await checkLab(lab, { solution: false })
    expect(lines[1]).toEqual({ ok: false, text: "  ✗ 1.same changes nothing that matters: the task's check accepts this wrong attempt" })
  })
})

describe('synclab lab check', () => {
  const run = async (...argv: string[]) => {
    const out: string[] = []
    const err: string[] = []
    const code = await labCommand(argv, l => out.push(l), l => err.push(l))
    return { code, out, err }
  }

  it('lab 01 with --solution: every task passes, exit 0', async () => {
    const r = await run('check', 'labs/01-resource-hooks', '--solution')
    expect(r).toEqual({ code: 0, err: [], out: ['01-resource-hooks: Resource hooks (solutions)', '✓ 1 Hook example',
      '✓ 2 Post-hook curl', '✓ 3 Delete the application'] })
  })

  it('lab 01 from start states: task 2 is not done yet, its pitfalls are rejected', async () => {
    const r = await run('check', 'labs/01-resource-hooks')
    expect(r.code).toBe(0)
    expect(r.out[1]).toBe('✓ 1 Hook example (no edits needed)')
    expect(r.out[2]).toMatch(/^✓ 2 Post-hook curl \(not done yet: check\[2\] log of Job after contains "<html": /)
    expect(r.out[3]).toMatch(/^ {2}✓ 2\.curl-in-go-image .* \(rejected: check\[0\] the last operation is Succeeded: it is Failed/)
    expect(r.out[4]).toMatch(/^ {2}✓ 2\.fix-without-cleanup .*field is immutable/)
    expect(r.out[5]).toBe('✓ 3 Delete the application (no edits needed)')
  })

  it('an invalid lab: diagnostics on stderr, exit 2; usage errors exit 2', async () => {
    const r = await run('check', 'test/labs')
    expect(r.code).toBe(2)
    expect(r.err).toEqual(['test/labs/lab.yaml:1:1: error: no lab.yaml in test/labs'])
    expect((await run('check')).code).toBe(2)
    expect((await run('frobnicate')).code).toBe(2)
    expect((await run('--help')).code).toBe(0)
  })
})
