// @vitest-environment jsdom
// TimeControls' clock: its data-t follows every change of the moment shown; its text follows at most ten times a
// second while a run plays (at 20× it changed on every frame, and that change alone made each frame lay out and
// paint), always ends on the last moment, and follows at once whenever time is not playing.
import { act, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { TimeControls } from '../../../src/ui/controls/TimeControls.tsx'
import type { Session } from '../../../src/ui/session/session.ts'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** What TimeControls reads of a session, with a clock moved by the test. */
class FakeSession {
  shown = { now: 0 }
  view = false
  playing = false
  speed = 1 as const
  private readonly listeners = new Set<() => void>()
  subscribe = (l: () => void): (() => void) => {
    this.listeners.add(l)
    return () => this.listeners.delete(l)
  }
  tick = async (): Promise<void> => {}
  pause = (): void => { this.playing = false; this.tell() }
  play = (): void => { this.playing = true; this.tell() }
  step = async (): Promise<void> => {}
  toEnd = async (): Promise<void> => {}
  at(now: number): void {
    this.shown.now = now
    this.tell()
  }
  private tell(): void {
    for (const l of this.listeners) l()
  }
}

let host: HTMLElement
let root: ReturnType<typeof createRoot>
let session: FakeSession

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
  session = new FakeSession()
  await act(async () => root.render(h(TimeControls, { session: session as unknown as Session })))
})

afterEach(() => {
  act(() => root.unmount())
  host.remove()
  vi.useRealTimers()
})

const clock = (): HTMLElement => host.querySelector('[data-testid=virtual-time]')!

it('shows every moment at once while time does not play', () => {
  session.at(1_200)
  expect(clock().textContent).toBe('t = 1.2 s')
  session.at(1_500)
  expect(clock().textContent).toBe('t = 1.5 s')
  expect(clock().dataset.t).toBe('1500')
})

it('while a run plays, writes the text at most every 100 ms, data-t on every change, and ends on the last moment', () => {
  session.play()
  vi.advanceTimersByTime(1_000)
  session.at(333) // a frame at 20×: the first change shows at once
  expect(clock().textContent).toBe('t = 0.3 s')
  for (let frame = 2; frame <= 5; frame++) {
    vi.advanceTimersByTime(16)
    session.at(333 * frame)
    expect(clock().dataset.t).toBe(String(333 * frame))
  }
  expect(clock().textContent).toBe('t = 0.3 s') // 64 ms later: not yet
  vi.advanceTimersByTime(36) // 100 ms after the last text: the latest moment
  expect(clock().textContent).toBe('t = 1.7 s')
  session.at(2_000)
  vi.advanceTimersByTime(99)
  expect(clock().textContent).toBe('t = 1.7 s')
  vi.advanceTimersByTime(1)
  expect(clock().textContent).toBe('t = 2.0 s')
})

it('a pause shows the moment it stopped at, at once', () => {
  session.play()
  vi.advanceTimersByTime(1_000)
  session.at(333)
  vi.advanceTimersByTime(16)
  session.at(666)
  expect(clock().textContent).toBe('t = 0.3 s')
  session.pause()
  expect(clock().textContent).toBe('t = 0.7 s')
  vi.advanceTimersByTime(1_000) // no late write of an older moment
  expect(clock().textContent).toBe('t = 0.7 s')
})
