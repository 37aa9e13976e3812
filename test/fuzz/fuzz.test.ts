// The short fuzz run of the suite (`npm run fuzz` runs 100,000): generated and mutated manifests, wrong types and
// shell programs in hooks through the reader and a full sync, each case in a worker process with a wall-clock
// limit. Goal: no crash, no hang. A failure prints the case as JSON (replay it with test/fuzz/check.ts runCase).
import { describe, expect, it } from 'vitest'
import { fuzz } from './run.ts'

const CASES = Number(process.env.FUZZ_CASES ?? 5000)
const SEED = Number(process.env.FUZZ_SEED ?? 7)

describe('fuzz: the reader and the engine never crash and never hang', () => {
  it(`${CASES} cases (seed ${SEED})`, async () => {
    const r = await fuzz({ cases: CASES, seed: SEED, timeoutMs: 15_000, workers: 1 })
    const shown = r.failures.slice(0, 5).map(f => `${f.kind}: ${f.what.split('\n')[0]}\n  ${JSON.stringify(f.case).slice(0, 1500)}`)
    expect(shown).toEqual([])
    expect({ cases: r.cases, crashes: r.crashes, hangs: r.hangs }).toEqual({ cases: CASES, crashes: 0, hangs: 0 })
    expect(r.synced).toBeGreaterThan(CASES / 4) // enough cases get past the reader into a full sync
  }, 300_000)
})
