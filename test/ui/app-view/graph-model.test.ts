// The resource graph's model: Argo CD's tree in columns by owner depth, hooks with their badge, objects deleted a
// moment ago kept (faded) with why, and the equality that lets unchanged nodes skip a redraw.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/cluster/objects.ts'
import type { Application } from '../../../src/sync/application.ts'
import { Simulation } from '../../../src/sync/simulation.ts'
import { GONE_SHOWN_MS } from '../../../src/ui/app-view/graph-ghosts.ts'
import { drawKeys, sameEdges, sameNodeDrawing } from '../../../src/ui/app-view/graph-equality.ts'
import { nextNodeId } from '../../../src/ui/app-view/graph-keys.ts'
import {
  buildGraph, COLUMN_GAP, type GraphModel, type GraphNode, NODE_HEIGHT, NODE_WIDTH, ROOT_WIDTH, ROW_GAP,
} from '../../../src/ui/app-view/graph-model.ts'
import { graphSourceOf } from '../../../src/ui/app-view/graph-source.ts'
import { labManifests } from '../timeline/lab.ts'

async function start(manifests: KubeObject[] = labManifests()) {
  const sim = new Simulation({ seed: 'graph-tests' })
  const app = await sim.createApp('app', 'default')
  app.setRevision({ revision: '1111111111111111111111111111111111111111', manifests })
  await sim.advance(0)
  const graph = (now?: number): GraphModel => {
    const source = graphSourceOf({ app, dependents: uid => sim.fake.store.dependents(uid), origin: 0 })
    return buildGraph(now === undefined ? source : { ...source, now })
  }
  return { sim, app, graph }
}

const live = (app: Application, kind: string, name: string) =>
  [...app.live().values()].some(o => o.kind === kind && o.metadata.name === name)
const find = (g: GraphModel, kind: string, name?: string, gone = false) =>
  g.nodes.filter(n => n.kind === kind && (name === undefined || n.name === name || n.name.startsWith(`${name}-`)) &&
    (n.gone !== undefined) === gone)
const byId = (g: GraphModel, id: string | undefined) => g.nodes.find(n => n.id === id)

describe('buildGraph', () => {
  it('draws the Application, then what it manages, then what their controllers made, one column per depth', async () => {
    const { sim, app, graph } = await start()
    app.sync()
    await sim.run(() => live(app, 'Job', 'after'))
    const g = graph()
    const root = g.nodes[0]!
    expect(root).toMatchObject({ id: 'app', kind: 'Application', name: 'app', depth: 0, x: 0 })
    const deploy = find(g, 'Deployment', 'pre-post-sync-hook')[0]!
    const rs = find(g, 'ReplicaSet')[0]!
    const pods = find(g, 'Pod').filter(p => p.parent === rs.id)
    expect(deploy.parent).toBe('app')
    expect(rs.parent).toBe(deploy.id)
    expect(pods.length).toBeGreaterThan(0)
    expect([root.depth, deploy.depth, rs.depth, pods[0]!.depth]).toEqual([0, 1, 2, 3])
    for (const n of g.nodes) expect(n.x).toBe(n.depth === 0 ? 0 : ROOT_WIDTH + COLUMN_GAP + (n.depth - 1) * (NODE_WIDTH + COLUMN_GAP))
    // Every non-root node has one edge from its owner's right edge to its own left edge.
    expect(g.edges.length).toBe(g.nodes.length - 1)
    expect(g.edges.find(e => e.id === `app>${deploy.id}`)!.x1).toBe(ROOT_WIDTH)
    const edge = g.edges.find(e => e.id === `${deploy.id}>${rs.id}`)!
    expect(edge).toMatchObject({ x1: deploy.x + NODE_WIDTH, y1: deploy.y + NODE_HEIGHT / 2, x2: rs.x, y2: rs.y + NODE_HEIGHT / 2 })
    // A parent sits midway between its first and last child; leaves take one row each.
    const children = (n: GraphNode) => g.nodes.filter(c => c.parent === n.id)
    const kids = children(root)
    expect(root.y).toBe((kids[0]!.y + kids.at(-1)!.y) / 2)
    const rows = new Set(g.nodes.filter(n => n.children === 0).map(n => n.y / (NODE_HEIGHT + ROW_GAP)))
    expect([...rows].every(Number.isInteger)).toBe(true)
    expect(rows.size).toBe(g.nodes.filter(n => n.children === 0).length)
    // Siblings in Argo CD's order: group/kind/namespace/name (core Service before apps Deployment before batch Jobs).
    expect(kids.map(k => k.kind)).toEqual(['Service', 'Deployment', 'Job', 'Job'])
  })

  it('marks hooks with their type, phase and delete policy, and gives sync status to non-hooks only', async () => {
    const { sim, app, graph } = await start()
    app.sync()
    await sim.run(() => live(app, 'Job', 'after'))
    const g = graph()
    const after = find(g, 'Job', 'after')[0]!
    expect(after.hook).toMatchObject({ types: ['PostSync'], deletePolicies: ['HookSucceeded'], phase: 'Running' })
    expect(after.sync).toBeUndefined()
    expect(find(g, 'Job', 'before')[0]!.hook?.phase).toBe('Succeeded')
    expect(find(g, 'Deployment')[0]!.sync).toBe('Synced')
    expect(find(g, 'Deployment')[0]!.health).toBe('Healthy')
    await sim.advance(1_000)
    expect(find(graph(), 'Pod').find(p => p.parent === after.id)?.info).toMatch(/ContainerCreating|Running|Pending/)
  })

  it('keeps a hook deleted by HookSucceeded drawn, faded, with why, then drops it (R34)', async () => {
    const { sim, app, graph } = await start()
    app.sync()
    await sim.runOperation(app)
    await sim.advance(5_000)
    expect(live(app, 'Job', 'after')).toBe(false)
    const g = graph()
    const job = find(g, 'Job', 'after', true)[0]!
    expect(job.gone?.reason).toBe('deleted by HookSucceeded')
    expect(job.parent).toBe('app')
    expect(job.id).toMatch(/^gone:Job\/default\/after@/)
    const pod = find(g, 'Pod', 'after', true)[0]!
    expect(pod.parent).toBe(job.id)
    expect(pod.gone?.reason).toBe('deleted with Job/after (HookSucceeded)')
    expect(g.edges.find(e => e.id === `${job.id}>${pod.id}`)?.gone).toBe(true)
    // Still there just before the time is up, gone after it.
    expect(find(graph(job.gone!.at + GONE_SHOWN_MS), 'Job', 'after', true)).toHaveLength(1)
    expect(find(graph(job.gone!.at + GONE_SHOWN_MS + 1), 'Job', 'after', true)).toHaveLength(0)
    // Time travel: before it went, it is not a ghost.
    expect(find(graph(job.gone!.at - 1), 'Job', 'after', true)).toHaveLength(0)
  })

  it('keeps a ghost drawn at its last moment when the times have fractions (no rounding decides)', async () => {
    const { sim, app, graph } = await start()
    await sim.advance(966.6) // a Sync clicked at a fraction of a millisecond, as the page's are
    app.sync()
    await sim.runOperation(app)
    await sim.advance(5_000)
    const at = find(graph(), 'Job', 'after', true)[0]!.gone!.at
    const last = at + GONE_SHOWN_MS // where To the end stops when the hook's deletion ended the operation
    expect(last - at).not.toBe(GONE_SHOWN_MS) // the rounding this is about
    expect(find(graph(last), 'Job', 'after', true)).toHaveLength(1)
    expect(find(graph(last + 1), 'Job', 'after', true)).toHaveLength(0)
  })

  it('draws the old hook deleted by BeforeHookCreation next to the new one of the same name (R33)', async () => {
    const manifests = labManifests().map(o => o.metadata.name === 'before'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } } : o)
    const { sim, app, graph } = await start(manifests)
    app.sync()
    await sim.runOperation(app)
    await sim.advance(5_000)
    app.sync()
    await sim.run(() => app.events.some(e => e.type === 'gone' && e.kind === 'Job' && e.name === 'before') &&
      live(app, 'Job', 'before'))
    const g = graph()
    const old = find(g, 'Job', 'before', true)[0]!
    const fresh = find(g, 'Job', 'before')[0]!
    expect(old.gone?.reason).toBe('deleted by BeforeHookCreation')
    expect(fresh.hook?.deletePolicies).toEqual(['BeforeHookCreation'])
    expect(g.nodes.indexOf(old)).toBeLessThan(g.nodes.indexOf(fresh))
  })

  it('draws the resources not synced yet as Argo CD does: OutOfSync and Missing; hooks only once they exist', async () => {
    const { graph } = await start()
    const g = graph()
    expect(g.nodes.map(n => `${n.kind}/${n.name}`)).toEqual(['Application/app', 'Service/pre-post-sync-hook',
      'Deployment/pre-post-sync-hook'])
    expect(g.nodes.slice(1).every(n => n.sync === 'OutOfSync' && n.health === 'Missing' && n.obj === undefined)).toBe(true)
    expect(g.nodes[0]).toMatchObject({ sync: 'OutOfSync', health: 'Missing' })
    expect(g.edges.map(e => e.id)).toEqual(['app>missing:Service/default/pre-post-sync-hook',
      'app>missing:Deployment/default/pre-post-sync-hook'])
    expect(g.width).toBe(ROOT_WIDTH + COLUMN_GAP + NODE_WIDTH)
  })
})

describe('drawKeys (the element each node is drawn in)', () => {
  it('keeps the key of a Missing resource once it is created, and keys an old life apart from the new one (R33)', async () => {
    const manifests = labManifests().map(o => o.metadata.name === 'before'
      ? { ...o, metadata: { ...o.metadata, annotations: { 'argocd.argoproj.io/hook': 'PreSync' } } } : o)
    const { sim, app, graph } = await start(manifests)
    const keyOf = (g: GraphModel, node: GraphNode) => drawKeys(g.nodes)[g.nodes.indexOf(node)]
    const before = graph()
    const missing = find(before, 'Deployment', 'pre-post-sync-hook')[0]!
    app.sync()
    await sim.runOperation(app)
    await sim.advance(5_000)
    const after = graph()
    const created = find(after, 'Deployment', 'pre-post-sync-hook')[0]!
    expect(missing.id).not.toBe(created.id)
    expect(keyOf(after, created)).toBe(keyOf(before, missing))
    app.sync()
    await sim.run(() => app.events.some(e => e.type === 'gone' && e.kind === 'Job' && e.name === 'before') &&
      live(app, 'Job', 'before'))
    const g = graph()
    const keys = drawKeys(g.nodes)
    expect(new Set(keys).size).toBe(keys.length)
    expect(keyOf(g, find(g, 'Job', 'before', true)[0]!)).toBe(find(g, 'Job', 'before', true)[0]!.id)
  })
})

describe('sameNodeDrawing (memo equality)', () => {
  it('holds for nodes built twice from the same cluster, fails for the nodes whose object or status changed', async () => {
    const { sim, app, graph } = await start()
    app.sync()
    await sim.run(() => live(app, 'Job', 'after'))
    const a = graph()
    const b = graph()
    a.nodes.forEach((n, i) => expect(sameNodeDrawing(n, b.nodes[i]!)).toBe(true))
    expect(sameEdges(a.edges, b.edges)).toBe(true)
    await sim.advance(3_000)
    const c = graph()
    const same = a.nodes.filter(n => byId(c, n.id) && sameNodeDrawing(n, byId(c, n.id)!))
    const changed = a.nodes.filter(n => byId(c, n.id) && !sameNodeDrawing(n, byId(c, n.id)!))
    expect(same.map(n => n.kind)).toContain('Service') // untouched: no redraw
    expect(changed.length).toBeGreaterThan(0) // the running hook's Job or Pod moved on
    for (const n of changed) {
      const m = byId(c, n.id)!
      expect(n.obj !== m.obj || n.health !== m.health || n.hook?.phase !== m.hook?.phase || n.y !== m.y ||
        n.sync !== m.sync || n.children !== m.children).toBe(true)
    }
    const node = a.nodes[1]!
    expect(sameNodeDrawing(node, { ...node, y: node.y + 1 })).toBe(false)
    expect(sameNodeDrawing(node, { ...node, gone: { at: 0, reason: 'deleted' } })).toBe(false)
    expect(sameNodeDrawing(node, { ...node, obj: { ...node.obj! } })).toBe(false)
    expect(sameEdges(a.edges, a.edges.slice(1))).toBe(false)
  })
})

describe('nextNodeId (keyboard)', () => {
  it('walks depth-first with Up/Down, to the parent with Left and the first child with Right', async () => {
    const { sim, app, graph } = await start()
    app.sync()
    await sim.runOperation(app)
    const g = graph()
    const deploy = find(g, 'Deployment')[0]!
    const rs = find(g, 'ReplicaSet')[0]!
    expect(nextNodeId(g.nodes, deploy.id, 'ArrowRight')).toBe(rs.id)
    expect(nextNodeId(g.nodes, rs.id, 'ArrowLeft')).toBe(deploy.id)
    expect(nextNodeId(g.nodes, deploy.id, 'ArrowDown')).toBe(rs.id)
    expect(nextNodeId(g.nodes, rs.id, 'Home')).toBe('app')
    expect(nextNodeId(g.nodes, 'app', 'End')).toBe(g.nodes.at(-1)!.id)
    expect(nextNodeId(g.nodes, 'app', 'ArrowUp')).toBeUndefined()
    expect(nextNodeId(g.nodes, 'app', 'a')).toBeUndefined()
  })
})
