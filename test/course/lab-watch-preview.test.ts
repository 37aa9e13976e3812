// `synclab lab check --watch` checks again on every save; `synclab lab preview` serves the page with the lab,
// labs.json made from the folder on each request, and tells the page (server-sent events) when a file is saved.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { labCommand } from '../../src/cli/lab.ts'
import { scaffoldLab } from '../../src/cli/lab-new.ts'
import { startPreview } from '../../src/cli/lab-preview.ts'

let tmp: string
beforeEach(() => { tmp = mkdtempSync(join(tmpdir(), 'synclab-watch-')) })
afterEach(() => rmSync(tmp, { recursive: true, force: true }))

async function until(test: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms
  while (!test()) {
    if (Date.now() > end) throw new Error('timed out')
    await new Promise(r => setTimeout(r, 50))
  }
}

const breakMinutes = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace('minutes: 10', 'minutes: ten'))

describe('synclab lab check --watch', () => {
  it('checks, then checks again after a save: a broken lab.yaml is reported at file:line:col, a fixed one passes', async () => {
    const dir = join(tmp, '01-w')
    scaffoldLab(dir)
    const out: string[] = []
    const err: string[] = []
    const stop = new AbortController()
    const done = labCommand(['check', dir, '--solution', '--watch'], l => out.push(l), l => err.push(l), stop.signal)
    await until(() => out.some(l => l.startsWith('watching ')))
    expect(out).toContain('✓ 1 Sync the application')
    const file = join(dir, 'lab.yaml')
    const good = readFileSync(file, 'utf8')
    breakMinutes(file)
    await until(() => err.length > 0)
    expect(err).toEqual([`${file}:8:10: error: minutes: must be a whole number`])
    expect(out.some(l => l.includes('lab.yaml changed: checking again'))).toBe(true)
    writeFileSync(file, good)
    await until(() => out.filter(l => l === '✓ 1 Sync the application').length === 2)
    stop.abort()
    expect(await done).toBe(0)
  })
})

describe('synclab lab preview', () => {
  it('serves the page and labs.json from the folder; a save is announced to the page; a broken lab keeps the last one', async () => {
    const dir = join(tmp, '01-p')
    scaffoldLab(dir)
    const page = join(tmp, 'page')
    mkdirSync(page)
    writeFileSync(join(page, 'index.html'), '<title>synclab</title>')
    writeFileSync(join(page, 'sw.js'), 'precache')
    const printed: string[] = []
    const errors: string[] = []
    const preview = await startPreview(dir, { port: 0, host: '127.0.0.1', page }, l => printed.push(l), l => errors.push(l))
    try {
      expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#lab=01-p$/)
      const base = preview.url.replace(/#.*$/, '')
      expect(await (await fetch(base)).text()).toBe('<title>synclab</title>')
      expect((await fetch(`${base}sw.js`)).status).toBe(404) // no service worker: nothing cached between reloads
      const labs = async () => (await (await fetch(`${base}labs.json`)).json()) as { preview: boolean; builtin: boolean; labs: Array<{ id: string; files: Array<{ path: string; text: string }> }> }
      expect(await labs()).toMatchObject({ preview: true, builtin: false, labs: [{ id: '01-p' }] })

      const events = await fetch(`${base}__synclab/changes`)
      const reader = events.body!.getReader()
      let text = ''
      const read = (async () => { for (;;) { const r = await reader.read(); if (r.done) return; text += new TextDecoder().decode(r.value) } })()
      const file = join(dir, 'lab.yaml')
      writeFileSync(file, readFileSync(file, 'utf8').replace('title: P', 'title: Preview me'))
      await until(() => text.includes('event: change'))
      expect((await labs()).labs[0]!.files.find(f => f.path === 'lab.yaml')!.text).toContain('title: Preview me')

      breakMinutes(file)
      await until(() => errors.length > 0)
      expect(errors[0]).toBe(`${file}:8:10: error: minutes: must be a whole number`)
      expect((await labs()).labs[0]!.files.find(f => f.path === 'lab.yaml')!.text).toContain('minutes: 10')
      await reader.cancel()
      await read.catch(() => {})
    } finally {
      await preview.close()
    }
  })
})
