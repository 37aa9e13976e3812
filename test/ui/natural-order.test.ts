// The page's order of names (file tree, resource graph): case folded, numbers by value, total and locale-free.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { naturalCompare } from '../../src/ui/natural-order.ts'

const sorted = (names: string[]): string[] => [...names].sort(naturalCompare)

describe('naturalCompare', () => {
  it('numbers by their value, wherever they are in the name', () => {
    expect(sorted(['web-10', 'web-2', 'web-1', 'web-100', 'web-20'])).toEqual(['web-1', 'web-2', 'web-10', 'web-20', 'web-100'])
    expect(sorted(['v1.10.0', 'v1.9.2', 'v1.9.10'])).toEqual(['v1.9.2', 'v1.9.10', 'v1.10.0'])
    expect(sorted(['job-007', 'job-7', 'job-06'])).toEqual(['job-06', 'job-007', 'job-7'])
  })

  it('letters without regard to case, the case deciding only between otherwise equal names', () => {
    expect(sorted(['b.yaml', 'A.yaml', 'a.yaml', 'C.yaml'])).toEqual(['A.yaml', 'a.yaml', 'b.yaml', 'C.yaml'])
  })

  it('a name before the longer names it begins', () => {
    expect(sorted(['app/sub', 'app', 'app-x'])).toEqual(['app', 'app-x', 'app/sub'])
  })

  it('is a total order: antisymmetric, 0 only for equal strings, transitive', () => {
    const name = fc.stringMatching(/^[a-cA-C0-2\-./]{0,6}$/)
    fc.assert(fc.property(name, name, (a, b) => {
      const ab = naturalCompare(a, b)
      expect(Math.sign(ab) + Math.sign(naturalCompare(b, a))).toBe(0)
      expect(ab === 0).toBe(a === b)
    }))
    fc.assert(fc.property(name, name, name, (a, b, c) => {
      if (naturalCompare(a, b) < 0 && naturalCompare(b, c) < 0) expect(naturalCompare(a, c)).toBeLessThan(0)
    }))
  })
})
