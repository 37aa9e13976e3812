// The timeline while a past moment is shown: the whole recorded run stays drawn, the cursor stands at the moment
// and can go forward again up to the run's end (the "now" line); what lies after the cursor is veiled.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { cursorAfterKey } from '../../../src/ui/timeline/scale.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
import { runLab } from './lab.ts'

describe('<Timeline> with the cursor in the past', async () => {
  const run = await runLab()
  const tl = buildTimeline(run.events, run.histories, run.now)
  const render = (cursor: number | undefined): string => renderToStaticMarkup(
    createElement(Timeline, { timeline: tl, now: run.now, cursor, onCursor: () => {} }))

  it('keeps the future drawn (the PostSync hook, HookSucceeded, R34) and veils it from the cursor to now', () => {
    const html = render(10_000)
    expect(html).toContain('>Job/after<')
    expect(html.match(/✂ HookSucceeded/g)).toHaveLength(2)
    expect(html).toMatch(/aria-valuemax="48.8" aria-valuenow="10"/)
    const veil = /data-testid="timeline-future" style="[^"]*left:([\d.]+)px;width:([\d.]+)px/.exec(html)!
    expect(Number(veil[1])).toBe(12 + 10 * 24)
    expect(Number(veil[1]) + Number(veil[2])).toBeCloseTo(12 + 48.8 * 24, 6)
    expect(render(undefined)).not.toContain('timeline-future')
  })

  it('keys move the cursor both ways within the recorded run', () => {
    expect(cursorAfterKey('ArrowRight', false, 10_000, 0, run.now)).toBe(11_000)
    expect(cursorAfterKey('ArrowRight', true, 10_000, 0, run.now)).toBe(20_000)
    expect(cursorAfterKey('ArrowLeft', true, 10_000, 0, run.now)).toBe(0)
    expect(cursorAfterKey('End', false, 10_000, 0, run.now)).toBe(run.now)
    expect(cursorAfterKey('ArrowRight', true, run.now - 1000, 0, run.now)).toBe(run.now)
  })
})
