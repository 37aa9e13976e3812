// The run's timeline as the page shows it: the model built from the shown application's events and Pods, drawn by
// Timeline. A module of its own so that the chart (its lanes, header, table and styles) loads just after the page
// rather than with it: it sits below the application view.
import { useMemo } from 'react'
import type { RecordedEvent } from '../../sync/events.ts'
import { buildTimeline, LaneCache } from './model.ts'
import type { PodHistory } from './pod-history.ts'
import { Timeline } from './Timeline.tsx'

export interface RunTimelineProps {
  events: RecordedEvent[]
  pods: PodHistory[]
  now: number
  cursor: number | undefined
  onCursor: (t: number) => void
}

export function RunTimeline({ events, pods, now, cursor, onCursor }: RunTimelineProps) {
  // The lanes of the last drawing of this run: those that did not change are handed over as they are (LaneCache).
  const cache = useMemo(() => new LaneCache(), [events])
  // Scrubbing changes the cursor only: the recorded run's timeline stays the same.
  const timeline = useMemo(() => buildTimeline(events, pods, now, cache), [events, now, events.length, pods, cache])
  return <Timeline timeline={timeline} now={now} cursor={cursor} onCursor={onCursor} />
}
