// Argo CD's status icons, drawn as small SVGs in its colours (graph.css): sync status (check circle, arrow-up circle,
// trash when it requires pruning), health (heart, spinning notch, broken heart, pause, ghost, question mark) and a
// hook's phase. Each carries its word as a tooltip; the node's accessible name says it in words too.
import type { JSX } from 'react'

const WHITE = { stroke: '#fff', strokeWidth: 1.8, fill: 'none', strokeLinecap: 'round', strokeLinejoin: 'round' } as const

function Circle() {
  return <circle cx="8" cy="8" r="7.5" fill="currentColor" />
}

const HEART = 'M8 14.6 6.9 13.6C3 10.1.6 7.9.6 5.2A3.5 3.5 0 0 1 4.1 1.7c1.5 0 2.9.7 3.9 1.8 1-1.1 2.4-1.8 3.9-1.8a3.5 3.5 0 0 1 3.5 3.5c0 2.7-2.4 4.9-6.3 8.4z'

const GLYPHS: Record<string, () => JSX.Element> = {
  Synced: () => <><Circle /><path d="M4.4 8.3l2.4 2.4 4.8-5" {...WHITE} /></>,
  OutOfSync: () => <><Circle /><path d="M8 12V4.6M5 7.5 8 4.5l3 3" {...WHITE} /></>,
  Prune: () => <path fill="currentColor" d="M5.5 1.5h5l.5 1.5H14v1.6H2V3h3zM3 5.5h10l-.8 9H3.8zm3 1.6v5.8h1.2V7.1zm2.8 0v5.8H10V7.1z" />,
  Healthy: () => <path fill="currentColor" d={HEART} />,
  Degraded: () => <><path fill="currentColor" d={HEART} /><path d="M8.6 3.4 6.9 6.6l2.6 1.6-1.7 3.4" {...WHITE} strokeWidth={1.3} /></>,
  Progressing: () => <path d="M8 1.6A6.4 6.4 0 1 0 14.4 8" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />,
  Suspended: () => <><Circle /><path d="M6.3 5v6M9.7 5v6" {...WHITE} /></>,
  Missing: () => <><path fill="currentColor" d="M8 1a5.6 5.6 0 0 0-5.6 5.6V15l1.9-1.4L6.1 15 8 13.6 9.9 15l1.8-1.4 1.9 1.4V6.6A5.6 5.6 0 0 0 8 1z" />
    <circle cx="6" cy="6.6" r="1.1" fill="#fff" /><circle cx="10" cy="6.6" r="1.1" fill="#fff" /></>,
  Unknown: () => <><Circle /><path d="M6 6.2a2 2 0 1 1 2.8 1.8c-.6.3-.8.7-.8 1.4" {...WHITE} strokeWidth={1.6} />
    <circle cx="8" cy="11.8" r="1" fill="#fff" /></>,
  Succeeded: () => <><Circle /><path d="M4.4 8.3l2.4 2.4 4.8-5" {...WHITE} /></>,
  Failed: () => <><Circle /><path d="M5.4 5.4l5.2 5.2m0-5.2-5.2 5.2" {...WHITE} /></>,
  Error: () => <><Circle /><path d="M8 4.2v4.6" {...WHITE} /><circle cx="8" cy="11.5" r="1.1" fill="#fff" /></>,
  Running: () => <path d="M8 1.6A6.4 6.4 0 1 0 14.4 8" fill="none" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />,
  Terminating: () => <><Circle /><rect x="5.2" y="5.2" width="5.6" height="5.6" rx="1" fill="#fff" /></>,
  Gone: () => <><Circle /><path d="M4.6 8h6.8" {...WHITE} /></>,
}

// Argo CD spins the notch of Progressing and Running. The whole icon turns (a transform of the <svg> box, which the
// compositor can animate), not a path inside it (which would restyle the page every frame).
const SPINNING = new Set(['Progressing', 'Running'])

/** One status as Argo CD's icon; `glyph` picks another drawing for the same word (Prune for OutOfSync). */
export function StatusIcon({ value, label, glyph }: { value: string; label: string; glyph?: string }) {
  const draw = GLYPHS[glyph ?? value] ?? GLYPHS.Unknown!
  return (
    <svg className={`status-icon si-${value}${SPINNING.has(glyph ?? value) ? ' spinning' : ''}`} viewBox="0 0 16 16"
      width="14" height="14" aria-hidden="true">
      <title>{`${label}: ${value}`}</title>
      {draw()}
    </svg>
  )
}

/** Argo CD marks a resource lifecycle hook with an anchor. */
export function AnchorIcon() {
  return (
    <svg className="anchor-icon" viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
      <g fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round">
        <circle cx="8" cy="3" r="1.6" /><path d="M8 4.6V14.4M5.2 7h5.6M2.6 9.4a5.4 5.4 0 0 0 10.8 0" />
      </g>
    </svg>
  )
}
