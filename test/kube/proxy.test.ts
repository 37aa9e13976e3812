// KubeCluster through a real `kubectl proxy` in front of `synclab serve`'s server, as a learner runs it against a
// real cluster: kubectl does the authentication from a kubeconfig, synclab only talks plain HTTP to the proxy.
// The proxy listens on a free loopback port (--port=0) and says which on stdout. Skipped without kubectl.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { readManifestFiles } from '../../src/cli/files.ts'
import { wallClock } from '../../src/kube/clock.ts'
import { ConfinementError } from '../../src/kube/errors.ts'
import { APP_LABEL, KubeCluster, MANAGED_BY_LABEL } from '../../src/kube/kube-cluster.ts'
import { openApplication, syncOnce } from '../../src/kube/run-app.ts'
import { parseManifests } from '../../src/manifest/index.ts'
import { kubeconfig, type RunningServer } from '../../src/server/serve.ts'
import { cli, SEED_LAB } from '../cli/helpers.ts'
import { call, configMap, serve } from '../server/helpers.ts'

const KUBECTL = process.env['KUBECTL'] ?? '/usr/bin/kubectl'
const hasKubectl = spawnSync(KUBECTL, ['version', '--client'], { encoding: 'utf8' }).status === 0
const SPEED = 100

let s: RunningServer
let dir: string
let proxy: ChildProcess | undefined
let proxyUrl: string
let proxyLog = ''

/** Starts `kubectl proxy --port=0` and resolves with its URL, read from "Starting to serve on 127.0.0.1:PORT". */
function startProxy(config: string): Promise<string> {
  // A private HOME and cache: nothing from the machine's ~/.kube is read or written.
  const child = spawn(KUBECTL, ['proxy', '--port=0', '--address=127.0.0.1', `--kubeconfig=${config}`],
    { env: { PATH: process.env['PATH'] ?? '', HOME: dir, KUBECACHEDIR: join(dir, 'cache') }, stdio: ['ignore', 'pipe', 'pipe'] })
  proxy = child
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kubectl proxy did not start: ${proxyLog}`)), 10_000)
    const onData = (chunk: Buffer) => {
      proxyLog += chunk.toString()
      const m = /Starting to serve on 127\.0\.0\.1:(\d+)/.exec(proxyLog)
      if (m) {
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${m[1]}`)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.once('exit', code => {
      clearTimeout(timer)
      reject(new Error(`kubectl proxy exited (${code}): ${proxyLog}`))
    })
  })
}

describe.skipIf(!hasKubectl)(`KubeCluster through a real kubectl proxy${hasKubectl ? '' : ` (skipped: no kubectl at ${KUBECTL})`}`, () => {
  beforeAll(async () => {
    s = await serve({ speed: SPEED, namespaces: ['lab', 'other'] })
    dir = mkdtempSync(join(tmpdir(), 'synclab-proxy-'))
    writeFileSync(join(dir, 'config'), kubeconfig(s.port, 'lab'))
    proxyUrl = await startProxy(join(dir, 'config'))
  })
  afterAll(async () => {
    if (proxy && proxy.exitCode === null) {
      const exited = new Promise(resolve => proxy!.once('exit', resolve))
      proxy.kill('SIGTERM')
      await exited
    }
    await s?.close()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('the proxy forwards to the served cluster', async () => {
    const res = await fetch(`${proxyUrl}/api/v1/namespaces/lab`)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { metadata: { name: string } }).metadata.name).toBe('lab')
  })

  it('syncs the seed lab through the proxy: watches stream, hooks run, the operation Succeeds', async () => {
    const cluster = await KubeCluster.connect({ server: proxyUrl, namespace: 'lab', appName: 'proxied', clock: wallClock(SPEED) })
    const app = await openApplication(cluster)
    try {
      const { manifests } = parseManifests(readManifestFiles([SEED_LAB]))
      const result = await syncOnce(app, { manifests: manifests.map(m => m.object), timeoutMs: 10_000 })
      expect(result.phase).toBe('Succeeded')
      expect(result.message).toBe('successfully synced (no more tasks)')
      const rows = result.resources.map(r => `${r.kind}/${r.name} ${r.hookType ?? ''} ${r.status}`)
      expect(rows).toEqual(expect.arrayContaining(['Job/before PreSync Synced', 'Job/after PostSync Synced',
        'Service/pre-post-sync-hook  Synced', 'Deployment/pre-post-sync-hook  Synced']))
      expect(app.events.filter(e => e.type === 'phase').map(e => (e as { syncPhase: string }).syncPhase))
        .toEqual(['PreSync', 'Sync', 'PostSync'])
      // The Deployment's health came over the proxied watch stream.
      expect(app.status()).toMatchObject({ sync: 'Synced', health: 'Healthy' })
      const dep = s.fake.get({ kind: 'Deployment', namespace: 'lab', name: 'pre-post-sync-hook' })
      expect(dep?.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'proxied' })
      await vi.waitFor(() => expect(s.fake.get({ kind: 'Job', namespace: 'lab', name: 'after' })).toBeUndefined(),
        { timeout: 5_000, interval: 20 })
    } finally {
      app.dispose()
      cluster.close()
    }
  })

  it('confinement holds through the proxy', async () => {
    const cluster = await KubeCluster.connect({ server: proxyUrl, namespace: 'lab', appName: 'proxied', clock: wallClock(SPEED) })
    try {
      await expect(cluster.apply(configMap('x', {}, { namespace: 'other' }))).rejects.toThrow(ConfinementError)
      await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap('theirs'))
      await expect(cluster.delete({ kind: 'ConfigMap', namespace: 'lab', name: 'theirs' })).rejects.toThrow(/lacks the labels/)
      expect((await call(s, 'GET', '/api/v1/namespaces/other/configmaps/x')).status).toBe(404)
      expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/theirs')).status).toBe(200)
    } finally {
      cluster.close()
    }
  })

  it('answers the page kubectl proxy --www serves (its Origin, Host rewritten) and refuses a cross-site page through it', async () => {
    const post = (origin: string, name: string) => fetch(`${proxyUrl}/api/v1/namespaces/lab/configmaps`, { method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' }, body: JSON.stringify(configMap(name)) })
    expect((await post(proxyUrl, 'from-the-page')).status).toBe(201)
    const evil = await post('https://evil.example', 'from-elsewhere')
    expect(evil.status).toBe(403)
    expect((await evil.json()).reason).toBe('Forbidden')
    expect((await call(s, 'GET', '/api/v1/namespaces/lab/configmaps/from-elsewhere')).status).toBe(404)
  })

  it('the CLI through the proxy: synclab sync --cluster, then synclab cleanup --cluster', async () => {
    const synced = await cli('sync', SEED_LAB, '--cluster', proxyUrl, '--dest-namespace', 'other', '--yes',
      '--speed', String(SPEED))
    expect(synced.err).toBe(`synclab will sync 4 objects into namespace other on ${proxyUrl} (app synclab)\n`)
    expect(synced.code).toBe(0)
    expect(synced.out).toContain('Phase:              Succeeded')
    const cleaned = await cli('cleanup', '--cluster', proxyUrl, '--dest-namespace', 'other', '--yes')
    expect(cleaned.code).toBe(0)
    expect(cleaned.out.split('\n').filter(Boolean).sort()).toEqual(['Deployment/pre-post-sync-hook deleted',
      'Service/pre-post-sync-hook deleted'])
    expect((await call(s, 'GET', '/api/v1/namespaces/other/services/pre-post-sync-hook')).status).toBe(404)
    // The lab namespace's objects are another namespace's business: untouched.
    expect((await call(s, 'GET', '/api/v1/namespaces/lab/services/pre-post-sync-hook')).status).toBe(200)
  })
})
