import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { EventStream, isAtBottom } from '../../../src/ui/events/EventStream.tsx'

describe('<EventStream>', () => {
  it('is a titled log region, polite, one node per line', () => {
    const html = renderToStaticMarkup(createElement(EventStream, { lines: ['first', 'second <b>'], title: 'Pods' }))
    expect(html).toMatch(/<h3 id="([^"]+)"[^>]*>Pods<\/h3><pre[^>]* role="log" aria-live="polite" aria-labelledby="\1"/)
    expect(html).toContain('<span>first\n</span><span>second &lt;b&gt;</span>')
  })

  it('says when there is nothing yet', () => {
    expect(renderToStaticMarkup(createElement(EventStream, { lines: [], title: 'Events' }))).toContain('(nothing yet)')
  })

  it('follows new lines only while scrolled to the bottom', () => {
    expect(isAtBottom(600, 1000, 400)).toBe(true)
    expect(isAtBottom(595, 1000, 400)).toBe(true)
    expect(isAtBottom(300, 1000, 400)).toBe(false)
  })
})

describe('<EventStream> of a long log', () => {
  it('groups lines in blocks, each line its own node, a line break between every two lines', () => {
    const lines = Array.from({ length: 130 }, (_, i) => `line ${i}`)
    const html = renderToStaticMarkup(createElement(EventStream, { lines, title: 'Log' }))
    expect(html.match(/<span style="display:block">/g)).toHaveLength(3)
    expect(html.match(/<span>line \d+\n?<\/span>/g)).toHaveLength(130)
    expect(html).toContain('<span>line 62\n</span><span>line 63</span></span><span style="display:block"><span>line 64\n')
  })
})
