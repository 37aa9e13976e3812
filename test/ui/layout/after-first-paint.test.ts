// @vitest-environment jsdom
// The panels drawn after the first paint wait for the editor too (it settles: made, or its load failed), at the
// latest 5 s: on a slow laptop they competed with Monaco's start for the main thread.
import { act, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

type Modules = [typeof import('../../../src/ui/layout/after-first-paint.ts'), typeof import('../../../src/ui/editor/editor-settled.ts')]
let modules: Modules
let host: HTMLElement
let root: ReturnType<typeof createRoot>

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'] })
  vi.resetModules() // a fresh editor-settled flag for each test
  modules = await Promise.all([import('../../../src/ui/layout/after-first-paint.ts'), import('../../../src/ui/editor/editor-settled.ts')])
  host = document.createElement('div')
  document.body.append(host)
  root = createRoot(host)
})

afterEach(() => {
  act(() => root.unmount())
  host.remove()
  vi.useRealTimers()
})

function Probe(): ReturnType<typeof h> {
  return h('span', null, modules[0].useAfterFirstPaint() ? 'rest drawn' : 'first paint only')
}

async function advance(ms: number): Promise<void> {
  await act(async () => { vi.advanceTimersByTime(ms) })
}

it('waits for the editor after the first paint, then draws the rest', async () => {
  await act(async () => root.render(h(Probe)))
  await advance(1_000) // frames drawn, the first paint long done
  expect(host.textContent).toBe('first paint only')
  await act(async () => modules[1].editorSettled())
  expect(host.textContent).toBe('rest drawn')
})

it('draws the rest just after the first paint when the editor has settled already', async () => {
  modules[1].editorSettled()
  await act(async () => root.render(h(Probe)))
  expect(host.textContent).toBe('first paint only')
  await advance(300)
  expect(host.textContent).toBe('rest drawn')
})

it('draws the rest after 5 s if the editor never settles', async () => {
  await act(async () => root.render(h(Probe)))
  await advance(4_900)
  expect(host.textContent).toBe('first paint only')
  await advance(200)
  expect(host.textContent).toBe('rest drawn')
})

it('calls each listener once, and not one that stopped waiting', () => {
  const { editorSettled, isEditorSettled, whenEditorSettled } = modules[1]
  const heard: string[] = []
  whenEditorSettled(() => heard.push('a'))
  const stop = whenEditorSettled(() => heard.push('b'))
  stop()
  expect(isEditorSettled()).toBe(false)
  editorSettled()
  editorSettled()
  expect(isEditorSettled()).toBe(true)
  whenEditorSettled(() => heard.push('c')) // settled already: at once
  expect(heard).toEqual(['a', 'c'])
})
