import { describe, expect, it } from 'vitest'
import { createActor, setup } from 'xstate'
import { EPOCH_MS, parseTimestamp, timestamp, VirtualClock } from '../../src/cluster/clock.ts'

describe('virtual clock', () => {
  it('runs callbacks in time order, ties in scheduling order', () => {
    const clock = new VirtualClock()
    const seen: string[] = []
    clock.schedule(20, () => seen.push('b'))
    clock.schedule(10, () => seen.push('a1'))
    clock.schedule(10, () => seen.push('a2'))
    clock.schedule(0, () => clock.schedule(5, () => seen.push('nested')))
    clock.runUntilIdle()
    expect(seen).toEqual(['nested', 'a1', 'a2', 'b'])
    expect(clock.now()).toBe(20)
    expect(clock.eventsProcessed).toBe(5)
  })

  it('advance runs what is due and moves time even when idle', () => {
    const clock = new VirtualClock()
    const seen: number[] = []
    clock.schedule(100, () => seen.push(clock.now()))
    clock.schedule(300, () => seen.push(clock.now()))
    clock.advance(200)
    expect(seen).toEqual([100])
    expect(clock.now()).toBe(200)
    clock.advance(1000)
    expect(seen).toEqual([100, 300])
    expect(clock.now()).toBe(1200)
  })

  it('cancelled callbacks never run and do not count as pending', () => {
    const clock = new VirtualClock()
    let ran = false
    const h = clock.schedule(10, () => { ran = true })
    expect(clock.pending).toBe(1)
    clock.cancel(h)
    expect(clock.pending).toBe(0)
    expect(clock.step()).toBe(false)
    expect(ran).toBe(false)
  })

  it('drives xstate delayed transitions in virtual time (xstate Clock interface)', () => {
    const clock = new VirtualClock()
    const machine = setup({ delays: { waveDelay: 2000 } }).createMachine({
      initial: 'applying',
      states: { applying: { after: { waveDelay: 'next' } }, next: {} },
    })
    const actor = createActor(machine, { clock }).start()
    clock.advance(1999)
    expect(actor.getSnapshot().value).toBe('applying')
    clock.advance(1)
    expect(actor.getSnapshot().value).toBe('next')
  })

  it('timestamps are RFC 3339 seconds from the fixed epoch', () => {
    expect(timestamp(0)).toBe('2025-01-01T00:00:00Z')
    expect(timestamp(61_500)).toBe('2025-01-01T00:01:01Z')
    expect(parseTimestamp('2025-01-01T00:01:01Z')).toBe(61_000)
    expect(EPOCH_MS).toBe(Date.UTC(2025, 0, 1))
  })

  it('refuses a time that is not a finite number at its API: NaN never enters the schedule', () => {
    const clock = new VirtualClock()
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, '30s' as unknown as number, undefined as unknown as number]) {
      expect(() => clock.schedule(bad, () => undefined, 'job-controller')).toThrow(/^virtual clock: a delay is not a finite number \(.*\) \[job-controller\]$/)
      expect(() => clock.scheduleAt(bad, () => undefined)).toThrow(/virtual clock: a time is not a finite number/)
      expect(() => clock.setTimeout(() => undefined, bad)).toThrow(RangeError)
      let thrown: unknown
      try { clock.advance(bad) } catch (e) { thrown = e }
      expect(thrown).toBeInstanceOf(RangeError)
    }
    expect(clock.pending).toBe(0)
    expect(clock.now()).toBe(0)
  })

  it('an exception in a scheduled callback goes to the fault handlers; unheard, it propagates', () => {
    const clock = new VirtualClock()
    clock.schedule(10, () => { throw new Error('controller bug') }, 'x')
    expect(() => clock.runUntilIdle()).toThrow('controller bug')
    const heard: string[] = []
    const off = clock.onFault((e, label) => { heard.push(`${label}: ${(e as Error).message}`); return true })
    clock.schedule(10, () => { throw new Error('again') }, 'y')
    clock.schedule(20, () => heard.push('later work still runs'))
    clock.runUntilIdle()
    expect(heard).toEqual(['y: again', 'later work still runs'])
    off()
    clock.schedule(10, () => { throw new Error('unheard') })
    expect(() => clock.runUntilIdle()).toThrow('unheard')
  })
})
