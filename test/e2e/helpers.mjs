// Helpers shared by the end-to-end test files.

/** Opens the page at `url` on a fresh session (what earlier tests kept in the browser is cleared). */
export async function ready(page, url) {
  await page.goto(url)
  await page.evaluate(() => window.localStorage.clear())
  await page.reload()
  await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: 15_000 })
}

/** Waits for Monaco and synclab's markers hook (the editor loads after the page). */
export async function editorReady(page) {
  await page.waitForFunction(() => typeof window.__synclabMarkers === 'function', null, { timeout: 20_000 })
  await page.waitForSelector('.monaco-editor .view-lines', { timeout: 20_000 })
}
