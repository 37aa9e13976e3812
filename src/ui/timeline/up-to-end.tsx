// The timeline's end, where what is still running is cut (UpToEnd), for the chunks and the header alike.
import { createContext, type ReactNode, useCallback, useContext } from 'react'
import type { Band } from './model.ts'
import type { TimeScale } from './scale.ts'

/** Where a band is drawn: an open (running) one reaches `openX`, and UpToEnd cuts it at the timeline's end. */
export function bandSpan(band: Band, scale: TimeScale, openX: number): { x: number; w: number } {
  const x = scale.x(band.from)
  return { x, w: Math.max(1, (band.open ? openX : scale.x(band.to)) - x) }
}

/**
 * x of the timeline's end, which moves on every redraw of a playing run, and the boxes cut there. The chart
 * sets it while it renders (so a box rendered then is drawn cut there) and moves the boxes that did not render
 * once the redraw is committed (`moveBoxes`). Not a context value that changes: each change would make React
 * search every lane of the chart for the few boxes that read it (~1 ms per redraw of 200 lanes).
 */
export class TimelineEnd {
  x = 0
  private boxes = new Map<HTMLElement, number>()

  /** Registers a box as wide as `width` at most; returns its removal. */
  attach(box: HTMLElement, width: number): () => void {
    this.boxes.set(box, width)
    return () => { this.boxes.delete(box) }
  }

  moveBoxes(): void {
    for (const [box, width] of this.boxes) {
      const w = `${Math.min(width, this.x)}px`
      if (box.style.width !== w) box.style.width = w
    }
  }
}

/** The chart's TimelineEnd: one object for the chart's life, so that providing it never changes. */
export const EndX = createContext(new TimelineEnd())

/**
 * What reaches the timeline's end (open bands behind the lanes, open presence lines and Pod bars in front of them)
 * is drawn to `openX` in a layer of its own, in a box as wide as the timeline so far. As time passes only that box's
 * width changes: the browser moves its clip without painting the layer again (with a clip path in the chunk's SVG,
 * every redraw of a playing run repainted every chunk in view), and lays out only the chunk or header holding the
 * box (both are boxes of fixed size with strict containment: .tl-chunk, .tl-header).
 */
export function UpToEnd({ width, height, children }: { width: number; height: number; children: ReactNode }) {
  const end = useContext(EndX)
  const attach = useCallback((box: HTMLDivElement | null) => box ? end.attach(box, width) : undefined, [end, width])
  return <div ref={attach} className="tl-upto" style={{ width: Math.min(width, end.x), height }}>{children}</div>
}
