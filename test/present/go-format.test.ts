// Go's text formats as synclab reproduces them (text/tabwriter, time.Time.String, time.Duration.String).
import { describe, expect, it } from 'vitest'
import { goDuration, goTime, tabwrite } from '../../src/present/go-format.ts'

describe('Go text formats', () => {
  it('Go time.Duration.String of whole seconds', () => {
    expect([0, 5, 59, 60, 83, 3600, 3723].map(goDuration)).toEqual(['0s', '5s', '59s', '1m0s', '1m23s', '1h0m0s', '1h2m3s'])
  })

  it('the Operation block prints times as Go time.String (whole seconds)', () => {
    expect(goTime(3_723_999)).toBe('2025-01-01 01:02:03 +0000 UTC')
  })

  it('Go tabwriter: cells padded to the widest cell + padding (at least minwidth); the last cell is not aligned', () => {
    expect(tabwrite(['a\tbb\tx', 'ccc\td\tlonger text'], 0, 2)).toBe('a    bb  x\nccc  d   longer text\n')
    expect(tabwrite(['a\tb'], 5, 2)).toBe('a    b\n')
  })
})
