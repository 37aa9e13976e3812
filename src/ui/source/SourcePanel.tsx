// The application's source: the file tree and the editor, problems with their file:line:col, Commit (a new
// revision), the changes to commit, the history of revisions and Reset.
import { Suspense, useLayoutEffect } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import { formatDiagnostic } from '../../manifest/index.ts'
import { loadMonaco } from '../editor/load.ts'
import type { Session } from '../session/session.ts'

// The file tree and Monaco load after the rest of the page is usable (Monaco, the large part, after the tree).
const Workbench = lazyRetry(() => import('./Workbench.tsx'))
const SourceHistory = lazyRetry(() => import('./Workbench.tsx').then(m => ({ default: m.SourceHistory })))

export function SourcePanel({ session }: { session: Session }) {
  const errors = session.diagnostics
  // Monaco starts loading as soon as the page is in the document, beside the editor's own chunk rather than after it
  // has arrived and rendered (on a slow laptop that wait was over a second). In the commit itself, not after the
  // first paint: the fetch takes nothing from the page's own work, and Monaco's chunk (3 MB) runs only once it has
  // arrived and compiled, after that paint (4× CPU: the editor ~150 ms sooner, the app view unchanged). A failed load
  // is retried by the editor (load-error).
  useLayoutEffect(() => { loadMonaco().catch(() => {}) }, [])
  return (
    <section className="panel source" aria-label="Source">
      <div className="source-bar">
        <button className="primary" onClick={() => session.commit()} disabled={!session.dirty} data-testid="commit"
          title="Commit (Ctrl/Cmd+S)">✓ Commit</button>
        <span className="muted" data-testid="head">
          {session.head ? `HEAD ${session.head.id.slice(0, 7)} · ${session.head.message}` : 'nothing committed yet'}
          {session.dirty && session.head ? ' · uncommitted changes' : ''}
        </span>
        <button onClick={() => { if (confirm('Reset the lab? Your edits and the cluster are lost.')) void session.reset() }}
          data-testid="reset">Reset</button>
      </div>
      <ChunkBoundary what="the editor"><Suspense fallback={<div className="editor-loading" data-testid="editor-loading">Loading the editor…</div>}>
        <Workbench session={session} />
      </Suspense></ChunkBoundary>
      {errors.length > 0 ? (
        <ul className="diagnostics" data-testid="diagnostics" aria-label="Problems">
          {errors.map((d, i) => <li key={i} className={d.severity}>{formatDiagnostic(d)}</li>)}
        </ul>
      ) : null}
      <ChunkBoundary what="the source history"><Suspense fallback={null}><SourceHistory session={session} /></Suspense></ChunkBoundary>
    </section>
  )
}
