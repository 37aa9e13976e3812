// Phones and tablets: below NARROW_QUERY the page's panels become tabs (Lab, Editor, App, Timeline, Terminal) under
// a tab bar (ARIA tabs: arrows, Home and End move between them). Every panel stays mounted: a hidden tab keeps its
// editor, its terminal and its scroll position. Above the breakpoint the tab panels draw nothing of their own
// (display: contents, layout.css) and the page keeps its columns.
import { createContext, type KeyboardEvent, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react'
import './layout.css'

/** Keep in step with the media queries of layout.css. */
export const NARROW_QUERY = '(max-width: 900px)'

export const PANEL_TABS = [
  { id: 'lab', label: 'Lab' }, { id: 'editor', label: 'Editor' }, { id: 'app', label: 'App' },
  { id: 'timeline', label: 'Timeline' }, { id: 'terminal', label: 'Terminal' },
] as const
export type PanelTab = typeof PANEL_TABS[number]['id']

interface TabsState { narrow: boolean; selected: PanelTab; select: (tab: PanelTab) => void }

const TabsContext = createContext<TabsState>({ narrow: false, selected: 'lab', select: () => {} })

function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => window.matchMedia?.(NARROW_QUERY).matches === true)
  useEffect(() => {
    const mq = window.matchMedia?.(NARROW_QUERY)
    if (!mq) return
    const onChange = (): void => setNarrow(mq.matches)
    mq.addEventListener('change', onChange)
    return () => mq.removeEventListener('change', onChange)
  }, [])
  return narrow
}

export function PanelTabs({ children }: { children: ReactNode }) {
  const narrow = useNarrow()
  const [selected, select] = useState<PanelTab>('lab')
  // The same value until the tabs change: a new one on every redraw of the page would send React through the whole
  // tree for the context's readers, on every frame of a playing run.
  const value = useMemo(() => ({ narrow, selected, select }), [narrow, selected])
  return <TabsContext.Provider value={value}>{children}</TabsContext.Provider>
}

const tabId = (tab: PanelTab): string => `panel-tab-${tab}`
const panelId = (tab: PanelTab): string => `panel-tabpanel-${tab}`

/** The index of the tab a key moves to from `index`, or undefined for other keys. */
export function tabAfterKey(key: string, index: number, count: number): number | undefined {
  switch (key) {
    case 'ArrowRight': return (index + 1) % count
    case 'ArrowLeft': return (index - 1 + count) % count
    case 'Home': return 0
    case 'End': return count - 1
    default: return undefined
  }
}

/** The tab bar (on narrow screens only). */
export function PanelTabBar() {
  const { narrow, selected, select } = useContext(TabsContext)
  const bar = useRef<HTMLDivElement>(null)
  if (!narrow) return null
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const index = PANEL_TABS.findIndex(t => t.id === selected)
    const next = tabAfterKey(e.key, index, PANEL_TABS.length)
    if (next === undefined) return
    e.preventDefault()
    const tab = PANEL_TABS[next]!.id
    select(tab)
    bar.current?.querySelector<HTMLElement>(`#${tabId(tab)}`)?.focus()
  }
  return (
    <div className="panel-tabs" role="tablist" aria-label="Panels" ref={bar} onKeyDown={onKeyDown} data-testid="panel-tabs">
      {PANEL_TABS.map(t => (
        <button key={t.id} type="button" role="tab" id={tabId(t.id)} aria-controls={panelId(t.id)}
          aria-selected={selected === t.id} tabIndex={selected === t.id ? 0 : -1} onClick={() => select(t.id)}
          data-testid={`panel-tab-${t.id}`}>{t.label}</button>
      ))}
    </div>
  )
}

/**
 * A tab's panel. On narrow screens it is the tab panel, hidden unless its tab is selected; `opens` a closed
 * <details> in it (the terminal's) when its tab is chosen. Elsewhere it is a wrapper that draws nothing.
 */
export function PanelTabPanel({ tab, opens = false, children }: { tab: PanelTab; opens?: boolean; children: ReactNode }) {
  const { narrow, selected } = useContext(TabsContext)
  const ref = useRef<HTMLDivElement>(null)
  const shown = !narrow || selected === tab
  useEffect(() => {
    if (!narrow || !shown || !opens) return
    const details = ref.current?.querySelector('details')
    if (details && !details.open) details.open = true
  }, [narrow, shown, opens])
  return (
    <div ref={ref} className="panel-tabpanel" id={narrow ? panelId(tab) : undefined} role={narrow ? 'tabpanel' : undefined}
      aria-labelledby={narrow ? tabId(tab) : undefined} hidden={!shown} data-tab={tab}>{children}</div>
  )
}
