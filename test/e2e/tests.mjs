// The end-to-end test cases; run.mjs runs them in order, each on a fresh page (a fresh profile per run).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createLabApp, editorReady, ready, fullScreenshot } from './helpers.mjs'

const session = page => page.evaluate(() => {
  const s = window.__synclab
  const run = s.shown
  return {
    now: run.now, dirty: s.dirty, revisions: s.revisions.length, playing: s.playing,
    events: run.app.events.map(e => ({ t: e.t, type: e.type, name: e.name, reason: e.reason, kind: e.kind, phase: e.phase })),
    phase: run.app.currentOperation?.result().phase,
  }
})



export const tests = [
  {
    name: 'the page loads with the lab, the app view and the plan before the editor',
    async run({ page, base }) {
      await ready(page, base)
      assert.equal(await page.title(), 'synclab: Argo CD sync, hooks and waves in your browser')
      // Lab 01 starts without its application, as the seed lab does; once made, it is OutOfSync.
      await page.waitForSelector('[data-testid=app-view] [data-testid=no-app]')
      await createLabApp(page)
      assert.match(await page.textContent('[data-testid=app-status]'), /OutOfSync/)
      const plan = await page.textContent('[data-testid=sync-plan]')
      assert.ok(plan.indexOf('PreSync · wave 0') < plan.indexOf('Sync · wave 0'), plan)
      assert.ok(plan.indexOf('Job/before') < plan.indexOf('Deployment/pre-post-sync-hook'), plan)
      assert.ok(plan.indexOf('Deployment/pre-post-sync-hook') < plan.indexOf('Job/after'), plan)
    },
  },
  {
    name: 'a wrong hook type gets a marker at its line; fixing it clears it',
    async run({ page, base }) {
      await ready(page, base)
      await editorReady(page)
      const path = 'pre-post-sync-hook/pre-sync-job.yaml'
      await page.locator('.monaco-editor .view-lines').getByText('PreSync', { exact: true }).dblclick()
      await page.keyboard.type('postsync')
      await page.waitForFunction(p => window.__synclabMarkers(p).some(m => m.startLineNumber === 6), path, { timeout: 15_000 })
      const markers = await page.evaluate(p => window.__synclabMarkers(p), path)
      assert.ok(markers.some(m => /PostSync/.test(m.message)), JSON.stringify(markers))
      await page.locator('.monaco-editor .view-lines').getByText('postsync', { exact: true }).dblclick()
      await page.keyboard.type('PreSync')
      await page.waitForFunction(p => window.__synclabMarkers(p).filter(m => m.source === 'synclab').length === 0, path,
        { timeout: 15_000 })
    },
  },
  {
    name: 'commit and sync the seed lab: PreSync before the Deployment, PostSync runs and is deleted (HookSucceeded)',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await createLabApp(page)
      assert.match(await page.textContent('[data-testid=head]'), /HEAD [0-9a-f]{7} · Initial commit/)
      await page.click('[data-testid=play-20]')
      await page.click('[data-testid=sync]')
      await page.waitForFunction(() => window.__synclab.shown.app.events.some(e => e.type === 'apply' && e.name === 'after'),
        null, { timeout: 30_000 })
      // Paused first: at 20× the screenshots below would otherwise outlast the sync.
      await page.click('[data-testid=pause]')
      await fullScreenshot(page, join(artifacts, 'mid-sync.png'))
      await page.locator('[data-testid=timeline]').scrollIntoViewIfNeeded()
      await page.waitForTimeout(200)
      await page.screenshot({ path: join(artifacts, 'mid-sync-timeline.png') })
      const paused = await session(page)
      await page.waitForTimeout(300)
      assert.equal((await session(page)).now, paused.now, 'time stands still while paused')
      await page.click('[data-testid=step]')
      await page.waitForFunction(t => window.__synclab.shown.now > t, paused.now)
      await page.click('[data-testid=to-end]')
      await page.waitForFunction(() => window.__synclab.shown.app.currentOperation?.result().phase === 'Succeeded',
        null, { timeout: 30_000 })
      const s = await session(page)
      const applyAt = name => s.events.find(e => e.type === 'apply' && e.name === name)?.t
      assert.ok(applyAt('before') < applyAt('pre-post-sync-hook'), 'PreSync before the Deployment')
      assert.ok(applyAt('pre-post-sync-hook') < applyAt('after'), 'PostSync after the Deployment')
      assert.ok(s.events.some(e => e.type === 'delete' && e.name === 'after' && e.reason === 'HookSucceeded'))
      assert.ok(s.events.some(e => e.type === 'gone' && e.name === 'after' && e.kind === 'Job'))
      // The application view redraws a few times a second while a run plays: wait for it to show the end.
      await page.waitForFunction(() => /successfully synced/.test(
        document.querySelector('[data-testid=operation-message]')?.textContent ?? ''), null, { timeout: 5_000 })
      assert.match(await page.textContent('[data-testid=app-status]'), /Synced/)
      // The resource tree with the keyboard alone: one Tab stop, arrows move, Right goes into what a node made.
      const focusedNode = () => page.evaluate(() => {
        const el = document.activeElement
        return el?.getAttribute('role') === 'treeitem' ? `${el.dataset.kind}/${el.dataset.name}` : `not a tree node: ${el?.tagName}`
      })
      assert.equal(await page.locator('[data-testid=resource-tree] [role=treeitem][tabindex="0"]').count(), 1)
      await page.focus('[data-testid=resource-tree] [role=treeitem][tabindex="0"]')
      const first = await focusedNode()
      await page.keyboard.press('End')
      const last = await focusedNode()
      assert.notEqual(last, first)
      await page.keyboard.press('Home')
      assert.equal(await focusedNode(), first)
      await page.focus('[data-testid=resource-tree] [role=treeitem][data-kind=Deployment]')
      await page.keyboard.press('ArrowRight')
      assert.match(await focusedNode(), /^ReplicaSet\/pre-post-sync-hook-/)
      await page.keyboard.press('ArrowLeft')
      assert.equal(await focusedNode(), 'Deployment/pre-post-sync-hook')
      await page.keyboard.press('ArrowDown')
      assert.match(await focusedNode(), /^ReplicaSet\//)
      await fullScreenshot(page, join(artifacts, 'synced.png'))
      // The lab checks the sync by itself: task 1 passes and task 2 becomes the current one.
      await page.waitForSelector('[data-testid=lab-panel] li[data-task][data-state=passed]', { timeout: 5_000 })
      assert.match(await page.textContent('[data-testid=lab-panel] li[data-state=current]'), /Post-hook curl/)
    },
  },
  {
    name: 'an edit survives a reload; Ctrl+S commits it as a new revision',
    async run({ page, base }) {
      await ready(page, base)
      await createLabApp(page)
      await page.evaluate(() => {
        const s = window.__synclab
        s.edit('pre-post-sync-hook/svc.yaml', s.files.find(f => f.path === 'pre-post-sync-hook/svc.yaml').text.replace('5000', '5001'))
      })
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      const text = await page.evaluate(() => window.__synclab.files.find(f => f.path === 'pre-post-sync-hook/svc.yaml').text)
      assert.match(text, /5001/)
      assert.match(await page.textContent('[data-testid=head]'), /uncommitted changes/)
      await page.keyboard.press('Control+s')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2)
      assert.match(await page.textContent('[data-testid=head]'), /HEAD [0-9a-f]{7} · Update manifests/)
      assert.match(await page.textContent('[data-testid=app-status]'), /OutOfSync/)
    },
  },
  {
    name: 'the terminal: the seed lab\'s commands (create, sync, get pod --watch, delete) print what the real tools print',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
      await page.click('[data-testid=play-20]')
      const type = async line => {
        await page.locator('.xterm-helper-textarea').focus()
        await page.keyboard.type(line)
        await page.keyboard.press('Enter')
      }
      const screen = () => page.evaluate(() => window.__synclabTerminal.buffer().join('\n'))
      const waitFor = async (re, timeout = 30_000) => {
        await page.waitForFunction(src => new RegExp(src).test(window.__synclabTerminal.buffer().join('\n')),
          re.source, { timeout })
      }
      await type('argocd app create argo-hook-$USER --repo https://example.com/learner/argocd-training-examples.git ' +
        '--path pre-post-sync-hook --dest-server https://kubernetes.default.svc --dest-namespace $USER')
      await waitFor(/application 'argo-hook-learner' created/)
      await type('kubectl get pod --namespace $USER --watch')
      await page.keyboard.press('Control+c')
      await type('argocd app sync argo-hook-learner')
      await waitFor(/Phase:\s+Succeeded/, 60_000)
      const text = await screen()
      assert.match(text, /Message:\s+successfully synced \(no more tasks\)/)
      assert.match(text, /batch\s+Job\s+learner\s+after/)
      await type('kubectl get pods -n learner')
      await waitFor(/NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE[\s\S]*pre-post-sync-hook-\w+-\w+\s+1\/1\s+Running/)
      // Terminal commands are in the session's log: after a reload the app made in the terminal is there again.
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      await page.waitForFunction(() => window.__synclab.live.sim.apps.some(a => a.name === 'argo-hook-learner' && !a.deleted),
        null, { timeout: 15_000 })
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
      // Ctrl+C with text selected copies it (and does not interrupt); without a selection it is the interrupt.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin })
      await page.evaluate(() => window.__synclabTerminal.selectAll())
      await page.locator('.xterm-helper-textarea').focus()
      await page.keyboard.press('Control+c')
      const copied = await page.evaluate(() => navigator.clipboard.readText())
      assert.match(copied, /synclab terminal\. Type help[\s\S]*learner@synclab:~\$/)
      assert.doesNotMatch((await screen()).split('\n').at(-1), /\^C/)
      await type('argocd app delete argo-hook-learner -y')
      await waitFor(/application 'argo-hook-learner' deleted|delet/)
      await fullScreenshot(page, join(artifacts, 'terminal.png'))
    },
  },
  {
    name: 'connect to a cluster: the seed lab syncs on a served cluster, matches the simulation, and is cleaned up',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await page.click('[data-testid=cluster-panel] summary')
      // No default namespace: the field is required before anything is sent.
      assert.equal(await page.inputValue('[data-testid=cluster-namespace]'), '')
      assert.equal(await page.getAttribute('[data-testid=cluster-namespace]', 'required'), '')
      await page.fill('[data-testid=cluster-namespace]', 'learner')
      await page.click('[data-testid=cluster-connect]')
      await page.waitForSelector('[data-testid=cluster-connected]', { timeout: 15_000 })
      // Connected, every Sync button says where it syncs.
      await page.waitForFunction(() => /in the simulation/.test(document.querySelector('[data-testid=sync]')?.textContent ?? ''))
      assert.match(await page.textContent('[data-testid=cluster-sync]'), /on the cluster/)
      await page.check('[data-testid=cluster-confirm]')
      await page.click('[data-testid=cluster-sync]')
      // The real run in the page's own views: why it waits, while it runs.
      const run = '[data-testid=cluster-run]'
      await page.waitForSelector(`${run} [data-testid=why-it-waits]`, { timeout: 30_000 })
      await page.waitForFunction(() => /Succeeded|Failed|Error/.test(
        document.querySelector('[data-testid=cluster-phase]')?.textContent ?? ''), null, { timeout: 90_000 })
      assert.equal(await page.textContent('[data-testid=cluster-phase]'), 'Succeeded')
      // The tree from the cluster's watches (ReplicaSets are listed every second), the timeline with the hooks'
      // lanes, kubectl's pod lines; the result table behind its tab.
      await page.waitForSelector(`${run} [data-testid=resource-tree] [data-kind=Deployment] [data-kind=ReplicaSet] [data-kind=Pod]`,
        { timeout: 15_000 })
      const lanes = await page.textContent(`${run} [data-testid=timeline]`)
      assert.match(lanes, /Job\/before[\s\S]*PreSync hook/)
      assert.match(lanes, /Job\/after[\s\S]*PostSync hook/)
      assert.match(await page.textContent(`${run} .streams`), /before-\w+\s+0\/1\s+Completed/)
      await page.click(`${run} [role=tab]:has-text("Sync result")`)
      assert.match(await page.textContent(`${run} [data-testid=app-view]`), /PreSync[\s\S]*PostSync|PostSync[\s\S]*PreSync/)
      await page.click('[data-testid=cluster-compare]')
      await page.waitForSelector('[data-testid=cluster-same], [data-testid=cluster-differences]', { timeout: 60_000 })
      assert.ok(await page.$('[data-testid=cluster-same]'), await page.textContent('[data-testid=cluster-comparison]'))
      assert.match(await page.textContent('[data-testid=cluster-simulation-timeline]'), /Job\/before[\s\S]*Job\/after|Job\/after[\s\S]*Job\/before/)
      await fullScreenshot(page, join(artifacts, 'cluster-panel.png'))
      await page.click('[data-testid=cluster-cleanup]')
      await page.waitForSelector('[data-testid=cluster-cleanup-plan]', { timeout: 15_000 })
      assert.match(await page.textContent('[data-testid=cluster-cleanup-plan]'), /Deployment/)
      await page.check('[data-testid=cluster-cleanup-confirm]')
      await page.click('[data-testid=cluster-cleanup-go]')
      await page.waitForSelector('[data-testid=cluster-cleaned]', { timeout: 30_000 })
      assert.doesNotMatch(await page.textContent('[data-testid=cluster-cleaned]'), /Nothing was deleted/)
    },
  },
]
