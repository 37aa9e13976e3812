// Lab text as HTML: Markdown rendered by marked and sanitised by DOMPurify (markdown.ts), loaded after the page
// itself; until then the text shows as it is written. A built-in lab's instructions come rendered by the build
// (prerendered.ts): no wait, no load.
import { memo, useEffect, useMemo, useState } from 'react'
import { loadOnce } from '../chunks/lazy-retry.tsx'
import { prerenderedHtml } from './prerendered.ts'

type Render = (text: string) => string
// Until it loads (offline, say), the text shows as written; a failed load is tried again by the next Markdown.
const load = loadOnce((): Promise<Render> => import('./markdown.ts').then(m => (text: string) => m.renderMarkdown(text)))

// The lab panel redraws while a run plays: parsing and sanitising happen once per text, not per redraw.
export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const prerendered = prerenderedHtml(text)
  const [render, setRender] = useState<Render | undefined>()
  useEffect(() => {
    if (prerendered !== undefined) return
    let live = true
    load().then(r => { if (live) setRender(() => r) }, () => { /* stays plain text */ })
    return () => { live = false }
  }, [prerendered])
  const html = useMemo(() => prerendered ?? render?.(text), [prerendered, render, text])
  if (html === undefined) return <div className={className} style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
})
