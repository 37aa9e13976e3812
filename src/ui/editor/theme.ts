// The editor theme follows the page's colour scheme (appearance/theme.ts): vs (light) or vs-dark.
import { currentScheme, type Scheme, watchScheme } from '../appearance/theme.ts'

export type EditorTheme = 'vs' | 'vs-dark'

const editorTheme = (scheme: Scheme): EditorTheme => scheme === 'dark' ? 'vs-dark' : 'vs'

export function preferredTheme(): EditorTheme {
  return typeof document === 'undefined' ? 'vs' : editorTheme(currentScheme())
}

/** Calls `onChange` when the page's scheme changes; returns the unsubscribe function. */
export function watchTheme(onChange: (theme: EditorTheme) => void): () => void {
  return watchScheme(scheme => onChange(editorTheme(scheme)))
}
