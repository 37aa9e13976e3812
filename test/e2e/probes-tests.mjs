// End-to-end: the "Probes gate waves" lab in the page. Its Deployment's readiness probe asks a port nginx does not
// serve: the Pods run but are never Ready (R90), the timeline marks each failed probe run on the Pods' bars, and at
// the progress deadline the Deployment turns Degraded and the sync fails (R92, R31, R16).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fullScreenshot, ready } from './helpers.mjs'

const WAIT = 60_000

export const tests = [
  {
    name: 'probes: a never-ready Deployment shows probe failures on the timeline and fails the sync at its progress deadline',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=10-probes-gate-waves`)
      assert.match(await page.textContent('[data-testid=lab-panel] h2'), /Probes gate waves/)
      await page.click('[data-testid=sync]')
      await page.click('[data-testid=to-end]')
      await page.waitForSelector('[data-testid=operation][data-phase=Failed]', { timeout: WAIT })
      assert.equal(await page.textContent('[data-testid=operation-message]'),
        'one or more synchronization tasks completed unsuccessfully')
      await page.click('[data-testid=app-view] [role=tab]:has-text("Sync result")')
      await page.waitForFunction(() => /Deployment "web" exceeded its progress deadline/
        .test(document.querySelector('[data-testid=app-view]')?.textContent ?? ''), null, { timeout: WAIT })

      // The failed readiness probe runs are marks on the web Pods' bars, titled with the kubelet's message.
      const marks = page.locator('[data-testid=timeline] [data-pod^="web-"] [data-marker=probe-failure]')
      await page.waitForFunction(() =>
        document.querySelectorAll('[data-testid=timeline] [data-pod^="web-"] [data-marker=probe-failure]').length > 0,
      null, { timeout: WAIT })
      const title = await marks.first().locator('title').textContent()
      assert.match(title ?? '', /Readiness probe failed: Get "http:\/\/[\d.]+:8080\/healthz": dial tcp [\d.]+:8080: connect: connection refused/)
      const summary = await page.getAttribute('[data-testid=timeline] [role=img]', 'aria-label')
      assert.match(summary ?? '', /failed probe runs from/)
      assert.match(summary ?? '', /Operation 1 Failed/)
      await fullScreenshot(page, join(artifacts, 'probes-deadline-failed.png'))
    },
  },
]
