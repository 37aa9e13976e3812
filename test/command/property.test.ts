// Whatever a manifest says, runContainer answers: never a throw, always a finite exit code or "runs forever".
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { runContainer, type ProcessRun } from '../../src/cluster/command/index.ts'
import { IMAGES } from '../../src/cluster/images.ts'

function wellFormed(r: ProcessRun): void {
  expect(r.output.every(o => !o.text.includes('synclab: internal error'))).toBe(true)
  if (r.end.atMs !== null) {
    expect(Number.isInteger(r.end.exitCode)).toBe(true)
    expect(r.end.exitCode).toBeGreaterThanOrEqual(0)
    expect(r.end.exitCode).toBeLessThanOrEqual(255)
    expect(Number.isFinite(r.end.atMs)).toBe(true)
  }
  for (let i = 1; i < r.output.length; i++) expect(r.output[i]!.atMs).toBeGreaterThanOrEqual(r.output[i - 1]!.atMs)
  expect(['exit', 'ignore']).toContain(r.onSigterm)
}

const image = fc.constantFrom(...IMAGES)
const shellWord = fc.constantFrom('echo', 'sleep', 'exit', 'curl', 'wget', 'cat', 'date', 'env', 'true', 'false', 'set', 'if',
  'then', 'fi', 'for', 'in', 'do', 'done', 'while', '&&', '||', '|', ';', '&', '(', ')', '{', '}', '$', '$(', '`', '"', "'",
  '#', '\n', '-e', '-o', 'pipefail', '$HOME', '${X:-y}', '1', '0', 'infinity', 'https://acend.ch', '>', '2>&1', '<', 'x=1')

describe('runContainer never throws', () => {
  it('for arbitrary strings as sh -c / bash -c scripts', () => {
    fc.assert(fc.property(image, fc.constantFrom('sh', 'bash', '/bin/sh'), fc.string({ maxLength: 80 }), (img, shell, script) => {
      wellFormed(runContainer({ image: img.name, command: [shell, '-c', script] }, { startedAt: 0, hostname: 'p', image: img }))
    }), { numRuns: Number(process.env.FC_RUNS ?? 400) })
  })

  it('for scripts built from shell tokens', () => {
    fc.assert(fc.property(image, fc.array(shellWord, { maxLength: 25 }), (img, words) => {
      wellFormed(runContainer({ image: img.name, command: ['sh', '-c', words.join(' ')] },
        { startedAt: 5000, hostname: 'p', unreachableHosts: ['acend.ch'], image: img }))
    }), { numRuns: Number(process.env.FC_RUNS ?? 400) })
  })

  it('for arbitrary command and args arrays', () => {
    fc.assert(fc.property(image, fc.option(fc.array(fc.oneof(shellWord, fc.string({ maxLength: 12 })), { maxLength: 6 }), { nil: undefined }),
      fc.option(fc.array(fc.string({ maxLength: 12 }), { maxLength: 4 }), { nil: undefined }),
      fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), value: fc.string({ maxLength: 8 }) }), { maxLength: 3 }),
      (img, command, args, env) => {
        const r = runContainer({ image: img.name, ...(command ? { command } : {}), ...(args ? { args } : {}), env },
          { startedAt: 0, hostname: 'p', image: img })
        wellFormed(r)
        if (r.startError) expect(r.startError.exitCode).toBe(128)
      }), { numRuns: Number(process.env.FC_RUNS ?? 400) })
  })

  it('is deterministic', () => {
    fc.assert(fc.property(image, fc.array(shellWord, { maxLength: 20 }), (img, words) => {
      const go = (): ProcessRun => runContainer({ image: img.name, command: ['bash', '-c', words.join(' ')] }, { startedAt: 0, hostname: 'p', image: img })
      expect(go()).toEqual(go())
    }), { numRuns: 100 })
  })
})
