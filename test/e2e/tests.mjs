// The end-to-end test cases; run.mjs runs them in order, each on a fresh page.
import assert from 'node:assert/strict'
import { join } from 'node:path'

export const tests = [
  {
    name: 'the page loads and runs the simulated cluster in the browser',
    async run({ page, base, artifacts }) {
      await page.goto(base)
      await page.waitForSelector('#app[data-ready=true]', { timeout: 10_000 })
      assert.equal(await page.title(), 'synclab: Argo CD sync, hooks and waves in your browser')
      const watch = await page.textContent('[data-testid=pod-watch]')
      assert.match(watch, /before-[a-z0-9]{5}\s+Pending/)
      assert.match(watch, /before-[a-z0-9]{5}\s+ContainerCreating/)
      assert.match(watch, /before-[a-z0-9]{5}\s+Running/)
      assert.match(watch, /before-[a-z0-9]{5}\s+Completed/)
      await page.screenshot({ path: join(artifacts, 'page.png') })
    },
  },
]
