// Application → managed objects → what their controllers made (ReplicaSets, Pods), as Argo CD's resource tree.
import { getHealth } from '../../cluster/health/index.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { settingsOf } from '../../sync/task.ts'
import type { ShownApp } from './shown-app.ts'
import { useState } from 'react'
import { Badge } from './badges.tsx'
import { onTreeKeyDown } from './tree-keys.ts'

export function ResourceTree({ shown }: { shown: ShownApp }) {
  // The node in the Tab order (roving tabindex); the first one until the learner moves.
  const [focused, setFocused] = useState<string | undefined>(undefined)
  const roots = [...shown.app.live().values()]
  if (roots.length === 0) return <p className="muted">Nothing in the cluster yet.</p>
  const uids = new Set<string>()
  const collect = (obj: KubeObject): void => {
    uids.add(obj.metadata.uid ?? '')
    for (const c of shown.dependents(obj.metadata.uid ?? '')) if (c.kind !== 'Event') collect(c)
  }
  roots.forEach(collect)
  const tabStop = focused !== undefined && uids.has(focused) ? focused : roots[0]!.metadata.uid
  const node = (obj: KubeObject, depth: number): React.ReactNode => {
    const children = shown.dependents(obj.metadata.uid ?? '').filter(c => c.kind !== 'Event')
    const health = getHealth(obj)
    const s = settingsOf(obj)
    const podStatus = obj.kind === 'Pod' ? podWord(obj) : undefined
    return (
      <li key={obj.metadata.uid} role="treeitem" aria-expanded={children.length > 0 ? true : undefined}
        aria-level={depth} data-kind={obj.kind} data-name={obj.metadata.name} data-id={obj.metadata.uid}
        tabIndex={obj.metadata.uid === tabStop ? 0 : -1} onFocus={e => {
          if (e.target === e.currentTarget && obj.metadata.uid) setFocused(obj.metadata.uid)
        }}>
        <span className="kind">{obj.kind}</span> <span className="name">{obj.metadata.name}</span>{' '}
        {s.isHook ? <span className="hook-tag">hook {s.hookTypes.join(',')}</span> : null}{' '}
        <Badge value={health?.status} label="Health" />{podStatus ? <span className="pod-status"> {podStatus}</span> : null}
        {obj.metadata.deletionTimestamp ? <span className="deleting"> (deleting)</span> : null}
        {children.length > 0 ? <ul role="group">{children.map(c => node(c, depth + 1))}</ul> : null}
      </li>
    )
  }
  return (
    <ul className="tree" role="tree" aria-label="Resource tree" data-testid="resource-tree"
      onKeyDown={e => onTreeKeyDown(e, setFocused)}>{roots.map(r => node(r, 1))}</ul>
  )
}

function podWord(pod: KubeObject): string {
  const status = pod.status as { phase?: string; containerStatuses?: Array<{ state: { waiting?: { reason?: string };
    terminated?: { reason?: string } } }> } | undefined
  const state = status?.containerStatuses?.[0]?.state
  return state?.waiting?.reason ?? state?.terminated?.reason ?? status?.phase ?? 'Pending'
}
