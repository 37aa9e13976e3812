// The page's colour theme: the learner's choice (system, light or dark), kept in the browser, and the scheme it
// comes to (the system's when "system"). The scheme goes on <html> (data-theme, color-scheme): the stylesheets'
// colours follow it, and Monaco and the terminal, which draw their own colours, subscribe with watchScheme.
export type ThemeChoice = 'system' | 'light' | 'dark'
export type Scheme = 'light' | 'dark'

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark']
const STORAGE_KEY = 'synclab:theme'
const DARK_QUERY = '(prefers-color-scheme: dark)'

const listeners = new Set<(scheme: Scheme) => void>()
let started = false

function isChoice(value: unknown): value is ThemeChoice {
  return THEME_CHOICES.includes(value as ThemeChoice)
}

/** The choice kept in the browser ("system" when none, or storage is not there). */
export function themeChoice(): ThemeChoice {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY)
    return isChoice(saved) ? saved : 'system'
  } catch {
    return 'system'
  }
}

function systemScheme(): Scheme {
  return typeof window !== 'undefined' && window.matchMedia?.(DARK_QUERY).matches === true ? 'dark' : 'light'
}

/** The scheme the page shows now. */
export function currentScheme(): Scheme {
  const choice = themeChoice()
  return choice === 'system' ? systemScheme() : choice
}

function apply(): void {
  const scheme = currentScheme()
  const root = document.documentElement
  if (root.dataset.theme === scheme) return
  root.dataset.theme = scheme
  root.style.colorScheme = scheme
  for (const listener of listeners) listener(scheme)
}

/** Keeps the choice and shows its scheme at once. */
export function setThemeChoice(choice: ThemeChoice): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, choice)
  } catch {
    // storage refused (private mode, quota): the choice lasts for this page only
  }
  apply()
}

/** Shows the kept scheme and follows the system's changes while the choice is "system" (once per page). */
export function startTheme(): void {
  apply()
  if (started) return
  started = true
  window.matchMedia?.(DARK_QUERY).addEventListener('change', apply)
  // Another tab changed the choice.
  window.addEventListener('storage', e => { if (e.key === STORAGE_KEY) apply() })
}

/** Calls `onChange` with every new scheme; returns the unsubscribe function. */
export function watchScheme(onChange: (scheme: Scheme) => void): () => void {
  listeners.add(onChange)
  return () => listeners.delete(onChange)
}
