// End-to-end: applications. The seed lab done literally in the page (its commands typed in the page's terminal, the
// hook edited as the seed shows it, Commit), with the app appearing in the applications list and the details; and
// the New app dialog, several apps, switching between them, and Sync on an app that is gone.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { editorReady, ready, fullScreenshot } from './helpers.mjs'

const WAIT = 90_000

/** The seed's post-sync-job.yaml for task 2, as the seed prints it. */
const SEED_HOOK = `apiVersion: batch/v1
kind: Job
metadata:
  name: after
  annotations:
    argocd.argoproj.io/hook: PostSync
    argocd.argoproj.io/hook-delete-policy: HookSucceeded
spec:
  template:
    spec:
      containers:
      - name: sleep
        image: quay.io/acend/example-web-python
        command:
        - 'bash'
        - '-eo'
        - 'pipefail'
        - '-c'
        - >
          curl https://acend.ch
      restartPolicy: Never
  backoffLimit: 0
`

const waitTaskState = (page, id, state) =>
  page.waitForSelector(`[data-testid=lab-panel] li[data-task="${id}"][data-state=${state}]`, { timeout: WAIT })

async function openTerminal(page) {
  await page.click('[data-testid=terminal-section] summary')
  await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
}

/** Types a line in the page's terminal, as a learner does. */
async function type(page, line) {
  await page.locator('.xterm-helper-textarea').focus()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

const waitTerminal = (page, re, timeout = WAIT) => page.waitForFunction(src =>
  new RegExp(src).test(window.__synclabTerminal.buffer().join('\n')), re.source, { timeout })

/** The names in the applications list, in order. */
const listed = page => page.$$eval('[data-testid=applications] tr[data-app]', rows => rows.map(r => r.dataset.app))
const shownName = page => page.textContent('[data-testid=app-view] h2')

export const tests = [
  {
    name: 'applications: the seed lab done literally in the page (its commands typed in the terminal) passes all three tasks',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      await editorReady(page)
      // As the seed: no application yet.
      await page.waitForSelector('[data-testid=applications] [data-testid=no-apps]')
      await page.waitForSelector('[data-testid=app-view] [data-testid=no-app]')
      await page.click('[data-testid=play-20]')
      await openTerminal(page)

      // Task 1: the seed's create command, as the lab's text prints it (+username+ is the learner's name).
      const create = (await page.textContent('[data-testid=lab-task] pre code')).trim()
      assert.equal(create, "argocd app create argo-hook-learner --repo https://example.com/learner/argocd-training-examples.git \\\n  --path 'pre-post-sync-hook' --dest-server https://kubernetes.default.svc --dest-namespace learner")
      await type(page, create)
      await waitTerminal(page, /application 'argo-hook-learner' created/)
      await page.waitForSelector('[data-testid=applications] tr[data-app="argo-hook-learner"][aria-current=true]', { timeout: 15_000 })
      assert.equal(await shownName(page), 'argo-hook-learner')
      assert.match(await page.textContent('[data-testid=applications] tr[data-app="argo-hook-learner"]'),
        /OutOfSync[\s\S]*Missing[\s\S]*pre-post-sync-hook[\s\S]*learner/)
      await type(page, 'argocd app sync argo-hook-learner')
      // The sync plays in the page's views too: the details, the list, the timeline.
      await page.waitForFunction(() => /Running|Succeeded/.test(
        document.querySelector('[data-testid=operation]')?.getAttribute('data-phase') ?? ''), null, { timeout: 15_000 })
      await waitTerminal(page, /Phase:\s+Succeeded/)
      await type(page, 'oc get pod --namespace learner --watch')
      await waitTerminal(page, /pre-post-sync-hook-\w+-\w+\s+1\/1\s+Running/)
      await page.keyboard.press('Control+c')
      await waitTaskState(page, 'hook-example', 'passed')
      await page.waitForFunction(() => /Synced[\s\S]*Healthy[\s\S]*Sync OK/.test(
        document.querySelector('[data-testid=applications] tr[data-app="argo-hook-learner"]')?.textContent ?? ''), null, { timeout: 15_000 })
      assert.match(await page.textContent('[data-testid=app-status]'), /Synced[\s\S]*Healthy/)
      assert.match(await page.textContent('[data-testid=timeline]'), /Job\/before[\s\S]*Job\/after|Job\/after[\s\S]*Job\/before/)

      // Task 2: the hook edited in the editor as the seed shows it, Commit, then the seed's sync command.
      await page.click('[data-testid=manifest-editor] [role=tab][data-path="pre-post-sync-hook/post-sync-job.yaml"]')
      await page.waitForFunction(() => window.__synclabEditor?.getModel()?.uri.toString().includes('post-sync-job.yaml'),
        null, { timeout: 15_000 })
      // The learner copies the seed's YAML and pastes it over the file.
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin })
      await page.evaluate(text => navigator.clipboard.writeText(text), SEED_HOOK)
      await page.locator('.monaco-editor .view-lines').click()
      await page.keyboard.press('Control+a')
      await page.keyboard.press('Control+v')
      await page.waitForFunction(t => window.__synclab.files.find(f => f.path === 'pre-post-sync-hook/post-sync-job.yaml')?.text === t,
        SEED_HOOK, { timeout: 15_000 })
      await page.click('[data-testid=commit]')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2 && !window.__synclab.dirty)
      await type(page, 'argocd app sync argo-hook-learner')
      await waitTaskState(page, 'post-hook-curl', 'passed')
      await waitTerminal(page, /Phase:\s+Succeeded[\s\S]*Phase:\s+Succeeded/)

      // Task 3: the seed's delete command; the app leaves the list once its deletion is done.
      await type(page, 'argocd app delete argo-hook-learner')
      await waitTerminal(page, /Are you sure you want to delete 'argo-hook-learner' and all its resources\? \[y\/n\]/)
      await type(page, 'y')
      await waitTaskState(page, 'delete-app', 'passed')
      await page.waitForSelector('[data-testid=lab-done]', { timeout: WAIT })
      await page.waitForSelector('[data-testid=applications] [data-testid=no-apps]', { timeout: WAIT })
      assert.deepEqual(await listed(page), [])

      // Sync on the app that is gone says so and offers to make it again.
      await page.click('[data-testid=sync]')
      await page.waitForSelector('[data-testid=sync-notice]')
      assert.match(await page.textContent('[data-testid=sync-notice]'), /argo-hook-learner was deleted: it is gone/)
      await page.click('[data-testid=create-again]')
      await page.waitForSelector('[data-testid=applications] tr[data-app="argo-hook-learner"]', { timeout: 15_000 })
      await page.waitForSelector('[data-testid=sync-notice]', { state: 'detached' })
      await fullScreenshot(page, join(artifacts, 'seed-lab-done.png'))
    },
  },
  {
    name: 'applications: New app as Argo CD\'s NEW APP, prefilled; several apps in the list, the details follow the one picked',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      // Sync before any app exists says there is none, and offers New app.
      await page.click('[data-testid=sync]')
      assert.match(await page.textContent('[data-testid=sync-notice]'), /no application/)
      await page.click('[data-testid=notice-new-app]')
      await page.waitForSelector('[data-testid=new-app-dialog][open]', { timeout: 15_000 })
      const field = id => page.inputValue(`[data-testid=new-app-${id}]`)
      assert.equal(await field('name'), 'argo-hook-learner')
      assert.equal(await field('project'), 'default')
      assert.equal(await field('repoURL'), 'https://example.com/learner/argocd-training-examples.git')
      assert.equal(await field('revision'), 'HEAD')
      assert.equal(await field('path'), 'pre-post-sync-hook')
      assert.equal(await field('server'), 'https://kubernetes.default.svc')
      assert.equal(await field('namespace'), 'learner')
      assert.equal(await page.inputValue('[data-testid=new-app-policy]'), 'manual')
      // A wrong path gets the CLI's answer, and the dialog stays open with what was typed.
      await page.fill('[data-testid=new-app-path]', 'no-such-folder')
      await page.click('[data-testid=new-app-create]')
      await page.waitForSelector('[data-testid=new-app-error]')
      assert.match(await page.textContent('[data-testid=new-app-error]'), /app path does not exist/)
      await page.fill('[data-testid=new-app-path]', 'pre-post-sync-hook')
      await page.click('[data-testid=new-app-create]')
      await page.waitForSelector('[data-testid=new-app-dialog]', { state: 'detached', timeout: 15_000 })
      await page.waitForSelector('[data-testid=applications] tr[data-app="argo-hook-learner"][aria-current=true]')

      // A second app of the same folder in another namespace, made in the terminal: the list shows both, the
      // details follow the new one.
      await openTerminal(page)
      await type(page, 'kubectl create namespace second')
      await waitTerminal(page, /namespace\/second created/)
      await type(page, 'argocd app create second --repo https://example.com/learner/argocd-training-examples.git --path pre-post-sync-hook --dest-server https://kubernetes.default.svc --dest-namespace second')
      await page.waitForSelector('[data-testid=applications] tr[data-app="second"][aria-current=true]', { timeout: 15_000 })
      assert.deepEqual(await listed(page), ['argo-hook-learner', 'second'])
      assert.equal(await shownName(page), 'second')
      // Sync acts on the app shown: it names its app in the session's log.
      await page.click('[data-testid=play-20]')
      await page.click('[data-testid=sync]')
      await page.waitForFunction(() => window.__synclab.live.sim.apps.find(a => a.name === 'second')?.operations.length === 1)
      const syncs = await page.evaluate(() => window.__synclab.actions.filter(a => a.type === 'sync').map(a => a.app))
      assert.deepEqual(syncs, ['second'])
      // Picking the first one in the list shows it; its status is its own.
      await page.click('[data-testid=applications] tr[data-app="argo-hook-learner"] button')
      await page.waitForFunction(() => document.querySelector('[data-testid=app-view] h2')?.textContent === 'argo-hook-learner')
      assert.match(await page.textContent('[data-testid=app-status]'), /OutOfSync/)
      await page.click('[data-testid=sync]')
      await page.waitForFunction(() => window.__synclab.live.sim.apps.every(a => a.operations.at(-1)?.result().phase === 'Succeeded'),
        null, { timeout: WAIT })
      // The lab checks the learner's app for its path and namespace: task 1 passes.
      await waitTaskState(page, 'hook-example', 'passed')
      await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=applications] tr[data-app]')]
        .every(r => /Synced[\s\S]*Healthy[\s\S]*Sync OK/.test(r.textContent)), null, { timeout: 15_000 })
      await page.locator('[data-testid=applications]').screenshot({ path: join(artifacts, 'applications-list.png') })
      await fullScreenshot(page, join(artifacts, 'applications-page.png'))
      // A reload replays the log: the same apps, the same one shown.
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=applications] tr[data-app]').length === 2,
        null, { timeout: 15_000 })
      assert.equal(await shownName(page), 'argo-hook-learner')
    },
  },
]
