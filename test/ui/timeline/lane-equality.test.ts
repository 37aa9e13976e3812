// Lanes of a playing run redraw only when what they draw changed.
import { describe, expect, it } from 'vitest'
import { sameLaneDrawing } from '../../../src/ui/timeline/lane-equality.ts'
import { buildTimeline } from '../../../src/ui/timeline/model.ts'
import { runLab } from './lab.ts'

describe('sameLaneDrawing', async () => {
  const run = await runLab()
  const at = (t: number) => new Map(buildTimeline(run.events, run.histories, t).lanes.map(l => [l.key, l]))

  it('holds for the same facts built twice, and when only an open presence grew', () => {
    const a = at(run.now)
    const b = at(run.now)
    for (const [key, lane] of a) expect(sameLaneDrawing(lane, b.get(key)!)).toBe(true)
    const later = at(run.now + 5_000)
    const still = [...a].filter(([key, lane]) => lane.pods.every(p => !p.open) && sameLaneDrawing(lane, later.get(key)!))
    expect(still.length).toBeGreaterThan(0)
    for (const [, lane] of still) expect(lane.presence.every(p => p.open || p.to <= run.now)).toBe(true)
  })

  it('fails when a marker, a pod or a closed span differs', () => {
    const now = at(run.now)
    const earlier = at(run.now / 2)
    const changed = [...now].filter(([key, lane]) => earlier.has(key) && !sameLaneDrawing(lane, earlier.get(key)!))
    expect(changed.length).toBeGreaterThan(0)
    const lane = [...now.values()].find(l => l.markers.length > 0)!
    expect(sameLaneDrawing(lane, { ...lane, markers: lane.markers.slice(1) })).toBe(false)
    expect(sameLaneDrawing(lane, { ...lane, markers: lane.markers.map((m, i) => (i === 0 ? { ...m, t: m.t + 1 } : m)) }))
      .toBe(false)
    const withPods = [...now.values()].find(l => l.pods.length > 0)!
    expect(sameLaneDrawing(withPods, { ...withPods, pods: withPods.pods.map(p => ({ ...p, status: `${p.status}!` })) }))
      .toBe(false)
  })
})
