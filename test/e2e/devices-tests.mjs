// End-to-end: the page on a phone and a tablet (panels as tabs, no horizontal scroll, touch on the timeline and the
// graph), in presenter mode on a 1280×720 projector (everything larger, app view and timeline together, the editor
// collapsed, no label over another), and with the header's theme control (kept, followed by every panel).
// axe-core in each state; screenshots phone.png, tablet.png, presenter.png, dark.png.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { seriousViolations } from './anywhere-tests.mjs'
import { createLabApp, editorReady, fullScreenshot, ready } from './helpers.mjs'

const WAIT = 60_000
const GRAPH = '[data-testid=app-view] [data-testid=resource-graph]'

/** The page is no wider than the screen: nothing to scroll sideways. */
async function assertNoSideScroll(page, what) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }))
  assert.ok(scroll <= inner, `${what}: the page is ${scroll} px wide in a ${inner} px window`)
}

/** An element's box lies within the window's width (and is drawn). */
async function assertWithinWidth(page, selector) {
  const box = await page.locator(selector).first().boundingBox()
  assert.ok(box, `${selector} is not drawn`)
  const width = page.viewportSize().width
  assert.ok(box.x >= 0 && box.x + box.width <= width + 0.5, `${selector} spans ${box.x}–${box.x + box.width} of ${width}`)
}

/** Sync, and the run played to its end (the session's own To the end: on a phone its button is in another tab). */
async function syncToEnd(page) {
  await page.click('[data-testid=sync]')
  await page.evaluate(() => window.__synclab.toEnd())
  await page.waitForFunction(() => {
    const app = window.__synclab.live.app
    return !app.operationRunning && app.operations.length === 1 && app.operations.at(-1).result().phase === 'Succeeded'
  }, null, { timeout: WAIT }).catch(async e => {
    // Say where the run stood: a timeout alone does not tell a sync that never started from one that failed.
    const state = await page.evaluate(() => {
      const s = window.__synclab
      const app = s.live.app
      const op = app?.operations.at(-1)?.result()
      return { app: app?.name, operations: app?.operations.length, running: app?.operationRunning, phase: op?.phase,
        message: op?.message, now: s.live.now, playing: s.playing, speed: s.speed, editable: s.editable,
        actions: s.actions.map(a => `${a.type}@${Math.round(a.t)}`) }
    }).catch(() => 'unreadable')
    throw new Error(`${e.message}\n  the run: ${JSON.stringify(state)}`)
  })
}

/** A finger tap at (x, y): touch events, which the page gets as pointer events of type "touch". */
async function tap(cdp, x, y) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] })
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

/**
 * Where an element is once the page has stopped moving it (graph nodes slide into place, panels above them grow):
 * scrolled into view, the same box on two frames in a row.
 */
async function settledBox(page, selector) {
  await page.locator(selector).scrollIntoViewIfNeeded()
  return page.evaluate(async selector => {
    const frame = () => new Promise(resolve => requestAnimationFrame(resolve))
    const box = () => { const r = document.querySelector(selector).getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } }
    let last = box()
    for (let i = 0; i < 120; i++) {
      await frame()
      const now = box()
      if (now.x === last.x && now.y === last.y && now.width === last.width) return now
      last = now
    }
    return last
  }, selector)
}

/** Monaco has loaded (on a phone its tab may be hidden). */
async function editorLoaded(page) {
  await page.waitForFunction(() => typeof window.__synclabMarkers === 'function', null, { timeout: WAIT })
  await page.waitForSelector('.monaco-editor .view-lines', { state: 'attached', timeout: WAIT })
}

/**
 * Touch on, with the browser's window taller than the emulated screen: the browser routes a touch gesture by its
 * real window, not by the viewport the test emulates, and a swipe that starts below the window's edge reaches the
 * page as touch events but scrolls nothing. Playwright sizes the window to the last viewport it set (axe's page of
 * its own: 1280×800), with no room for the about 85 px that headless chromium's own bars take: a phone's 844 px
 * screen ended 715 px down. Sized here, after the last page opened before touch, and a frame drawn at the new size.
 */
async function touchScreen(page) {
  const cdp = await page.context().newCDPSession(page)
  const screen = page.viewportSize()
  const { windowId } = await cdp.send('Browser.getWindowForTarget')
  const size = { height: screen.height + 200 }
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: size })
  const now = (await cdp.send('Browser.getWindowForTarget')).bounds
  assert.ok(now.height >= size.height, `the browser window (${now.height} px) does not hold the ${screen.height} px screen: touch below its edge would not scroll`)
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 })
  return cdp
}

/** A finger put down at `from`, moved to `to` in ten steps, and lifted. */
async function drag(cdp, from, to) {
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] })
  for (let i = 1; i <= 10; i++) {
    const point = { x: from.x + (to.x - from.x) * i / 10, y: from.y + (to.y - from.y) * i / 10 }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] })
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
}

const selectedTab = page => page.getAttribute('[role=tab][aria-selected=true]', 'data-testid')

/** Pairs of boxes that overlap (by more than half a px each way), named by their text. */
function overlaps(boxes) {
  const found = []
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]
      const b = boxes[j]
      if (a.x < b.x + b.w - 0.5 && b.x < a.x + a.w - 0.5 && a.y < b.y + b.h - 0.5 && b.y < a.y + a.h - 0.5) {
        found.push(`"${a.text}" over "${b.text}"`)
      }
    }
  }
  return found
}

/** The boxes of the timeline's lane labels: each line of text of each lane of the resource list. */
function laneLabelBoxes(page) {
  return page.$$eval('[data-testid=timeline] ul[aria-label=Resources] li > div', els => els.map(el => {
    const r = el.getBoundingClientRect()
    // A line cut off by its lane is a label drawn over the next lane (li overflow hides it but the lane is too low).
    const lane = el.parentElement.getBoundingClientRect()
    return { x: r.x, y: r.y, w: r.width, h: r.height, text: el.textContent, inLane: r.bottom <= lane.bottom + 0.5 }
  }))
}

export const tests = [
  {
    name: 'devices: a phone (390×844, 360 wide): the panels are tabs, Sync works, no horizontal scroll, touch on the timeline and the graph',
    async run({ page, base, artifacts }) {
      await page.setViewportSize({ width: 390, height: 844 })
      await ready(page, `${base}#lab=01-resource-hooks`)
      await editorLoaded(page)
      await page.waitForSelector('[role=tablist][aria-label=Panels]')
      assert.deepEqual(await page.$$eval('[role=tab]', tabs => tabs.map(t => t.textContent)), ['Lab', 'Editor', 'App', 'Timeline', 'Terminal'])
      assert.equal(await selectedTab(page), 'panel-tab-lab')
      await assertNoSideScroll(page, 'lab at 390')
      assert.equal(await page.isVisible('[data-testid=sync]'), false, 'Sync shows outside its tab')

      // Keyboard: arrows move along the tabs (and wrap), the panel follows.
      await page.focus('[data-testid=panel-tab-lab]')
      await page.keyboard.press('ArrowRight')
      assert.equal(await selectedTab(page), 'panel-tab-editor')
      assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'panel-tab-editor')
      assert.ok(await page.isVisible('.monaco-editor'))
      await page.keyboard.press('ArrowLeft')
      await page.keyboard.press('ArrowLeft')
      assert.equal(await selectedTab(page), 'panel-tab-terminal')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: WAIT })
      await assertNoSideScroll(page, 'terminal at 390')
      await page.keyboard.press('Home')
      assert.equal(await selectedTab(page), 'panel-tab-lab')

      // The App tab: make the app, Sync, and the app view fits the width.
      await page.click('[data-testid=panel-tab-app]')
      await createLabApp(page)
      await assertWithinWidth(page, '[data-testid=sync]')
      await syncToEnd(page)
      await page.waitForSelector(`${GRAPH} button[data-kind=Deployment]`, { timeout: WAIT })
      await assertWithinWidth(page, '[data-testid=app-view]')
      await assertNoSideScroll(page, 'app view at 390')
      assert.deepEqual(await seriousViolations(page), [], 'axe at 390, app tab')

      // A tap on a graph node selects it (its details open).
      const cdp = await touchScreen(page)
      const nodeBox = await settledBox(page, `${GRAPH} button[data-kind=Deployment]`)
      await tap(cdp, nodeBox.x + nodeBox.width / 2, nodeBox.y + nodeBox.height / 2)
      await page.waitForSelector('[data-testid=node-details]', { timeout: WAIT })
      await page.screenshot({ path: join(artifacts, 'phone.png') })
      // A swipe pans the graph, which is wider than the phone at its smallest zoom.
      const scroller = page.locator(GRAPH)
      const room = await scroller.evaluate(el => ({ left: el.scrollLeft, more: el.scrollWidth - el.clientWidth }))
      assert.ok(room.more > 0, 'the graph fits: nothing to pan')
      await scroller.scrollIntoViewIfNeeded()
      const graphBox = await settledBox(page, GRAPH)
      await drag(cdp, { x: graphBox.x + graphBox.width * 0.8, y: graphBox.y + 40 }, { x: graphBox.x + graphBox.width * 0.2, y: graphBox.y + 40 })
      await page.waitForFunction(([sel, left]) => document.querySelector(sel).scrollLeft > left, [GRAPH, room.left], { timeout: 5000 })
        .catch(() => assert.fail('a swipe on the graph did not pan it'))
      // A swipe that starts on a node pans too (nodes are most of what a finger lands on), back to the right, and
      // does not open or close anything.
      const panned = await scroller.evaluate(el => el.scrollLeft)
      const node = await page.evaluate(sel => {
        // The middle of a node's part in view, where the node itself is under the finger.
        const view = document.querySelector(sel).getBoundingClientRect()
        for (const n of document.querySelectorAll(`${sel} .gnode`)) {
          const r = n.getBoundingClientRect()
          const x = (Math.max(r.left, view.left) + Math.min(r.right, view.right)) / 2
          const y = (Math.max(r.top, view.top) + Math.min(r.bottom, view.bottom, innerHeight)) / 2
          if (x < view.left + view.width / 2 && document.elementFromPoint(x, y)?.closest('.gnode') === n) return { x, y, kind: n.dataset.kind }
        }
        return undefined
      }, GRAPH)
      assert.ok(node, 'no graph node in the left half of the view to swipe from')
      await drag(cdp, node, { x: node.x + graphBox.width * 0.45, y: node.y })
      await page.waitForFunction(([sel, left]) => document.querySelector(sel).scrollLeft < left, [GRAPH, panned], { timeout: 5000 })
        .catch(() => assert.fail(`a swipe that started on a graph node (${node.kind}) did not pan the graph`))
      assert.ok(await page.isVisible('[data-testid=node-details]'), 'a swipe on a node closed its details')

      // The Timeline tab: a tap on the chart puts the time cursor there.
      await page.click('[data-testid=panel-tab-timeline]')
      assert.equal(await page.isVisible('[data-testid=app-view]'), false)
      const chart = page.locator('[data-testid=timeline] [role=img]')
      await chart.scrollIntoViewIfNeeded()
      const pane = await page.locator('[data-testid=timeline] [role=img]').evaluate(el => {
        const r = el.parentElement.getBoundingClientRect()
        return { x: r.x, y: r.y, w: r.width, h: r.height }
      })
      assert.ok(pane.w > 100, `the chart has ${pane.w} px`)
      await tap(cdp, pane.x + pane.w / 2, pane.y + 40)
      await page.waitForFunction(() => window.__synclab.view !== undefined, null, { timeout: WAIT })
      const slider = await page.locator('[role=slider][aria-label="Time cursor"]').boundingBox()
      assert.ok(Math.abs(slider.x + slider.width / 2 - (pane.x + pane.w / 2)) <= 3, `the cursor is at ${slider.x + slider.width / 2}, tapped at ${pane.x + pane.w / 2}`)
      // A finger dragged along the chart takes the cursor with it.
      const from = pane.x + pane.w * 0.7
      const to = pane.x + pane.w * 0.3
      await drag(cdp, { x: from, y: pane.y + 40 }, { x: to, y: pane.y + 40 })
      await page.waitForFunction(x => {
        const r = document.querySelector('[role=slider][aria-label="Time cursor"]').getBoundingClientRect()
        return Math.abs(r.x + r.width / 2 - x) <= 3
      }, to, { timeout: WAIT })
      await assertNoSideScroll(page, 'timeline at 390')
      assert.deepEqual(await seriousViolations(page), [], 'axe at 390, timeline tab')
      await cdp.detach()

      // 360 px, the narrowest phone: still nothing wider than the screen, on every tab.
      await page.setViewportSize({ width: 360, height: 740 })
      for (const tab of ['lab', 'editor', 'app', 'timeline', 'terminal']) {
        await page.click(`[data-testid=panel-tab-${tab}]`)
        await assertNoSideScroll(page, `${tab} at 360`)
      }
      await page.click('[data-testid=panel-tab-app]')
      await assertWithinWidth(page, '[data-testid=sync]')
    },
  },
  {
    name: 'devices: a tablet (768×1024): tabs, no horizontal scroll; landscape (1024×768) has the columns',
    async run({ page, base, artifacts }) {
      await page.setViewportSize({ width: 768, height: 1024 })
      await ready(page, `${base}#lab=01-resource-hooks`)
      await editorLoaded(page)
      await page.click('[data-testid=panel-tab-app]')
      await createLabApp(page)
      await syncToEnd(page)
      await assertNoSideScroll(page, 'app at 768')
      await assertWithinWidth(page, '[data-testid=app-view]')
      await page.screenshot({ path: join(artifacts, 'tablet.png') })
      await page.setViewportSize({ width: 1024, height: 768 })
      await page.waitForSelector('[role=tablist][aria-label=Panels]', { state: 'detached' })
      assert.ok(await page.isVisible('.monaco-editor') && await page.isVisible('[data-testid=app-view]'))
      await assertNoSideScroll(page, 'landscape 1024')
    },
  },
  {
    name: 'devices: presenter mode at 1280×720: larger editor, terminal, streams, timeline and graph; editor collapses; app view and timeline on screen together; no label overlaps',
    async run({ page, base, artifacts }) {
      await page.setViewportSize({ width: 1280, height: 720 })
      await ready(page, `${base}#lab=01-resource-hooks`)
      await editorReady(page)
      await createLabApp(page)
      await syncToEnd(page)
      const sizes = () => page.evaluate(() => ({
        editor: window.__synclabEditor.getRawOptions().fontSize,
        terminal: parseFloat(getComputedStyle(document.querySelector('.xterm-rows')).fontSize),
        stream: parseFloat(getComputedStyle(document.querySelector('.event-stream pre')).fontSize),
        timeline: document.querySelector('[data-testid=timeline]').getBoundingClientRect().height,
        graph: document.querySelector('[data-testid=resource-graph] .graph-canvas').getBoundingClientRect().width,
      }))
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: WAIT })
      assert.deepEqual(overlaps(await laneLabelBoxes(page)), [], 'lane labels overlap at 100 %')
      const before = await sizes()

      await page.click('[data-testid=instructor-toggle]')
      await page.waitForSelector('[data-testid=instructor-toggle][aria-pressed=true]:not([disabled])', { timeout: WAIT })
      await page.click('[data-testid=editor-collapse]')
      assert.equal(await page.getAttribute('[data-testid=editor-collapse]', 'aria-pressed'), 'true')
      assert.equal(await page.isVisible('.monaco-editor'), false, 'the editor did not collapse')
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.waitForTimeout(300) // the terminal refits, the graph's fit follows its room
      const after = await sizes()
      for (const what of ['editor', 'terminal', 'stream', 'timeline']) {
        assert.ok(after[what] >= before[what] * 1.25, `${what}: ${before[what]} -> ${after[what]}`)
      }
      assert.ok(after.graph > before.graph * 0.9, `graph: ${before.graph} -> ${after.graph}`)

      // Without scrolling: the app view and the timeline's chart both show (at least 150 px of each).
      for (const selector of ['[data-testid=app-view]', '[data-testid=timeline] [role=img]']) {
        // The chart scrolls sideways within its pane: the pane is what shows.
        const box = await page.locator(selector).evaluate(el => {
          const r = (el.getAttribute('role') === 'img' ? el.parentElement : el).getBoundingClientRect()
          return { x: r.x, y: r.y, width: r.width, height: r.height }
        })
        const shown = Math.min(box.y + box.height, 720) - Math.max(box.y, 0)
        assert.ok(box.x >= 0 && box.x + box.width <= 1280.5 && shown >= 150, `${selector} at ${JSON.stringify(box)}`)
      }
      const labels = await laneLabelBoxes(page)
      assert.ok(labels.length >= 6, `${labels.length} labels`)
      assert.deepEqual(overlaps(labels), [], 'lane labels overlap in presenter mode')
      assert.deepEqual(labels.filter(l => !l.inLane).map(l => l.text), [], 'labels cut off by their lane')
      await page.screenshot({ path: join(artifacts, 'presenter.png') })
      assert.deepEqual(await seriousViolations(page), [], 'axe in presenter mode')

      await page.emulateMedia({ colorScheme: 'dark' })
      try {
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
        assert.deepEqual(await seriousViolations(page), [], 'axe in presenter mode, dark')
      } finally {
        await page.emulateMedia({ colorScheme: null })
      }
      // Shown again, the editor has presenter mode's type too.
      await page.click('[data-testid=editor-collapse]')
      assert.ok(await page.isVisible('.monaco-editor'))
      await page.click('[data-testid=instructor-toggle]')
      assert.equal((await sizes()).editor, before.editor)
    },
  },
  {
    name: 'devices: the theme control (system, light, dark) is kept after a reload; the timeline, terminal and editor follow it',
    async run({ page, base, artifacts }) {
      await page.emulateMedia({ colorScheme: 'light' })
      try {
        // Storage the page still running cannot write back before the reload (helpers.ready): else the last test's
        // synced app came back, and this test's Sync was that app's second operation.
        await ready(page, `${base}#lab=01-resource-hooks`, { timeout: WAIT })
        await editorReady(page)
        assert.equal(await page.inputValue('[data-testid=theme-picker]'), 'system')
        assert.equal(await page.getAttribute('html', 'data-theme'), 'light')

        await page.selectOption('[data-testid=theme-picker]', 'dark')
        await page.reload()
        await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: WAIT })
        await editorReady(page)
        assert.equal(await page.inputValue('[data-testid=theme-picker]'), 'dark')
        assert.equal(await page.getAttribute('html', 'data-theme'), 'dark')
        await createLabApp(page)
        await syncToEnd(page)
        await page.click('[data-testid=terminal-section] summary')
        await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: WAIT })
        const colours = () => page.evaluate(() => {
          const luminance = rgb => {
            const [r, g, b] = rgb.match(/\d+(\.\d+)?/g).map(Number)
            return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255
          }
          // The chart's header labels (the axis' seconds) and the terminal's background.
          const tick = document.querySelector('[data-testid=timeline] svg text')
          return {
            tick: luminance(getComputedStyle(tick).fill),
            panel: luminance(getComputedStyle(document.querySelector('.bottom.panel')).backgroundColor),
            terminal: luminance(getComputedStyle(document.querySelector('.xterm-scrollable-element')).backgroundColor),
            editorDark: document.querySelector('.monaco-editor').classList.contains('vs-dark'),
          }
        })
        const dark = await colours()
        assert.ok(dark.panel < 0.2 && dark.tick > 0.6 && dark.terminal < 0.2 && dark.editorDark, JSON.stringify(dark))
        await fullScreenshot(page, join(artifacts, 'dark.png'))
        assert.deepEqual(await seriousViolations(page), [], 'axe, dark')

        await page.selectOption('[data-testid=theme-picker]', 'light')
        const light = await colours()
        assert.ok(light.panel > 0.9 && light.tick < 0.4 && light.terminal > 0.9 && !light.editorDark, JSON.stringify(light))
        assert.deepEqual(await seriousViolations(page), [], 'axe, light')

        // "System" follows the system's scheme as it changes.
        await page.selectOption('[data-testid=theme-picker]', 'system')
        await page.emulateMedia({ colorScheme: 'dark' })
        await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark')
        assert.equal(await page.evaluate(() => window.localStorage.getItem('synclab:theme')), 'system')
      } finally {
        await page.emulateMedia({ colorScheme: null })
      }
    },
  },
]
