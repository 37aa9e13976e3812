// @vitest-environment jsdom
// The timeline as a table is drawn while its details are open: closed, a playing run does not rebuild its rows.
import { act, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { expect, it } from 'vitest'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { Timeline } from '../../../src/ui/timeline/Timeline.tsx'
import { runLab } from './lab.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
// jsdom lays nothing out: the chart's follow of the now line observes sizes that never change.
globalThis.ResizeObserver ??= class { observe(): void {} unobserve(): void {} disconnect(): void {} }

it('draws the table when its details open, and drops it when they close', async () => {
  const run = await runLab()
  const timeline = buildTimeline(run.events, run.histories, run.now)
  const host = document.createElement('div')
  document.body.append(host)
  const root = createRoot(host)
  await act(async () => root.render(h(Timeline, { timeline, now: run.now, cursor: undefined, onCursor: () => {} })))
  const details = host.querySelector('details')!
  expect(details.querySelector('summary')!.textContent).toBe('Timeline as a table')
  expect(details.querySelector('table')).toBeNull()
  const toggle = async (open: boolean) => act(async () => {
    details.open = open
    details.dispatchEvent(new Event('toggle'))
  })
  await toggle(true)
  const rows = [...details.querySelectorAll('tbody th[scope=row]')].map(th => th.textContent)
  expect(rows).toEqual(expect.arrayContaining(['Job/before', 'Job/after', 'Deployment/pre-post-sync-hook']))
  expect(details.textContent).toContain('deleted (HookSucceeded)')
  await toggle(false)
  expect(details.querySelector('table')).toBeNull()
  act(() => root.unmount())
})
