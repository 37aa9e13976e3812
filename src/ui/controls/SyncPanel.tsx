// Argo CD's Sync panel for the application shown: prune, dry run, selective sync by ticking resources; Terminate
// while an operation runs; Delete. A Sync that cannot run (no application, or it is gone) says so and offers to
// create it. While a real cluster is connected, the button says that it syncs the simulation.
import { Suspense, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import type { NewAppSpec } from '../session/new-app.ts'
import type { Session } from '../session/session.ts'
import type { ResourceKey } from '../../sync/types.ts'

export function SyncPanel({ session, cluster, onNewApp }: { session: Session
  /** The real cluster connected (its server), if any. */
  cluster?: string | undefined
  onNewApp: (spec?: NewAppSpec) => void }) {
  const [prune, setPrune] = useState(false)
  const [dryRun, setDryRun] = useState(false)
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const app = session.live.app
  const running = app?.operationRunning ?? false
  const head = session.head
  const resources = (head?.manifests ?? []).filter(m => !m.metadata.annotations?.['argocd.argoproj.io/hook'] &&
    !m.metadata.annotations?.['helm.sh/hook'])
  const keyOf = (kind: string, name: string, apiVersion: string) =>
    `${apiVersion.includes('/') ? apiVersion.split('/')[0] : ''}:${kind}:${name}`
  const sync = () => {
    const resourcesFilter: ResourceKey[] = [...selected].map(k => {
      const [group, kind, name] = k.split(':')
      return { group: group!, kind: kind!, namespace: '', name: name! }
    })
    session.sync({ prune, dryRun, ...(resourcesFilter.length > 0 ? { resources: resourcesFilter } : {}) })
  }
  return (
    <section className="panel sync-panel" aria-label="Sync">
      <div className="sync-buttons">
        <button className="primary" onClick={sync} disabled={running} data-testid="sync"
          title={`Sync ${app?.name ?? 'the application'}${cluster ? ' on the simulated cluster, not on the connected one' : ''} (Ctrl/Cmd+Enter)`}>
          ⟳ Sync{cluster ? ' in the simulation' : ''}</button>
        <button onClick={() => session.terminate()} disabled={!running} data-testid="terminate">■ Terminate</button>
        <button onClick={() => session.deleteApp()} disabled={!app || running || !!app.deletion} data-testid="delete-app">
          ✖ Delete app</button>
        {app ? <span className="muted sync-target" data-testid="sync-target">
          {app.deleted ? 'deleted: ' : ''}<code>{app.name}</code></span> : null}
      </div>
      {session.notice ? (
        <ChunkBoundary what="the sync notice"><Suspense fallback={null}><SyncNotice notice={session.notice} session={session} onNewApp={onNewApp} /></Suspense></ChunkBoundary>
      ) : null}
      <label><input type="checkbox" checked={prune} onChange={e => setPrune(e.target.checked)} /> Prune</label>{' '}
      <label><input type="checkbox" checked={dryRun} onChange={e => setDryRun(e.target.checked)} /> Dry run</label>
      {resources.length > 0 ? (
        <details>
          <summary>Selective sync ({selected.size === 0 ? 'all' : `${selected.size} selected`}; hooks do not run, R53)</summary>
          {resources.map(m => {
            const k = keyOf(m.kind, m.metadata.name ?? '', m.apiVersion)
            return (
              <label key={k} className="select-resource">
                <input type="checkbox" checked={selected.has(k)} onChange={e => {
                  const next = new Set(selected)
                  if (e.target.checked) next.add(k)
                  else next.delete(k)
                  setSelected(next)
                }} /> {m.kind}/{m.metadata.name}
              </label>
            )
          })}
        </details>
      ) : null}
    </section>
  )
}

// Why a Sync did nothing: rare, so loaded the first time it is needed.
const SyncNotice = lazyRetry(() => import('./SyncNotice.tsx').then(m => ({ default: m.SyncNotice })))
