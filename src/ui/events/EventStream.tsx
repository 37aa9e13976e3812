// A scrolling log of text lines (the operation log, `kubectl get pods --watch`): announced politely to screen
// readers, and kept scrolled to the newest line unless the reader has scrolled up to read older ones.
import { memo, type UIEvent, useEffect, useId, useLayoutEffect, useRef } from 'react'

export interface EventStreamProps {
  lines: string[]
  title: string
  /** Max height of the scrolling region (CSS length); 16em by default. */
  maxHeight?: string
}

/** Within this many px of the bottom counts as "at the bottom" (keeps following new lines). */
export const STICK_THRESHOLD_PX = 8

export function isAtBottom(scrollTop: number, scrollHeight: number, clientHeight: number): boolean {
  return scrollHeight - scrollTop - clientHeight <= STICK_THRESHOLD_PX
}

export function EventStream({ lines, title, maxHeight = '16em' }: EventStreamProps) {
  const headingId = `es${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`
  const ref = useRef<HTMLPreElement>(null)
  const stick = useRef(true)
  // Off-screen, the log is not laid out (content-visibility: auto): scrolling it then would force that layout.
  const skipped = useRef(false)

  useLayoutEffect(() => {
    const el = ref.current
    // Only when the content changed: scrolling forces a layout, which would cost every frame of a playing run; and
    // never for an empty log (on a slow laptop, that layout of the whole page at start held the first paint back).
    if (el && lines.length > 0 && stick.current && !skipped.current) el.scrollTop = el.scrollHeight
  }, [lines.length, lines.at(-1)])

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const onState = (e: Event): void => {
      skipped.current = (e as Event & { skipped?: boolean }).skipped === true
      if (!skipped.current && stick.current) el.scrollTop = el.scrollHeight
    }
    el.addEventListener('contentvisibilityautostatechange', onState)
    return () => el.removeEventListener('contentvisibilityautostatechange', onState)
  }, [])

  const onScroll = (e: UIEvent<HTMLPreElement>): void => {
    const el = e.currentTarget
    stick.current = isAtBottom(el.scrollTop, el.scrollHeight, el.clientHeight)
  }

  return (
    <section className="event-stream" aria-labelledby={headingId}>
      <h3 id={headingId} style={{ fontSize: '0.95em', margin: '0 0 4px' }}>{title}</h3>
      <pre ref={ref} role="log" aria-live="polite" aria-labelledby={headingId} tabIndex={0} onScroll={onScroll}
        style={{ maxHeight, overflow: 'auto', margin: 0, padding: 8, background: '#0b1020', color: '#e5e7eb',
          fontSize: 12, lineHeight: 1.4, whiteSpace: 'pre' }}>
        {lines.length === 0 ? <span>(nothing yet)</span> : chunks(lines).map((c, i) => <Chunk key={i} lines={c} />)}
      </pre>
    </section>
  )
}

/** Lines per block: a new line re-renders and lays out its block only, not the whole log. */
export const CHUNK_LINES = 64

function chunks(lines: string[]): string[][] {
  const out: string[][] = []
  for (let i = 0; i < lines.length; i += CHUNK_LINES) out.push(lines.slice(i, i + CHUNK_LINES))
  return out
}

// A block of the log. One node per line, so a new line is announced alone rather than the whole log again; the
// block's end is a line break of its own (no '\n' after its last line).
const Chunk = memo(function Chunk({ lines }: { lines: string[] }) {
  return (
    <span style={{ display: 'block' }}>
      {lines.map((line, i) => <span key={i}>{line}{i < lines.length - 1 ? '\n' : ''}</span>)}
    </span>
  )
}, (a, b) => a.lines.length === b.lines.length && a.lines.every((line, i) => line === b.lines[i]))
