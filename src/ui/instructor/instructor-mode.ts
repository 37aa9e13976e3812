// Instructor mode, for a demo on a projector: larger type (a class on <html>), the lab's marked moments stop the
// clock (the run pauses at the moment's own time and its text is shown until Continue), and any earlier moment of
// the run can be replayed forward. No React here: the bar (InstructorBar.tsx) subscribes to it.
//
// Replaying: the session shows a past moment as a run rebuilt from the action log (`session.seek`) and plays it
// forward (`session.replay`) until it reaches the live run, which then plays on.
import type { Moment } from '../../labs/types.ts'
import type { Run } from '../session/run.ts'
import type { Application } from '../../sync/application.ts'
import type { RecordedEvent } from '../../sync/events.ts'
import type { Session, Speed } from '../session/session.ts'
import { firstEventAt, type MomentHit, MomentWatcher } from './moments.ts'
import { INSTRUCTOR_STORAGE_KEY } from './storage-key.ts'
import { INSTRUCTOR_CLASS } from '../appearance/presenter.ts'

export { INSTRUCTOR_CLASS }
export { INSTRUCTOR_STORAGE_KEY }
export interface InstructorOptions {
  /** Gets the larger-type class (the page: document.documentElement). */
  root?: { classList: { toggle(token: string, force?: boolean): boolean } } | undefined
  /** Remembers whether the mode is on. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | undefined
}

export class InstructorMode {
  on = false
  /** The moment the clock stopped at, shown until Continue. */
  hit: MomentHit | undefined
  /** The moments that stopped the clock, each event once, in the run's order (for "Replay from"). */
  fired: MomentHit[] = []
  /** A past moment is being played forward. */
  replaying = false
  /** Moves on at every change of the mode (React's useSyncExternalStore). */
  version = 0
  private readonly watcher: MomentWatcher
  /** The live run being watched; a new one (Reset) is watched from its current end. */
  private watched: Run | undefined
  /** The application shown when watching began: another one shown (made, picked in the list) is watched from its end. */
  private watchedApp: Application | undefined
  private resume: { speed: Speed; playing: boolean; toEnd: boolean } = { speed: 1, playing: false, toEnd: false }
  /** "To the end" stopped at a moment: Continue runs on to the end. */
  private heldToEnd = false
  private readonly listeners = new Set<() => void>()
  private attached = false

  constructor(readonly session: Session, readonly moments: readonly Moment[], private readonly opts: InstructorOptions = {}) {
    this.watcher = new MomentWatcher(moments)
  }

  /**
   * Starts watching the session (and turns the mode on if it was on last time); the returned function stops it and
   * takes the larger type off. Kept apart from the constructor so that a React effect can attach and detach it.
   */
  attach(): () => void {
    const unsubscribe = this.session.subscribe(() => this.onSession())
    this.session.holds.add(this.hold)
    this.attached = true
    if (this.on) {
      this.opts.root?.classList.toggle(INSTRUCTOR_CLASS, true)
      this.watchLive(this.session.live)
    } else if (this.opts.storage?.getItem(INSTRUCTOR_STORAGE_KEY) === 'on') this.setOn(true)
    return () => {
      unsubscribe()
      this.session.holds.delete(this.hold)
      this.attached = false
      this.endReplay(false)
      this.hit = undefined
      this.opts.root?.classList.toggle(INSTRUCTOR_CLASS, false)
    }
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  setOn(on: boolean): void {
    if (on === this.on) return
    this.on = on
    this.opts.root?.classList.toggle(INSTRUCTOR_CLASS, on)
    this.opts.storage?.setItem(INSTRUCTOR_STORAGE_KEY, on ? 'on' : 'off')
    if (on) this.watchLive(this.session.live)
    else {
      this.endReplay(false)
      this.hit = undefined
    }
    this.changed()
  }

  toggle(): void {
    this.setOn(!this.on)
  }

  /**
   * Past the moment shown: the clock runs again (at the speed it ran at) if it ran when the moment came; a run to the
   * end goes on to the next moment, or after the last one to the end.
   */
  continue(): void {
    if (!this.hit) return
    this.hit = undefined
    this.changed()
    if (this.replaying) this.session.replay(this.resume.speed)
    else if (this.resume.toEnd) void this.session.toEnd()
    else if (this.resume.playing) this.session.play(this.resume.speed)
  }

  /** Stops "To the end" of the live run at the next moment (Session.holds); it goes on past the moment shown. */
  private readonly hold = (run: Run): boolean => {
    if (!this.on || !this.attached || this.replaying || run !== this.session.live) return false
    if (this.hit) {
      this.hit = undefined
      this.changed()
    }
    if (!this.watcher.hasNext(eventsOf(run))) return false
    this.heldToEnd = true
    return true
  }

  /**
   * Plays the run forward from virtual time `t` (earlier than the live run's time): the moments stop the clock
   * again on the way, and when the replay reaches the live run's time, the live run plays on.
   */
  async replayFrom(t: number): Promise<void> {
    const s = this.session
    this.endReplay(false)
    this.hit = undefined
    const speed = s.speed
    s.pause()
    await s.seek(Math.max(0, Math.min(t, s.live.now)))
    const view = s.view
    if (!view) {
      this.changed()
      return
    }
    this.watcher.cursor = firstEventAt(eventsOf(view), view.now)
    this.replaying = true
    this.resume = { speed, playing: true, toEnd: false }
    this.changed()
    s.replay(speed)
    this.onSession() // a moment at `t` itself
  }

  /** Ends a replay where it is (the past moment stays shown, paused). */
  stopReplay(): void {
    if (!this.replaying) return
    this.endReplay(false)
    this.hit = undefined
    this.session.pause()
    this.changed()
  }

  /** Times to offer for "Replay from": a second before each moment that stopped the clock. */
  replayPoints(lead = 1000): Array<{ t: number; hit: MomentHit }> {
    return this.fired.map(hit => ({ t: Math.max(0, hit.event.t - lead), hit }))
  }

  /** When the last operation of the live run started, if any. */
  lastSyncStart(): number | undefined {
    const events = eventsOf(this.session.live)
    const op = events.reduce((max, e) => Math.max(max, e.op), 0)
    return op === 0 ? undefined : events.find(e => e.op === op)?.t
  }

  // ---- watching the session

  private onSession(): void {
    if (!this.on || !this.attached) return
    const s = this.session
    if (this.replaying) {
      const view = s.view
      if (!view) {
        // Back to the live run (Play, "Back to now", or the session's own replay caught up).
        this.endReplay(false)
        this.changed()
      } else {
        if (!this.hit) this.stopAt(this.watcher.next(eventsOf(view)))
        return
      }
    }
    const live = s.live
    if (live !== this.watched || live.app !== this.watchedApp) {
      this.watchLive(live)
      this.changed()
      return
    }
    if (this.hit) {
      if (!s.playing) return // the clock stays stopped at the moment
      this.hit = undefined // played on without Continue
      this.changed()
    }
    this.stopAt(this.watcher.next(eventsOf(live)))
  }

  private stopAt(hit: MomentHit | undefined): void {
    if (!hit) return
    const s = this.session
    this.hit = hit
    if (!this.fired.some(f => f.index === hit.index)) {
      this.fired = [...this.fired, hit].sort((a, b) => a.index - b.index)
    }
    if (!this.replaying) this.resume = { speed: s.speed, playing: s.playing, toEnd: this.heldToEnd }
    this.heldToEnd = false
    this.changed()
    if (s.playing) s.pause()
    // A fast run may have gone past the event within one frame: show the run as it was at the event.
    if (s.shown.now > hit.event.t) void this.showMoment(hit)
  }

  /**
   * The run rebuilt at the event's time. A run rebuilt to the very time of an action (a sync at t = 0) has not yet
   * done what the action starts at that time; a millisecond later it has.
   */
  private async showMoment(hit: MomentHit): Promise<void> {
    const s = this.session
    await s.seek(hit.event.t)
    if (this.hit === hit && s.view && eventsOf(s.view).length <= hit.index) await s.seek(hit.event.t + 1)
  }

  private watchLive(run: Run): void {
    this.watched = run
    this.watchedApp = run.app
    this.watcher.cursor = eventsOf(run).length
    this.hit = undefined
  }

  /** `caughtUp`: the replay reached the live run, so the cursor is right for it; otherwise skip to its end. */
  private endReplay(caughtUp: boolean): void {
    if (!this.replaying) return
    this.replaying = false
    if (!caughtUp) this.watchLive(this.session.live)
  }

  private changed(): void {
    this.version++
    for (const l of this.listeners) l()
  }
}

/** The events of the application a run shows (none before any application exists). */
function eventsOf(run: Run): readonly RecordedEvent[] {
  return run.app?.events ?? []
}
