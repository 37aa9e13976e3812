// @vitest-environment jsdom
// The boxes that cut what still runs at the timeline's end follow that end on every redraw, also in the lane chunks
// that React does not render again (their lanes did not change): the chart moves them once the redraw is committed,
// instead of handing the end down through a context that changes on every redraw.
import { act, createElement as h } from 'react'
import { describe, expect, it } from 'vitest'
import { buildTimeline, type Timeline as TimelineData } from '../../../src/ui/timeline/model.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
import { reactHost } from '../react-host.ts'
import { runLab } from './lab.ts'

// jsdom lays nothing out: the chart's pane-follow only needs to be able to observe.
globalThis.ResizeObserver ??= class { observe(): void {} unobserve(): void {} disconnect(): void {} }

const page = reactHost()

/** Each box's width (px) and the width of the layer it cuts. */
function boxes(): Array<{ width: number; layer: number }> {
  return [...page.host.querySelectorAll<HTMLElement>('.tl-upto')].map(box => ({
    width: Number.parseFloat(box.style.width),
    layer: Number(box.querySelector('svg.tl-layer')!.getAttribute('width')),
  }))
}

/** x of the now line (its transform), which a redraw of a playing run puts at the timeline's end. */
function nowX(): number {
  const line = page.host.querySelector<HTMLElement>('.tl-now')!
  return Number(/translateX\(([\d.]+)px\)/.exec(line.style.transform)![1]) + 1
}

describe('the timeline\'s end', async () => {
  const run = await runLab()
  const full = buildTimeline(run.events, run.histories, run.now)
  const draw = (timeline: TimelineData, now: number): void => {
    act(() => page.root.render(h(Timeline, { timeline, now, cursor: undefined, onCursor: () => {} })))
  }

  it('moves every box to the end as time passes, in chunks not drawn again as well', () => {
    const lanes = Array.from({ length: 40 }, (_, i) => ({ ...full.lanes[i % full.lanes.length]!, key: `lane-${i}` }))
    const at = (end: number): TimelineData => ({ ...full, lanes, end })
    const end = full.end - 3000
    draw(at(end), end)
    const before = boxes()
    expect(before.length).toBe(1 + 2 * page.host.querySelectorAll('.tl-chunk').length) // the header's, two per chunk
    for (const box of before) expect(box.width).toBeCloseTo(nowX(), 6)
    const layers = before.map(b => b.layer)
    // 200 ms later: the same lanes (the chunks are skipped by React) and the same layers, a later end.
    const chunks = [...page.host.querySelectorAll('.tl-chunk')]
    draw(at(end + 200), end + 200)
    expect([...page.host.querySelectorAll('.tl-chunk')]).toEqual(chunks)
    const after = boxes()
    expect(after.map(b => b.layer)).toEqual(layers)
    expect(nowX()).toBeGreaterThan(before[0]!.width)
    for (const box of after) expect(box.width).toBeCloseTo(nowX(), 6)
  })

  it('cuts a box at its layer when the end lies past it, and forgets the boxes of lanes gone', () => {
    const end = full.end
    draw(full, end)
    for (const box of boxes()) expect(box.width).toBeLessThanOrEqual(box.layer)
    draw({ ...full, lanes: full.lanes.slice(0, 1) }, end)
    expect(boxes().length).toBe(1 + 2)
    for (const box of boxes()) expect(box.width).toBeCloseTo(Math.min(box.layer, nowX()), 6)
  })
})
