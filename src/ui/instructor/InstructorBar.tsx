// The instructor's bar: the mode's toggle, the banner of the moment the clock stopped at (with Continue), and
// "Replay from": a second before any moment that stopped the clock, the start of the last sync, the moment shown
// on the timeline, or any time typed in.
import { useEffect, useState, useSyncExternalStore } from 'react'
import type { Lab } from '../../labs/types.ts'
import type { Session } from '../session/session.ts'
import { useSession } from '../use-session.ts'
import { InstructorMode } from './instructor-mode.ts'
import { EditorCollapse } from './EditorCollapse.tsx'

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/**
 * The page's instructor mode for a session (one per session; the larger type goes on <html>). `turnOn`: the learner
 * pressed the toggle before this code had loaded.
 */
export function useInstructorMode(session: Session, lab: Lab, turnOn = false): InstructorMode {
  const [mode] = useState(() => new InstructorMode(session, lab.moments, {
    root: document.documentElement, storage: window.localStorage,
  }))
  useEffect(() => {
    const detach = mode.attach()
    if (turnOn) mode.setOn(true)
    return detach
  }, [mode]) // only the first press counts: turnOn is read once
  useSyncExternalStore(mode.subscribe, () => mode.version)
  return mode
}

export function InstructorBar({ session, lab, turnOn = false }: { session: Session; lab: Lab; turnOn?: boolean }) {
  const mode = useInstructorMode(session, lab, turnOn)
  useSession(session)
  const [typed, setTyped] = useState('')
  const hit = mode.hit
  const lastSync = mode.on ? mode.lastSyncStart() : undefined
  const typedMs = typed.trim() === '' ? Number.NaN : Number(typed) * 1000
  const typedOk = Number.isFinite(typedMs) && typedMs >= 0 && typedMs < session.live.now
  return (
    <section className="instructor" aria-label="Instructor mode" data-testid="instructor">
      <div className="instructor-bar" role="toolbar" aria-label="Instructor">
        <button type="button" aria-pressed={mode.on} onClick={() => mode.toggle()} data-testid="instructor-toggle"
          title="Larger type; the lab's marked moments stop the clock">Instructor mode</button>
        {mode.on ? <EditorCollapse /> : null}
        {mode.on ? (
          <span className="muted">{lab.moments.length === 0 ? 'This lab marks no moments.'
            : `${lab.moments.length} marked moment${lab.moments.length === 1 ? '' : 's'}`}</span>
        ) : null}
        {mode.on ? (
          <div className="replay" role="group" aria-label="Replay from">
            <span>Replay from</span>
            {lastSync !== undefined ? (
              <button type="button" onClick={() => void mode.replayFrom(lastSync)} data-testid="replay-last-sync">
                the last sync ({seconds(lastSync)})</button>
            ) : null}
            {mode.replayPoints().map(({ t, hit: h }) => (
              <button type="button" key={h.index} onClick={() => void mode.replayFrom(t)} data-testid={`replay-${h.moment.id}`}
                title={h.moment.say}>{h.moment.id} ({seconds(t)})</button>
            ))}
            {session.view && !mode.replaying ? (
              <button type="button" onClick={() => void mode.replayFrom(session.shown.now)} data-testid="replay-here">
                here ({seconds(session.shown.now)})</button>
            ) : null}
            <form onSubmit={e => { e.preventDefault(); if (typedOk) void mode.replayFrom(typedMs) }}>
              <label>t ={' '}
                <input type="number" min={0} step={0.1} value={typed} onChange={e => setTyped(e.target.value)}
                  aria-label="Replay from this time, in seconds" data-testid="replay-time" /> s</label>{' '}
              <button type="submit" disabled={!typedOk}>Replay</button>
            </form>
            {mode.replaying ? (
              <button type="button" onClick={() => mode.stopReplay()} data-testid="replay-stop">Stop replay</button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div role="status" aria-live="polite" data-testid="moment-status">
        {mode.on && hit ? (
          <div className="moment-banner" data-moment={hit.moment.id}>
            <p><span className="moment-time">t = {seconds(hit.event.t)}</span>{hit.moment.say}</p>
            <button type="button" className="primary" onClick={() => mode.continue()} data-testid="moment-continue"
              autoFocus>Continue</button>
          </div>
        ) : mode.replaying ? <p className="muted">Replaying from the past: the moments stop the clock again.</p> : null}
      </div>
    </section>
  )
}
