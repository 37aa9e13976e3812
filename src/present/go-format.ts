// Go's text formats that Argo CD's and kubectl's CLIs print through: text/tabwriter, time.Time.String and
// time.Duration.String. DOM-free; imports only the engine.
import { EPOCH_MS } from '../cluster/clock.ts'

/**
 * Go's text/tabwriter with flags 0 and padchar ' ': every tab-terminated cell is padded to its column's width
 * (widest cell + padding, at least minwidth); the text after a line's last tab is not aligned.
 */
export function tabwrite(lines: string[], minwidth: number, padding: number): string {
  const split = lines.map(l => l.split('\t'))
  const widths: number[] = []
  for (const cells of split) {
    for (let j = 0; j < cells.length - 1; j++) {
      const w = Math.max(minwidth, width(cells[j]!) + padding)
      if (w > (widths[j] ?? 0)) widths[j] = w
    }
  }
  return split.map(cells => cells.map((c, j) => (j < cells.length - 1 ? c + ' '.repeat(widths[j]! - width(c)) : c))
    .join('')).map(l => `${l}\n`).join('')
}

const width = (s: string): number => [...s].length

/** Go time.Time.String() of a metav1.Time (whole seconds): "2025-01-01 00:00:43 +0000 UTC". */
export function goTime(virtualMs: number): string {
  const seconds = Math.floor((EPOCH_MS + virtualMs) / 1000)
  return `${new Date(seconds * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '')} +0000 UTC`
}

/** Go time.Duration.String() of whole seconds: 0s, 43s, 1m5s, 2h0m3s. */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s'
  const sign = seconds < 0 ? '-' : ''
  let s = Math.abs(seconds)
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  if (h > 0) return `${sign}${h}h${m}m${s}s`
  if (m > 0) return `${sign}${m}m${s}s`
  return `${sign}${s}s`
}
