// Lab 04's hint on the wave delay agrees with R20 and with the timeline: ARGOCD_SYNC_WAVE_DELAY runs right after a
// wave is applied, while its resources become healthy, so the next wave starts when the wave is healthy or when
// the delay has passed since its apply, whichever is later (not "healthy, then 2 s more").
import { describe, expect, it } from 'vitest'
import { loadLabDir } from '../../src/labs/load.ts'
import { LabSession, runTask } from '../../src/labs/run.ts'

const lab = loadLabDir('labs/04-sync-waves').lab!

describe('lab 04: the wave delay (R20)', () => {
  it('R20: the hint says the delay starts at apply, not at healthy', () => {
    const hint = lab.tasks[0]!.hints.join('\n')
    expect(hint).toMatch(/starts right after a wave is\s+\*applied\*, not once it is healthy \(R20\)/)
    expect(hint).not.toMatch(/healthy[^.]*, and\s+then only after ARGOCD_SYNC_WAVE_DELAY/)
  })

  it('R20, R21: on the timeline the delay ends while the backend is still getting healthy; wave 1 follows its health', async () => {
    const session = await LabSession.start(lab)
    const since = session.mark()
    await runTask(session, lab.tasks[0]!, { kind: 'solution' })
    const events = session.context(since).app!.events.slice(since.event) as unknown as Array<Record<string, unknown> & { t: number }>
    const at = (match: (e: Record<string, unknown>) => boolean) => events.find(match)?.t
    const applied = at(e => e['type'] === 'apply' && e['kind'] === 'Deployment' && e['name'] === 'backend')!
    const healthy = at(e => e['type'] === 'health' && e['kind'] === 'Deployment' && e['name'] === 'backend' && e['health'] === 'Healthy')!
    const wave1 = at(e => e['type'] === 'apply' && e['kind'] === 'Job' && e['name'] === 'maintenance-page-up')!
    // R20: the apply tick sleeps the 2 s delay; the tick that ends it already waits for the backend's health.
    const afterDelay = events.find(e => e['type'] === 'operation' && e.t === applied + 2000)
    expect(String(afterDelay?.['message'])).toMatch(/^waiting for healthy state of .*backend/)
    expect(healthy).toBeGreaterThan(applied + 2000)
    // Wave 1 waits for the health (R16), then for the controller's next look (R21: at most one tick per 5 s),
    // not for another 2 s delay counted from healthy.
    expect(wave1).toBeGreaterThan(healthy)
    expect(wave1 - healthy).toBeLessThanOrEqual(5000)
    session.dispose()
  })
})
