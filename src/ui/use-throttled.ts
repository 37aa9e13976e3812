// The session's version as the heavy views of a playing run follow it: at most every `ms` (and always ending on its
// latest state), ten times a second instead of every frame. Updates fall on a fixed grid of wall time shifted by
// `phase` ms, so that two heavy views with different phases redraw (and commit) in different frames.
//
// Each update is a transition: React renders it in 5 ms slices between frames. A transition is only thrown away by a
// more urgent update, and none comes while time merely passes (use-session.ts), so the render completes and commits;
// an urgent update on every frame (the session's version itself) restarted it on each frame, so that a large run's
// views were redrawn in vain and shown only when React gave up waiting (its 5 s expiry, one long blocking frame).
import { startTransition, useEffect, useState } from 'react'
import type { Session } from './session/session.ts'

export function useThrottledVersion(session: Session, ms: number, phase = 0): number {
  const [shown, setShown] = useState(session.version)
  useEffect(() => {
    let slot = Number.NEGATIVE_INFINITY
    let timer: ReturnType<typeof setTimeout> | undefined
    const show = (): void => {
      timer = undefined
      slot = Math.floor((performance.now() - phase) / ms)
      const version = session.version
      startTransition(() => setShown(version))
    }
    const onChange = (): void => {
      if (timer !== undefined) return
      const now = performance.now()
      const current = Math.floor((now - phase) / ms)
      if (current > slot) show()
      else timer = setTimeout(show, (current + 1) * ms + phase - now)
    }
    onChange()
    const unsubscribe = session.subscribe(onChange)
    return () => {
      unsubscribe()
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [session, ms, phase])
  return shown
}
