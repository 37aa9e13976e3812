// One node of the resource graph, as Argo CD draws it: the kind's icon with its short name, the object's name, its
// health and sync icons, an anchor and a badge on hooks (type, phase, delete policy), and, once deleted, why.
import { memo } from 'react'
import { sameNodeDrawing } from './graph-equality.ts'
import { kindShortName, shortenName } from './graph-kinds.ts'
import { type GraphNode, widthAt } from './graph-model.ts'
import { AnchorIcon, StatusIcon } from './status-icons.tsx'

interface GraphNodeProps {
  node: GraphNode
  tabbable: boolean
  selected: boolean
  onFocused: (id: string) => void
  onSelect: (id: string) => void
}

// Kubernetes' icons are blue heptagons; the Application is Argo CD's orange.
const HEPTAGON = Array.from({ length: 7 }, (_, k) => {
  const a = -Math.PI / 2 + (k * 2 * Math.PI) / 7
  return `${(17 + 16 * Math.cos(a)).toFixed(2)},${(17.6 + 16 * Math.sin(a)).toFixed(2)}`
}).join(' ')

export function KindIcon({ kind }: { kind: string }) {
  const short = kindShortName(kind)
  return (
    <svg className={`kind-icon${kind === 'Application' ? ' kind-app' : ''}`} viewBox="0 0 34 34" width="28" height="28" aria-hidden="true">
      {kind === 'Application' ? <rect x="1" y="1" width="32" height="32" rx="9" /> : <polygon points={HEPTAGON} />}
      <text x="17" y="21" textAnchor="middle" fontSize={short.length > 5 ? 7.5 : short.length > 3 ? 8.5 : 10.5}>{short}</text>
    </svg>
  )
}

/**
 * What the node's icons say, for a screen reader: read after the node's visible text (its name, kind, info and
 * badge), which stays its accessible name's start (WCAG 2.5.3, label in name).
 */
export function iconWords(node: GraphNode): string {
  const parts: string[] = []
  if (node.sync) parts.push(node.requiresPruning ? `${node.sync}, requires pruning` : node.sync)
  if (node.health) parts.push(node.health)
  if (node.hook?.phase) parts.push(`hook ${node.hook.phase}`)
  return parts.join(', ')
}

export function hookWords(node: GraphNode): string {
  const hook = node.hook!
  return [`${hook.types.join(',') || 'hook'} hook`, hook.phase, hook.deletePolicies.join(',')].filter(Boolean).join(' · ')
}

/** The hook's phase as Argo CD's operation icon, then its types and delete policies: "PostSync · HookSucceeded". */
function HookBadgeView({ node }: { node: GraphNode }) {
  const hook = node.hook!
  return (
    <span className={`gnode-foot gnode-hook phase-${hook.phase ?? 'none'}`} title={hookWords(node)}>
      {hook.phase ? <StatusIcon value={hook.phase} label="Hook phase" /> : null}
      <span>{[hook.types.join(','), hook.deletePolicies.join(',')].filter(Boolean).join(' · ')}</span>
    </span>
  )
}

export const GraphNodeView = memo(function GraphNodeView({ node, tabbable, selected, onFocused, onSelect }: GraphNodeProps) {
  // with-foot: a class rather than a :has() rule, which the browser checks again on every change inside any node.
  const classes = ['gnode', node.gone ? 'gone' : '', node.info === 'deleting' ? 'deleting' : '', node.depth === 0 ? 'root' : '',
    selected ? 'selected' : '', node.gone || node.hook ? 'with-foot' : ''].filter(Boolean).join(' ')
  return (
    <button type="button" className={classes} style={{ transform: `translate(${node.x}px, ${node.y}px)`, width: widthAt(node.depth) }}
      data-id={node.id} data-kind={node.kind} data-name={node.name} data-gone={node.gone ? node.gone.reason : undefined}
      tabIndex={tabbable ? 0 : -1} aria-pressed={selected} title={`${node.kind} ${node.name}`}
      onFocus={() => onFocused(node.id)} onClick={() => onSelect(node.id)}>
      {node.obj ? <span key={node.obj.metadata.resourceVersion} className="gnode-flash" /> : null}
      <span className="gnode-icon"><KindIcon kind={node.kind} /></span>
      <span className="gnode-body">
        <span className="gnode-name">{shortenName(node.name, 40)}</span>
        <span className="gnode-status">
          {node.hook ? <span className="hook-anchor" title="Resource lifecycle hook"><AnchorIcon /></span> : null}
          {node.health ? <StatusIcon value={node.health} label="Health" /> : null}
          {node.sync ? <StatusIcon value={node.sync} label="Sync status" {...(node.requiresPruning ? { glyph: 'Prune' } : {})} /> : null}
          {node.gone ? <StatusIcon value="Gone" label="Deleted" /> : null}
          <span className="gnode-kind">{node.kind}</span>
          {node.info ? <span className="gnode-info">{node.info}</span> : null}
        </span>
      </span>
      {node.gone ? <span className="gnode-foot gnode-gone" title={node.gone.reason}>{node.gone.reason}</span>
        : node.hook ? <HookBadgeView node={node} /> : null}
      {iconWords(node) ? <span className="sr-only">, {iconWords(node)}</span> : null}
    </button>
  )
}, (a, b) => a.tabbable === b.tabbable && a.selected === b.selected && a.onFocused === b.onFocused &&
  a.onSelect === b.onSelect && sameNodeDrawing(a.node, b.node))
