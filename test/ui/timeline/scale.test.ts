import { describe, expect, it } from 'vitest'
import { axisTicks, cursorAfterKey, scrollToKeep, tickLabel, timeScale } from '../../../src/ui/timeline/scale.ts'

describe('timeScale', () => {
  it('maps virtual ms to px and back (rounded to 100 ms, clamped)', () => {
    const s = timeScale(1500, 40_000, 20)
    expect(s.t0).toBe(1000)
    expect(s.t1).toBe(42_000)
    expect(s.x(1000)).toBe(0)
    expect(s.x(11_000)).toBe(200)
    expect(s.width).toBe(820)
    expect(s.t(200)).toBe(11_000)
    expect(s.t(203)).toBe(11_200)
    expect(s.t(-50)).toBe(1000)
    expect(s.t(10_000, 1000, 30_000)).toBe(30_000)
    const padded = timeScale(1500, 40_000, 20, 12)
    expect(padded.x(1000)).toBe(12)
    expect(padded.width).toBe(832)
    expect(padded.t(212)).toBe(11_000)
  })
})

describe('axisTicks', () => {
  it('uses whole-second steps at least the minimum gap apart', () => {
    expect(axisTicks(timeScale(0, 20_000, 24)).slice(0, 4)).toEqual([0, 5000, 10_000, 15_000])
    expect(axisTicks(timeScale(0, 600_000, 2)).slice(0, 3)).toEqual([0, 30_000, 60_000])
    expect(tickLabel(45_000)).toBe('45s')
    expect(tickLabel(150_000)).toBe('2m30s')
    expect(tickLabel(180_000)).toBe('3m')
  })
})

describe('cursorAfterKey', () => {
  it('moves like a slider: arrows by 1 s (10 s with Shift), pages by 10 s, Home/End to the ends', () => {
    expect(cursorAfterKey('ArrowRight', false, 5000, 0, 20_000)).toBe(6000)
    expect(cursorAfterKey('ArrowLeft', false, 5000, 0, 20_000)).toBe(4000)
    expect(cursorAfterKey('ArrowUp', true, 5000, 0, 20_000)).toBe(15_000)
    expect(cursorAfterKey('ArrowDown', true, 5000, 0, 20_000)).toBe(0)
    expect(cursorAfterKey('PageUp', false, 15_000, 0, 20_000)).toBe(20_000)
    expect(cursorAfterKey('PageDown', false, 15_000, 0, 20_000)).toBe(5000)
    expect(cursorAfterKey('Home', false, 15_000, 0, 20_000)).toBe(0)
    expect(cursorAfterKey('End', false, 15_000, 0, 20_000)).toBe(20_000)
    expect(cursorAfterKey('a', false, 15_000, 0, 20_000)).toBeUndefined()
  })
})

describe('scrollToKeep', () => {
  it('leaves the view alone while x is visible, else brings x to 3/4 of the width', () => {
    expect(scrollToKeep(300, 0, 800)).toBeUndefined()
    expect(scrollToKeep(790, 0, 800)).toBe(190)
    expect(scrollToKeep(100, 500, 800)).toBe(0)
    expect(scrollToKeep(100, 0, 0)).toBeUndefined()
  })
})
