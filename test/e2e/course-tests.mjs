// End-to-end: a course of one's own. `synclab lab new` makes labs in a temporary folder, `synclab course build`
// builds the site from them, a plain static server serves it under a sub-path, and a host page on another origin
// (a course chapter) embeds one lab in an iframe and hears what the learner did.
import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, zipSync } from 'fflate'
import { serveDist } from './anywhere-tests.mjs'
import { ready } from './helpers.mjs'

const WAIT = 60_000
const PREFIX = '/training/argocd/lab/'

const synclab = (...args) => execFileSync(process.execPath, ['bin/synclab.mjs', ...args], { encoding: 'utf8' })

/** Two labs made by `synclab lab new`; the second gets a second task (sync once more). Built into a site. */
function buildCourse() {
  const tmp = mkdtempSync(join(tmpdir(), 'synclab-course-e2e-'))
  synclab('lab', 'new', join(tmp, 'labs', '01-first'))
  synclab('lab', 'new', join(tmp, 'labs', '02-second'))
  const second = join(tmp, 'labs', '02-second', 'lab.yaml')
  writeFileSync(second, `${readFileSync(second, 'utf8')}  - id: sync-again
    title: Sync once more
    needsWork: false
    instructions: Sync the application again.
    steps:
      - sync: {}
    check:
      - operation: { phase: Succeeded }
`)
  const out = synclab('course', 'build', join(tmp, 'labs'), '--out', join(tmp, 'site'), '--title', 'Argo CD training')
  assert.match(out, /2 labs \(01-first, 02-second\)/)
  return { site: join(tmp, 'site'), remove: () => rmSync(tmp, { recursive: true, force: true }) }
}

/** A course chapter on another origin: the lab in an iframe, every synclab message kept in window.received. */
async function serveHost(src) {
  const html = `<!doctype html><html><head><title>Chapter 1</title></head><body>
<h1>Chapter 1: Sync</h1>
<iframe id="lab" src="${src}" width="1000" height="700" title="synclab lab" style="border:0"></iframe>
<script>
window.received = []
window.addEventListener('message', e => {
  if (e.source === document.getElementById('lab').contentWindow && e.data && e.data.source === 'synclab') window.received.push(e.data)
})
</script></body></html>`
  const server = createServer((req, res) => { res.setHeader('content-type', 'text/html'); res.end(html) })
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${server.address().port}/chapter-1/`,
    close: () => new Promise(resolve => { server.closeAllConnections(); server.close(resolve) }) }
}

async function syncInFrame(frame, operations) {
  await frame.click('[data-testid=sync]')
  await frame.waitForFunction(n => {
    const app = window.__synclab.live.app
    return !app.operationRunning && app.operations.length === n && app.operations.at(-1).result().phase === 'Succeeded'
  }, operations, { timeout: WAIT })
}

const received = page => page.evaluate(() => window.received.map(m => [m.type, m.lab, m.task].filter(Boolean).join(' ')))

export const tests = [
  {
    name: 'course: a site built from labs made by synclab lab new, under a sub-path: its labs only, its title, labs.json precached',
    async run({ page }) {
      const course = buildCourse()
      const host = await serveDist(PREFIX, course.site)
      try {
        await page.goto(host.url)
        await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        assert.deepEqual(await page.$$eval('[data-testid=lab-picker] option', o => o.map(x => x.value)), ['01-first', '02-second'])
        assert.equal(await page.title(), 'Argo CD training')
        assert.equal(await page.textContent('header.top h1'), 'Argo CD training')
        assert.deepEqual(host.outside(), [], 'requests outside the sub-path')
        await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined))
        const cached = await page.evaluate(async () => {
          const urls = []
          for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(r.url)
          return urls
        })
        assert.ok(cached.some(u => u.startsWith(`${host.url}labs.json`)), `labs.json not precached: ${cached.join(' ')}`)
      } finally {
        await page.goto('about:blank')
        await host.close()
        course.remove()
      }
    },
  },
  {
    name: 'course: one lab embedded in a host page on another origin: ready, task-passed and lab-done reach the host; open and reset',
    async run({ page, artifacts }) {
      const course = buildCourse()
      const site = await serveDist(PREFIX, course.site)
      const host = await serveHost(`${site.url}?embed&lab=01-first`)
      try {
        await page.setViewportSize({ width: 1100, height: 900 })
        await page.goto(host.url)
        const frame = await (await page.waitForSelector('#lab')).contentFrame()
        await frame.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        await page.waitForFunction(() => window.received.some(m => m.type === 'ready'), null, { timeout: WAIT })
        // Minimal chrome: no site header, no lab picker; nothing wider than the frame.
        assert.equal(await frame.isVisible('header.top'), false)
        assert.equal(await frame.isVisible('[data-testid=lab-picker]'), false)
        assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'wider than the frame')
        await page.screenshot({ path: join(artifacts, 'course-embed-1000x700.png') })

        await syncInFrame(frame, 1)
        await page.waitForFunction(() => window.received.some(m => m.type === 'lab-done'), null, { timeout: WAIT })
        assert.deepEqual(await received(page), ['ready 01-first', 'task-passed 01-first sync-it', 'lab-done 01-first'])

        // The parent opens the second lab at its second task; a sync passes it, and the lab is done.
        await page.evaluate(() => document.getElementById('lab').contentWindow.postMessage({ type: 'open', lab: '02-second', task: 'sync-again' }, '*'))
        await frame.waitForSelector('[data-testid=lab-panel] li[data-task=sync-again][data-state=current]', { timeout: WAIT })
        await frame.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        await syncInFrame(frame, 1)
        await page.waitForFunction(() => window.received.filter(m => m.type === 'lab-done').length === 2, null, { timeout: WAIT })
        assert.deepEqual((await received(page)).slice(3), ['task-passed 02-second sync-again', 'lab-done 02-second'])

        // Reset from the parent: the lab's progress and cluster start afresh.
        await page.evaluate(() => document.getElementById('lab').contentWindow.postMessage({ type: 'reset' }, '*'))
        await frame.waitForSelector('[data-testid=lab-panel] li[data-task=sync-it][data-state=current]', { timeout: WAIT })
        assert.equal(await frame.evaluate(() => window.__synclab.live.app.operations.length), 0)

        // Narrower: one column, still nothing wider than the frame.
        await page.evaluate(() => { document.getElementById('lab').width = '600' })
        await frame.waitForFunction(() => window.innerWidth === 600, null, { timeout: WAIT })
        assert.ok(await frame.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'wider than a 600px frame')
        await page.screenshot({ path: join(artifacts, 'course-embed-600.png') })
      } finally {
        await page.goto('about:blank')
        await host.close()
        await site.close()
        course.remove()
      }
    },
  },
  {
    name: 'course: synclab lab preview serves the page with the lab and reloads it when lab.yaml is saved',
    async run({ page }) {
      const tmp = mkdtempSync(join(tmpdir(), 'synclab-preview-e2e-'))
      const dir = join(tmp, '01-preview')
      synclab('lab', 'new', dir)
      const server = spawn(process.execPath, ['bin/synclab.mjs', 'lab', 'preview', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
      try {
        const url = await new Promise((resolve, reject) => {
          let text = ''
          server.stdout.on('data', d => {
            text += d
            const m = /at (http:\/\/\S+)/.exec(text)
            if (m) resolve(m[1])
          })
          server.once('exit', code => reject(new Error(`lab preview exited (${code}): ${text}`)))
          setTimeout(() => reject(new Error(`lab preview did not start: ${text}`)), 30_000)
        })
        await page.goto(url)
        await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        assert.match(await page.textContent('[data-testid=lab-panel]'), /Preview/)
        const file = join(dir, 'lab.yaml')
        writeFileSync(file, readFileSync(file, 'utf8').replace('title: Preview', 'title: Saved just now'))
        await page.waitForFunction(() => document.querySelector('[data-testid=lab-panel]')?.textContent?.includes('Saved just now'), null, { timeout: WAIT })
      } finally {
        server.kill()
        await page.goto('about:blank')
        rmSync(tmp, { recursive: true, force: true })
      }
    },
  },
  {
    name: 'course: Open lab… shows a broken .zip\'s problems at file:line:col, opens a lab folder, keeps it; progress downloads and loads again; Remove takes the lab out',
    async run({ page, base }) {
      const tmp = mkdtempSync(join(tmpdir(), 'synclab-open-e2e-'))
      try {
        await ready(page, base, { timeout: WAIT })
        await page.click('[data-testid=open-lab]')
        await page.waitForSelector('[data-testid=open-lab-dialog][open]', { timeout: WAIT })
        synclab('lab', 'new', join(tmp, '61-opened'))
        const text = readFileSync(join(tmp, '61-opened', 'lab.yaml'), 'utf8')
        const broken = zipSync({ '61-opened/lab.yaml': strToU8(text.replace('minutes: 10', 'minutes: ten')),
          '61-opened/repo/opened/configmap.yaml': strToU8(readFileSync(join(tmp, '61-opened/repo/opened/configmap.yaml'), 'utf8')) })
        await page.setInputFiles('[data-testid=open-lab-zip]', { name: 'broken.zip', mimeType: 'application/zip', buffer: Buffer.from(broken) })
        await page.waitForSelector('[data-testid=open-lab-problems]', { timeout: WAIT })
        assert.match(await page.textContent('[data-testid=open-lab-problems]'), /broken\.zip\/61-opened\/lab\.yaml:8:10: error: minutes: must be a whole number/)
        assert.equal(await page.locator('[data-testid=lab-picker] option[value="61-opened"]').count(), 0)
        // The same .zip dropped on the dialog.
        const dropped = await page.evaluateHandle(bytes => {
          const data = new DataTransfer()
          data.items.add(new File([new Uint8Array(bytes)], 'dropped.zip', { type: 'application/zip' }))
          return data
        }, [...broken])
        await page.dispatchEvent('[data-testid=open-lab-drop]', 'drop', { dataTransfer: dropped })
        await page.waitForFunction(() => document.querySelector('[data-testid=open-lab-problems]')?.textContent?.includes('dropped.zip/61-opened/lab.yaml:8:10'), null, { timeout: WAIT })

        await page.setInputFiles('[data-testid=open-lab-folder]', join(tmp, '61-opened'))
        await page.waitForFunction(() => document.querySelector('[data-testid=lab-picker]')?.value === '61-opened' &&
          document.querySelector('[data-testid=sandbox][data-ready=true]') !== null, null, { timeout: WAIT })
        await page.click('[data-testid=sync]')
        await page.waitForSelector('[data-testid=lab-done]', { timeout: WAIT })

        // Progress and work out to a file, the browser emptied, the file loaded: the lab and its progress are back.
        await page.click('[data-testid=progress-menu] summary')
        const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=progress-download]')])
        const saved = join(tmp, 'progress.json')
        await download.saveAs(saved)
        const file = JSON.parse(readFileSync(saved, 'utf8'))
        assert.equal(file.format, 'synclab-progress/1')
        assert.ok(file.entries['synclab:opened-labs'].includes('61-opened'))
        await page.evaluate(() => window.localStorage.clear())
        await page.goto('about:blank')
        await page.goto(base)
        await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        assert.equal(await page.locator('[data-testid=lab-picker] option[value="61-opened"]').count(), 0)
        await page.click('[data-testid=progress-menu] summary')
        page.once('dialog', d => d.accept())
        await Promise.all([page.waitForEvent('load'), page.setInputFiles('[data-testid=progress-load]', saved)])
        await page.evaluate(() => { window.location.hash = 'lab=61-opened' })
        await page.waitForFunction(() => document.querySelector('[data-testid=lab-picker]')?.value === '61-opened', null, { timeout: WAIT })
        await page.waitForSelector('[data-testid=lab-done]', { timeout: WAIT })

        // Removed from this browser: out of the picker, and the picker's first lab takes its place on screen.
        await page.click('[data-testid=open-lab]')
        await page.waitForSelector('[data-testid=open-lab-dialog][open]', { timeout: WAIT })
        assert.match(await page.textContent('[data-testid=open-lab-kept]'), /61-opened/)
        await page.click('[data-testid=open-lab-remove]')
        await page.waitForFunction(() => document.querySelector('[data-testid=lab-picker]')?.value !== '61-opened' &&
          document.querySelector('[data-testid=sandbox][data-ready=true]') !== null, null, { timeout: WAIT })
        assert.equal(await page.locator('[data-testid=lab-picker] option[value="61-opened"]').count(), 0)
        assert.doesNotMatch(await page.evaluate(() => window.localStorage.getItem('synclab:opened-labs') ?? ''), /61-opened/)
      } finally {
        await page.evaluate(() => window.localStorage.clear()).catch(() => {})
        rmSync(tmp, { recursive: true, force: true })
      }
    },
  },
]
