// The editor theme follows the OS colour scheme: vs (light) or vs-dark.
export type EditorTheme = 'vs' | 'vs-dark'

const QUERY = '(prefers-color-scheme: dark)'

export function preferredTheme(): EditorTheme {
  return typeof window !== 'undefined' && window.matchMedia?.(QUERY).matches === true ? 'vs-dark' : 'vs'
}

/** Calls `onChange` when the OS scheme changes; returns the unsubscribe function. */
export function watchTheme(onChange: (theme: EditorTheme) => void): () => void {
  if (typeof window === 'undefined' || window.matchMedia === undefined) return () => {}
  const mq = window.matchMedia(QUERY)
  const listener = (): void => onChange(mq.matches ? 'vs-dark' : 'vs')
  mq.addEventListener('change', listener)
  return () => mq.removeEventListener('change', listener)
}
