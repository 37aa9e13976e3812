// Lab text as HTML: Markdown rendered by marked and sanitised by DOMPurify (markdown.ts), loaded after the page
// itself; until then the text shows as it is written.
import { memo, useEffect, useMemo, useState } from 'react'

type Render = (text: string) => string
let loading: Promise<Render> | undefined
const load = (): Promise<Render> => (loading ??= import('./markdown.ts').then(m => m.renderMarkdown))

// The lab panel redraws while a run plays: parsing and sanitising happen once per text, not per redraw.
export const Markdown = memo(function Markdown({ text, className }: { text: string; className?: string }) {
  const [render, setRender] = useState<Render | undefined>()
  useEffect(() => {
    let live = true
    void load().then(r => { if (live) setRender(() => r) })
    return () => { live = false }
  }, [])
  const html = useMemo(() => render?.(text), [render, text])
  if (html === undefined) return <div className={className} style={{ whiteSpace: 'pre-wrap' }}>{text}</div>
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />
})
