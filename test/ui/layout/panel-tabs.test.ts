import { describe, expect, it } from 'vitest'
import { PANEL_TABS, tabAfterKey } from '../../../src/ui/layout/PanelTabs.tsx'

describe('panel tabs: the keys of the ARIA tabs pattern', () => {
  const n = PANEL_TABS.length
  it('arrows move to the next and previous tab and wrap around', () => {
    expect(tabAfterKey('ArrowRight', 0, n)).toBe(1)
    expect(tabAfterKey('ArrowRight', n - 1, n)).toBe(0)
    expect(tabAfterKey('ArrowLeft', 0, n)).toBe(n - 1)
    expect(tabAfterKey('ArrowLeft', 2, n)).toBe(1)
  })
  it('Home and End go to the first and last tab; other keys do nothing', () => {
    expect(tabAfterKey('Home', 3, n)).toBe(0)
    expect(tabAfterKey('End', 0, n)).toBe(n - 1)
    expect(tabAfterKey('Enter', 2, n)).toBeUndefined()
    expect(tabAfterKey('ArrowDown', 2, n)).toBeUndefined()
  })
  it('the tabs are Lab, Editor, App, Timeline, Terminal', () => {
    expect(PANEL_TABS.map(t => t.label)).toEqual(['Lab', 'Editor', 'App', 'Timeline', 'Terminal'])
  })
})
