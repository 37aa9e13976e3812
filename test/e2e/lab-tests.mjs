// End-to-end walk through a whole lab, as a learner does it: edit in the editor, commit, sync, watch the run, and
// the lab panel marks each task passed and moves on. run.mjs runs these after tests.mjs, each on a fresh page.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createLabApp, editorReady, ready, fullScreenshot } from './helpers.mjs'

const WAIT = 90_000



const taskState = (page, id) => page.getAttribute(`[data-testid=lab-panel] li[data-task="${id}"]`, 'data-state')

async function waitTaskState(page, id, state) {
  await page.waitForSelector(`[data-testid=lab-panel] li[data-task="${id}"][data-state=${state}]`, { timeout: WAIT })
}

/** Waits until the live run has no operation running and its last operation ended in `phase`. */
async function waitOperation(page, count, phase) {
  await page.waitForFunction(([n, p]) => {
    const app = window.__synclab.live.app
    return !app.operationRunning && app.operations.length === n && app.operations.at(-1).result().phase === p
  }, [count, phase], { timeout: WAIT })
}

const fileText = (page, path) => page.evaluate(p => window.__synclab.files.find(f => f.path === p)?.text, path)

/** Shows `path` in the editor (its row in the file tree) and waits until Monaco shows it. */
async function openTab(page, path) {
  await page.click(`[data-testid=file-tree] [role=treeitem][data-path="${path}"]`)
  await page.waitForSelector(`[data-testid=file-tree] [role=treeitem][data-path="${path}"][aria-selected=true]`)
  await page.waitForFunction(p => window.__synclabEditor?.getModel()?.uri.toString().includes(p.split('/').pop()), path,
    { timeout: 15_000 })
}

/** Replaces the text of the editor line that contains `find` (keeping its indentation) by typing `typed`. */
async function retypeLine(page, find, typed) {
  const line = page.locator('.monaco-editor .view-line', { hasText: find })
  await line.waitFor({ timeout: 15_000 })
  await line.click()
  await page.keyboard.press('End')
  await page.keyboard.press('Shift+Home') // to the first non-blank character: the indentation stays
  await page.keyboard.type(typed)
  await page.keyboard.press('Escape') // closes a suggestion widget, if one opened
}

async function commitAndSync(page) {
  await page.waitForSelector('[data-testid=commit]:not([disabled])', { timeout: 15_000 })
  const revisions = await page.evaluate(() => window.__synclab.revisions.length)
  await page.click('[data-testid=commit]')
  await page.waitForFunction(n => window.__synclab.revisions.length === n + 1 && !window.__synclab.dirty, revisions)
  await page.waitForSelector('[data-testid=sync]:not([disabled])', { timeout: WAIT })
  await page.click('[data-testid=sync]')
}

export const tests = [
  {
    name: 'lab 01 (resource hooks): every task done in the page, the lab panel passes each one in turn',
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await editorReady(page)
      const file = 'pre-post-sync-hook/post-sync-job.yaml'
      assert.match(await page.textContent('[data-testid=lab-panel] h2'), /Resource hooks/)
      assert.equal(await page.locator('[data-testid=lab-panel] li[data-task]').count(), 3)
      assert.equal(await taskState(page, 'hook-example'), 'current')
      assert.equal(await taskState(page, 'post-hook-curl'), 'todo')
      assert.equal(await taskState(page, 'delete-app'), 'todo')
      await page.click('[data-testid=play-20]')

      // Task 1, "Hook example": create the application (New app, as the lab fills it in), sync the seed as it is.
      await createLabApp(page)
      await page.click('[data-testid=sync]')
      await waitOperation(page, 1, 'Succeeded')
      await waitTaskState(page, 'hook-example', 'passed')
      await waitTaskState(page, 'post-hook-curl', 'current')
      assert.equal(await taskState(page, 'delete-app'), 'todo')
      assert.match(await page.textContent('[data-testid=lab-task]'), /curl https:\/\/acend\.ch/)

      // Task 2, "Post-hook curl". First the pitfall the task warns about: only the command changed,
      // typed in the editor; the Go image has no curl, so the hook and the sync fail and the task does not pass.
      await openTab(page, file)
      await retypeLine(page, 'command: ["sleep", "10"]',
        'command: ["bash", "-eo", "pipefail", "-c", "curl https://acend.ch"]')
      await page.waitForFunction(p => window.__synclab.files.find(f => f.path === p)?.text
        .includes('          command: ["bash", "-eo", "pipefail", "-c", "curl https://acend.ch"]\n'), file, { timeout: 15_000 })
      assert.match(await page.textContent('[data-testid=head]'), /uncommitted changes/)
      await commitAndSync(page)
      await waitOperation(page, 2, 'Failed')
      const failedMessage = await page.evaluate(() => window.__synclab.live.app.operations.at(-1).result().message)
      assert.match(failedMessage, /one or more synchronization tasks completed unsuccessfully/)
      await page.waitForSelector('[data-testid=operation][data-phase=Failed]', { timeout: WAIT })
      await page.waitForSelector('[data-testid=not-yet]', { timeout: WAIT })
      assert.equal(await taskState(page, 'post-hook-curl'), 'current')
      await fullScreenshot(page, join(artifacts, 'lab01-hook-failed.png'))

      // The failed Job stays (HookSucceeded only deletes on success) and its Pod template is immutable: delete it in
      // the terminal, as the task's hint says.
      await page.click('[data-testid=terminal-section] summary')
      await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
      const type = async line => {
        await page.locator('.xterm-helper-textarea').focus()
        await page.keyboard.type(line)
        await page.keyboard.press('Enter')
      }
      await type('kubectl logs job/after --namespace learner')
      await page.waitForFunction(() => /curl: command not found/.test(window.__synclabTerminal.buffer().join('\n')),
        null, { timeout: WAIT })
      await type('kubectl delete job after --namespace learner')
      await page.waitForFunction(() => /job\.batch "after" deleted/.test(window.__synclabTerminal.buffer().join('\n')),
        null, { timeout: WAIT })

      // Then the fix, typed too: the Python image, which has curl.
      await openTab(page, file)
      await retypeLine(page, 'image: quay.io/acend/example-web-go', 'image: quay.io/acend/example-web-python')
      await page.waitForFunction(p => window.__synclab.files.find(f => f.path === p)?.text
        .includes('          image: quay.io/acend/example-web-python\n'), file, { timeout: 15_000 })
      const edited = await fileText(page, file)
      assert.doesNotMatch(edited, /example-web-go|sleep", "10/)
      await commitAndSync(page)
      await waitOperation(page, 3, 'Succeeded')
      await waitTaskState(page, 'post-hook-curl', 'passed')
      await waitTaskState(page, 'delete-app', 'current')
      assert.equal(await taskState(page, 'hook-example'), 'passed')

      // Task 3, "Delete the application".
      await page.click('[data-testid=delete-app]')
      await waitTaskState(page, 'delete-app', 'passed')
      await page.waitForSelector('[data-testid=lab-done]', { timeout: WAIT })
      assert.equal(await page.locator('[data-testid=lab-panel] li[data-task][data-state=passed]').count(), 3)
      // The default cascade deleted what the application had deployed.
      const deleted = await page.evaluate(() => window.__synclab.live.app.events
        .filter(e => e.type === 'delete' && e.reason === 'AppDeleted').map(e => `${e.kind}/${e.name}`))
      assert.ok(deleted.includes('Deployment/pre-post-sync-hook'), JSON.stringify(deleted))
      await fullScreenshot(page, join(artifacts, 'lab01-done.png'))
    },
  },
]
