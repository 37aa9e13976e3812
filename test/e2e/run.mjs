// End-to-end tests: the built page served by `vite preview`, driven in Debian's chromium by playwright-core.
// Writes test-artifacts/e2e.json ({ passed, failed }) and screenshots into test-artifacts/.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import { tests as pageTests } from './tests.mjs'
import { tests as labTests } from './lab-tests.mjs'
import { tests as shareTests } from './share-tests.mjs'
import { tests as terminalTests } from './terminal-tests.mjs'
import { tests as timetravelTests } from './timetravel-tests.mjs'
import { tests as editorTests } from './editor-tests.mjs'
import { tests as workloadTests } from './workloads-tests.mjs'
import { tests as appsTests } from './apps-tests.mjs'
import { tests as graphTests } from './graph-tests.mjs'
import { tests as readerTests } from './reader-tests.mjs'
import { tests as anywhereTests } from './anywhere-tests.mjs'
import { tests as robustTests } from './robust-tests.mjs'
import { tests as devicesTests } from './devices-tests.mjs'
import { tests as courseTests } from './course-tests.mjs'
import { tests as probesTests } from './probes-tests.mjs'

// E2E_ONLY=<text> runs only the tests whose name contains it.
const tests = [...pageTests, ...labTests, ...shareTests, ...terminalTests, ...timetravelTests, ...editorTests, ...workloadTests, ...appsTests, ...graphTests, ...readerTests, ...anywhereTests, ...robustTests, ...devicesTests, ...courseTests, ...probesTests].filter(t => !process.env.E2E_ONLY || t.name.includes(process.env.E2E_ONLY))

const PORT = Number(process.env.E2E_PORT ?? 4173)
const BASE = `http://127.0.0.1:${PORT}/`
const ARTIFACTS = 'test-artifacts'
mkdirSync(ARTIFACTS, { recursive: true })

// A simulated cluster behind the Kubernetes API (`synclab serve`) for the "Connect to a cluster" panel, reached
// through the preview's /k8s proxy.
const kube = spawn(process.execPath, ['bin/synclab.mjs', 'serve', '--port', '0', '--speed', '30', '--namespace', 'learner'],
  { stdio: ['ignore', 'ignore', 'pipe'] })
const kubeUrl = await new Promise((resolve, reject) => {
  let text = ''
  kube.stderr.on('data', d => {
    text += d
    const m = /serving a simulated cluster at (http:\/\/[\d.:]+)/.exec(text)
    if (m) resolve(m[1])
  })
  kube.once('exit', code => reject(new Error(`synclab serve exited (${code}): ${text}`)))
  setTimeout(() => reject(new Error(`synclab serve did not start: ${text}`)), 20_000)
})
// vite preview spawned directly (not through npx), so killing it really stops it.
const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1',
  '--port', String(PORT), '--strictPort'], { stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, SYNCLAB_K8S_PROXY: kubeUrl } })
const userDataDir = mkdtempSync(join(tmpdir(), 'synclab-chromium-'))
let passed = 0
let failed = 0
let context
try {
  await waitForServer(BASE, 20_000)
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
  })
  for (const t of tests) {
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', e => errors.push(e.message))
    try {
      await t.run({ page, base: BASE, artifacts: ARTIFACTS })
      if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`)
      passed++
      console.log(`  ✓ ${t.name}`)
    } catch (e) {
      failed++
      console.log(`  ✗ ${t.name}\n    ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n    ')}`)
      await page.screenshot({ path: join(ARTIFACTS, `failed-${t.name.replace(/\W+/g, '-')}.png`) }).catch(() => {})
    } finally {
      await page.close()
    }
  }
} catch (e) {
  failed++
  console.log(`  ✗ setup: ${e?.stack ?? e}`)
} finally {
  await context?.close().catch(() => {})
  server.kill()
  kube.kill()
  rmSync(userDataDir, { recursive: true, force: true })
}
writeFileSync(join(ARTIFACTS, 'e2e.json'), JSON.stringify({ passed, failed }))
console.log(`E2E ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

async function waitForServer(url, timeoutMs) {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    try {
      const r = await fetch(url)
      if (r.ok) return
    } catch { /* not up yet */ }
    await new Promise(r => setTimeout(r, 200))
  }
  throw new Error(`vite preview did not answer at ${url}`)
}
