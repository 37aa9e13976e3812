// Applications, as Argo CD's UI lists them: every Application on the simulated Argo CD (made by the lab, by
// `argocd app create` in the terminal, or by NEW APP), its status, source path, destination and last sync. A click
// shows its details below; the page's Sync, Terminate and Delete act on the one shown.
import { Badge } from '../app-view/badges.tsx'
import type { Session } from '../session/session.ts'
import { applicationRows } from './app-rows.ts'

export function ApplicationsList({ session, onNewApp }: { session: Session; onNewApp: () => void }) {
  const run = session.shown
  const rows = applicationRows(run, run.app)
  return (
    <section className="panel applications" aria-labelledby="applications-title" data-testid="applications">
      <header className="applications-header">
        <h2 id="applications-title">Applications <span className="muted">({rows.length})</span></h2>
        <button onClick={() => onNewApp()} data-testid="new-app" title="Create an application, as Argo CD's NEW APP">
          + New app</button>
      </header>
      {rows.length === 0 ? (
        <p className="muted" data-testid="no-apps">No applications yet. Create one with <strong>New app</strong>, or
          with <code>argocd app create</code> in the terminal.</p>
      ) : (
        <table className="results applications-table">
          <thead><tr><th>Name</th><th>Status</th><th>Path</th><th>Namespace</th><th>Last sync</th></tr></thead>
          <tbody>
            {rows.map(r => (
              <tr key={r.name} aria-current={r.selected ? 'true' : undefined} data-app={r.name}
                className={r.selected ? 'selected' : undefined}>
                <td><button className="link" onClick={() => session.select(r.name)} aria-pressed={r.selected}
                  title={`Show ${r.name}`}>{r.name}</button></td>
                <td><Badge value={r.sync} label="Sync status" /> <Badge value={r.health} label="Health" /></td>
                <td><code>{r.path || '—'}</code></td>
                <td><code>{r.namespace}</code></td>
                <td>{r.operation ?? '—'}{r.lastSync ? <span className="muted"> · {r.lastSync}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
