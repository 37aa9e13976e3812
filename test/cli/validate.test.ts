import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = join(process.cwd(), 'bin/synclab.mjs')
const run = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })

describe('synclab CLI', () => {
  it('--help prints the usage', () => {
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toMatch(/^synclab: Argo CD sync/)
  })

  it('validate reads the seed lab example: four objects, no problems', () => {
    const r = run('validate', 'labs/01-resource-hooks/repo/pre-post-sync-hook')
    expect(r.status).toBe(0)
    expect(r.stdout.trim()).toBe('4 objects read, 0 warnings')
  })

  it('validate prints file:line:col for invalid input and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synclab-cli-'))
    writeFileSync(join(dir, 'bad.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n')
    const r = run('validate', dir)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error: /)
  })

  it('validate warns about an unknown hook type (R4) and --strict makes it exit 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'synclab-cli-'))
    writeFileSync(join(dir, 'hook.yaml'), [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: x', '  annotations:',
      '    argocd.argoproj.io/hook: postsync', ''].join('\n'))
    expect(run('validate', dir).status).toBe(0)
    const strict = run('validate', '--strict', dir)
    expect(strict.status).toBe(1)
    expect(strict.stderr).toMatch(/hook\.yaml:6:\d+: warning: .*PostSync/)
  })

  it('an unknown command exits 2 with the usage', () => {
    const r = run('frobnicate')
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('unknown command "frobnicate"')
  })
})
