// The resource graph as Argo CD's application details tree draws it: the Application on the left, then what it
// manages, then what their controllers made (Deployment → ReplicaSet → Pod, Job → Pod), one column per depth, each
// parent centred on its children. Objects deleted a moment ago stay in, marked gone with why (graph-ghosts.ts).
// DOM-free: the view only places what this returns.
// It imports nothing of the engine at run time: what it needs of an object comes through GraphSource
// (graph-source.ts), so this module and the view load apart without splitting the page's own chunks.
import type { HealthStatusCode } from '../../cluster/health/index.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import type { ResourceStatus, SyncStatusCode } from '../../sync/app-status.ts'
import type { ResourceResult } from '../../sync/types.ts'
import { eventKey, goneReason, type LifeIndex, lifeIndex, type ObjectLife, ownerLife, recentlyGone } from './graph-ghosts.ts'
import { groupOfKind } from './graph-kinds.ts'
import type { GraphSource, ObjectFacts } from './graph-source.ts'
import { naturalCompare } from '../natural-order.ts'

export const NODE_WIDTH = 188
/** The Application's column: its node shows only its name and statuses. */
export const ROOT_WIDTH = 150
export const NODE_HEIGHT = 64
export const COLUMN_GAP = 28
export const ROW_GAP = 12

/** The left edge of a column. */
export function columnX(depth: number): number {
  return depth === 0 ? 0 : ROOT_WIDTH + COLUMN_GAP + (depth - 1) * (NODE_WIDTH + COLUMN_GAP)
}

export function widthAt(depth: number): number {
  return depth === 0 ? ROOT_WIDTH : NODE_WIDTH
}

export interface HookBadge {
  types: string[]
  deletePolicies: string[]
  /** The hook's phase in the current operation (R57), once it ran. */
  phase?: string
}

export interface GraphNode {
  /** The object's uid; 'app' for the Application; `gone:<kind/ns/name>@<t>` for a deleted object. */
  id: string
  parent?: string
  depth: number
  x: number
  y: number
  kind: string
  group: string
  name: string
  namespace: string
  /** The live object (immutable: the same object means nothing changed). */
  obj?: KubeObject
  health?: HealthStatusCode
  healthMessage?: string
  /** Managed, non-hook resources only: hooks are not part of the sync status (AC controller/state.go). */
  sync?: SyncStatusCode
  requiresPruning?: boolean
  hook?: HookBadge
  /** A short word under the name: a Pod's state, "deleting". */
  info?: string
  gone?: { at: number; reason: string }
  children: number
}

export interface GraphEdge {
  id: string
  x1: number
  y1: number
  x2: number
  y2: number
  gone: boolean
}

export interface GraphModel {
  /** Depth-first, parents before children: the order of the keyboard's Up and Down. */
  nodes: GraphNode[]
  edges: GraphEdge[]
  width: number
  height: number
}

interface Draft {
  node: GraphNode
  sortKey: string
  /** Ties between lives of one name: older first, the live one last. */
  order: number
  children: Draft[]
}

export function buildGraph(source: GraphSource): GraphModel {
  const root: Draft = { node: { id: 'app', depth: 0, x: 0, y: 0, kind: 'Application', group: 'argoproj.io',
    name: source.app.name, namespace: source.app.namespace, sync: source.app.sync, health: source.app.health,
    children: 0 }, sortKey: '', order: 0, children: [] }
  const liveByKey = new Map<string, Draft>()
  const seen = new Set<string>()
  const statusByKey = new Map(source.resources.map(r => [`${r.group}/${r.kind}/${r.namespace}/${r.name}`, r]))
  const phaseByKey = hookPhases(source.results)
  const liveDraft = (obj: KubeObject, managed: boolean): Draft | undefined => {
    const uid = obj.metadata.uid ?? eventKey(objRef(obj))
    if (seen.has(uid)) return undefined
    seen.add(uid)
    const facts = source.facts(obj)
    const draft: Draft = { node: liveNode(obj, uid, facts, managed, statusByKey, phaseByKey), sortKey: sortKeyOf(obj, facts.group),
      order: Number.POSITIVE_INFINITY, children: [] }
    liveByKey.set(eventKey(objRef(obj)), draft)
    for (const child of source.dependents(obj.metadata.uid ?? '')) {
      if (child.kind === 'Event') continue
      const c = liveDraft(child, false)
      if (c) draft.children.push(c)
    }
    return draft
  }
  for (const obj of source.live) {
    const d = liveDraft(obj, true)
    if (d) root.children.push(d)
  }
  addMissing(root, liveByKey, source.resources)
  addGone(root, liveByKey, lifeIndex(source.events), source.now)
  return layout(root)
}

function objRef(obj: KubeObject) {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
}

/** Argo CD's tree orders siblings by group/kind/namespace/name (UI application-resource-tree.tsx compareNodes). */
function sortKeyOf(obj: KubeObject, group: string): string {
  return `${group}/${obj.kind}/${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`
}

function hookPhases(results: readonly ResourceResult[]): Map<string, string> {
  const phases = new Map<string, string>()
  for (const r of results) if (r.hookType && r.hookPhase) phases.set(`${r.kind}/${r.namespace}/${r.name}`, r.hookPhase)
  return phases
}

function liveNode(obj: KubeObject, uid: string, facts: ObjectFacts, managed: boolean,
  statusByKey: Map<string, ResourceStatus>, phaseByKey: Map<string, string>): GraphNode {
  const ref = objRef(obj)
  const health = facts.health
  const hook = managed ? facts.hook : undefined
  const status = managed ? statusByKey.get(sortKeyOf(obj, facts.group)) : undefined
  const info = obj.metadata.deletionTimestamp ? 'deleting' : obj.kind === 'Pod' ? podWord(obj) : undefined
  const phase = phaseByKey.get(eventKey(ref))
  return {
    id: uid, depth: 0, x: 0, y: 0, group: facts.group, ...ref, obj, children: 0,
    ...(health ? { health: health.status, ...(health.message ? { healthMessage: health.message } : {}) } : {}),
    ...(status && !status.hook && !hook ? { sync: status.status, requiresPruning: status.requiresPruning } : {}),
    ...(hook ? { hook: { types: hook.types, deletePolicies: hook.deletePolicies, ...(phase ? { phase } : {}) } } : {}),
    ...(info ? { info } : {}),
  }
}

/** What `kubectl get pods` shows in STATUS, near enough: the waiting or terminated reason, else the phase. */
function podWord(pod: KubeObject): string {
  const status = pod.status as { phase?: string; containerStatuses?: Array<{ state?: { waiting?: { reason?: string };
    terminated?: { reason?: string } } }> } | undefined
  const state = status?.containerStatuses?.[0]?.state
  return state?.waiting?.reason ?? state?.terminated?.reason ?? status?.phase ?? 'Pending'
}

/** Argo CD draws the resources of the revision not in the cluster yet too: OutOfSync, health Missing. */
function addMissing(root: Draft, liveByKey: Map<string, Draft>, resources: readonly ResourceStatus[]): void {
  for (const r of resources) {
    const key = eventKey(r)
    if (r.hook || liveByKey.has(key)) continue
    root.children.push({ node: { id: `missing:${key}`, depth: 0, x: 0, y: 0, kind: r.kind, group: r.group, name: r.name,
      namespace: r.namespace, sync: r.status, health: r.health?.status ?? 'Missing', children: 0 },
    sortKey: `${r.group}/${r.kind}/${r.namespace}/${r.name}`, order: 0, children: [] })
  }
}

/** Puts the objects gone a moment ago under their owner (itself live or gone), or under the Application. */
function addGone(root: Draft, liveByKey: Map<string, Draft>, index: LifeIndex, now: number): void {
  const gone = recentlyGone(index, now)
  const drafts = new Map<ObjectLife, Draft>()
  for (const life of gone) {
    drafts.set(life, { node: {
      id: `gone:${life.key}@${life.goneAt}`, depth: 0, x: 0, y: 0, kind: life.kind, group: groupOfKind(life.kind),
      name: life.name, namespace: life.namespace, children: 0, gone: { at: life.goneAt!, reason: goneReason(index, life) },
    }, sortKey: `${groupOfKind(life.kind)}/${life.kind}/${life.namespace}/${life.name}`,
    order: life.goneAt!, children: [] })
  }
  const parentOf = (life: ObjectLife, depth = 0): Draft | undefined => {
    if (depth > 16) return undefined
    const owner = life.owner ? ownerLife(index, life.owner, life) : undefined
    if (owner && owner.goneAt === undefined) {
      const live = liveByKey.get(owner.key)
      if (live) return live
    }
    if (owner && drafts.has(owner) && parentOf(owner, depth + 1)) return drafts.get(owner)
    return index.ownKeys.has(life.key) || liveByKey.has(life.key) ? root : undefined
  }
  for (const life of gone) parentOf(life)?.children.push(drafts.get(life)!)
}

function compareDrafts(a: Draft, b: Draft): number {
  return naturalCompare(a.sortKey, b.sortKey) || a.order - b.order
}

/** Columns by depth; a leaf takes the next row, a parent sits midway between its first and last child. */
function layout(root: Draft): GraphModel {
  const nodes: GraphNode[] = []
  const edges: GraphEdge[] = []
  let nextRow = 0
  let maxDepth = 0
  const place = (d: Draft, depth: number, parent: GraphNode | undefined): number => {
    const node = d.node
    node.depth = depth
    maxDepth = Math.max(maxDepth, depth)
    if (parent) node.parent = parent.id
    nodes.push(node)
    d.children.sort(compareDrafts)
    node.children = d.children.length
    let row: number
    if (d.children.length === 0) row = nextRow++
    else {
      const rows = d.children.map(c => place(c, depth + 1, node))
      row = (rows[0]! + rows.at(-1)!) / 2
    }
    node.x = columnX(depth)
    node.y = row * (NODE_HEIGHT + ROW_GAP)
    return row
  }
  place(root, 0, undefined)
  const byId = new Map(nodes.map(n => [n.id, n]))
  for (const n of nodes) {
    const p = n.parent !== undefined ? byId.get(n.parent) : undefined
    if (!p) continue
    edges.push({ id: `${p.id}>${n.id}`, x1: p.x + widthAt(p.depth), y1: p.y + NODE_HEIGHT / 2, x2: n.x, y2: n.y + NODE_HEIGHT / 2,
      gone: n.gone !== undefined })
  }
  return { nodes, edges, width: columnX(maxDepth) + widthAt(maxDepth),
    height: Math.max(1, nextRow) * NODE_HEIGHT + Math.max(0, nextRow - 1) * ROW_GAP }
}
