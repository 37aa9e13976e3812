// End-to-end: the built page outside the room it was tested in. dist/ served by a plain static server under a
// sub-path (404 anywhere else), as a static host would; each test gets its own server, so its own origin (its own
// storage and service worker).
import assert from 'node:assert/strict'
import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { AxeBuilder } from '@axe-core/playwright'
import { createLabApp, editorReady, ready } from './helpers.mjs'

const PREFIX = '/course/synclab/'
const WAIT = 60_000
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.webmanifest': 'application/manifest+json',
}

/**
 * Serves dist/ under PREFIX only; `requests` lists every path asked for. `swSuffix` (when set) is appended to sw.js:
 * a new version of the service worker, as a new deployment would bring.
 */
export async function serveDist(prefix = PREFIX, root = 'dist') {
  const requests = []
  const state = { swSuffix: '' }
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname)
    requests.push(path)
    if (!path.startsWith(prefix)) return notFound(res)
    const rel = normalize(path.slice(prefix.length) || 'index.html')
    if (rel.startsWith('..')) return notFound(res)
    const file = join(root, rel.endsWith('/') ? `${rel}index.html` : rel)
    let size
    try {
      const st = statSync(file)
      if (!st.isFile()) return notFound(res)
      size = st.size
    } catch {
      return notFound(res)
    }
    res.setHeader('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
    res.setHeader('cache-control', 'no-cache')
    if (rel === 'sw.js' && state.swSuffix) {
      res.end(`${readFileSync(file, 'utf8')}\n${state.swSuffix}\n`)
      return
    }
    res.setHeader('content-length', size)
    createReadStream(file).pipe(res)
  })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${server.address().port}${prefix}`
  return {
    url, requests, state,
    outside: () => requests.filter(p => !p.startsWith(prefix)),
    close: () => new Promise(resolve => { server.closeAllConnections(); server.close(resolve) }),
  }
}

function notFound(res) {
  res.statusCode = 404
  res.end('not found')
}

async function openTerminal(page) {
  await page.click('[data-testid=terminal-section] summary')
  await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: WAIT })
}

/** Creates lab 01's app, syncs it and waits until the operation succeeded. */
async function syncLab(page) {
  await createLabApp(page)
  await page.click('[data-testid=sync]')
  await page.waitForFunction(() => {
    const app = window.__synclab.live.app
    return !app.operationRunning && app.operations.length === 1 && app.operations.at(-1).result().phase === 'Succeeded'
  }, null, { timeout: WAIT })
}

export const tests = [
  {
    name: 'anywhere: the build works unchanged under a sub-path of a static host, asking for nothing outside it',
    async run({ page }) {
      const host = await serveDist()
      const failed = []
      page.on('response', r => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`) })
      try {
        await page.goto(`${host.url}#lab=01-resource-hooks`)
        await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        await editorReady(page)
        await syncLab(page)
        await openTerminal(page)
        assert.deepEqual(host.outside(), [], 'requests outside the sub-path')
        assert.deepEqual(failed, [], 'failed responses')
        // Both of Monaco's workers (the editor's and monaco-yaml's) came from the sub-path.
        for (const worker of ['editor.worker', 'yaml.worker']) {
          assert.ok(host.requests.some(p => p.startsWith(`${PREFIX}assets/${worker}`)), `${worker} never asked for: ${host.requests.join(' ')}`)
        }
      } finally {
        await page.goto('about:blank')
        await host.close()
      }
    },
  },
]

tests.push({
  name: 'anywhere: a lazy chunk that cannot load shows Retry in place of its panel, and Retry loads it once it can',
  async run({ page }) {
    const host = await serveDist()
    const warnings = []
    page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()) })
    // The terminal's chunk and its CSS (a preloaded dependency: vite:preloadError) fail, as with a dropped network.
    const terminalChunk = /\/assets\/TerminalPanel-[\w-]+\.(js|css)$/
    const blocked = []
    await page.route(terminalChunk, route => { blocked.push(route.request().url()); return route.abort('internetdisconnected') })
    try {
      await page.goto(`${host.url}#lab=01-resource-hooks`)
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForSelector('[data-testid=terminal-section] [data-testid=chunk-error]', { timeout: WAIT })
      assert.match(await page.textContent('[data-testid=terminal-section] [data-testid=chunk-error]'), /Could not load the terminal/)
      assert.ok(blocked.length >= 1, 'the chunk was never asked for')
      // The rest of the page is alive: the sandbox is there and a sync still runs.
      await syncLab(page)
      assert.ok(warnings.some(w => w.includes('could not load')), `no warning: ${warnings.join(' | ')}`)

      await page.unroute(terminalChunk)
      await page.click('[data-testid=terminal-section] [data-testid=chunk-retry]')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: WAIT })
      assert.equal(await page.locator('[data-testid=chunk-error]').count(), 0)
    } finally {
      await page.unroute(terminalChunk).catch(() => {})
      await page.goto('about:blank')
      await host.close()
    }
  },
})

tests.push({
  name: 'anywhere: after the first visit the page works offline: reload, editor, diff, sync, terminal, instructor mode, every lab',
  async run({ page }) {
    const host = await serveDist()
    const context = page.context()
    try {
      await page.goto(`${host.url}#lab=01-resource-hooks`)
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      // The service worker is active once it has precached the build.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
      const asked = host.requests.length

      await context.setOffline(true)
      const failed = []
      page.on('requestfailed', r => failed.push(`${r.url()} ${r.failure()?.errorText}`))
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is not served by the service worker')
      await editorReady(page)
      await createLabApp(page)
      await page.click('[data-testid=diff-tab]')
      await page.waitForSelector('[data-testid=manifest-diff][data-ready=true]', { timeout: WAIT })
      await page.click('[data-testid=sync]')
      await page.waitForFunction(() => {
        const app = window.__synclab.live.app
        return !app.operationRunning && app.operations.length === 1 && app.operations.at(-1).result().phase === 'Succeeded'
      }, null, { timeout: WAIT })
      await openTerminal(page)
      await page.click('[data-testid=instructor-toggle]')
      await page.waitForSelector('[data-testid=instructor-toggle][aria-pressed=true]:not([disabled])', { timeout: WAIT })
      await page.click('[data-testid=instructor-toggle]') // off again, for the labs below

      const labs = await page.$$eval('[data-testid=lab-picker] option', options => options.map(o => o.value))
      assert.ok(labs.length >= 8, labs.join(' '))
      for (const id of labs.slice(1)) {
        await page.evaluate(lab => { window.location.hash = `lab=${lab}` }, id)
        await page.waitForFunction(lab => document.querySelector('[data-testid=lab-picker]')?.value === lab &&
          document.querySelector('[data-testid=sandbox][data-ready=true]') !== null, id, { timeout: WAIT })
        await editorReady(page)
      }
      assert.equal(await page.locator('[data-testid=chunk-error]').count(), 0, 'a part failed to load')
      assert.deepEqual(failed, [], 'requests that failed offline')
      // The browser's own update checks of the service worker's script bypass the emulated offline mode; the page
      // itself asked for nothing.
      const pageAsked = host.requests.slice(asked).filter(p => !/\/(sw\.js|workbox-[\w-]+\.js)$/.test(p))
      assert.deepEqual(pageAsked, [], 'asked the host while offline')
    } finally {
      await context.setOffline(false)
      await page.goto('about:blank')
      await host.close()
    }
  },
})

tests.push({
  name: 'anywhere: a new deployment is offered only while no operation runs, and Reload brings it in',
  async run({ page }) {
    const host = await serveDist()
    try {
      await page.goto(`${host.url}#lab=01-resource-hooks`)
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: WAIT })
      await createLabApp(page)
      await page.click('[data-testid=sync]')
      await page.evaluate(() => window.__synclab.pause()) // the operation stays running

      // A new version is deployed, and the page's service worker learns of it.
      host.state.swSuffix = '// a new deployment'
      await page.evaluate(() => navigator.serviceWorker.getRegistration().then(r => r.update()))
      await page.waitForFunction(() => navigator.serviceWorker.getRegistration().then(r => r?.waiting != null), null, { timeout: WAIT })
      await page.waitForTimeout(2500) // the offer checks every second whether an operation runs
      assert.ok(await page.evaluate(() => window.__synclab.live.app.operationRunning), 'the operation ended early')
      assert.equal(await page.locator('[data-testid=update-offer]').count(), 0, 'offered mid-sync')

      await page.evaluate(() => window.__synclab.play())
      await page.waitForSelector('[data-testid=update-offer]', { timeout: WAIT })
      assert.equal(await page.evaluate(() => window.__synclab.live.app.operationRunning), false)
      await Promise.all([page.waitForNavigation({ timeout: WAIT }), page.click('[data-testid=update-reload]')])
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
      assert.ok(await page.evaluate(() => navigator.serviceWorker.getRegistration().then(r => r?.waiting == null && r?.active != null)))
    } finally {
      await page.goto('about:blank')
      await host.close()
    }
  },
})

/** axe-core's serious and critical violations on the page as it is now, one line each (rule, impact, elements). */
export async function seriousViolations(page) {
  const { violations } = await new AxeBuilder({ page }).analyze()
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => `${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`).join('; ')}`)
}

for (const scheme of ['light', 'dark']) {
  tests.push({
    name: `accessibility (axe-core, ${scheme}): no serious or critical violation at rest, mid-sync and in instructor mode`,
    async run({ page, base }) {
      await page.emulateMedia({ colorScheme: scheme })
      try {
        await ready(page, `${base}#lab=01-resource-hooks`)
        await editorReady(page)
        await page.waitForLoadState('networkidle')
        assert.deepEqual(await seriousViolations(page), [], 'at rest')

        await createLabApp(page)
        await page.click('[data-testid=sync]')
        await page.waitForSelector('[data-testid=operation]', { timeout: WAIT })
        await page.waitForTimeout(1000) // the PreSync hook is under way
        await page.evaluate(() => window.__synclab.pause())
        assert.ok(await page.evaluate(() => window.__synclab.live.app.operationRunning), 'the sync is not running')
        assert.deepEqual(await seriousViolations(page), [], 'mid-sync')

        await page.click('[data-testid=instructor-toggle]')
        await page.waitForSelector('[data-testid=instructor-toggle][aria-pressed=true]:not([disabled])', { timeout: WAIT })
        await openTerminal(page)
        assert.deepEqual(await seriousViolations(page), [], 'instructor mode and terminal')
      } finally {
        await page.emulateMedia({ colorScheme: null })
      }
    },
  })
}
