// End-to-end: a StatefulSet in the page. The seed lab's Deployment becomes a database StatefulSet in wave 0: the
// sync waits for it (R16, R95), its Pods come up one at a time as <name>-0, <name>-1 (R93), and the PostSync hook
// runs after it; `kubectl get sts` in the terminal prints kubectl's columns.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fullScreenshot, ready } from './helpers.mjs'

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  annotations:
    argocd.argoproj.io/sync-wave: "0"
spec:
  replicas: 2
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          image: postgres:17
          env:
            - name: POSTGRES_PASSWORD
              value: secret
`

export const tests = [
  {
    name: 'workloads: a StatefulSet in wave 0 becomes Healthy, its Pods db-0 then db-1, and the PostSync hook follows',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await page.evaluate(text => window.__synclab.edit('pre-post-sync-hook/deployment.yaml', text), STATEFULSET)
      await page.click('[data-testid=commit]')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2)
      await page.click('[data-testid=sync]')
      await page.click('[data-testid=to-end]')
      await page.waitForFunction(() => window.__synclab.shown.app.currentOperation?.result().phase === 'Succeeded',
        null, { timeout: 60_000 })
      const s = await page.evaluate(() => {
        const app = window.__synclab.shown.app
        return { events: app.events, message: app.currentOperation.result().message }
      })
      assert.equal(s.message, 'successfully synced (no more tasks)')
      const healthy = s.events.find(e => e.type === 'health' && e.kind === 'StatefulSet' && e.health === 'Healthy')
      const after = s.events.find(e => e.type === 'apply' && e.name === 'after' && !e.dryRun)
      assert.ok(healthy && after && after.t >= healthy.t, 'PostSync after the StatefulSet is Healthy')
      const created = s.events.filter(e => e.type === 'created' && e.kind === 'Pod' && /^db-/.test(e.name)).map(e => e.name)
      assert.deepEqual(created, ['db-0', 'db-1'])
      // The watch lines print the StatefulSet's Pods by their stable names.
      await page.waitForFunction(() => /db-1\s/.test(document.querySelector('[data-testid=event-stream]')?.textContent ??
        document.body.textContent ?? ''), null, { timeout: 10_000 })
      await fullScreenshot(page, join(artifacts, 'statefulset-synced.png'))
    },
  },
]
