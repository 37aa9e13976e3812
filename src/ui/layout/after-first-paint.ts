// What the page draws in its first paint, and what just after: on a slow laptop every panel drawn with the first
// render holds the first paint back, so the panels a learner reads first (the lab, the source, the applications and
// the application view) are drawn alone, the others (plan, cluster panel, timeline, logs, terminal) a moment later.
import { startTransition, useEffect, useState } from 'react'

/** If no frame comes (a tab opened in the background draws none), the rest is drawn after this anyway. */
const AT_THE_LATEST_MS = 250

/** False in the first render; true once the page has drawn it (a task after the next frame), as a transition. */
export function useAfterFirstPaint(): boolean {
  const [after, setAfter] = useState(false)
  useEffect(() => {
    let done = false
    const show = () => {
      if (done) return
      done = true
      startTransition(() => setAfter(true))
    }
    let timer: ReturnType<typeof setTimeout> | undefined
    // A task queued from a frame's callback runs once that frame has been drawn.
    const frame = requestAnimationFrame(() => { timer = setTimeout(show, 0) })
    const latest = setTimeout(show, AT_THE_LATEST_MS)
    return () => {
      done = true
      cancelAnimationFrame(frame)
      clearTimeout(latest)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
  return after
}
