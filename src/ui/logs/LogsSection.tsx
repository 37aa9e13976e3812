// "Pod logs", folded: the log view and its code load when the learner first opens it.
import { memo, Suspense, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import { clockTime } from '../events/watch-lines.ts'
import type { Session } from '../session/session.ts'

const LogsView = lazyRetry(() => import('./LogsView.tsx').then(m => ({ default: m.LogsView })))

export const LogsSection = memo(function LogsSection({ session, version }: { session: Session; version: number }) {
  const [open, setOpen] = useState(false)
  return (
    <details className="logs-section" data-testid="logs-section"
      onToggle={e => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>Pod logs <span className="muted">(every Pod of the run, gone ones too)</span></summary>
      {open ? (
        <ChunkBoundary what="the log view"><Suspense fallback={<p className="muted">Loading the log view…</p>}>
          <LogsView session={session} version={version} clockTime={clockTime} />
        </Suspense></ChunkBoundary>
      ) : null}
    </details>
  )
})
