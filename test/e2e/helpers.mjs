// Helpers shared by the end-to-end test files.

/** Opens the page at `url` on a fresh session (what earlier tests kept in the browser is cleared). */
export async function ready(page, url, { timeout = 15_000 } = {}) {
  // A real load (a URL that differs from the last test's by its hash alone would not reload the page), then empty
  // storage that the page still running cannot write back before the reload.
  await page.goto('about:blank')
  await page.goto(url)
  await page.evaluate(() => {
    window.localStorage.clear()
    Storage.prototype.setItem = () => {}
  })
  await page.reload()
  await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout })
}

/** Waits for Monaco and synclab's markers hook (the editor loads after the page). */
export async function editorReady(page) {
  await page.waitForFunction(() => typeof window.__synclabMarkers === 'function', null, { timeout: 20_000 })
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20_000 })
}

/**
 * A screenshot of the whole page as a learner scrolling through it would see it: the timeline and the logs are
 * skipped by the browser while off-screen (content-visibility: auto), and a full-page capture does not scroll, so
 * they are made visible for the capture and put back after it.
 */
export async function fullScreenshot(page, path) {
  const style = await page.addStyleTag({ content: '.timeline, .timeline .tl-chunk, .event-stream pre { content-visibility: visible !important; }' })
  await page.evaluate(() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await page.screenshot({ path, fullPage: true })
  await style.evaluate(node => node.remove())
}

/**
 * Creates the lab's application with the page's New app dialog as the lab fills it in (lab 01 starts without its
 * application, as the seed lab does), and waits until the applications list shows it.
 */
export async function createLabApp(page) {
  await page.click('[data-testid=new-app]')
  await page.waitForSelector('[data-testid=new-app-dialog][open]', { timeout: 15_000 })
  const name = await page.inputValue('[data-testid=new-app-name]')
  await page.click('[data-testid=new-app-create]')
  await page.waitForSelector(`[data-testid=applications] tr[data-app="${name}"]`, { timeout: 15_000 })
  await page.waitForSelector('[data-testid=new-app-dialog]', { state: 'detached', timeout: 15_000 })
  return name
}
