// `synclab serve` as a command: the kubeconfig it prints, its flag checks, and the argocd-less sync of paths.
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import { serveCommand } from '../../src/cli/serve.ts'
import { until } from './helpers.ts'

describe('synclab serve', () => {
  it('prints a ready kubeconfig', async () => {
    let out = ''
    const code = await serveCommand(['--port', '7443', '--kubeconfig'], { out: t => { out += t }, err: () => {} })
    expect(code).toBe(0)
    expect(out).toContain('server: http://127.0.0.1:7443')
    expect(out).toContain('current-context: synclab')
  })

  it('rejects a bad port or speed', async () => {
    expect(await main(['serve', '--port', 'x'])).toBe(2)
    expect(await main(['serve', '--speed', '0'])).toBe(2)
  })

  it('refuses a speed it cannot keep up with, or one that never moves, with the range it accepts', async () => {
    for (const speed of ['1e9', '1001', 'Infinity', '0.001', '0', 'NaN']) {
      await expect(serveCommand(['--port', '0', '--speed', speed], { out: () => {}, err: () => {} }), speed).rejects
        .toThrow(`serve: --speed must be a number from 0.01 to 1000 (virtual seconds per wall second) (got "${speed}")`)
    }
  })

  it('serves on loopback and syncs the given paths as an Application', async () => {
    let err = ''
    let stop!: () => void
    const until$ = new Promise<void>(resolve => { stop = resolve })
    const done = serveCommand(['--port', '0', '--speed', '100', '--namespace', 'lab',
      'labs/01-resource-hooks/repo/pre-post-sync-hook'], { out: () => {}, err: t => { err += t }, until: until$ })
    try {
      await until(() => /sync (Succeeded|Failed|Error)/.test(err), 10_000, 'the sync to end')
      expect(err).toMatch(/serving a simulated cluster at http:\/\/127\.0\.0\.1:\d+/)
      expect(err).toContain('synclab: sync Succeeded: successfully synced (no more tasks)')
      const url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(err)![1]
      const res = await fetch(`${url}/apis/apps/v1/namespaces/lab/deployments/pre-post-sync-hook`)
      expect(res.status).toBe(200)
    } finally {
      stop()
      expect(await done).toBe(0)
    }
  })
})
