// The chart rendered to markup (node environment, no DOM): what it shows and how it is labelled.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
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
    expect(html).toContain('>now</text>')
    expect(html).toContain('■ op 1 Succeeded')
  })

  it('is an image with a summary, a focusable slider cursor, and a table fallback', () => {
    const html = render({ cursor: 10_000 })
    expect(html).toMatch(/<svg role="img" aria-label="Timeline from 0s to [^"]*Job\/after: PostSync hook/)
    expect(html).toMatch(/role="slider" tabindex="0" aria-label="Time cursor" aria-valuemin="0" aria-valuemax="48.8" aria-valuenow="10"/)
    expect(html).toContain('aria-valuetext="10s"')
    expect(render()).toContain('aria-valuenow="48.8"')
    expect(render()).toContain('aria-valuetext="48.8s (now)"')
    expect(html).toContain('<summary>Timeline as a table</summary>')
    expect(html).toMatch(/<th scope="row"[^>]*>Job\/after<\/th>.*deleted \(HookSucceeded\)/)
  })

  it('widens with pxPerSecond', () => {
    const width = (html: string): number => Number(/<svg role="img"[^>]* width="([\d.]+)"/.exec(html)![1])
    expect(width(render({ pxPerSecond: 48 })) - 12).toBe(2 * (width(render({ pxPerSecond: 24 })) - 12))
  })
})
