// The terminal's colours for the page's scheme. The light one darkens the ANSI colours so that every one of them
// keeps WCAG AA contrast on white (xterm draws its rows as DOM text, which axe-core checks).
import type { ITheme } from '@xterm/xterm'
import type { Scheme } from '../appearance/theme.ts'

const DARK: ITheme = { background: '#1e1e1e' }

const LIGHT: ITheme = {
  background: '#ffffff', foreground: '#1d2430', cursor: '#1d2430', cursorAccent: '#ffffff',
  selectionBackground: '#b3d4fc', selectionForeground: '#1d2430',
  black: '#1d2430', red: '#b42318', green: '#17672f', yellow: '#7a4a00', blue: '#0b57b0', magenta: '#8e3ca8',
  cyan: '#0b6170', white: '#4d5866',
  brightBlack: '#4d5866', brightRed: '#a01d13', brightGreen: '#145c2a', brightYellow: '#6b4100', brightBlue: '#0a4f9e',
  brightMagenta: '#7c3193', brightCyan: '#0a5663', brightWhite: '#1d2430',
}

export function terminalTheme(scheme: Scheme): ITheme {
  return scheme === 'dark' ? DARK : LIGHT
}
