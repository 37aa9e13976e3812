import { describe, expect, it } from 'vitest'
import { SeededRandom } from '../../src/cluster/random.ts'
import { randomUid } from '../../src/cluster/uid.ts'

/** The uid as the store first wrote it: each group's bits as hex text, padded and joined. */
function referenceUid(r: SeededRandom): string {
  const hex = (bits: number) => (r.int(2 ** bits) >>> 0).toString(16).padStart(bits / 4, '0')
  return [hex(32), '-', hex(16), '-4', hex(12), '-a', hex(12), '-', hex(24), hex(24)].join('')
}

describe('randomUid', () => {
  it('draws the same uids from the same seed as the reference (same timelines as before)', () => {
    for (const seed of [1, 0, 'bench', 'test', 4_294_967_295]) {
      const a = new SeededRandom(seed)
      const b = new SeededRandom(seed)
      const expected = Array.from({ length: 2_000 }, () => referenceUid(a))
      expect(Array.from({ length: 2_000 }, () => randomUid(b))).toEqual(expected)
    }
  })

  it('is shaped as a version-4 uid', () => {
    expect(randomUid(new SeededRandom('x'))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
