// What a click on a graph node shows: its statuses in words and its live manifest, as Argo CD's resource panel
// (summary and live manifest). Draws again only when the node's object or statuses change.
import { memo } from 'react'
import { stringify } from 'yaml'
import type { KubeObject } from '../../cluster/objects.ts'
import { sameNodeDrawing } from './graph-equality.ts'
import type { GraphNode } from './graph-model.ts'
import { hookWords, KindIcon } from './GraphNode.tsx'

const manifests = new WeakMap<KubeObject, string>()

/** The live object as `kubectl get -o yaml` prints it, without the server's bookkeeping of field managers. */
function liveManifest(obj: KubeObject): string {
  let text = manifests.get(obj)
  if (text === undefined) {
    const { managedFields: _, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown }
    text = stringify({ ...obj, metadata })
    manifests.set(obj, text)
  }
  return text
}

export const NodeDetails = memo(function NodeDetails({ node, onClose }: { node: GraphNode; onClose: () => void }) {
  const owner = node.obj?.metadata.ownerReferences?.find(o => o.controller)
  const rows: Array<[string, string]> = [
    ['Namespace', node.namespace || '(cluster-scoped)'],
    ...(node.sync ? [['Sync status', node.requiresPruning ? `${node.sync} (requires pruning)` : node.sync] as [string, string]] : []),
    ...(node.health ? [['Health', node.healthMessage ? `${node.health}: ${node.healthMessage}` : node.health] as [string, string]] : []),
    ...(node.info ? [['Status', node.info] as [string, string]] : []),
    ...(node.hook ? [['Hook', hookWords(node)] as [string, string]] : []),
    ...(owner ? [['Owner', `${owner.kind}/${owner.name}`] as [string, string]] : []),
    ...(node.obj?.metadata.creationTimestamp ? [['Created', node.obj.metadata.creationTimestamp] as [string, string]] : []),
    ...(node.gone ? [['Deleted', node.gone.reason] as [string, string]] : []),
  ]
  return (
    <aside className="node-details" aria-label={`${node.kind} ${node.name}`} data-testid="node-details">
      <header>
        <KindIcon kind={node.kind} />
        <div><div className="muted">{node.kind}</div><strong>{node.name}</strong></div>
        <button type="button" className="close" onClick={onClose} aria-label="Close the details">✕</button>
      </header>
      <dl>{rows.map(([k, v]) => <div key={k}><dt>{k}</dt><dd>{v}</dd></div>)}</dl>
      {node.obj ? (
        <details open>
          <summary>Live manifest</summary>
          <pre>{liveManifest(node.obj)}</pre>
        </details>
      ) : node.gone ? <p className="muted">No longer in the cluster: nothing live to show.</p> : null}
    </aside>
  )
}, (a, b) => a.onClose === b.onClose && sameNodeDrawing(a.node, b.node))
