// Desired against live for each OutOfSync resource, as `argocd app diff` and the UI's diff show it.
import { Suspense, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import { stringify } from 'yaml'
import type { KubeObject } from '../../cluster/objects.ts'
import { groupOf } from '../../cluster/objects.ts'
import { resourceKeyString } from '../../sync/types.ts'
import type { Application } from '../../sync/application.ts'

const ManifestDiff = lazyRetry(() => import('../editor/diff.tsx'))

/** What the comparison looks at: the live object without what the server adds. */
function comparable(obj: KubeObject | undefined): string {
  if (!obj) return ''
  const { status: _status, ...rest } = obj
  const { uid: _u, resourceVersion: _r, generation: _g, creationTimestamp: _c, managedFields: _m, ...metadata } =
    obj.metadata as KubeObject['metadata'] & { managedFields?: unknown }
  const annotations = { ...metadata.annotations }
  delete annotations['kubectl.kubernetes.io/last-applied-configuration']
  delete annotations['argocd.argoproj.io/tracking-id']
  return stringify({ ...rest, metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : { annotations: undefined }) } })
}

export function DiffView({ app }: { app: Application }) {
  const status = app.status()
  const outOfSync = status.resources.filter(r => r.status === 'OutOfSync')
  const [selected, setSelected] = useState(0)
  if (outOfSync.length === 0) return <p className="muted">Everything is Synced: desired and live agree.</p>
  const r = outOfSync[Math.min(selected, outOfSync.length - 1)]!
  const key = resourceKeyString({ group: r.group, kind: r.kind, namespace: r.namespace, name: r.name })
  const live = app.live().get(key)
  const desired = (app.revision?.manifests ?? []).find(m => m.kind === r.kind && groupOf(m.apiVersion) === r.group &&
    m.metadata.name === r.name)
  const desiredText = desired ? stringify({ ...desired, metadata: { ...desired.metadata, namespace: desired.metadata.namespace ?? app.namespace } }) : ''
  return (
    <div className="diff" data-testid="diff-view">
      <label>Resource{' '}
        <select value={selected} onChange={e => setSelected(Number(e.target.value))}>
          {outOfSync.map((o, i) => <option key={i} value={i}>{o.kind}/{o.name}{o.requiresPruning ? ' (requires pruning)' : ''}</option>)}
        </select>
      </label>
      <p className="muted">Left: live · right: desired (revision {app.revision?.revision.slice(0, 7)})</p>
      <ChunkBoundary what="the diff editor"><Suspense fallback={<p className="muted">Loading the diff…</p>}>
        <ManifestDiff original={comparable(live)} modified={desiredText} height="16rem" />
      </Suspense></ChunkBoundary>
    </div>
  )
}
