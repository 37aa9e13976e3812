// End-to-end: share links (the lab and the edited files travel in the address) and instructor mode (the lab's
// moments stop the clock; replay from an earlier point).
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createLabApp, ready, fullScreenshot } from './helpers.mjs'

const fileText = (page, path) => page.evaluate(p => window.__synclab.files.find(f => f.path === p)?.text, path)

export const tests = [
  {
    name: 'your name: the lab deploys into the namespace of the chosen name, and the lab text follows; the name is kept',
    async run({ page, base }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      await page.fill('[data-testid=user-name]', 'Ana!')
      await page.keyboard.press('Enter')
      assert.match(await page.textContent('header.top'), /namespace learner/, 'an invalid name is not used')
      assert.ok(await page.$('header.top [role=alert]'), 'the reason is shown')
      await page.fill('[data-testid=user-name]', 'ana')
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => /namespace ana/.test(document.querySelector('header.top')?.textContent ?? ''),
        null, { timeout: 15_000 })
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      assert.match(await page.textContent('[data-testid=lab-panel]'), /namespace `?ana`?|--namespace ana|namespace ana/)
      assert.equal(await createLabApp(page), 'argo-hook-ana')
      await page.click('[data-testid=play-20]')
      await page.click('[data-testid=sync]')
      await page.waitForFunction(() => window.__synclab.live.app.currentOperation?.result().phase === 'Succeeded',
        null, { timeout: 60_000 })
      const ns = await page.evaluate(() => [...new Set(window.__synclab.live.app.events
        .filter(e => e.type === 'apply').map(e => e.namespace))])
      assert.deepEqual(ns, ['ana'])
      // The name is kept: a reload opens the lab for ana again.
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      assert.equal(await page.inputValue('[data-testid=user-name]'), 'ana')
      await page.fill('[data-testid=user-name]', 'learner')
      await page.keyboard.press('Enter')
      await page.waitForFunction(() => /namespace learner/.test(document.querySelector('header.top')?.textContent ?? ''))
    },
  },
  {
    name: 'the lab picker opens another lab, and going back finds the first lab\'s edits',
    async run({ page, base }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      const path = 'pre-post-sync-hook/svc.yaml'
      await page.evaluate(p => window.__synclab.edit(p, window.__synclab.files.find(f => f.path === p).text.replace('5000', '5002')), path)
      await page.selectOption('[data-testid=lab-picker]', '02-delete-policies')
      await page.waitForFunction(() => window.location.hash === '#lab=02-delete-policies')
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      await page.waitForFunction(() => /Delete policies/i.test(document.querySelector('[data-testid=lab-panel]')?.textContent ?? ''))
      await page.selectOption('[data-testid=lab-picker]', '01-resource-hooks')
      await page.waitForFunction(p => /5002/.test(window.__synclab.files.find(f => f.path === p)?.text ?? ''), path,
        { timeout: 15_000 })
    },
  },
  {
    name: 'share link: another browser opens the same lab with the edited files, uncommitted, and nothing is lost',
    async run({ page, base, artifacts }) {
      const lab = '04-sync-waves'
      await ready(page, `${base}#lab=${lab}`)
      const path = await page.evaluate(() => window.__synclab.files[0].path)
      const edited = `${await fileText(page, path)}# shared: a learner's own line\n`
      await page.evaluate(([p, t]) => window.__synclab.edit(p, t), [path, edited])
      // Capture what the page copies (the clipboard of a headless browser is not ours to read).
      await page.evaluate(() => {
        Object.defineProperty(navigator, 'clipboard', { configurable: true,
          value: { writeText: async text => { window.__copied = text } } })
      })
      await page.click('[data-testid=share-button]')
      await page.waitForFunction(() => /Link copied/.test(document.querySelector('[data-testid=share-status]')?.textContent ?? ''))
      const link = await page.evaluate(() => window.__copied)
      assert.match(link, new RegExp(`#lab=${lab}&s=[A-Za-z0-9_-]+$`))

      // The receiver: a fresh session of another lab, then the link.
      const other = await page.context().newPage()
      try {
        await ready(other, `${base}#lab=01-resource-hooks`)
        // One tab edits a lab at a time (a second tab on it would be read-only): the sender's tab leaves the lab.
        await page.goto('about:blank')
        await other.goto(link)
        await other.waitForFunction(() => /Opened \d+ shared files? from the link/.test(
          document.querySelector('[data-testid=share-status]')?.textContent ?? ''), null, { timeout: 15_000 })
        assert.equal(await other.inputValue('[data-testid=lab-picker]'), lab)
        assert.equal(await fileText(other, path), edited)
        assert.match(await other.textContent('[data-testid=head]'), /uncommitted changes/)
        // The files are taken out of the address, so a reload keeps the learner's later edits, not the link's.
        assert.doesNotMatch(other.url(), /&s=/)
        await other.evaluate(([p, t]) => window.__synclab.edit(p, t), [path, `${edited}# and a later line\n`])
        await other.reload()
        await other.waitForSelector('[data-testid=sandbox][data-ready=true]')
        assert.match(await fileText(other, path), /# and a later line/)
        await fullScreenshot(other, join(artifacts, 'shared-link-opened.png'))
      } finally {
        await other.close()
      }
      // A damaged link is refused with a reason, and the files stay as they were.
      await page.goto(`${base}#lab=${lab}`)
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]')
      const before = await fileText(page, path)
      await page.goto(`${base}#lab=${lab}&s=not-a-real-payload`)
      await page.waitForFunction(() => (document.querySelector('[data-testid=share-status]')?.textContent ?? '') !== '',
        null, { timeout: 15_000 })
      assert.doesNotMatch(await page.textContent('[data-testid=share-status]'), /Opened/)
      assert.equal(await fileText(page, path), before)
    },
  },
  {
    name: 'instructor mode: the lab\'s moments stop the clock in order, Continue goes on, replay from a moment stops there again',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      await page.click('[data-testid=instructor-toggle]')
      assert.equal(await page.getAttribute('[data-testid=instructor-toggle]', 'aria-pressed'), 'true')
      await createLabApp(page)
      await page.click('[data-testid=play-20]')
      await page.click('[data-testid=sync]')
      const seen = []
      for (;;) {
        const next = await page.waitForFunction(() => {
          const banner = document.querySelector('[data-testid=moment-status] [data-moment]')
          if (banner) return banner.getAttribute('data-moment')
          return window.__synclab.shown.app.currentOperation?.result().phase === 'Succeeded' ? '(end)' : false
        }, null, { timeout: 60_000 }).then(h => h.jsonValue())
        if (next === '(end)') break
        seen.push(next)
        // The clock stands still while the moment is shown.
        const t = await page.evaluate(() => window.__synclab.shown.now)
        await page.waitForTimeout(300)
        assert.equal(await page.evaluate(() => window.__synclab.shown.now), t, `time stands still at ${next}`)
        if (seen.length === 1) await fullScreenshot(page, join(artifacts, 'instructor-moment.png'))
        await page.click('[data-testid=moment-continue]')
        await page.waitForFunction(m => document.querySelector('[data-testid=moment-status] [data-moment]')
          ?.getAttribute('data-moment') !== m, next)
      }
      assert.deepEqual(seen, ['presync-hook-starts', 'sync-phase-starts', 'postsync-hook-starts', 'hooks-deleted'])
      // Replay from the Sync phase's moment: the past plays again and stops at the next moment.
      await page.click('[data-testid=replay-sync-phase-starts]')
      const again = await page.waitForFunction(() =>
        document.querySelector('[data-testid=moment-status] [data-moment]')?.getAttribute('data-moment'), null,
      { timeout: 60_000 }).then(h => h.jsonValue())
      assert.ok(['sync-phase-starts', 'postsync-hook-starts'].includes(again), `replay stopped at ${again}`)
      assert.ok(await page.evaluate(() => window.__synclab.view !== undefined), 'the replay shows the past')
      // The mode is remembered: after a reload its bar (loaded apart from the page) is back, on, with larger type.
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: 15_000 })
      await page.waitForSelector('[data-testid=instructor] [role=group][aria-label="Replay from"]', { timeout: 15_000 })
      assert.equal(await page.getAttribute('[data-testid=instructor-toggle]', 'aria-pressed'), 'true')
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('synclab-instructor')))
      await page.click('[data-testid=instructor-toggle]')
      assert.equal(await page.getAttribute('[data-testid=instructor-toggle]', 'aria-pressed'), 'false')
      assert.ok(!await page.evaluate(() => document.documentElement.classList.contains('synclab-instructor')))
    },
  },
]
