// A heavy panel that is off-screen follows a playing run once a second instead of ten times: nobody sees it redraw,
// and its redraws took frames from the panel the learner watches (a 200-resource graph built ten times a second
// while the learner follows the timeline below it). It stays current within a second for whoever reads it without
// scrolling (a screen reader), and is brought up to date at once when any part of it comes into the viewport, when the learner
// does something (the session's stateVersion) and whenever time stops (pause, the end of "To the end").
import { type ReactNode, type RefObject, useEffect, useLayoutEffect, useReducer, useRef } from 'react'

/** How often an off-screen panel follows a playing run. */
export const OFF_SCREEN_PACE_MS = 1000

export interface PacedProps {
  /** The version the panel would draw (the session's throttled version). */
  version: number
  /** Changes only with what the learner does: such a change is drawn at once. */
  urgent: number
  /** Whether time is passing (a run plays): only then is an off-screen panel held back. */
  playing: boolean
  children: (version: number) => ReactNode
}

export function Paced({ version, urgent, playing, children }: PacedProps) {
  const box = useRef<HTMLDivElement>(null)
  const onScreen = useOnScreen(box)
  const held = useRef({ version, urgent, at: performance.now() })
  const [, redraw] = useReducer((n: number) => n + 1, 0)
  const last = held.current
  const now = performance.now()
  if (version !== last.version &&
    (onScreen.current || !playing || urgent !== last.urgent || now - last.at >= OFF_SCREEN_PACE_MS)) {
    held.current = { version, urgent, at: now }
  }
  const shown = held.current.version
  // Held back: drawn when its second is up, even if no newer version comes.
  useEffect(() => {
    if (shown === version) return
    const timer = setTimeout(redraw, Math.max(0, OFF_SCREEN_PACE_MS - (performance.now() - held.current.at)))
    return () => clearTimeout(timer)
  }, [shown, version])
  onScreen.onChange = redraw
  // `display: contents`: the wrapper adds no box, so the page's grid and flex layouts see the panel itself.
  return <div ref={box} className="paced" style={{ display: 'contents' }}>{children(shown)}</div>
}

interface OnScreen { current: boolean; onChange: () => void }

/** Whether any of the box's children is in the viewport (the box itself has no box to observe). */
function useOnScreen(box: RefObject<HTMLDivElement | null>): OnScreen {
  const state = useRef<OnScreen>({ current: true, onChange: () => {} }).current
  const observer = useRef<IntersectionObserver | undefined>(undefined)
  const near = useRef(new Set<Element>())
  const observed = useRef(new Set<Element>())
  useEffect(() => {
    if (typeof IntersectionObserver === 'undefined') return
    const io = new IntersectionObserver(entries => {
      for (const e of entries) {
        if (e.isIntersecting) near.current.add(e.target)
        else near.current.delete(e.target)
      }
      const now = near.current.size > 0
      if (now !== state.current) {
        state.current = now
        if (now) state.onChange()
      }
    })
    observer.current = io
    for (const el of observed.current) io.observe(el)
    return () => { io.disconnect(); observer.current = undefined }
  }, [state])
  // The panel's root element may change (a panel that failed, a chunk that loaded): observe the children it has now.
  useLayoutEffect(() => {
    const children = new Set(box.current ? Array.from(box.current.children) : [])
    for (const el of observed.current) {
      if (children.has(el)) continue
      observer.current?.unobserve(el)
      observed.current.delete(el)
      near.current.delete(el)
    }
    for (const el of children) {
      if (observed.current.has(el)) continue
      observed.current.add(el)
      observer.current?.observe(el)
    }
  })
  return state
}
