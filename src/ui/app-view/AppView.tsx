// The application as Argo CD's UI shows it: sync status and health, the last operation, why it waits, the resource
// tree (a graph, or a list for the keyboard and screen readers) and the sync result table.
import { Suspense, useId, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import { timestamp } from '../../cluster/clock.ts'
import type { Application } from '../../sync/application.ts'
import type { ShownApp } from './shown-app.ts'
import { Badge } from './badges.tsx'
import { graphSourceOf } from './graph-source.ts'
import { ResourceTree } from './ResourceTree.tsx'
import { ResultTable } from './ResultTable.tsx'
import { chooseResourceView, useResourceView } from './view-choice.ts'

// Loaded when first shown: the diff tab on a click, the wait explanation (with the rules' texts) when an operation
// first runs. Neither is needed to draw the page.
const DiffView = lazyRetry(() => import('./DiffView.tsx').then(m => ({ default: m.DiffView })))
const WhyItWaits = lazyRetry(() => import('../why/WhyItWaits.tsx').then(m => ({ default: m.WhyItWaits })))

// The graph (its layout, icons, details and styles) loads apart from the page, when first shown.
const ResourceGraph = lazyRetry(() => import('./ResourceGraph.tsx').then(m => ({ default: m.ResourceGraph })))
const HookOnlyNote = lazyRetry(() => import('./ResourceGraph.tsx').then(m => ({ default: m.HookOnlyNote })))

export function AppView({ shown }: { shown: ShownApp }) {
  const [tab, setTab] = useState<'tree' | 'results' | 'diff' | 'history'>('tree')
  const app = shown.app
  const titleId = useId()
  const status = app.status()
  const operation = app.currentOperation
  const result = operation?.result()
  return (
    <section className="panel app-view" aria-labelledby={titleId} data-testid="app-view">
      <header className="app-header">
        <h2 id={titleId}>{app.name}</h2>
        <div className="badges" data-testid="app-status">
          <Badge value={status.sync} label="Sync status" />
          <Badge value={status.health} label="Health" />
          {app.deletion ? <Badge value={app.deleted ? 'Deleted' : 'Deleting'} label="Application" /> : null}
        </div>
      </header>
      <div className="operation" data-testid="operation" data-phase={result?.phase ?? 'none'}>
        {result ? (
          <>
            <div><strong>Last operation:</strong> <Badge value={result.phase} label="Phase" />{' '}
              <span className="muted">revision {result.revision.slice(0, 7)}</span></div>
            <div className="message" data-testid="operation-message">{result.message || '…'}</div>
          </>
        ) : <div className="muted">No operation yet. Commit, then Sync.</div>}
      </div>
      {status.sync === 'Synced' && unsyncedRevision(app) ? (
        <ChunkBoundary what="the hook note"><Suspense fallback={null}><HookOnlyNote app={app} source={graphSourceOf(shown)} /></Suspense></ChunkBoundary>
      ) : null}
      {operation ? <ChunkBoundary what="why the operation waits"><Suspense fallback={null}><WhyItWaits shown={shown} /></Suspense></ChunkBoundary> : null}
      <div role="tablist" aria-label="Application view" className="tabs">
        <button role="tab" aria-selected={tab === 'tree'} onClick={() => setTab('tree')}>Resource tree</button>
        <button role="tab" aria-selected={tab === 'results'} onClick={() => setTab('results')}>Sync result</button>
        <button role="tab" aria-selected={tab === 'diff'} onClick={() => setTab('diff')} data-testid="diff-tab">Diff</button>
        <button role="tab" aria-selected={tab === 'history'} onClick={() => setTab('history')}>History</button>
      </div>
      {tab === 'tree' ? <ResourceView shown={shown} />
        : tab === 'results' ? <ResultTable resources={result?.resources ?? []} />
          : tab === 'diff' ? <ChunkBoundary what="the diff"><Suspense fallback={null}><DiffView app={app} /></Suspense></ChunkBoundary> : <HistoryTable app={app} />}
    </section>
  )
}

/** A revision was committed after the last sync operation started. */
function unsyncedRevision(app: Application): boolean {
  const last = app.currentOperation?.op.env.source.revision
  return last !== undefined && app.revision !== undefined && app.revision.revision !== last
}

/** The resources as a graph like Argo CD's, or as a list (the learner's choice, remembered). */
function ResourceView({ shown }: { shown: ShownApp }) {
  const view = useResourceView()
  return (
    <>
      <div className="view-switch" role="group" aria-label="Draw the resources as">
        <button aria-pressed={view === 'graph'} onClick={() => chooseResourceView('graph')} data-testid="view-graph">Graph</button>
        <button aria-pressed={view === 'list'} onClick={() => chooseResourceView('list')} data-testid="view-list">List</button>
      </div>
      {view === 'list' ? <ResourceTree shown={shown} /> : (
        <ChunkBoundary what="the resource graph"><Suspense fallback={<p className="muted">Drawing the graph…</p>}><ResourceGraph source={graphSourceOf(shown)} /></Suspense></ChunkBoundary>
      )}
    </>
  )
}

/** `argocd app history`: the successful syncs, newest last (R53: selective and dry-run syncs are not recorded). */
function HistoryTable({ app }: { app: Application }) {
  const history = app.history
  if (history.length === 0) return <p className="muted">No successful sync yet.</p>
  return (
    <table className="results" data-testid="history">
      <thead><tr><th>ID</th><th>Date</th><th>Revision</th><th>Initiated by</th></tr></thead>
      <tbody>
        {history.map(h => (
          <tr key={h.id}>
            <td>{h.id}</td><td>{timestamp(h.deployedAt).replace('T', ' ').replace('Z', ' +0000 UTC')}</td>
            <td><code>{h.revision.slice(0, 7)}</code></td><td>{'automated' in h.initiatedBy ? 'automated sync' : h.initiatedBy.username}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
