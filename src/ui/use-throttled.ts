// A value that follows another at most every `ms` (and always ends on its latest state): heavy views of a playing
// run redraw ten times a second instead of every frame. Updates fall on a fixed grid of wall time shifted by
// `phase` ms, so that two heavy views with different phases redraw (and commit) in different frames.
import { useEffect, useRef, useState } from 'react'

export function useThrottled<T>(value: T, ms: number, phase = 0): T {
  const [shown, setShown] = useState(value)
  const slot = useRef(Number.NEGATIVE_INFINITY)
  useEffect(() => {
    const now = performance.now()
    const current = Math.floor((now - phase) / ms)
    if (current > slot.current) {
      slot.current = current
      setShown(value)
      return
    }
    const timer = setTimeout(() => {
      slot.current = Math.floor((performance.now() - phase) / ms)
      setShown(value)
    }, (current + 1) * ms + phase - now)
    return () => clearTimeout(timer)
  }, [value, ms, phase])
  return shown
}
