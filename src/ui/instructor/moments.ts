// The lab's marked moments (lab.yaml `moments`) against a run's event stream: which new event is the next moment.
// Pure over the recorded events. Runs rebuilt from the same action log record the same events in the same order,
// so an index into the event list means the same event in the live run and in any rebuilt past view.
import { eventMatches } from '../../labs/check.ts'
import type { Moment } from '../../labs/types.ts'
import type { RecordedEvent } from '../../sync/events.ts'

export interface MomentHit {
  moment: Moment
  event: RecordedEvent
  /** The event's index in the run's event list. */
  index: number
}

/** Walks a run's events once; every new event that matches a moment is a hit (the first moment that matches). */
export class MomentWatcher {
  /** Events before this index have been looked at. */
  cursor = 0

  constructor(readonly moments: readonly Moment[]) {}

  /** The next hit from the cursor on; the cursor moves past it (or past every event, when there is none). */
  next(events: readonly RecordedEvent[]): MomentHit | undefined {
    if (this.cursor > events.length) this.cursor = events.length
    for (; this.cursor < events.length; this.cursor++) {
      const event = events[this.cursor]!
      const moment = this.moments.find(m => eventMatches(event, m.when))
      if (moment) return { moment, event, index: this.cursor++ }
    }
    return undefined
  }

  /** Whether a hit lies ahead of the cursor, without moving it (asked after every step of a run to the end). */
  hasNext(events: readonly RecordedEvent[]): boolean {
    if (this.scanned?.events !== events || this.scanned.upTo < this.cursor) this.scanned = { events, upTo: this.cursor }
    for (let i = this.scanned.upTo; i < events.length; i++) {
      if (this.moments.some(m => eventMatches(events[i]!, m.when))) return true
    }
    this.scanned.upTo = events.length
    return false
  }

  /** How far hasNext found no hit (events of one run only ever grow). */
  private scanned: { events: readonly RecordedEvent[]; upTo: number } | undefined

  /** Every hit in these events (from the cursor on). */
  all(events: readonly RecordedEvent[]): MomentHit[] {
    const out: MomentHit[] = []
    for (let hit = this.next(events); hit; hit = this.next(events)) out.push(hit)
    return out
  }
}

/** The index of the first event at or after `t` (events at `t` itself count as new when replaying from `t`). */
export function firstEventAt(events: readonly RecordedEvent[], t: number): number {
  const i = events.findIndex(e => e.t >= t)
  return i < 0 ? events.length : i
}
