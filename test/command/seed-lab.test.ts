// The cases the seed lab depends on.
import { describe, expect, it } from 'vitest'
import { exitCode, run, stderr, stdout } from './helpers.ts'

describe('seed lab', () => {
  it('sleep 10 in example-web-go ends at 10 s with exit 0', () => {
    const r = run('quay.io/acend/example-web-go', ['sleep', '10'])
    expect(r.end).toEqual({ atMs: 10_000, exitCode: 0 })
    expect(r.startError).toBeUndefined()
  })

  it('curl is missing in example-web-go: bash -eo pipefail -c exits 127, command not found', () => {
    const r = run('quay.io/acend/example-web-go', ['bash', '-eo', 'pipefail', '-c', 'curl https://acend.ch'])
    expect(exitCode(r)).toBe(127)
    expect(stderr(r)).toBe('bash: line 1: curl: command not found\n')
  })

  it('the same command in example-web-python fetches the page and exits 0', () => {
    const r = run('quay.io/acend/example-web-python', ['bash', '-eo', 'pipefail', '-c', 'curl https://acend.ch'])
    expect(exitCode(r)).toBe(0)
    expect(stdout(r)).toContain('<html')
    expect(r.end.atMs).toBeGreaterThanOrEqual(300)
  })
})
