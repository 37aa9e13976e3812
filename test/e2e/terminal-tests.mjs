// End-to-end: the terminal takes what learners paste. A boxed command copied from the lab text (two lines joined by
// `\`) is pasted through the clipboard into the page's terminal and runs as one command; several pasted lines run
// one after another; a command typed line by line gets bash's `> ` continuation prompt.
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { fullScreenshot, ready } from './helpers.mjs'

async function openTerminal(page) {
  await page.click('[data-testid=terminal-section] summary')
  await page.waitForFunction(() => typeof window.__synclabTerminal?.buffer === 'function', null, { timeout: 15_000 })
  await page.locator('.xterm-helper-textarea').focus()
}

/**
 * Puts `text` on the clipboard and pastes it into the terminal: the paste event a browser fires on Ctrl+V, with the
 * clipboard's text (headless chromium does not turn the key into a paste itself), handled by xterm.js as any paste.
 */
async function paste(page, text) {
  await page.evaluate(t => navigator.clipboard.writeText(t), text)
  await page.locator('.xterm-helper-textarea').focus()
  await page.evaluate(async () => {
    const data = new DataTransfer()
    data.setData('text/plain', await navigator.clipboard.readText())
    document.querySelector('.xterm-helper-textarea')
      .dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }))
  })
}

const screen = page => page.evaluate(() => window.__synclabTerminal.buffer().join('\n'))
const waitFor = (page, re, timeout = 30_000) => page.waitForFunction(
  src => new RegExp(src).test(window.__synclabTerminal.buffer().join('\n')), re.source, { timeout })

export const tests = [
  {
    name: 'terminal paste: the lab\'s two-line create command, copied from the lab text, runs as pasted',
    async run({ page, base, artifacts }) {
      await ready(page, `${base}#lab=01-resource-hooks`)
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(base).origin })
      // The boxed command as the lab panel shows it (what a learner selects and copies).
      // The lab text renders after the page is ready (its Markdown loads apart), so wait for the box.
      const boxed = await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=lab-panel] pre code')]
        .map(c => c.textContent ?? '').find(t => t.includes('argocd app create')), null, { timeout: 15_000 })
        .then(handle => handle.jsonValue()).catch(() => undefined)
      assert.ok(boxed, 'the lab text shows the create command')
      assert.match(boxed, /\\\n\s+--path/, 'two lines joined by \\')
      await openTerminal(page)
      await paste(page, boxed.trimEnd() + '\n')
      await waitFor(page, /application 'argo-hook-learner' created/)
      let text = await screen(page)
      assert.match(text, /\n> +--path 'pre-post-sync-hook' --dest-server/, 'the second line shows after the > prompt')
      assert.doesNotMatch(text, /unknown (flag|command)|syntax error|command not found/)
      // The same command again and a look at the result, pasted at once: they run one after another.
      await paste(page, 'argocd app create argo-hook-learner \\\n  --repo https://example.com/learner/argocd-training-examples.git \\\n' +
        "  --path 'pre-post-sync-hook' --dest-server https://kubernetes.default.svc --dest-namespace learner\n" +
        'argocd app get argo-hook-learner | grep Path\n')
      await waitFor(page, /application 'argo-hook-learner' unchanged[\s\S]*Path:\s+pre-post-sync-hook/)
      // Typed line by line: the > prompt waits for the rest of the command.
      await page.keyboard.type('echo "one')
      await page.keyboard.press('Enter')
      await waitFor(page, /\n> $/)
      await page.keyboard.type('two"')
      await page.keyboard.press('Enter')
      await waitFor(page, /\none\ntwo\nlearner@synclab:~\$ ?$/)
      text = await screen(page)
      assert.ok(await page.evaluate(() => window.__synclab.live.sim.apps.some(a => a.name === 'argo-hook-learner')))
      await fullScreenshot(page, join(artifacts, 'terminal-paste.png'))
    },
  },
]
