// End-to-end tests of the resource graph (Argo CD's application tree): a hook node appears, runs, and fades out
// with why it was deleted; the keyboard moves through it and leaves it; a click shows the live manifest; the
// Graph/List choice is remembered; a commit that changes only hooks says why the app stays Synced.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { editorReady, ready, createLabApp } from './helpers.mjs'

const GRAPH = '[data-testid=app-view] [data-testid=resource-graph]'
const node = (kind, name, extra = '') => `${GRAPH} button[data-kind=${kind}][data-name="${name}"]${extra}`

export const tests = [
  {
    name: 'graph: syncing lab 01 draws the hook Job, then keeps it faded with "deleted by HookSucceeded" (R34)',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      await page.waitForSelector(node('Application', 'argo-hook-learner'), { timeout: 15_000 })
      await page.click('[data-testid=play-20]')
      await page.click('[data-testid=sync]')
      // The PostSync hook appears once the Deployment is healthy; the run is paused (from the page, in the same frame
      // as the engine) while the hook's Pod runs, so the graph can be looked at mid-sync.
      await page.waitForFunction(() => {
        const s = window.__synclab
        const job = [...s.shown.app.live().values()].find(o => o.kind === 'Job' && o.metadata.name === 'after')
        const running = job && s.shown.sim.fake.store.dependents(job.metadata.uid).some(p => p.status?.phase === 'Running')
        if (running) s.pause()
        return running
      }, null, { timeout: 30_000, polling: 'raf' })
      await page.waitForSelector(node('Job', 'after', ':not([data-gone])'), { timeout: 5_000 })
      await page.waitForSelector(`${GRAPH} button[data-kind=Pod][data-name^="after-"]`, { timeout: 5_000 })
      const hook = await page.textContent(node('Job', 'after'))
      assert.match(hook, /PostSync · HookSucceeded/)
      // Its accessible name starts with what it shows (WCAG 2.5.3), then what its icons say.
      // (The accessible name as the browser computes it: the kind icon's letters are aria-hidden.)
      assert.match(await page.locator(node('Job', 'after')).ariaSnapshot(),
        /^- button "after.*Job.*PostSync · HookSucceeded ?, Progressing, hook Running"/)
      // Deployment → ReplicaSet → Pod left to right, in columns by depth.
      const x = async sel => (await page.locator(sel).first().boundingBox()).x
      const app = await x(node('Application', 'argo-hook-learner'))
      const deploy = await x(node('Deployment', 'pre-post-sync-hook'))
      const rs = await x(`${GRAPH} button[data-kind=ReplicaSet]`)
      const pod = await x(`${GRAPH} button[data-kind=Pod]`)
      assert.ok(app < deploy && deploy < rs && rs < pod, `columns ${app} ${deploy} ${rs} ${pod}`)
      await page.locator('[data-testid=app-view]').screenshot({ path: join(artifacts, 'graph-mid-sync.png') })
      // On to the end: the hook is deleted by its policy and stays drawn a while, faded, saying why.
      await page.click('[data-testid=play-20]')
      const gone = node('Job', 'after', '[data-gone]')
      await page.waitForSelector(gone, { timeout: 30_000 })
      await page.click('[data-testid=pause]')
      assert.equal(await page.getAttribute(gone, 'data-gone'), 'deleted by HookSucceeded')
      assert.match(await page.textContent(gone), /deleted by HookSucceeded/)
      assert.match(await page.getAttribute(gone, 'class'), /\bgone\b/)
      assert.ok(await page.evaluate(sel => Number(getComputedStyle(document.querySelector(`${sel} .gnode-body`)).opacity) < 1, gone))
      await page.locator('[data-testid=app-view]').screenshot({ path: join(artifacts, 'graph-hook-deleted.png') })
      // Some time later it is no longer drawn.
      await page.click('[data-testid=to-end]')
      await page.click('[data-testid=play-20]')
      await page.waitForSelector(gone, { state: 'detached', timeout: 30_000 })
    },
  },
  {
    name: 'graph: one Tab stop, arrows move, Enter shows the live manifest, Tab leaves; the List choice is remembered',
    async run({ page, base }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      await page.click('[data-testid=sync]')
      await page.click('[data-testid=to-end]')
      await page.waitForSelector(`${GRAPH} button[data-kind=ReplicaSet]`, { timeout: 30_000 })
      assert.equal(await page.locator(`${GRAPH} button[tabindex="0"]`).count(), 1)
      const focused = () => page.evaluate(() => {
        const el = document.activeElement
        return el?.dataset?.kind ? `${el.dataset.kind}/${el.dataset.name}` : `outside: ${el?.tagName}`
      })
      await page.focus(node('Deployment', 'pre-post-sync-hook'))
      await page.keyboard.press('ArrowRight')
      assert.match(await focused(), /^ReplicaSet\/pre-post-sync-hook-/)
      await page.keyboard.press('ArrowLeft')
      assert.equal(await focused(), 'Deployment/pre-post-sync-hook')
      await page.keyboard.press('Home')
      assert.equal(await focused(), 'Application/argo-hook-learner')
      await page.keyboard.press('End')
      assert.notEqual(await focused(), 'Application/argo-hook-learner')
      // Enter opens the details: statuses in words and the live manifest.
      await page.focus(node('Deployment', 'pre-post-sync-hook'))
      await page.keyboard.press('Enter')
      const details = await page.textContent('[data-testid=node-details]')
      assert.match(details, /Sync status\s*Synced/)
      assert.match(details, /Health\s*Healthy/)
      assert.match(details, /kind: Deployment/)
      await page.keyboard.press('Escape')
      assert.equal(await page.locator('[data-testid=node-details]').count(), 0)
      // Not a trap: Tab goes on past the graph.
      await page.focus(node('Deployment', 'pre-post-sync-hook'))
      await page.keyboard.press('Tab')
      assert.match(await focused(), /^outside/)
      // The list instead, kept after a reload (ready() stops storage writes; a reload brings them back).
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      await page.click('[data-testid=app-view] [data-testid=view-list]')
      await page.waitForSelector('[data-testid=app-view] [data-testid=resource-tree]')
      await page.reload()
      await page.waitForSelector('[data-testid=app-view] [data-testid=resource-tree]', { timeout: 15_000 })
      assert.equal(await page.getAttribute('[data-testid=view-list]', 'aria-pressed'), 'true')
      await page.click('[data-testid=app-view] [data-testid=view-graph]')
      await page.waitForSelector(GRAPH)
      await page.evaluate(() => window.localStorage.clear())
    },
  },
  {
    name: 'graph: a commit that changes only a hook leaves the app Synced, and the app view says why',
    async run({ page, base }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      await page.click('[data-testid=sync]')
      await page.click('[data-testid=to-end]')
      await page.waitForFunction(() => window.__synclab.shown.app.currentOperation?.result().phase === 'Succeeded',
        null, { timeout: 30_000 })
      // Edited in the editor, as a learner does (the editor keeps the session's files), then committed.
      await editorReady(page)
      const path = 'pre-post-sync-hook/post-sync-job.yaml'
      await page.click(`[data-testid=file-tree] [role=treeitem][data-path="${path}"]`)
      await page.waitForFunction(p => window.__synclabEditor?.getModel()?.uri.toString().includes(p.split('/').pop()), path,
        { timeout: 15_000 })
      const line = page.locator('.monaco-editor .view-line', { hasText: '"sleep", "10"' })
      await line.click()
      await page.keyboard.press('End')
      await page.keyboard.press('Shift+Home')
      await page.keyboard.type('command: ["sleep", "20"]')
      await page.keyboard.press('Escape')
      await page.waitForFunction(p => /"20"/.test(window.__synclab.files.find(f => f.path === p).text), path)
      await page.click('[data-testid=commit]')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2 && !window.__synclab.dirty)
      await page.waitForSelector('[data-testid=hook-only-note]', { timeout: 10_000 })
      const note = await page.textContent('[data-testid=hook-only-note]')
      assert.match(note, /changes only hooks \(Job\/after\)/)
      assert.match(note, /Hooks are not part of the sync status/)
      assert.match(await page.textContent('[data-testid=app-status]'), /Synced/)
      assert.doesNotMatch(await page.textContent('[data-testid=app-status]'), /OutOfSync/)
    },
  },
]
