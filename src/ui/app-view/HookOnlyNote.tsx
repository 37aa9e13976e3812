// Why the app stays Synced after a commit that changed only hooks: hooks are not part of the sync status.
import { hookOnlyChange } from '../../sync/hook-only-change.ts'
import type { Application } from '../../sync/application.ts'
import type { GraphSource } from './graph-source.ts'

/**
 * Shown by AppView while the app is Synced and a revision newer than the last sync's is committed. Loaded with the
 * graph (ResourceGraph.tsx re-exports it); the engine's IsHook comes through the graph's source.
 */
export function HookOnlyNote({ app, source }: { app: Application; source: GraphSource }) {
  const last = app.currentOperation?.op.env.source
  const head = app.revision
  if (!last || !head || last.revision === head.revision) return null
  const hooks = hookOnlyChange(last.targets, head.manifests, obj => source.facts(obj).hook !== undefined)
  if (!hooks) return null
  return (
    <div className="why" role="note" data-testid="hook-only-note">
      <strong>Still Synced:</strong> revision {head.revision.slice(0, 7)} changes only hooks ({hooks.join(', ')}).
      Hooks are not part of the sync status: Argo CD compares only the other resources with the cluster
      (<code>controller/state.go</code> CompareAppState), so the app stays Synced. The changed hooks run at the next sync.
    </div>
  )
}
