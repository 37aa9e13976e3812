// @vitest-environment jsdom
// An off-screen heavy panel follows a playing run once a second; on screen, on the learner's actions and when time
// stops it is drawn at once (src/ui/layout/paced.tsx).
import { act, createElement as h } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { OFF_SCREEN_PACE_MS, Paced } from '../../../src/ui/layout/paced.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** An IntersectionObserver the test moves: `visible` says whether the observed panels are in the viewport. */
class FakeObserver {
  static all: FakeObserver[] = []
  targets = new Set<Element>()
  constructor(private readonly callback: IntersectionObserverCallback) { FakeObserver.all.push(this) }
  observe(el: Element): void {
    this.targets.add(el)
    this.report([el])
  }
  unobserve(el: Element): void { this.targets.delete(el) }
  disconnect(): void { this.targets.clear() }
  report(els: Iterable<Element> = this.targets): void {
    const entries = [...els].map(target => ({ target, isIntersecting: visible }) as IntersectionObserverEntry)
    this.callback(entries, this as unknown as IntersectionObserver)
  }
}
let visible = true

function scroll(to: boolean): void {
  visible = to
  for (const o of FakeObserver.all) o.report()
}

let host: HTMLDivElement
let root: Root
const drawn: number[] = []
function Panel({ version }: { version: number }) {
  drawn.push(version)
  return h('section', { 'data-testid': 'panel' }, `v${version}`)
}
async function render(version: number, urgent: number, playing: boolean): Promise<void> {
  await act(async () => root.render(h(Paced, { version, urgent, playing, children: (v: number) => h(Panel, { version: v }) })))
}
const shown = (): string | null | undefined => host.querySelector('[data-testid=panel]')?.textContent

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
  vi.stubGlobal('IntersectionObserver', FakeObserver)
  FakeObserver.all = []
  visible = true
  drawn.length = 0
  host = document.createElement('div')
  root = createRoot(host)
})
afterEach(async () => {
  await act(async () => root.unmount())
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

describe('Paced', () => {
  it('adds no box of its own: the panel sits in the page layout as before', async () => {
    await render(1, 0, true)
    const wrapper = host.firstElementChild as HTMLElement
    expect(wrapper.style.display).toBe('contents')
    expect(wrapper.firstElementChild?.getAttribute('data-testid')).toBe('panel')
  })

  it('on screen, draws every version at once', async () => {
    await render(1, 0, true)
    for (let v = 2; v <= 5; v++) {
      vi.advanceTimersByTime(100)
      await render(v, 0, true)
      expect(shown()).toBe(`v${v}`)
    }
  })

  it('off screen while time passes, follows once a second, ending on the latest version', async () => {
    await render(1, 0, true)
    scroll(false)
    vi.advanceTimersByTime(OFF_SCREEN_PACE_MS)
    await render(2, 0, true) // a second since the last drawing: drawn
    expect(shown()).toBe('v2')
    for (let v = 3; v <= 7; v++) {
      vi.advanceTimersByTime(100)
      await render(v, 0, true)
    }
    expect(shown()).toBe('v2')
    expect(drawn.filter(v => v > 2)).toEqual([])
    // No newer version comes, yet the held one is drawn when its second is up.
    await act(async () => { vi.advanceTimersByTime(OFF_SCREEN_PACE_MS) })
    expect(shown()).toBe('v7')
  })

  it('off screen, draws at once what the learner did and where time stopped', async () => {
    await render(1, 0, true)
    scroll(false)
    vi.advanceTimersByTime(100)
    await render(2, 0, true)
    expect(shown()).toBe('v1')
    await render(3, 1, true) // the learner did something
    expect(shown()).toBe('v3')
    vi.advanceTimersByTime(100)
    await render(4, 1, true)
    expect(shown()).toBe('v3')
    await render(5, 1, false) // paused, or the end of "To the end"
    expect(shown()).toBe('v5')
  })

  it('coming back on screen, is brought up to date at once', async () => {
    await render(1, 0, true)
    scroll(false)
    vi.advanceTimersByTime(100)
    await render(2, 0, true)
    expect(shown()).toBe('v1')
    await act(async () => scroll(true))
    expect(shown()).toBe('v2')
  })
})
