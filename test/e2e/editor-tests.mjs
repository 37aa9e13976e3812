// End-to-end tests of the source panel: the file tree (create, rename, delete files and folders, then commit),
// the keyboard in the editor (Ctrl+S commits, Ctrl+Enter syncs, Tab indents, and the ways out of the editor), and
// lab 02's second task done literally in the page.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { editorReady, ready, createLabApp } from './helpers.mjs'

const WAIT = 90_000
const LAB02 = '#lab=02-delete-policies'

const row = path => `[data-testid=file-tree] [role=treeitem][data-path="${path}"]`
const paths = page => page.evaluate(() => window.__synclab.files.map(f => f.path).sort())
const fileText = (page, path) => page.evaluate(p => window.__synclab.files.find(f => f.path === p)?.text, path)
/** What has the keyboard focus: its test id, its tree path, or its tag and class. */
const focused = page => page.evaluate(() => {
  const el = document.activeElement
  return el?.getAttribute('data-testid') ?? el?.getAttribute('data-path') ?? `${el?.tagName}.${el?.className}`
})
const editorHasFocus = page => page.evaluate(() => window.__synclabEditor?.hasTextFocus() === true)

/** Types a name into the tree's name field and presses Enter. */
async function typeName(page, name) {
  await page.waitForSelector('[data-testid=file-tree-name]')
  await page.keyboard.type(name)
  await page.keyboard.press('Enter')
}

/** Pastes `text` into the editor, which has the focus (as a learner pastes a manifest). */
async function insertInEditor(page, text) {
  await page.waitForFunction(() => window.__synclabEditor?.hasTextFocus(), null, { timeout: 15_000 })
  await page.evaluate(t => window.__synclabEditor.trigger('keyboard', 'paste', { text: t }), text)
}

async function waitOperation(page, count, phase) {
  await page.waitForFunction(([n, p]) => {
    const app = window.__synclab.live.app
    return !app.operationRunning && app.operations.length === n && app.operations.at(-1).result().phase === p
  }, [count, phase], { timeout: WAIT })
}

const SMOKE_TEST = `apiVersion: batch/v1
kind: Job
metadata:
  name: smoke-test
  annotations:
    argocd.argoproj.io/hook: PostSync
    argocd.argoproj.io/hook-delete-policy: HookFailed
spec:
  backoffLimit: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: main
          image: quay.io/acend/example-web-go
          command: ["bash", "-c", "echo smoke test failed; exit 1"]
`

export const tests = [
  {
    name: 'file tree: create, rename and delete files and folders, refuse bad names, commit; changes and history show them',
    async run({ page, base, artifacts }) {
      await ready(page, base + LAB02)
      await editorReady(page)
      const start = await paths(page)
      assert.deepEqual(start, ['delete-policies/before-hook-creation.yaml', 'delete-policies/configmap.yaml',
        'delete-policies/default.yaml', 'delete-policies/hook-failed.yaml', 'delete-policies/hook-succeeded.yaml'])
      assert.equal(await page.getAttribute(row('delete-policies'), 'aria-expanded'), 'true')

      // A new folder in delete-policies: it stays while empty, and survives a reload.
      await page.click(row('delete-policies'))
      await page.click('[data-testid=new-folder]')
      await typeName(page, 'tests')
      await page.waitForSelector(row('delete-policies/tests'))
      assert.equal(await focused(page), 'delete-policies/tests')
      assert.deepEqual(await page.evaluate(() => window.__synclab.folders), ['delete-policies/tests'])

      // Bad names are refused while typed, and Escape leaves nothing behind.
      await page.click(row('delete-policies/configmap.yaml'))
      await page.click('[data-testid=new-file]')
      await page.keyboard.type('../x.yaml')
      assert.match(await page.textContent('[data-testid=file-tree-problem]'), /"\.\." is not allowed/)
      await page.fill('[data-testid=file-tree-name]', 'configmap.yaml')
      assert.match(await page.textContent('[data-testid=file-tree-problem]'), /already exists/)
      await page.locator('section.source').screenshot({ path: join(artifacts, 'file-tree.png') })
      await page.fill('[data-testid=file-tree-name]', '')
      await page.keyboard.press('Enter')
      assert.match(await page.textContent('[data-testid=file-tree-problem]'), /name is required/)
      assert.equal(await page.getAttribute('[data-testid=file-tree-name]', 'aria-invalid'), 'true')
      await page.keyboard.press('Escape')
      assert.equal(await page.locator('[data-testid=file-tree-name]').count(), 0)
      assert.equal(await focused(page), 'delete-policies/configmap.yaml')
      assert.deepEqual(await paths(page), start)

      // A new file in the new folder opens in the editor, which takes the focus; its text is typed there.
      await page.click(row('delete-policies/tests'))
      await page.click('[data-testid=new-file]')
      await typeName(page, 'smoke.yaml')
      await page.waitForSelector(`${row('delete-policies/tests/smoke.yaml')}[aria-selected=true]`)
      // The new file gets the editor's YAML validation (monaco-yaml's schema markers, owner 'yaml').
      await insertInEditor(page, SMOKE_TEST.replace('PostSync', 'postsync'))
      await page.waitForFunction(() => window.__synclabMarkers('delete-policies/tests/smoke.yaml')
        .some(m => m.owner === 'yaml' && m.startLineNumber === 6), null, { timeout: 15_000 })
      await page.keyboard.press('ControlOrMeta+a')
      await insertInEditor(page, SMOKE_TEST)
      await page.waitForFunction(t => window.__synclab.files.find(f => f.path === 'delete-policies/tests/smoke.yaml')
        ?.text === t, SMOKE_TEST)
      await page.waitForFunction(() => !window.__synclabMarkers('delete-policies/tests/smoke.yaml')
        .some(m => m.owner === 'yaml' && m.startLineNumber === 6), null, { timeout: 15_000 })
      assert.deepEqual(await page.evaluate(() => window.__synclab.folders), [])
      await page.locator('section.source').screenshot({ path: join(artifacts, 'file-tree-new-file.png') })

      // Rename (F2 on the row): the uncommitted text goes with the file, which stays open.
      await page.focus(row('delete-policies/tests/smoke.yaml'))
      await page.keyboard.press('F2')
      assert.equal(await page.inputValue('[data-testid=file-tree-name]'), 'smoke.yaml')
      await page.keyboard.press('ControlOrMeta+a')
      await typeName(page, 'smoke-test.yaml')
      await page.waitForSelector(`${row('delete-policies/tests/smoke-test.yaml')}[aria-selected=true]`)
      assert.equal(await fileText(page, 'delete-policies/tests/smoke-test.yaml'), SMOKE_TEST)
      assert.match(await page.textContent('[data-testid=editor-path]'), /delete-policies\/tests\/smoke-test\.yaml/)

      // Rename with the button, and a folder rename moves what it holds.
      await page.click(row('delete-policies/default.yaml'))
      await page.click('[data-testid=rename]')
      await page.keyboard.press('ControlOrMeta+a')
      await typeName(page, 'no-policy.yaml')
      await page.waitForSelector(row('delete-policies/no-policy.yaml'))
      await page.click(row('delete-policies/tests'))
      await page.click('[data-testid=rename]')
      await page.keyboard.press('ControlOrMeta+a')
      await typeName(page, 'smoke')
      await page.waitForSelector(row('delete-policies/smoke/smoke-test.yaml'))

      // Delete asks first: dismissed, the file stays; accepted, it goes, and the focus moves to the next row.
      await page.focus(row('delete-policies/hook-failed.yaml'))
      page.once('dialog', d => d.dismiss())
      await page.keyboard.press('Delete')
      assert.ok((await paths(page)).includes('delete-policies/hook-failed.yaml'))
      page.once('dialog', d => { assert.match(d.message(), /Delete delete-policies\/hook-failed\.yaml\?/); return d.accept() })
      await page.keyboard.press('Delete')
      await page.waitForFunction(() => !window.__synclab.files.some(f => f.path === 'delete-policies/hook-failed.yaml'))
      assert.equal(await focused(page), 'delete-policies/hook-succeeded.yaml')

      // What a commit would change, as git status says it; each with its diff.
      await page.click('[data-testid=changes] summary')
      await page.waitForSelector('[data-testid=changes] li[data-status]')
      const listed = await page.$$eval('[data-testid=changes] li[data-status]', lis => lis.map(li => `${li.dataset.status} ${li.dataset.path}`))
      assert.deepEqual(listed, ['deleted delete-policies/hook-failed.yaml', 'renamed delete-policies/no-policy.yaml',
        'added delete-policies/smoke/smoke-test.yaml'])
      await page.click('[data-testid=changes] li[data-status=added] button')
      await page.waitForSelector('[data-testid=change-diff] [data-testid=manifest-diff][data-ready=true]')
      await page.waitForFunction(() => /smoke-test/.test(document.querySelector('[data-testid=change-diff]')?.textContent ?? ''))
      assert.match(await page.textContent('[data-testid=change-diff]'), /a new file/)
      // The diff is read-only: Tab moves on from it (no keyboard trap).
      await page.locator('[data-testid=change-diff] .monaco-editor .view-line', { hasText: 'smoke-test' }).first().click()
      assert.ok(await page.evaluate(() => document.activeElement.closest('[data-testid=manifest-diff]') !== null))
      await page.keyboard.press('Tab')
      assert.ok(await page.evaluate(() => document.activeElement.closest('[data-testid=manifest-diff]') === null),
        `Tab left the diff (focus on ${await focused(page)})`)

      // The commit holds all of it; the history says what it changed.
      await page.click('[data-testid=commit]')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2 && !window.__synclab.dirty)
      const committed = await page.evaluate(() => window.__synclab.head.files.map(f => f.path).sort())
      assert.deepEqual(committed, ['delete-policies/before-hook-creation.yaml', 'delete-policies/configmap.yaml',
        'delete-policies/hook-succeeded.yaml', 'delete-policies/no-policy.yaml', 'delete-policies/smoke/smoke-test.yaml'])
      assert.ok(await page.evaluate(() => window.__synclab.head.manifests.some(m => m.metadata.name === 'smoke-test')))
      await page.click('[data-testid=history] summary')
      const history = await page.textContent('[data-testid=history]')
      assert.match(history, /added delete-policies\/smoke\/smoke-test\.yaml/)
      assert.match(history, /deleted delete-policies\/hook-failed\.yaml/)
      assert.match(history, /renamed delete-policies\/no-policy\.yaml \(from delete-policies\/default\.yaml\)/)

      // A name field left by Shift+Tab keeps its good name and lets the focus go where it went (no trap).
      await page.click(row('delete-policies'))
      await page.click('[data-testid=new-folder]')
      await page.waitForSelector('[data-testid=file-tree-name]')
      await page.keyboard.type('later')
      await page.keyboard.press('Shift+Tab')
      await page.waitForSelector(row('delete-policies/later'))
      assert.equal(await focused(page), 'delete')
      // An empty folder is kept across a reload.
      await page.reload()
      await page.waitForSelector(row('delete-policies/later'), { timeout: 15_000 })
    },
  },
  {
    name: "the editor's hover and completion show whole over the page; its panel is skipped far out of view and works when back",
    async run({ page, base, artifacts }) {
      await ready(page, base)
      await editorReady(page)
      const path = 'pre-post-sync-hook/post-sync-job.yaml'
      await page.click(row(path))
      await page.waitForFunction(() => /hook: PostSync/.test(window.__synclabEditor?.getModel()?.getValue() ?? ''))
      /** Where a line and column of the editor are in the viewport. */
      const pointAt = (lineNumber, column) => page.evaluate(([l, c]) => {
        const ed = window.__synclabEditor
        const p = ed.getScrolledVisiblePosition({ lineNumber: l, column: c })
        const r = ed.getDomNode().getBoundingClientRect()
        return { x: r.left + p.left + 2, y: r.top + p.top + p.height / 2, bottom: r.top + p.top + p.height }
      }, [lineNumber, column])
      /** The widget is in the box at the end of the page, and painted at its centre (not clipped, not covered). */
      const shownWhole = selector => page.evaluate(sel => {
        const el = document.querySelector(sel)
        if (!el || !el.closest('.synclab-overflow-widgets')) return 'not in the overflow box'
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) return 'empty'
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)
        return hit && el.contains(hit) ? 'ok' : `covered by ${hit?.className}`
      }, selector)

      // Line 15 (restartPolicy) at the viewport's bottom edge: the widgets must rise above the page around the editor.
      const end = await pointAt(15, 1)
      await page.evaluate(dy => window.scrollBy(0, dy), Math.round(end.bottom - await page.evaluate(() => innerHeight) + 2))
      // Hover over the hook annotation's key (line 6): its documentation.
      // (The YAML worker may still be starting at the first hover, which then shows nothing: hover again, as one does.)
      const key = await pointAt(6, 10)
      const hoverShown = () => page.waitForFunction(() => /PostSync/.test(
        document.querySelector('.synclab-overflow-widgets .monaco-hover:not(.hidden)')?.textContent ?? ''), null, { timeout: 5_000 })
        .then(() => true, () => false)
      let shown = false
      for (let attempt = 0; attempt < 4 && !shown; attempt++) {
        await page.mouse.move(0, 0)
        await page.mouse.move(key.x + attempt, key.y)
        shown = await hoverShown()
      }
      assert.ok(shown, 'the hook annotation has its hover')
      assert.equal(await shownWhole('.synclab-overflow-widgets .monaco-hover:not(.hidden)'), 'ok')

      // Completion on a new line after restartPolicy (Ctrl+Space): the Pod spec's fields, shown whole.
      await page.mouse.move(0, 0)
      await page.evaluate(() => {
        const ed = window.__synclabEditor
        ed.setPosition({ lineNumber: 15, column: 200 })
        ed.focus()
      })
      await page.keyboard.press('Enter')
      await page.keyboard.press('Control+Space')
      await page.waitForSelector('.synclab-overflow-widgets .suggest-widget.visible .monaco-list-row', { timeout: 15_000 })
      assert.equal(await shownWhole('.synclab-overflow-widgets .suggest-widget.visible'), 'ok')
      await page.screenshot({ path: join(artifacts, 'editor-completion.png') })
      await page.keyboard.press('Escape')
      await page.keyboard.press('ControlOrMeta+z')
      await page.waitForFunction(p => !window.__synclab.dirty || !/Never\n\s*\n/.test(window.__synclab.files.find(f => f.path === p).text), path)

      // Scrolled far away, the editor's panel is skipped (content-visibility; not while the focus or the selection is in
      // the editor, which keeps it drawn); back in view it shows and edits.
      const source = '[data-testid=sandbox] section.panel.source'
      await page.evaluate(() => { document.activeElement?.blur(); getSelection()?.removeAllRanges() })
      // A page as long as a 200-resource app makes it (this lab's is about one screen and a half).
      await page.evaluate(() => { document.body.style.paddingBottom = '4000px' })
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight))
      await page.waitForFunction(s => !document.querySelector(s).firstElementChild.checkVisibility({ contentVisibilityAuto: true }),
        source, { timeout: 10_000 })
      await page.evaluate(() => window.scrollTo(0, 0))
      await page.waitForFunction(s => document.querySelector(s).firstElementChild.checkVisibility({ contentVisibilityAuto: true }),
        source, { timeout: 10_000 })
      const name = await pointAt(4, 12)
      await page.mouse.click(name.x, name.y)
      await page.keyboard.press('End')
      await page.keyboard.type('-back')
      await page.waitForFunction(p => /name: after-back/.test(window.__synclab.files.find(f => f.path === p).text), path)
    },
  },
  {
    name: 'keyboard in the editor: Ctrl+S commits, Ctrl+Enter syncs (no line inserted)',
    async run({ page, base }) {
      await ready(page, base)
      await createLabApp(page) // lab 01 starts without its app, as the seed
      await editorReady(page)
      const path = 'pre-post-sync-hook/svc.yaml'
      await page.click(row(path))
      await page.locator('.monaco-editor .view-line', { hasText: '5000' }).first().click()
      await page.keyboard.press('End')
      await page.keyboard.type(' # mine')
      await page.waitForFunction(p => /# mine/.test(window.__synclab.files.find(f => f.path === p).text), path)
      assert.ok(await editorHasFocus(page))
      await page.keyboard.press('Control+s')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2 && !window.__synclab.dirty)
      assert.match(await page.textContent('[data-testid=head]'), /Update manifests/)
      const text = await fileText(page, path)
      await page.keyboard.press('Control+Enter')
      await page.waitForFunction(() => window.__synclab.actions.some(a => a.type === 'sync'), null, { timeout: 5_000 })
      assert.equal(await fileText(page, path), text, 'Ctrl+Enter inserted nothing')
      assert.ok(await editorHasFocus(page), 'the focus stays in the editor')
    },
  },
  {
    name: 'keyboard: Tab indents in the editor; Esc then Tab, F6 and Ctrl+M (tab focus mode) leave it; the tree walks with arrows',
    async run({ page, base }) {
      await ready(page, base)
      await editorReady(page)
      const path = 'pre-post-sync-hook/svc.yaml'
      await page.click(row(path))
      await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().click()
      await page.keyboard.press('Home')
      const before = await fileText(page, path)
      await page.keyboard.press('Tab')
      await page.waitForFunction(([p, b]) => window.__synclab.files.find(f => f.path === p).text !== b, [path, before])
      assert.match(await fileText(page, path), /^ {2}kind: Service/m, 'Tab indented the line')
      assert.ok(await editorHasFocus(page))
      await page.keyboard.press('ControlOrMeta+z')
      await page.waitForFunction(([p, b]) => window.__synclab.files.find(f => f.path === p).text === b, [path, before])

      // Esc then Tab: the next control, the tab focus toggle under the editor; nothing typed.
      await page.keyboard.press('Escape')
      await page.keyboard.press('Tab')
      assert.equal(await focused(page), 'tab-focus-toggle')
      assert.equal(await fileText(page, path), before)
      // Esc then Shift+Tab: back to the file tree's tab stop.
      await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().click()
      await page.keyboard.press('Escape')
      await page.keyboard.press('Shift+Tab')
      assert.equal(await focused(page), path)

      // F6 and Shift+F6, as in VS Code.
      await page.keyboard.press('Enter') // Enter on a file row opens it in the editor, with the focus
      await page.waitForFunction(() => window.__synclabEditor.hasTextFocus())
      await page.keyboard.press('F6')
      assert.equal(await focused(page), 'tab-focus-toggle')
      await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().click()
      await page.keyboard.press('Shift+F6')
      assert.equal(await focused(page), path)

      // Ctrl+M: Tab moves the focus, as the hint says; the toggle button turns it off again.
      assert.match(await page.textContent('[data-testid=tab-focus-hint]'), /Tab moves focus: off.*Ctrl\+M/)
      await page.locator('.monaco-editor .view-line', { hasText: 'kind: Service' }).first().click()
      await page.keyboard.press('Control+m')
      await page.waitForFunction(() => /Tab moves focus: on/.test(document.querySelector('[data-testid=tab-focus-hint]').textContent))
      await page.keyboard.press('Tab')
      assert.equal(await focused(page), 'tab-focus-toggle')
      assert.equal(await fileText(page, path), before)
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => /Tab moves focus: off/.test(document.querySelector('[data-testid=tab-focus-hint]').textContent))
      assert.equal(await page.getAttribute('[data-testid=tab-focus-toggle]', 'aria-pressed'), 'false')

      // The tree: one Tab stop; arrows walk it and open files; Left goes to the folder and closes it.
      await page.focus(row(path))
      await page.keyboard.press('ArrowUp')
      const up = await focused(page)
      assert.notEqual(up, path)
      assert.equal(await page.evaluate(() => window.__synclab.active), up)
      await page.keyboard.press('ArrowLeft')
      assert.equal(await focused(page), 'pre-post-sync-hook')
      await page.keyboard.press('ArrowLeft')
      assert.equal(await page.getAttribute(row('pre-post-sync-hook'), 'aria-expanded'), 'false')
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('ArrowRight')
      assert.match(await focused(page), /^pre-post-sync-hook\//)
      await page.keyboard.press('Tab')
      assert.ok(await editorHasFocus(page), 'Tab from the tree reaches the editor')
    },
  },
  {
    name: 'lab 02, task 2 done literally in the page: a new file delete-policies/smoke-test.yaml, Ctrl+S and Ctrl+Enter in the editor',
    async run({ page, base, artifacts }) {
      await ready(page, base + LAB02)
      await editorReady(page)
      await page.click('[data-testid=play-20]')
      // Task 1: two syncs.
      for (const n of [1, 2]) {
        await page.click('[data-testid=sync]')
        await waitOperation(page, n, 'Succeeded')
      }
      await page.waitForSelector('[data-testid=lab-panel] li[data-task=two-syncs][data-state=passed]', { timeout: WAIT })
      assert.match(await page.textContent('[data-testid=lab-task]'), /delete-policies\/smoke-test\.yaml/)

      // Task 2: "a Job smoke-test in a new file delete-policies/smoke-test.yaml", then commit and sync.
      await page.click(row('delete-policies'))
      await page.click('[data-testid=new-file]')
      await typeName(page, 'smoke-test.yaml')
      await page.waitForSelector(`${row('delete-policies/smoke-test.yaml')}[aria-selected=true]`)
      await insertInEditor(page, SMOKE_TEST)
      await page.waitForFunction(t => window.__synclab.files.find(f => f.path === 'delete-policies/smoke-test.yaml')
        ?.text === t, SMOKE_TEST)
      assert.equal(await page.locator('[data-testid=diagnostics]').count(), 0)
      await page.keyboard.press('Control+s')
      await page.waitForFunction(() => window.__synclab.revisions.length === 2 && !window.__synclab.dirty)
      await page.keyboard.press('Control+Enter')
      await waitOperation(page, 3, 'Failed')
      await page.waitForSelector('[data-testid=lab-panel] li[data-task=fail-the-sync][data-state=passed]', { timeout: WAIT })
      await page.screenshot({ path: join(artifacts, 'lab02-smoke-test.png') })
    },
  },
]
