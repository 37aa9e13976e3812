// End-to-end: time travel both ways (the timeline's cursor by mouse and by keys; the views above follow it, the
// timeline keeps the whole run), "To the end" (the operation's end plus the lab's settle time), the log view of a
// hook Pod that its delete policy removed, and `kubectl logs` of that Pod (NotFound, as on a real cluster).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fullScreenshot, ready, createLabApp } from './helpers.mjs'

const SETTLE_MS = 60_000 // the seed lab sets no `settle`: DEFAULT_SETTLE_MS (src/labs/settle.ts)

/** The virtual time the page shows (the time controls' clock). */
const shownTime = page => page.getAttribute('[data-testid=virtual-time]', 'data-t').then(Number)

/** When the last operation ended, from the live run's events. */
const operationEnd = page => page.evaluate(() => window.__synclab.live.app.events
  .findLast(e => e.type === 'operation' && ['Succeeded', 'Failed', 'Error'].includes(e.phase)).t)

/** Syncs the seed lab and runs it to the end. */
async function syncToEnd(page) {
  await page.click('[data-testid=sync]')
  await page.click('[data-testid=to-end]')
  await page.waitForFunction(() => !window.__synclab.playing &&
    window.__synclab.live.app.currentOperation?.result().phase === 'Succeeded', null, { timeout: 30_000 })
}

/** Page coordinates of virtual time t on the timeline (24 px a second, 12 px before 0 s), scrolled into view. */
async function timelinePoint(page, t) {
  // Measured once the page has stopped moving (a scroll into view or a panel that grows may still be settling):
  // the same place on two frames in a row.
  return page.evaluate(async t => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
    const slider = document.querySelector('[data-testid=timeline] [role=slider]')
    const pane = slider.parentElement
    const x = 12 + (t / 1000) * 24
    if (x < pane.scrollLeft + 20 || x > pane.scrollLeft + pane.clientWidth - 20) pane.scrollLeft = Math.max(0, x - 100)
    const at = () => { const r = pane.getBoundingClientRect(); return { x: r.left + x - pane.scrollLeft, y: r.top + 70 } }
    let last = at()
    for (let i = 0; i < 60; i++) {
      await frame()
      const now = at()
      if (now.x === last.x && now.y === last.y) return now
      last = now
    }
    return last
  }, t)
}

/** Waits until the page shows the moment t: the clock, the operation log and the resource tree. */
async function showsMoment(page, t, { deployment }) {
  await page.waitForFunction(t => Number(document.querySelector('[data-testid=virtual-time]')?.dataset.t) === t, t,
    { timeout: 10_000 }).catch(async e => {
    const shown = await page.getAttribute('[data-testid=virtual-time]', 'data-t')
    throw new Error(`the page shows ${shown} ms, not ${t} ms (${e.message})`)
  })
  await page.waitForFunction(([t, deployment]) => {
    const log = [...document.querySelectorAll('.event-stream')].find(s => /Operation events/.test(s.textContent))
    const applied = /apply {2}apps\/Deployment pre-post-sync-hook/.test(log?.textContent ?? '')
    const inTree = document.querySelector('[data-testid=resource-tree] [data-kind=Deployment]') !== null
    return window.__synclab.shown.now === t && applied === deployment && inTree === deployment
  }, [t, deployment], { timeout: 10_000 }).catch(async e => {
    const seen = await page.evaluate(() => {
      const log = [...document.querySelectorAll('.event-stream')].find(s => /Operation events/.test(s.textContent))
      return { now: window.__synclab.shown.now, applied: /apply {2}apps\/Deployment pre-post-sync-hook/.test(log?.textContent ?? ''),
        inTree: document.querySelector('[data-testid=resource-tree] [data-kind=Deployment]') !== null }
    })
    throw new Error(`at ${t} ms the page shows ${JSON.stringify(seen)}, expected the Deployment ${deployment ? '' : 'not '}applied (${e.message})`)
  })
}

export const tests = [
  {
    name: 'time travel: To the end stops at the operation end plus the settle time; scrub back, then forward by mouse and by keys',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      // The List view shows live objects only (the graph also draws the Missing ones, as Argo CD's tree does).
      await page.click('[data-testid=app-view] [data-testid=view-list]')
      await syncToEnd(page)
      const end = await operationEnd(page)
      // The seed lab's sync takes 43.8 s of virtual time from the Sync press (the app was made a moment before).
      const syncedAt = await page.evaluate(() => window.__synclab.actions.find(a => a.type === 'sync').t)
      assert.equal(end - syncedAt, 43_800)
      assert.equal(await shownTime(page), end + SETTLE_MS, '"To the end" stops at the operation end + settle')
      // Pressed again at the end, it stays there.
      await page.click('[data-testid=to-end]')
      await page.waitForTimeout(300)
      assert.equal(await shownTime(page), end + SETTLE_MS)
      const liveEnd = end + SETTLE_MS

      // Back by mouse: a click on the timeline at 10 s (PreSync: the Deployment not applied yet).
      await page.locator('[data-testid=timeline]').scrollIntoViewIfNeeded()
      let p = await timelinePoint(page, 10_000)
      await page.mouse.click(p.x, p.y)
      await showsMoment(page, 10_000, { deployment: false })
      assert.match(await page.textContent('[data-testid=virtual-time]'), /\(past\)/)
      // The timeline still draws the whole run: the PostSync hook's lane, the end of the operation, the veiled future.
      const lanes = await page.textContent('[data-testid=timeline] ul[aria-label=Resources]')
      assert.match(lanes, /Job\/after/)
      await page.waitForSelector('[data-testid=timeline-future]', { timeout: 5000 }) // the future, drawn and veiled
      assert.equal(await page.getAttribute('[data-testid=timeline] [role=slider]', 'aria-valuemax'), String(Math.round(liveEnd / 100) / 10)) // the slider says tenths of a second

      // Forward by mouse: drag the cursor from 10 s to 30 s (the Sync phase: the Deployment applied).
      const from = await timelinePoint(page, 10_000)
      await page.mouse.move(from.x, from.y)
      await page.mouse.down()
      p = await timelinePoint(page, 20_000)
      await page.mouse.move(p.x, p.y, { steps: 4 })
      const to = await timelinePoint(page, 30_000)
      await page.mouse.move(to.x, to.y, { steps: 4 })
      await page.mouse.up()
      await showsMoment(page, 30_000, { deployment: true })
      await page.locator('[data-testid=timeline]').screenshot({ path: join(artifacts, 'timeline-past.png') })
      await fullScreenshot(page, join(artifacts, 'time-travel-past.png'))

      // By keys on the focused cursor: Left 1 s back, Shift+Left 10 s back, Shift+Right forward, End to the end.
      await page.focus('[data-testid=timeline] [role=slider]')
      await page.keyboard.press('ArrowLeft')
      await showsMoment(page, 29_000, { deployment: true })
      await page.keyboard.press('Shift+ArrowLeft')
      await showsMoment(page, 19_000, { deployment: false })
      await page.keyboard.press('Shift+ArrowRight')
      await page.keyboard.press('Shift+ArrowRight')
      await showsMoment(page, 39_000, { deployment: true })
      await page.keyboard.press('ArrowRight')
      await showsMoment(page, 40_000, { deployment: true })
      await page.keyboard.press('Home')
      await showsMoment(page, 0, { deployment: false })
      await page.keyboard.press('End')
      await page.waitForFunction(t => window.__synclab.view === undefined && window.__synclab.shown.now === t &&
        Number(document.querySelector('[data-testid=virtual-time]')?.dataset.t) === t, liveEnd, { timeout: 10_000 })
      assert.doesNotMatch(await page.textContent('[data-testid=virtual-time]'), /\(past\)/)
      // The timeline redraws a moment later (its redraws are throttled): the veil goes.
      await page.waitForSelector('[data-testid=timeline-future]', { state: 'detached', timeout: 5000 })
    },
  },
  {
    name: 'logs: the log of a hook Pod deleted by HookSucceeded, marked, and kubectl logs of it says NotFound',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      // The PreSync hook prints two lines, two seconds apart.
      await page.evaluate(() => {
        const s = window.__synclab
        const job = s.files.find(f => f.path.endsWith('pre-sync-job.yaml'))
        s.edit(job.path, job.text.replace('["sleep", "10"]', '["sh", "-c", "echo migrating the schema; sleep 2; echo done"]'))
        s.commit('The PreSync hook prints')
      })
      await syncToEnd(page)
      const deletion = await page.evaluate(() => window.__synclab.live.app.events
        .find(e => e.type === 'delete' && e.name === 'before'))
      assert.equal(deletion.reason, 'HookSucceeded')
      const mm = String(Math.floor(deletion.t / 1000)).padStart(2, '0')

      await page.click('[data-testid=logs-section] summary')
      await page.waitForSelector('[data-testid=logs-view]', { timeout: 15_000 })
      const pods = await page.$$eval('[data-testid=logs-pod]', bs => bs.map(b => ({ pod: b.dataset.pod, gone: b.dataset.gone })))
      const hook = pods.find(p => p.pod.startsWith('before-'))
      assert.ok(hook, JSON.stringify(pods))
      assert.equal(hook.gone, 'true')
      assert.ok(pods.some(p => p.pod.startsWith('pre-post-sync-hook-') && p.gone === 'false'), 'the Deployment\'s Pod, still there')
      await page.click(`[data-testid=logs-pod][data-pod="${hook.pod}"]`)
      await page.waitForSelector(`[data-testid=logs-pod-view][data-pod="${hook.pod}"]`)
      const mark = await page.textContent('[data-testid=logs-gone-mark]')
      assert.match(mark, new RegExp(`^deleted at 00:${mm} by HookSucceeded: on a real cluster these logs are gone`))
      assert.match(mark, /Job\/before/)
      const lines = await page.textContent('[data-testid=logs-lines]')
      assert.match(lines, /^00:\d\d {2}migrating the schema\n00:\d\d {2}done\n$/)
      await page.locator('[data-testid=logs-section]').scrollIntoViewIfNeeded()
      await page.locator('[data-testid=logs-section]').screenshot({ path: join(artifacts, 'logs-view.png') })

      // Back before the deletion: the Pod is there, no mark.
      await page.evaluate(t => window.__synclab.seek(t), deletion.t - 5000)
      await page.waitForFunction(name => document.querySelector(`[data-testid=logs-pod][data-pod="${name}"]`)
        ?.dataset.gone === 'false', hook.pod, { timeout: 10_000 })
      assert.equal(await page.$('[data-testid=logs-gone-mark]'), null)
      await page.click('[data-testid=back-to-live]')

      // The terminal keeps the real behaviour: the Pod is gone, so are its logs.
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
      await page.locator('.xterm-helper-textarea').focus()
      await page.keyboard.type(`kubectl logs ${hook.pod} -n learner`)
      await page.keyboard.press('Enter')
      await page.waitForFunction(name => window.__synclabTerminal.buffer().join('\n')
        .includes(`Error from server (NotFound): pods "${name}" not found`), hook.pod, { timeout: 10_000 })
    },
  },
]
