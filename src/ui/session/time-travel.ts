// Where the page is in the run and how it moves there: the live run plays on at a chosen speed, and the cursor goes
// back to any moment of the recorded run, forward again, a step to the next moment, or on to the end of the
// operation. A past moment is a run rebuilt from the action log (the engine is deterministic, run.ts), shown until
// the learner goes back to the live run. Apart from the session, which owns the log, so that the clock and the
// cursor's rules (seeks that wait their turn, holds, the settle time) live in one place.
import { DEFAULT_SETTLE_MS } from '../../labs/settle.ts'
import type { SessionAction } from './actions.ts'
import type { SourceRevision } from './revisions.ts'
import { activityEnded, Run, type RunSetup } from './run.ts'

export type Speed = 1 | 5 | 20

/** What time travel reads of the session: the live run, and the log and setup that rebuild any moment of it. */
export interface Recording {
  readonly live: Run
  readonly actions: readonly SessionAction[]
  readonly revisions: readonly SourceRevision[]
  /** Every rebuilt run starts from it; `settleMs`: how long "To the end" runs on after the operation ended. */
  readonly opts: RunSetup & { settleMs?: number | undefined }
}

export class TimeTravel {
  playing = false
  speed: Speed = 1
  /** A rebuilt past moment while the learner scrubs the timeline; undefined: the live run is shown. */
  view: Run | undefined
  /**
   * Reasons for "To the end" to stop on the way (instructor mode's moments): asked after every step of the live
   * run; the first that holds stops the clock there.
   */
  readonly holds = new Set<(run: Run) => boolean>()
  private seekSeq = 0
  private seeking: Promise<void> = Promise.resolve()

  /** `changed` tells the session's listeners (saveNow false: time merely passed). */
  constructor(private readonly recording: Recording, private readonly changed: (saveNow?: boolean) => void) {}

  /** The run the page shows: the scrubbed past moment, or the live run. */
  get shown(): Run {
    return this.view ?? this.recording.live
  }

  play(speed: Speed = this.speed): void {
    this.leavePast()
    this.playing = true
    this.speed = speed
    this.changed()
  }

  pause(): void {
    this.playing = false
    this.changed()
  }

  /** The clock stops and the live run is shown (Reset). */
  stop(): void {
    this.playing = false
    this.leavePast()
  }

  /** Plays the shown past run forward from its own time; on reaching the live run's time, the live run plays on. */
  replay(speed: Speed = this.speed): void {
    if (!this.view) return this.play(speed)
    this.cancelSeeks()
    this.playing = true
    this.speed = speed
    this.changed()
  }

  /**
   * Called by the page's animation loop with the wall time that passed. `budgetMs`: the most wall time the
   * simulation may take (a frame's share, Run.advanceTo); virtual time then runs slower than the speed chosen.
   */
  async tick(wallMs: number, budgetMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (!this.playing) return
    const deadline = performance.now() + budgetMs
    const { live, actions, revisions } = this.recording
    const view = this.view
    if (view) {
      if (view.now >= live.now) {
        this.leavePast()
        this.changed(false)
        return
      }
      await view.advanceTo(Math.min(view.now + wallMs * this.speed, live.now), actions, revisions, deadline)
      this.changed(false)
      return
    }
    await this.advanceLiveTo(live.now + wallMs * this.speed, deadline)
  }

  /** To the next moment anything happens; from a past moment, the next one of the recorded run. */
  async step(): Promise<void> {
    const live = this.recording.live
    const view = this.view
    if (view) {
      const nextAction = this.recording.actions.find(a => a.t > view.now)?.t
      const next = Math.min(view.nextEventAt() ?? Number.POSITIVE_INFINITY, nextAction ?? Number.POSITIVE_INFINITY)
      return this.seek(Math.min(next, live.now))
    }
    this.playing = false
    // What is due now happens first (else a Sync taken while paused leaves Step nowhere to go); then the next moment.
    if (live.nextEventAt() === live.now) await live.runDueNow()
    const next = this.recording.live.nextEventAt()
    if (next !== undefined) await this.advanceLiveTo(next)
    else this.changed()
  }

  /** How long "To the end" runs on after the operation ended (the lab's settle time). */
  get settleMs(): number {
    return this.recording.opts.settleMs ?? DEFAULT_SETTLE_MS
  }

  /**
   * Until the running operation (or deletion) has ended, then the lab's settle time on: where the lab checker looks
   * (docs/labs.md). Nothing runs once the run is there already. A hold (instructor mode) stops it on the way.
   */
  async toEnd(limitMs = 3_600_000): Promise<void> {
    this.leavePast()
    const run = this.recording.live
    let held = false
    const hold = (): boolean => {
      for (const h of this.holds) if (h(run)) held = true
      return held
    }
    await run.runWhile(() => hold() || activityEnded(run), limitMs, this.recording.actions, this.recording.revisions)
    const end = held ? undefined : run.activityEndedAt()
    if (end !== undefined && run.now < end + this.settleMs) await this.advanceLiveTo(end + this.settleMs)
    this.playing = false
    this.changed()
  }

  /**
   * Shows the run as it was at `t`, back or forward within the recorded run (at or past the live run's time: the
   * live run). Forward from the moment shown, the shown run plays on to `t`; back, it is rebuilt from the start (the
   * engine is deterministic, so both give the state the live run had at `t`). While one seek works, later ones
   * wait and only the last of them is done (a drag sends many).
   */
  seek(t: number): Promise<void> {
    const seq = ++this.seekSeq
    if (t >= this.recording.live.now) {
      this.leavePast()
      this.changed()
      return Promise.resolve()
    }
    this.playing = false
    const done = this.seeking.then(() => (seq === this.seekSeq ? this.showPast(t, seq) : undefined))
    this.seeking = done.catch(() => undefined) // a failed seek does not stop the later ones
    return done
  }

  /** Back to the live run: the past run shown is dropped, and so are seeks still waiting. */
  leavePast(): void {
    this.cancelSeeks()
    this.view?.dispose()
    this.view = undefined
  }

  private async showPast(t: number, seq: number): Promise<void> {
    const recording = this.recording
    const view = this.view
    if (view && view.now <= t) {
      await view.advanceTo(t, recording.actions, recording.revisions)
      if (seq === this.seekSeq) this.changed()
      return
    }
    const run = await Run.start(recording.opts)
    await run.advanceTo(t, recording.actions, recording.revisions)
    if (seq !== this.seekSeq) return run.dispose()
    this.view?.dispose()
    this.view = run
    this.changed()
  }

  /** Seeks still waiting are dropped. */
  private cancelSeeks(): void {
    this.seekSeq++
  }

  private async advanceLiveTo(t: number, deadline?: number): Promise<void> {
    const { live, actions, revisions } = this.recording
    await live.advanceTo(t, actions, revisions, deadline)
    this.changed(false)
  }
}
