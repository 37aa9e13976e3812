// The application as Argo CD's UI shows it: sync status and health, the last operation, why it waits, the resource
// tree and the sync result table.
import { useState } from 'react'
import type { Session } from '../session/session.ts'
import { Badge } from './badges.tsx'
import { ResourceTree } from './ResourceTree.tsx'
import { DiffView } from './DiffView.tsx'
import { ResultTable } from './ResultTable.tsx'
import { WhyItWaits } from '../why/WhyItWaits.tsx'

export function AppView({ session }: { session: Session }) {
  const [tab, setTab] = useState<'tree' | 'results' | 'diff'>('tree')
  const run = session.shown
  const app = run.app
  const status = app.status()
  const operation = app.currentOperation
  const result = operation?.result()
  return (
    <section className="panel app-view" aria-labelledby="app-title" data-testid="app-view">
      <header className="app-header">
        <h2 id="app-title">{app.name}</h2>
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
      <WhyItWaits session={session} />
      <div role="tablist" aria-label="Application view" className="tabs">
        <button role="tab" aria-selected={tab === 'tree'} onClick={() => setTab('tree')}>Resource tree</button>
        <button role="tab" aria-selected={tab === 'results'} onClick={() => setTab('results')}>Sync result</button>
        <button role="tab" aria-selected={tab === 'diff'} onClick={() => setTab('diff')} data-testid="diff-tab">Diff</button>
      </div>
      {tab === 'tree' ? <ResourceTree session={session} />
        : tab === 'results' ? <ResultTable resources={result?.resources ?? []} /> : <DiffView session={session} />}
    </section>
  )
}
