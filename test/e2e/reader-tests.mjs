// End-to-end tests of the manifest reader in the page: Kubernetes' types checked (loaded after the first render)
// and shown as synclab's markers in kubectl's words.
import assert from 'node:assert/strict'
import { editorReady, ready } from './helpers.mjs'

export const tests = [
  {
    name: 'reader: a wrong type gets a marker in kubectl\'s words and the files cannot be committed; fixing it clears it',
    async run({ page, base }) {
      await ready(page, base)
      await editorReady(page)
      const path = 'pre-post-sync-hook/pre-sync-job.yaml'
      await page.waitForFunction(() => window.__synclab.files.some(f => f.path === 'pre-post-sync-hook/pre-sync-job.yaml'))
      if (await page.evaluate(() => window.__synclab.active) !== path) {
        await page.getByText('pre-sync-job.yaml', { exact: true }).first().click()
      }
      await page.locator('.monaco-editor .view-lines').getByText('backoffLimit', { exact: true }).click()
      await page.keyboard.press('End')
      await page.keyboard.press('Backspace')
      await page.keyboard.type('{a: 1}')
      await page.waitForFunction(p => window.__synclabMarkers(p).some(m => m.source === 'synclab' &&
        /ValidationError\(Job\.spec\.backoffLimit\): invalid type for io\.k8s\.api\.batch\.v1\.JobSpec\.backoffLimit: got "map", expected "integer"/.test(m.message)),
      path, { timeout: 15_000 })
      assert.equal(await page.evaluate(() => window.__synclab.source.ok), false)
      for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace')
      await page.keyboard.type('0')
      await page.waitForFunction(p => window.__synclabMarkers(p).filter(m => m.source === 'synclab').length === 0, path,
        { timeout: 15_000 })
      assert.equal(await page.evaluate(() => window.__synclab.source.ok), true)
    },
  },
]
