// The header's theme control: system, light or dark (theme.ts keeps the choice).
import { memo, useState } from 'react'
import { setThemeChoice, THEME_CHOICES, type ThemeChoice, themeChoice } from './theme.ts'

const LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' }

/** Memoised: the page redraws often while a run plays, and its select has nothing new to show then. */
export const ThemeControl = memo(function ThemeControl() {
  const [choice, setChoice] = useState(themeChoice)
  const choose = (next: ThemeChoice): void => {
    setThemeChoice(next)
    setChoice(next)
  }
  return (
    <label className="theme-control">Theme{' '}
      <select value={choice} onChange={e => choose(e.target.value as ThemeChoice)} data-testid="theme-picker">
        {THEME_CHOICES.map(c => <option key={c} value={c}>{LABELS[c]}</option>)}
      </select>
    </label>
  )
})
