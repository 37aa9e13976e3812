// Lab text as HTML: Markdown rendered by marked and sanitised by DOMPurify (markdown.ts), loaded after the page
// itself; until then the text shows as it is written.
import { memo, useEffect, useMemo, useState } from 'react'
import { loadOnce } from '../chunks/lazy-retry.tsx'

type Render = (text: string) => string
// Until it loads (offline, say), the text shows as written; a failed load is tried again by the next Markdown.
const load = loadOnce((): Promise<Render> => import('./markdown.ts').then(m => m.renderMarkdown))

// The lab panel redraws while a run plays: parsing and sanitising happen once per text, not per redraw.
export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const [render, setRender] = useState<Render | undefined>()
  useEffect(() => {
    let live = true
    load().then(r => { if (live) setRender(() => r) }, () => { /* stays plain text */ })
    return () => { live = false }
  }, [])
  const html = useMemo(() => render?.(text), [render, text])
  if (html === undefined) return <div className={className} style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
})
