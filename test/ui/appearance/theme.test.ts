// The theme choice (appearance/theme.ts) against a stand-in browser: storage, the system's scheme, <html>.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

type Listener = () => void

function fakeBrowser(systemDark: boolean) {
  const store = new Map<string, string>()
  const mediaListeners = new Set<Listener>()
  const media = { matches: systemDark, addEventListener: (_: string, l: Listener) => mediaListeners.add(l) }
  const root = { dataset: {} as Record<string, string>, style: { colorScheme: '' } }
  vi.stubGlobal('window', {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => { store.set(k, v) } },
    matchMedia: () => media,
    addEventListener: () => {},
  })
  vi.stubGlobal('document', { documentElement: root })
  return {
    store, root,
    setSystem(dark: boolean) {
      media.matches = dark
      for (const l of mediaListeners) l()
    },
  }
}

describe('the theme choice', () => {
  beforeEach(() => vi.resetModules())
  afterEach(() => vi.unstubAllGlobals())

  it('is "system" when nothing is kept, and shows the system scheme, following its changes', async () => {
    const browser = fakeBrowser(true)
    const theme = await import('../../../src/ui/appearance/theme.ts')
    theme.startTheme()
    expect(theme.themeChoice()).toBe('system')
    expect(browser.root.dataset.theme).toBe('dark')
    expect(browser.root.style.colorScheme).toBe('dark')
    const seen: string[] = []
    theme.watchScheme(s => seen.push(s))
    browser.setSystem(false)
    expect(browser.root.dataset.theme).toBe('light')
    expect(seen).toEqual(['light'])
  })

  it('a chosen scheme is kept, shown at once, and wins over the system', async () => {
    const browser = fakeBrowser(false)
    const theme = await import('../../../src/ui/appearance/theme.ts')
    theme.startTheme()
    const seen: string[] = []
    theme.watchScheme(s => seen.push(s))
    theme.setThemeChoice('dark')
    expect(browser.store.get('synclab:theme')).toBe('dark')
    expect(browser.root.dataset.theme).toBe('dark')
    browser.setSystem(false)
    expect(browser.root.dataset.theme).toBe('dark')
    expect(seen).toEqual(['dark'])
  })

  it('a kept value that is not a choice counts as "system"', async () => {
    const browser = fakeBrowser(true)
    browser.store.set('synclab:theme', 'purple')
    const theme = await import('../../../src/ui/appearance/theme.ts')
    expect(theme.themeChoice()).toBe('system')
    expect(theme.currentScheme()).toBe('dark')
  })
})
