// Keeps an x of the timeline's scrolling pane in view without reading layout while a run plays: the pane's width
// comes from a ResizeObserver and its scroll offset from its scroll events, so following "now" forces no layout
// (which would cost every redraw). While the timeline is skipped (content-visibility: auto, off-screen) nothing is
// scrolled; it catches up when it shows again.
import { type RefObject, type UIEvent, useEffect, useRef } from 'react'
import { scrollToKeep } from './scale.ts'

export function usePaneFollow(root: RefObject<HTMLElement | null>, pane: RefObject<HTMLElement | null>,
  dragging: RefObject<boolean>, x: number): { onScroll: (e: UIEvent<HTMLElement>) => void } {
  const state = useRef({ left: 0, width: 0, skipped: false, x })
  state.current.x = x

  const keep = (): void => {
    const s = state.current
    const el = pane.current
    if (!el || s.skipped || dragging.current) return
    const left = scrollToKeep(s.x, s.left, s.width)
    if (left === undefined) return
    el.scrollLeft = left
    s.left = el.scrollLeft
  }

  useEffect(() => {
    const el = pane.current
    const host = root.current
    if (!el || !host) return
    const resize = new ResizeObserver(entries => {
      const entry = entries.at(-1)
      if (!entry) return
      state.current.width = entry.contentRect.width
      state.current.left = el.scrollLeft
      keep()
    })
    resize.observe(el)
    const onState = (e: Event): void => {
      state.current.skipped = (e as Event & { skipped?: boolean }).skipped === true
      keep()
    }
    host.addEventListener('contentvisibilityautostatechange', onState)
    return () => {
      resize.disconnect()
      host.removeEventListener('contentvisibilityautostatechange', onState)
    }
  }, [])

  useEffect(keep, [x])
  return { onScroll: e => { state.current.left = e.currentTarget.scrollLeft } }
}
