// The lab's settle time (lab.yaml `settle`, default DEFAULT_SETTLE_MS): the checker looks at the run that long after
// the last step, and the page's "To the end" stops at the same moment (test/ui/session/time-travel.test.ts).
import { describe, expect, it } from 'vitest'
import { LabSession, runTask } from '../../src/labs/run.ts'
import { DEFAULT_SETTLE_MS } from '../../src/labs/settle.ts'
import { labOf, MINIMAL, problems } from './helpers.ts'

const withSettle = (value: string) => MINIMAL.replace('minutes: 5\n', `minutes: 5\nsettle: ${value}\n`)

describe('lab settle time', () => {
  it('defaults to DEFAULT_SETTLE_MS; lab.yaml settle sets it', () => {
    expect(labOf(MINIMAL).settleMs).toBe(DEFAULT_SETTLE_MS)
    expect(labOf(withSettle('5s')).settleMs).toBe(5000)
    expect(labOf(withSettle('1m30s')).settleMs).toBe(90_000)
    expect(problems(withSettle('soon')).join('\n')).toMatch(/lab\.yaml:\d+:\d+: error: .*settle/)
  })

  it('the checker evaluates a task at the end of its last operation plus the settle time', async () => {
    const lab = labOf(withSettle('5s'))
    const session = await LabSession.start(lab)
    const run = await runTask(session, lab.tasks[0]!, { kind: 'solution' })
    expect(run.outcome.ok).toBe(true)
    const end = session.app!.events.findLast(e => e.type === 'operation' && e.phase === 'Succeeded')!.t
    expect(session.sim.fake.now()).toBe(end + 5000)
    session.dispose()
  })
})
