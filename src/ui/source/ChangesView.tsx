// "Changes": what a commit would add, modify, rename or delete, each with its diff (empty on the side where the
// file does not exist); and the history, each commit with the files it changed.
import { useState, type ReactElement } from 'react'
import { ManifestDiff } from '../editor/diff.tsx'
import { fileChanges, type FileChange } from '../session/changes.ts'
import type { SourceRevision } from '../session/revisions.ts'

function ChangeLabel({ change }: { change: FileChange }): ReactElement {
  return (
    <>
      <span className={`change change--${change.status}`}>{change.status}</span>{' '}
      <code>{change.path}</code>{change.from !== undefined && <> (from <code>{change.from}</code>)</>}
    </>
  )
}

export function ChangesView({ changes }: { changes: readonly FileChange[] }): ReactElement {
  const [shown, setShown] = useState<string | undefined>()
  // The diff editor exists only while the list is open.
  const [open, setOpen] = useState(false)
  const change = changes.find(c => c.path === shown) ?? changes[0]
  return (
    <details className="changes" data-testid="changes" onToggle={e => setOpen(e.currentTarget.open)}>
      <summary>Changes to commit ({changes.length})</summary>
      {!open ? null : changes.length === 0 ? <p className="muted">The files are as committed.</p> : (
        <>
          <ul className="change-list">
            {changes.map(c => (
              <li key={c.path} data-status={c.status} data-path={c.path}>
                <button type="button" aria-pressed={c === change} onClick={() => setShown(c.path)}>
                  <ChangeLabel change={c} />
                </button>
              </li>
            ))}
          </ul>
          {change !== undefined &&
            <div data-testid="change-diff">
              <p className="muted">Left: last commit · right: now{change.status === 'added' ? ' (a new file)'
                : change.status === 'deleted' ? ' (deleted)' : ''}</p>
              <ManifestDiff original={change.before} modified={change.after} sideBySide={false} height="14rem" />
            </div>}
        </>
      )}
    </details>
  )
}

export function HistoryView({ revisions }: { revisions: readonly SourceRevision[] }): ReactElement | null {
  if (revisions.length === 0) return null
  return (
    <details className="history" data-testid="history">
      <summary>History ({revisions.length})</summary>
      <ol reversed>
        {[...revisions].reverse().map(r => {
          const parent = revisions[revisions.indexOf(r) - 1]
          const changes = parent === undefined ? [] : fileChanges(parent.files, r.files)
          return (
            <li key={r.id}>
              <code>{r.id.slice(0, 7)}</code> {r.message}
              {changes.length > 0 && <ul>{changes.map(c => <li key={c.path}><ChangeLabel change={c} /></li>)}</ul>}
            </li>
          )
        })}
      </ol>
    </details>
  )
}
