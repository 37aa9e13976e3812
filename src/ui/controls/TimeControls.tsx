// Pause, step to the next event, play at 1×, 5×, 20×, run to the end; the current virtual time.
import { useEffect, useLayoutEffect, useRef } from 'react'
import type { Session, Speed } from '../session/session.ts'

export function TimeControls({ session }: { session: Session }) {
  useAnimationLoop(session)
  const speeds: Speed[] = [1, 5, 20]
  return (
    <div className="time-controls" role="toolbar" aria-label="Time controls" data-testid="time-controls">
      <button onClick={() => session.pause()} aria-pressed={!session.playing} data-testid="pause">❚❚ Pause</button>
      <button onClick={() => void session.step()} data-testid="step">▶❘ Step</button>
      {speeds.map(s => (
        <button key={s} onClick={() => session.play(s)} aria-pressed={session.playing && session.speed === s}
          data-testid={`play-${s}`}>▶ {s}×</button>
      ))}
      <button onClick={() => void session.toEnd()} data-testid="to-end">▶▶ To the end</button>
      {session.view ? <button onClick={() => session.play(session.speed)} data-testid="back-to-live">Back to now</button> : null}
      <Clock session={session} />
    </div>
  )
}

/**
 * The virtual time shown, written into the page by the session's every change, without a React render: the time
 * moves on every frame of a playing run, and an urgent render per frame would restart the heavy views' interruptible
 * renders each time (use-throttled.ts). React draws the element, empty; only this effect writes its text.
 */
function Clock({ session }: { session: Session }) {
  const ref = useRef<HTMLSpanElement>(null)
  useLayoutEffect(() => {
    const el = ref.current!
    let shown: string | undefined
    let shownAt = Number.NEGATIVE_INFINITY
    let trailing: ReturnType<typeof setTimeout> | undefined
    const write = (): void => {
      const now = session.shown.now
      if (el.dataset.t !== String(now)) el.dataset.t = String(now)
      const text = `t = ${(now / 1000).toFixed(1)} s${session.view ? ' (past)' : ''}`
      if (text === shown) return
      // While a run plays, the text follows at most ten times a second (and always ends on the last moment): at 20×
      // it would change on every frame, and that change alone made each frame lay out, paint and commit.
      const wait = session.playing ? shownAt + TEXT_EVERY_MS - performance.now() : 0
      if (wait > 0) {
        trailing ??= setTimeout(() => { trailing = undefined; write() }, wait)
        return
      }
      if (trailing !== undefined) clearTimeout(trailing)
      trailing = undefined
      el.textContent = shown = text
      shownAt = performance.now()
    }
    write()
    const unsubscribe = session.subscribe(write)
    return () => {
      unsubscribe()
      if (trailing !== undefined) clearTimeout(trailing)
    }
  }, [session])
  // The text sits in a box of fixed size with strict containment, a layer of its own (.clock-text): its change lays
  // out and paints that box only, not the toolbar, the timeline's panel and the page around it.
  return <span className="clock"><span ref={ref} className="clock-text" data-testid="virtual-time" aria-live="off" /></span>
}

/** How often, at most, the clock's text changes while a run plays (ms of wall time). */
const TEXT_EVERY_MS = 100

/**
 * The most a frame of a playing run spends on the simulation (ms): the rest of the frame draws what it did. At a moment
 * that holds more work (a wave of 20 resources applied at once, a slow laptop), virtual time runs slower than the
 * speed chosen instead of the page stuttering.
 */
const SIMULATION_BUDGET_MS = 5

/** Feeds the session the wall time that passes while it plays (virtual time = wall time × speed, within the budget). */
function useAnimationLoop(session: Session): void {
  useEffect(() => {
    let last = performance.now()
    let frame = 0
    let inFlight = false
    const loop = (ts: number) => {
      const wall = ts - last
      last = ts
      if (session.playing && !inFlight) {
        inFlight = true
        void session.tick(Math.min(wall, 250), SIMULATION_BUDGET_MS).finally(() => { inFlight = false })
      }
      frame = requestAnimationFrame(loop)
    }
    frame = requestAnimationFrame(loop)
    return () => cancelAnimationFrame(frame)
  }, [session])
}
