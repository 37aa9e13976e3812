// End-to-end: the page never loses work nor blanks: corrupted storage, two tabs on one lab, a share link over
// uncommitted work, and the Content-Security-Policy.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { createLabApp, editorReady, ready } from './helpers.mjs'

const LAB = '01-resource-hooks'
const KEY = `synclab:${LAB}`

export const tests = [
  {
    name: 'corrupted storage: the page opens with what was valid, a notice says what was dropped, Reset is reachable',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=${LAB}`)
      const svc = await page.evaluate(() => window.__synclab.files.find(f => f.path.endsWith('svc.yaml')).path)
      // A saved session as another version or a hand edit might leave it: one good edit, the rest damaged.
      await page.evaluate(({ key, svc }) => {
        const s = window.__synclab
        const files = s.files.map(f => f.path === svc ? { ...f, text: f.text.replace('5000', '5009') } : f)
        const bad = {
          files: [...files, { path: 7, text: null }], active: svc, now: 1e300,
          actions: [...s.actions, { type: 'explode', t: 'soon' }, { type: 'sync', t: 5, request: 'all' }],
          revisions: [...s.revisions.map(({ manifests, ...r }) => r), { id: 'x', message: 'm', files: 'not a list' }],
          commands: 'ls', selected: 42,
        }
        window.localStorage.setItem(key, JSON.stringify(bad))
        window.localStorage.setItem('synclab:progress:01-resource-hooks', '{"current": "two", "passed": 5')
        Storage.prototype.setItem = () => {} // the running page must not write over it before the reload
      }, { key: KEY, svc })
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: 15_000 })
      const notice = await page.textContent('[data-testid=restore-notice]')
      assert.match(notice, /1 file of the edited files could not be read/)
      assert.match(notice, /2 saved actions/)
      assert.match(notice, /1 saved commit could not be read/)
      assert.match(notice, /past the 24 hours/)
      assert.ok(await page.evaluate(k => window.localStorage.getItem(`${k}:damaged`) !== null, KEY), 'the damaged text is kept')
      assert.match(await page.evaluate(p => window.__synclab.files.find(f => f.path === p).text, svc), /5009/,
        'the valid edit is kept')
      assert.equal(await page.$('[data-testid=panel-failed]'), null, 'no panel failed')
      await page.screenshot({ path: join(artifacts, 'robust-corrupted-storage.png') })
      page.once('dialog', d => void d.accept())
      await page.click('[data-testid=restore-reset]')
      await page.waitForFunction(() => window.__synclab.revisions.length === 1 && window.__synclab.restoreNotice.length === 0)
      assert.match(await page.evaluate(p => window.__synclab.files.find(f => f.path === p).text, svc), /5000/)
    },
  },
  {
    name: 'storage that is not JSON: the page opens afresh and says so',
    async run({ page, base }) {
      await ready(page, `${base}#lab=${LAB}`)
      await page.evaluate(key => {
        window.localStorage.setItem(key, '{"files": [{"path": "a.yaml", "te')
        Storage.prototype.setItem = () => {}
      }, KEY)
      await page.reload()
      await page.waitForSelector('[data-testid=sandbox][data-ready=true]', { timeout: 15_000 })
      assert.match(await page.textContent('[data-testid=restore-notice]'), /not JSON/)
    },
  },
]

const svcText = page => page.evaluate(() => window.__synclab.files.find(f => f.path.endsWith('svc.yaml')).text)
const setPort = (page, port) => page.evaluate(p => {
  const s = window.__synclab
  const f = s.files.find(f => f.path.endsWith('svc.yaml'))
  s.edit(f.path, f.text.replace(/port: \d+/, `port: ${p}`))
}, port)
const savedText = page => page.evaluate(k => JSON.parse(window.localStorage.getItem(k)).files
  .find(f => f.path.endsWith('svc.yaml')).text, KEY)

tests.push({
  name: 'two tabs on one lab: the second is read-only with a banner; Take over continues from the first tab\'s work',
  async run({ page, base, artifacts }) {
    await ready(page, `${base}#lab=${LAB}`)
    await setPort(page, 6001)
    const second = await page.context().newPage()
    try {
      await second.goto(`${base}#lab=${LAB}`)
      await second.waitForSelector('[data-testid=read-only-banner]', { timeout: 15_000 })
      assert.match(await second.textContent('[data-testid=read-only-banner]'), /This lab is open in another tab: editing here is off\. Take over/)
      assert.match(await svcText(second), /port: 6001/)
      assert.equal(await second.$eval('.lease', el => el.inert), true, 'the page is not editable')
      await second.screenshot({ path: join(artifacts, 'robust-two-tabs-read-only.png') })
      // The second tab writes nothing, even when something changes its session.
      await setPort(second, 6666)
      assert.match(await savedText(page), /port: 6001/)
      // The first tab goes on editing; the second takes over from that work.
      await setPort(page, 6002)
      await second.click('[data-testid=take-over]')
      await second.waitForSelector('[data-testid=read-only-banner]', { state: 'detached', timeout: 15_000 })
      await second.waitForFunction(() => /port: 6002/.test(window.__synclab.files.find(f => f.path.endsWith('svc.yaml')).text))
      await page.waitForSelector('[data-testid=read-only-banner]', { timeout: 15_000 })
      await setPort(page, 6999) // the first tab is now the read-only one: its change is not saved
      await setPort(second, 6003)
      assert.match(await savedText(page), /port: 6003/)
      // The second tab closes: the first edits again, from the second's work.
      await second.close()
      await page.waitForSelector('[data-testid=read-only-banner]', { state: 'detached', timeout: 15_000 })
      await page.waitForFunction(() => /port: 6003/.test(window.__synclab.files.find(f => f.path.endsWith('svc.yaml')).text))
    } finally {
      if (!second.isClosed()) await second.close()
    }
  },
})

tests.push({
  name: 'a share link over uncommitted work asks first; declined keeps the work, accepted keeps it restorable',
  async run({ page, base }) {
    await ready(page, `${base}#lab=${LAB}`)
    // A link carrying port 7000, made by the page itself (then the files are put back).
    await setPort(page, 7000)
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { configurable: true,
      value: { writeText: async text => { window.__copied = text } } }))
    await page.click('[data-testid=share-button]')
    await page.waitForFunction(() => typeof window.__copied === 'string')
    const link = await page.evaluate(() => window.__copied)
    await setPort(page, 6500) // the learner's own work, not committed
    // Declined: nothing changes.
    page.once('dialog', d => { assert.match(d.message(), /changes not committed yet/); void d.dismiss() })
    await page.evaluate(l => { window.location.hash = new URL(l).hash }, link)
    await page.waitForFunction(() => /not opened/.test(document.querySelector('[data-testid=share-status]')?.textContent ?? ''))
    assert.match(await svcText(page), /port: 6500/)
    assert.equal(await page.$('[data-testid=share-restore]'), null)
    // Accepted: the shared files, and the learner's work one click away.
    page.once('dialog', d => void d.accept())
    await page.evaluate(l => { window.location.hash = new URL(l).hash }, link)
    await page.waitForSelector('[data-testid=share-restore]', { timeout: 15_000 })
    assert.match(await svcText(page), /port: 7000/)
    await page.click('[data-testid=share-restore]')
    await page.waitForFunction(() => /port: 6500/.test(window.__synclab.files.find(f => f.path.endsWith('svc.yaml')).text))
    assert.match(await page.textContent('[data-testid=share-status]'), /previous work is back/)
    assert.match(await savedText(page), /port: 6500/)
  },
})

tests.push({
  name: 'content security policy: the page, the editor and its YAML worker, the terminal, a sync and the cluster panel run with no violation',
  async run({ page, base }) {
    const problems = []
    page.on('console', m => { if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text()) })
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', e =>
        console.error(`Refused to: ${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`))
    })
    await ready(page, `${base}#lab=${LAB}`)
    const policy = await page.$eval('meta[http-equiv=Content-Security-Policy]', m => m.content)
    assert.match(policy, /script-src 'self';/)
    assert.match(policy, /connect-src 'self';/)
    // The policy is in force: an inline script is refused (and said).
    await page.evaluate(() => { const s = document.createElement('script'); s.textContent = 'window.__inline = 1'; document.body.append(s) })
    assert.equal(await page.evaluate(() => window.__inline), undefined)
    await page.waitForFunction(() => true)
    assert.ok(problems.some(p => /Refused to: script-src-elem inline/.test(p)), problems.join('\n'))
    problems.length = 0
    // The editor, and its YAML worker's schema check (owner 'yaml').
    await editorReady(page)
    const path = await page.evaluate(() => window.__synclab.active)
    await page.click('.monaco-editor .view-lines')
    await page.keyboard.press('ControlOrMeta+End')
    await page.keyboard.type('\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 5\n')
    await page.waitForFunction(p => window.__synclabMarkers(p).some(m => m.owner === 'yaml'), path, { timeout: 20_000 })
    // The terminal.
    await page.click('[data-testid=terminal-section] summary')
    await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
    // A sync played to its end.
    await page.evaluate(() => window.__synclab.reset())
    await createLabApp(page)
    await page.click('[data-testid=play-20]')
    await page.click('[data-testid=sync]')
    await page.waitForFunction(() => window.__synclab.live.app.currentOperation?.result().phase === 'Succeeded', null, { timeout: 60_000 })
    // The cluster panel reaches the cluster through this origin.
    await page.click('[data-testid=cluster-panel] summary')
    await page.fill('[data-testid=cluster-namespace]', 'learner')
    await page.click('[data-testid=cluster-connect]')
    await page.waitForSelector('[data-testid=cluster-connected]', { timeout: 15_000 })
    assert.deepEqual(problems, [])
  },
})
