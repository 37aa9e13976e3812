// Application → managed objects → what their controllers made (ReplicaSets, Pods), as Argo CD's resource tree.
import { memo, useState } from 'react'
import { getHealth } from '../../cluster/health/index.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { settingsOf } from '../../sync/task.ts'
import { Badge } from './badges.tsx'
import type { ShownApp } from './shown-app.ts'
import { onTreeKeyDown } from './tree-keys.ts'

/** A node and what it made. Objects are immutable (an update is a new object), so identity says "unchanged". */
interface TreeNode {
  obj: KubeObject
  children: TreeNode[]
}

function buildNodes(shown: ShownApp, obj: KubeObject): TreeNode {
  const children = shown.dependents(obj.metadata.uid ?? '').filter(c => c.kind !== 'Event')
  return { obj, children: children.map(c => buildNodes(shown, c)) }
}

export function ResourceTree({ shown }: { shown: ShownApp }) {
  // The node in the Tab order (roving tabindex); the first one until the learner moves.
  const [focused, setFocused] = useState<string | undefined>(undefined)
  const roots = [...shown.app.live().values()].map(obj => buildNodes(shown, obj))
  if (roots.length === 0) return <p className="muted">Nothing in the cluster yet.</p>
  const uids = new Set<string>()
  const collect = (n: TreeNode): void => {
    uids.add(n.obj.metadata.uid ?? '')
    n.children.forEach(collect)
  }
  roots.forEach(collect)
  const tabStop = focused !== undefined && uids.has(focused) ? focused : roots[0]!.obj.metadata.uid
  return (
    <ul className="tree" role="tree" aria-label="Resource tree" data-testid="resource-tree"
      onKeyDown={e => onTreeKeyDown(e, setFocused)}>
      {roots.map(r => <TreeItem key={r.obj.metadata.uid} node={r} depth={1} tabStop={tabStop} onFocused={setFocused} />)}
    </ul>
  )
}

interface TreeItemProps {
  node: TreeNode
  depth: number
  tabStop: string | undefined
  onFocused: (uid: string) => void
}

// While a run plays the tree redraws ten times a second; only the nodes whose object (or descendants) changed
// render again.
const TreeItem = memo(function TreeItem({ node, depth, tabStop, onFocused }: TreeItemProps) {
  const { obj, children } = node
  const health = getHealth(obj)
  const s = settingsOf(obj)
  const podStatus = obj.kind === 'Pod' ? podWord(obj) : undefined
  return (
    <li role="treeitem" aria-expanded={children.length > 0 ? true : undefined}
      aria-level={depth} data-kind={obj.kind} data-name={obj.metadata.name} data-id={obj.metadata.uid}
      tabIndex={obj.metadata.uid === tabStop ? 0 : -1} onFocus={e => {
        if (e.target === e.currentTarget && obj.metadata.uid) onFocused(obj.metadata.uid)
      }}>
      <span className="kind">{obj.kind}</span> <span className="name">{obj.metadata.name}</span>{' '}
      {s.isHook ? <span className="hook-tag">hook {s.hookTypes.join(',')}</span> : null}{' '}
      <Badge value={health?.status} label="Health" />{podStatus ? <span className="pod-status"> {podStatus}</span> : null}
      {obj.metadata.deletionTimestamp ? <span className="deleting"> (deleting)</span> : null}
      {children.length > 0 ? (
        <ul role="group">
          {children.map(c => <TreeItem key={c.obj.metadata.uid} node={c} depth={depth + 1} tabStop={tabStop} onFocused={onFocused} />)}
        </ul>
      ) : null}
    </li>
  )
}, (a, b) => a.depth === b.depth && a.onFocused === b.onFocused && sameTabStop(a, b) && sameNode(a.node, b.node))

/** The tab stop matters to a subtree only when it moves into, out of or within it. */
function sameTabStop(a: TreeItemProps, b: TreeItemProps): boolean {
  return a.tabStop === b.tabStop || (!inSubtree(a.node, a.tabStop) && !inSubtree(b.node, b.tabStop) &&
    !inSubtree(a.node, b.tabStop) && !inSubtree(b.node, a.tabStop))
}

function inSubtree(n: TreeNode, uid: string | undefined): boolean {
  return uid !== undefined && (n.obj.metadata.uid === uid || n.children.some(c => inSubtree(c, uid)))
}

function sameNode(a: TreeNode, b: TreeNode): boolean {
  return a.obj === b.obj && a.children.length === b.children.length && a.children.every((c, i) => sameNode(c, b.children[i]!))
}

function podWord(pod: KubeObject): string {
  const status = pod.status as { phase?: string; containerStatuses?: Array<{ state: { waiting?: { reason?: string };
    terminated?: { reason?: string } } }> } | undefined
  const state = status?.containerStatuses?.[0]?.state
  return state?.waiting?.reason ?? state?.terminated?.reason ?? status?.phase ?? 'Pending'
}
