// Runs a test file's tests (test-file.ts) with the lab runner's session and steps (run.ts) and the lab checker
// (check.ts). Each test starts a session of its own: a fresh cluster with the app created and its first revision
// committed (an automated policy syncs it by itself). Events and operations count from the app's creation, so a
// test sees the automated first sync too.
import { evaluate, type Failure } from './check.ts'
import { LabSession, StepError } from './run.ts'
import type { TestCase } from './test-file.ts'
import type { Lab } from './types.ts'

export interface TestResult {
  test: TestCase
  ok: boolean
  /** The expectations that do not hold, with what happened instead. */
  failures: Failure[]
  /** A step that could not be done (the test then fails). */
  error?: string
  /** Wall time, ms. */
  ms: number
}

export async function runTest(lab: Lab, index: number, test: TestCase): Promise<TestResult> {
  const started = performance.now()
  const session = await LabSession.start(lab)
  const since = { event: 0, operation: 0, t: session.app?.events[0]?.t ?? session.sim.fake.now() }
  let error: string | undefined
  try {
    for (const s of lab.tasks[index]!.steps) await session.step(s, () => undefined)
  } catch (e) {
    if (!(e instanceof StepError)) throw e
    error = e.message
  }
  // As in a lab: after the last step the cluster runs on for the settle time before the check.
  await session.sim.advance(lab.settleMs)
  const outcome = evaluate(test.check, session.context(since))
  session.dispose()
  return { test, ok: outcome.ok && error === undefined, failures: outcome.failures,
    ...(error !== undefined ? { error } : {}), ms: performance.now() - started }
}

export async function runTests(lab: Lab, tests: readonly TestCase[]): Promise<TestResult[]> {
  const out: TestResult[] = []
  for (const [i, test] of tests.entries()) out.push(await runTest(lab, i, test))
  return out
}
