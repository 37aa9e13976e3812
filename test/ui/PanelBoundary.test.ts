// @vitest-environment jsdom
// A panel that throws while drawing shows what failed and a Reset in its place; the panels beside it stay.
import { act, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { describe, expect, it, vi } from 'vitest'
import { PanelBoundary } from '../../src/ui/PanelBoundary.tsx'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let broken = true
function Fragile() {
  if (broken) throw new Error('revisions[1].files is not iterable')
  return h('p', { 'data-testid': 'fragile' }, 'drawn')
}

describe('PanelBoundary', () => {
  it('shows the failure and a Reset; after the reset the panel is drawn again; its neighbour never failed', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const host = document.createElement('div')
    const onReset = vi.fn(() => { broken = false })
    await act(async () => createRoot(host).render([
      h(PanelBoundary, { key: 1, name: 'Source', onReset, children: h(Fragile) }),
      h(PanelBoundary, { key: 2, name: 'Plan', children: h('p', { 'data-testid': 'neighbour' }, 'plan') }),
    ]))
    expect(host.querySelector('[data-testid=panel-failed]')?.textContent)
      .toMatch(/The Source panel failed: revisions\[1\]\.files is not iterable/)
    expect(host.querySelector('[data-testid=neighbour]')?.textContent).toBe('plan')
    await act(async () => (host.querySelector('[data-testid=panel-reset]') as HTMLButtonElement).click())
    expect(onReset).toHaveBeenCalledOnce()
    expect(host.querySelector('[data-testid=fragile]')?.textContent).toBe('drawn')
    expect(host.querySelector('[data-testid=panel-failed]')).toBeNull()
  })
})
