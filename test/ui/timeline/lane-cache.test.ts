// A drawing of a run's timeline hands the lanes that did not change since the last one over as they are
// (LaneCache): at any moment, in any order of moments, they draw as a timeline built afresh.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sameLaneDrawing } from '../../../src/ui/timeline/lane-equality.ts'
import { buildTimeline, LaneCache } from '../../../src/ui/timeline/model.ts'
import { runLab } from './lab.ts'

describe('LaneCache', async () => {
  // Two syncs: hooks made, run, deleted and made again, Pods of both, gone and live.
  const run = await runLab({ syncs: 2 })

  it('hands over the lanes that did not change; those that did are built again', () => {
    const cache = new LaneCache()
    const before = buildTimeline(run.events, run.histories, run.now - 1, cache)
    const after = buildTimeline(run.events, run.histories, run.now, cache)
    expect(after.lanes.map(l => l.key)).toEqual(before.lanes.map(l => l.key))
    // At the run's end nothing happens in its last millisecond: every lane is the same object.
    expect(after.lanes.every((lane, i) => lane === before.lanes[i])).toBe(true)
    const midway = buildTimeline(run.events, run.histories, run.ends[0]!, cache)
    expect(midway.lanes.some((lane, i) => lane !== after.lanes[i])).toBe(true)
  })

  it('another run\'s events are never taken for this one\'s', async () => {
    const other = await runLab({ syncs: 1, seed: 'another' })
    const cache = new LaneCache()
    buildTimeline(run.events, run.histories, run.now, cache)
    const tl = buildTimeline(other.events, other.histories, other.now, cache)
    const fresh = buildTimeline(other.events, other.histories, other.now)
    expect(tl.lanes).toEqual(fresh.lanes)
  })

  it('property: after any sequence of moments, back and forward, each lane draws as one built afresh', () => {
    const moment = fc.integer({ min: 0, max: run.now })
    fc.assert(fc.property(fc.array(moment, { minLength: 1, maxLength: 8 }), moments => {
      const cache = new LaneCache()
      for (const t of moments) {
        const cached = buildTimeline(run.events, run.histories, t, cache)
        const fresh = buildTimeline(run.events, run.histories, t)
        expect(cached.lanes.map(l => l.key)).toEqual(fresh.lanes.map(l => l.key))
        cached.lanes.forEach((lane, i) => expect(sameLaneDrawing(lane, fresh.lanes[i]!)).toBe(true))
      }
    }), { numRuns: 60 })
  })
})
