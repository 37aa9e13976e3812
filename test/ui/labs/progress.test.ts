// Lab progress saved in the browser, damaged or another version's: what is valid is kept, the rest starts afresh,
// and the lab panel always gets a progress of the right shape.
import { describe, expect, it } from 'vitest'
import { checkProgress, freshProgress, loadProgress } from '../../../src/ui/labs/progress.ts'

const store = (text: string) => ({ getItem: () => text, setItem: () => {}, removeItem: () => {} })
const good = { current: 2, passed: ['a', 'b'], since: { event: 3, operation: 1, t: 5000 }, hintsShown: { a: 1 } }

describe('lab progress from storage', () => {
  it('keeps a valid progress as it is', () => {
    expect(checkProgress(good)).toEqual(good)
  })
  it.each([
    ['not JSON', '{"current": 1', freshProgress()],
    ['a list', '[1, 2]', freshProgress()],
    ['null', 'null', freshProgress()],
    ['current as text', JSON.stringify({ ...good, current: 'two' }), { ...good, current: 0 }],
    ['a negative current', JSON.stringify({ ...good, current: -1 }), { ...good, current: 0 }],
    ['passed not a list', JSON.stringify({ ...good, passed: 'a' }), { ...good, passed: [] }],
    ['passed holding numbers', JSON.stringify({ ...good, passed: ['a', 3] }), { ...good, passed: ['a'] }],
    ['since missing', JSON.stringify({ ...good, since: undefined }), { ...good, since: freshProgress().since }],
    ['since.t as text', JSON.stringify({ ...good, since: { event: 1, operation: 1, t: 'x' } }), { ...good, since: freshProgress().since }],
    ['hints not counts', JSON.stringify({ ...good, hintsShown: { a: 'x', b: 2 } }), { ...good, hintsShown: { b: 2 } }],
  ])('%s', (_name, text, expected) => {
    expect(loadProgress(store(text), 'lab')).toEqual(expected)
  })
})
