// What a click on a graph node shows: its statuses in words and its live manifest, as Argo CD's resource panel
// (summary and live manifest). Draws again only when the node's object or statuses change.
import { memo } from 'react'
import type { KubeObject } from '../../cluster/objects.ts'
import { sameNodeDrawing } from './graph-equality.ts'
import type { GraphNode } from './graph-model.ts'
import { hookWords, KindIcon } from './GraphNode.tsx'

interface NodeDetailsProps {
  node: GraphNode
  onClose: () => void
  /** The object as YAML (GraphSource.manifest). */
  manifest: (obj: KubeObject) => string
}

export const NodeDetails = memo(function NodeDetails({ node, onClose, manifest }: NodeDetailsProps) {
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
          <pre>{manifest(node.obj)}</pre>
        </details>
      ) : node.gone ? <p className="muted">No longer in the cluster: nothing live to show.</p>
        : node.depth > 0 ? <p className="muted">Not in the cluster: the next sync creates it.</p> : null}
    </aside>
  )
}, (a, b) => a.onClose === b.onClose && a.manifest === b.manifest && sameNodeDrawing(a.node, b.node))
