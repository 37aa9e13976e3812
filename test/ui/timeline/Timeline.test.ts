// The chart rendered to markup (node environment, no DOM): what it shows and how it is labelled.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
import { TimelineTable } from '../../../src/ui/timeline/timeline-table.tsx'
import { runLab } from './lab.ts'

const decode = (html: string): string => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&')

describe('<Timeline>', async () => {
  const run = await runLab()
  const tl = buildTimeline(run.events, run.histories, run.now)
  const render = (props: Partial<Parameters<typeof Timeline>[0]> = {}): string => decode(renderToStaticMarkup(
    createElement(Timeline, { timeline: tl, now: run.now, cursor: undefined, onCursor: () => {}, ...props })))

  it('labels lanes Kind/name with their hook type, and shades labelled bands', () => {
    const html = render()
    for (const label of ['Job/before', 'Job/after', 'Deployment/pre-post-sync-hook', 'Service/pre-post-sync-hook']) {
      expect(html).toContain(`>${label}<`)
    }
    expect(html).toContain('PreSync hook')
    expect(html).toContain('PostSync hook')
    for (const band of ['PreSync · wave 0', 'Sync · wave 0', 'PostSync · wave 0']) expect(html).toContain(`>${band}</text>`)
  })

  it('draws pod bars with text, not colour alone, and delete markers with the policy', () => {
    const html = render()
    expect(html).toContain('✓ Completed')
    expect(html).toContain('… Running')
    expect(html).toContain('◌ ContainerCreating')
    expect(html.match(/✂ HookSucceeded/g)).toHaveLength(2)
    expect(html).toMatch(/data-pod="before-[a-z0-9]{5}"/)
    expect(html).toMatch(/<div aria-hidden="true" class="tl-now" style="transform:translateX\([\d.]+px\)[^"]*"><span class="tl-now-label"[^>]*>now<\/span>/)
    expect(html).toContain('■ op 1 Succeeded')
  })

  it('is an image with a summary, a focusable slider cursor, and a table fallback', () => {
    const html = render({ cursor: 10_000 })
    expect(html).toMatch(/<div role="img" aria-label="Timeline from 0s to [^"]*Job\/after: PostSync hook/)
    expect(html.match(/role="img"/g)).toHaveLength(1)
    expect(html).toMatch(/role="slider" tabindex="0" aria-label="Time cursor" aria-valuemin="0" aria-valuemax="48.8" aria-valuenow="10"/)
    expect(html).toContain('aria-valuetext="10s"')
    expect(render()).toContain('aria-valuenow="48.8"')
    expect(render()).toContain('aria-valuetext="48.8s (now)"')
    // The table is drawn once its details are opened (test/ui/timeline/table-details.test.ts).
    expect(html).toContain('<details><summary>Timeline as a table</summary></details>')
    const table = decode(renderToStaticMarkup(createElement(TimelineTable, { timeline: tl })))
    expect(table).toMatch(/<th scope="row"[^>]*>Job\/after<\/th>.*deleted \(HookSucceeded\)/)
  })

  it('widens with pxPerSecond, in steps of 512 px', () => {
    const width = (html: string): number => Number(/<div role="img"[^>]* style="width:([\d.]+)px/.exec(html)![1])
    const cursorX = (html: string): number => Number(/role="slider"[^>]* style="[^"]*transform:translateX\(([\d.]+)px\)/.exec(html)![1]) + 6
    const [narrow, wide] = [render({ pxPerSecond: 24 }), render({ pxPerSecond: 48 })]
    expect(cursorX(wide) - 12).toBe(2 * (cursorX(narrow) - 12))
    for (const html of [narrow, wide]) {
      expect(width(html) % 512).toBe(0)
      expect(width(html)).toBeGreaterThan(cursorX(html))
    }
    expect(width(wide)).toBeGreaterThan(width(narrow))
  })

  it('stacks the lanes in chunks under a header, what reaches the end cut there by boxes, filling the chart\'s height', () => {
    const lanes = Array.from({ length: 40 }, (_, i) => ({ ...tl.lanes[i % tl.lanes.length]!, key: `lane-${i}` }))
    const html = decode(renderToStaticMarkup(createElement(Timeline,
      { timeline: { ...tl, lanes }, now: run.now, cursor: undefined, onCursor: () => {} })))
    const chunks = [...html.matchAll(/<div class="tl-chunk" style="height:(\d+)px">(.*?)<\/svg><\/div><\/div>/g)]
    expect(chunks).toHaveLength(3)
    const total = Number(/<div role="img"[^>]* style="width:[\d.]+px;height:(\d+)px/.exec(html)![1])
    const header = 58
    expect(html).toContain(`<div class="tl-header" style="height:${header}px">`)
    expect(chunks.reduce((h, c) => h + Number(c[1]), header)).toBe(total)
    const nowX = Number(/role="slider"[^>]* style="[^"]*transform:translateX\(([\d.]+)px\)/.exec(html)![1]) + 6
    // A box as wide as the timeline so far (to its end, now here) around a layer drawn to openX.
    const box = /<div class="tl-upto" style="width:([\d.]+)px;height:(\d+)px"><svg class="tl-layer" width="(\d+)"/g
    const headerBoxes = [...html.slice(0, html.indexOf('tl-chunk')).matchAll(box)]
    expect(headerBoxes).toHaveLength(1)
    for (const c of [...chunks.map(c => c[2]!), html.slice(0, html.indexOf('tl-chunk'))]) {
      const boxes = [...c.matchAll(box)]
      expect(boxes.length).toBeGreaterThan(0)
      for (const [, width, , layer] of boxes) {
        expect(Number(width)).toBeCloseTo(nowX, 6)
        expect(Number(layer)).toBeGreaterThan(Number(width))
      }
    }
    for (const c of chunks) {
      // Bands behind, the fixed drawing, then what reaches the end.
      expect([...c[2]!.matchAll(box)].map(b => b[2])).toEqual([c[1], c[1]])
      expect(c[2]!.indexOf('tl-upto')).toBeLessThan(c[2]!.indexOf('tl-fixed'))
      expect(c[2]!.lastIndexOf('tl-upto')).toBeGreaterThan(c[2]!.indexOf('tl-fixed'))
      expect(c[2]).not.toContain('clip-path')
    }
    expect(html.match(/data-pod="before-/g)).toHaveLength(lanes.filter(l => l.label === 'Job/before').length)
  })
})
