// The timeline chart: a lane per resource with its Pods' bars, (phase, wave) bands, delete/apply/hook markers, a
// "now" line that follows virtual time and a draggable, keyboard-operable time cursor that moves back and forward
// within the recorded run (what lies after the moment shown stays drawn, veiled). It only draws the model
// built by buildTimeline; every fact shown is in the model. The chart is a header and a stack of lane chunks
// (lane-chunk.tsx); the now line and the cursor are elements of their own over the whole stack.
import { type KeyboardEvent, type PointerEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react'
import { ChartHeader } from './chart-header.tsx'
import { AXIS_H, CHUNK_LANES, HEADER_H, LABEL_W, laneHeight, PAD_LEFT, WIDTH_STEP } from './geometry.ts'
import { backdropOf, LaneChunk } from './lane-chunk.tsx'
import { LaneLabel } from './lane-view.tsx'
import { describeTimeline, formatSeconds, type Timeline as TimelineData } from './model.ts'
import { usePaneFollow } from './pane-follow.ts'
import { axisTicks, clamp, cursorAfterKey, timeScale } from './scale.ts'
import { TimelineTable } from './timeline-table.tsx'
import { EndX, TimelineEnd } from './up-to-end.tsx'
import './timeline.css'

export interface TimelineProps {
  timeline: TimelineData
  /** Current virtual time (ms): the "now" line. */
  now: number
  /** The time-travel cursor (ms), or undefined when following now. */
  cursor: number | undefined
  /** Called with the new cursor time (ms) when the user drags or uses the keyboard. */
  onCursor: (t: number) => void
  /** Horizontal zoom; 24 px per virtual second by default. */
  pxPerSecond?: number
}

export function Timeline({ timeline, now, cursor, onCursor, pxPerSecond = 24 }: TimelineProps) {
  const rawId = useId()
  const id = `tl${rawId.replace(/[^a-zA-Z0-9_-]/g, '')}`
  const rootRef = useRef<HTMLDivElement>(null)
  const paneRef = useRef<HTMLDivElement>(null)
  const sliderRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<HTMLDivElement>(null)
  const dragging = useRef(false)
  /** The cursor the last key asked for, and when. */
  const keyed = useRef<{ t: number; at: number } | undefined>(undefined)
  // The chunks' contentvisibilityautostatechange events bubble: only the timeline's own tells pane-follow whether
  // the chart is skipped.
  useEffect(() => {
    const chart = chartRef.current
    const stop = (e: Event): void => e.stopPropagation()
    chart?.addEventListener('contentvisibilityautostatechange', stop)
    return () => chart?.removeEventListener('contentvisibilityautostatechange', stop)
  }, [])

  const scale = timeScale(timeline.start, Math.max(timeline.end, now, cursor ?? 0), pxPerSecond, PAD_LEFT)
  const min = scale.t0
  const max = Math.max(now, min)
  const value = clamp(cursor ?? now, min, max)
  const height = Math.max(timeline.lanes.reduce((h, lane) => h + laneHeight(lane), HEADER_H), HEADER_H + 24)

  // Follow the now line (or the cursor while it moves) when it leaves the visible part.
  const followX = scale.x(value)
  const follow = usePaneFollow(rootRef, paneRef, dragging, followX)

  const timeAt = (clientX: number): number => {
    const pane = paneRef.current!
    const rect = pane.getBoundingClientRect()
    // Presenter mode zooms the timeline (CSS zoom): the pointer's offset is in screen px, the chart's in its own.
    const zoom = (pane as { currentCSSZoom?: number }).currentCSSZoom ?? 1
    return scale.t((clientX - rect.left) / zoom + pane.scrollLeft, min, max)
  }
  const onPointerDown = (e: PointerEvent<HTMLDivElement>): void => {
    if (e.button !== 0) return
    dragging.current = true
    keyed.current = undefined
    e.currentTarget.setPointerCapture(e.pointerId)
    onCursor(timeAt(e.clientX))
    sliderRef.current?.focus({ preventScroll: true })
    e.preventDefault()
  }
  const onPointerMove = (e: PointerEvent<HTMLDivElement>): void => {
    if (dragging.current) onCursor(timeAt(e.clientX))
  }
  const onPointerUp = (e: PointerEvent<HTMLDivElement>): void => {
    dragging.current = false
    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    // Keys pressed faster than the moment is shown add up: each goes on from the one before.
    const last = keyed.current
    const from = last && last.t !== value && performance.now() - last.at < KEYS_ADD_UP_MS ? last.t : value
    const next = cursorAfterKey(e.key, e.shiftKey, from, min, max)
    if (next === undefined) return
    e.preventDefault()
    keyed.current = { t: next, at: performance.now() }
    onCursor(next)
  }

  // The boxes cut at the timeline's end: those rendered now read `end.x`; the others move once this is committed.
  const [end] = useState(() => new TimelineEnd())
  end.x = scale.x(timeline.end)
  useLayoutEffect(() => end.moveBoxes())

  const width = Math.ceil(scale.width / WIDTH_STEP) * WIDTH_STEP
  const ticks = axisTicks({ ...scale, t1: scale.t(width, scale.t0, Infinity) })
  // Where open presence lines and bands end (clipped at the timeline's end): a power of two, so it seldom changes.
  const openX = 2 ** Math.ceil(Math.log2(width + 1))
  const backdrop = backdropOf(timeline, scale, openX, ticks)
  const chunks: TimelineData['lanes'][] = []
  for (let i = 0; i < timeline.lanes.length; i += CHUNK_LANES) chunks.push(timeline.lanes.slice(i, i + CHUNK_LANES))
  const nowX = scale.x(now)

  return (
    <div ref={rootRef} className="timeline" data-testid="timeline" style={{ fontFamily: 'system-ui, sans-serif',
      fontSize: 12, containIntrinsicBlockSize: `auto ${height + 40}px` }}>
      <div style={{ display: 'grid', gridTemplateColumns: `var(--tl-label-w, ${LABEL_W}px) minmax(0, 1fr)`, alignItems: 'start' }}>
        <ul aria-label="Resources" style={{ listStyle: 'none', margin: 0, padding: 0, paddingTop: HEADER_H }}>
          {timeline.lanes.map(lane => <LaneLabel key={lane.key} lane={lane} />)}
        </ul>
        <div ref={paneRef} style={{ position: 'relative', overflowX: 'auto', overflowY: 'hidden', touchAction: 'pan-y',
          cursor: 'col-resize' }}
          onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp} onScroll={follow.onScroll}>
          <div ref={chartRef} role="img" aria-label={describeTimeline(timeline)}
            style={{ width, height, userSelect: 'none' }}>
            <EndX value={end}>
              <ChartHeader timeline={timeline} scale={scale} ticks={ticks} openX={openX} id={id} />
              {chunks.map((lanes, i) => (
                <LaneChunk key={i} lanes={lanes} scale={scale} openX={openX} backdrop={backdrop} id={id} />
              ))}
            </EndX>
          </div>
          {cursor !== undefined && nowX > scale.x(value) ? (
            // What comes after the moment shown stays drawn, veiled: the cursor can go there again.
            <div aria-hidden="true" data-testid="timeline-future" style={{ position: 'absolute', top: 0,
              left: scale.x(value), width: nowX - scale.x(value), height, background: 'var(--tl-veil)',
              pointerEvents: 'none' }} />
          ) : null}
          {/* The now line with its label and the cursor move by a transform, not by `left`: a move on every redraw of
              a playing run then lays out and repaints nothing (the lines are as tall as the chart). */}
          <div aria-hidden="true" className="tl-now" style={{ transform: `translateX(${nowX - 1}px)`, height }}>
            <span className="tl-now-label" style={{ top: AXIS_H }}>now</span>
          </div>
          <div ref={sliderRef} role="slider" tabIndex={0} aria-label="Time cursor"
            aria-valuemin={round1(min / 1000)} aria-valuemax={round1(max / 1000)} aria-valuenow={round1(value / 1000)}
            aria-valuetext={`${formatSeconds(value)}${cursor === undefined ? ' (now)' : ''}`}
            aria-orientation="horizontal" onKeyDown={onKeyDown}
            style={{ position: 'absolute', top: 0, left: 0, transform: `translateX(${scale.x(value) - 6}px)`,
              willChange: 'transform', width: 12, height, cursor: 'ew-resize', outlineOffset: 2, display: 'flex',
              justifyContent: 'center' }}>
            <div style={{ width: 2, height: '100%', background: cursor === undefined ? 'transparent' : 'var(--tl-text)',
              borderLeft: cursor === undefined ? '2px dashed var(--tl-tick)' : undefined }} />
            <div aria-hidden="true" style={{ position: 'absolute', top: 0, width: 12, height: 12, borderRadius: 6,
              background: 'var(--tl-text)', color: 'var(--tl-marker-bg)', fontSize: 9, lineHeight: '12px', textAlign: 'center' }}>◆</div>
          </div>
        </div>
      </div>
      <TableDetails timeline={timeline} />
    </div>
  )
}

/** The timeline as a table, drawn while it is open (closed, a playing run would rebuild its rows for nothing). */
function TableDetails({ timeline }: { timeline: TimelineData }) {
  const [open, setOpen] = useState(false)
  return (
    <details onToggle={e => setOpen(e.currentTarget.open)}>
      <summary>Timeline as a table</summary>
      {open ? <TimelineTable timeline={timeline} /> : null}
    </details>
  )
}

/** How long a key's cursor counts for the next key while the page has not shown it yet. */
const KEYS_ADD_UP_MS = 1000

function round1(v: number): number {
  return Math.round(v * 10) / 10
}
