// The application's source: the files in the editor, problems with their file:line:col, Commit (a new revision),
// the history of revisions and Reset.
import { lazy, Suspense } from 'react'
import { formatDiagnostic } from '../../manifest/index.ts'
import type { Session } from '../session/session.ts'

// Monaco is large: it loads after the rest of the page is usable.
const ManifestEditor = lazy(() => import('../editor/ManifestEditor.tsx').then(m => ({ default: m.ManifestEditor })))

export function SourcePanel({ session }: { session: Session }) {
  const errors = session.diagnostics
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
      <Suspense fallback={<div className="editor-loading" data-testid="editor-loading">Loading the editor…</div>}>
        <ManifestEditor files={session.files} active={session.active} diagnostics={errors}
          onChange={(path, text) => session.edit(path, text)} onActiveChange={path => session.setActive(path)} />
      </Suspense>
      {errors.length > 0 ? (
        <ul className="diagnostics" data-testid="diagnostics" aria-label="Problems">
          {errors.map((d, i) => <li key={i} className={d.severity}>{formatDiagnostic(d)}</li>)}
        </ul>
      ) : null}
      {session.revisions.length > 0 ? (
        <details className="history">
          <summary>History ({session.revisions.length})</summary>
          <ol reversed>{[...session.revisions].reverse().map(r => <li key={r.id}><code>{r.id.slice(0, 7)}</code> {r.message}</li>)}</ol>
        </details>
      ) : null}
    </section>
  )
}
