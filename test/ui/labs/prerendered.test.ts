// @vitest-environment jsdom
// The built-in labs' instructions come rendered by the build (labs-prebuilt.ts): the very HTML the page would render
// (markdown.ts), shown in the first view; a text the build did not render (another learner's name) is rendered in
// the page as before.
import { act, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it } from 'vitest'
import { DEFAULT_USER } from '../../../src/labs/parse.ts'
import { labById, LABS } from '../../../src/ui/labs/catalog.ts'
import { Markdown } from '../../../src/ui/labs/Markdown.tsx'
import { renderMarkdown } from '../../../src/ui/labs/markdown.ts'
import { prerenderedHtml } from '../../../src/ui/labs/prerendered.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

describe('instructions rendered by the build', () => {
  for (const { id } of LABS) {
    it(`${id}: every task's instructions, as the page renders them`, () => {
      const lab = labById(id, DEFAULT_USER)
      expect(lab.tasks.length).toBeGreaterThan(0)
      for (const task of lab.tasks) expect(prerenderedHtml(task.instructions)).toBe(renderMarkdown(task.instructions))
    })
  }

  it('has nothing for a text the build did not see: another learner\'s name', () => {
    const lab = labById(LABS[0]!.id, 'ada')
    const text = lab.tasks.map(t => t.instructions).find(t => t.includes('ada'))
    expect(text).toBeDefined()
    expect(prerenderedHtml(text!)).toBeUndefined()
  })

  it('shows the HTML in the first render, and renders other text once marked has loaded', async () => {
    const [first] = labById(LABS[0]!.id, DEFAULT_USER).tasks
    const host = document.createElement('div')
    const root = createRoot(host)
    act(() => root.render(h(Markdown, { text: first!.instructions })))
    expect(host.innerHTML).toBe(`<div>${prerenderedHtml(first!.instructions)}</div>`)
    const other = 'Run `argocd app sync` **now**.'
    act(() => root.render(h(Markdown, { text: other })))
    expect(host.textContent).toBe(other) // as written, until marked is there
    await act(async () => { await new Promise(r => setTimeout(r, 200)) })
    expect(host.querySelector('strong')?.textContent).toBe('now')
    act(() => root.unmount())
  })
})
