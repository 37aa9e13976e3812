// The timeline's end, where what is still running is cut (UpToEnd), for the chunks and the header alike.
import { createContext, type ReactNode, useContext } from 'react'
import type { Band } from './model.ts'
import type { TimeScale } from './scale.ts'

/** Where a band is drawn: an open (running) one reaches `openX`, and UpToEnd cuts it at the timeline's end. */
export function bandSpan(band: Band, scale: TimeScale, openX: number): { x: number; w: number } {
  const x = scale.x(band.from)
  return { x, w: Math.max(1, (band.open ? openX : scale.x(band.to)) - x) }
}

/** x of the timeline's end, where open lines and bands are cut: it moves on every redraw of a playing run. */
export const EndX = createContext(0)

/**
 * What reaches the timeline's end (open bands behind the lanes, open presence lines and Pod bars in front of them)
 * is drawn to `openX` in a layer of its own, in a box as wide as the timeline so far. As time passes only that box's
 * width changes: the browser moves its clip without painting the layer again (with a clip path in the chunk's SVG,
 * every redraw of a playing run repainted every chunk in view), and lays out only the chunk or header holding the
 * box (both are boxes of fixed size with strict containment: .tl-chunk, .tl-header).
 */
export function UpToEnd({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  return <div className="tl-upto" style={{ width: Math.min(width, useContext(EndX)), height }}>{children}</div>
}
