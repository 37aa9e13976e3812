// `argocd app get APP [-o json|yaml|name|wide|tree] [--show-operation]`: the summary, the Operation block and the
// resource table (or tree), or the Application as an object.
import { stringify } from 'yaml'
import { EPOCH_MS } from '../../cluster/clock.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { formatResources, type ResourceRow } from '../../present/argocd-sync-output.ts'
import { tabwrite } from '../../present/go-format.ts'
import { fail, fatal, out, specOf, textLines } from '../common.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { operationLines, resourceRows, summaryLines } from './app-summary.ts'

export function get(app: Application, sim: Simulation, ctx: TerminalContext, output: string | undefined,
  showOperation: boolean): CommandResult {
  if (output === 'json' || output === 'yaml') {
    const doc = applicationObject(app, sim, ctx)
    return out(output === 'json' ? JSON.stringify(doc, null, 4).split('\n') : textLines(stringify(doc)))
  }
  if (output === 'name') return out([`argocd/${app.name}`])
  if (output !== undefined && output !== 'wide' && output !== 'tree' && output !== 'tree=detailed') {
    return fail(fatal(`unknown output format: ${output}`))
  }
  const lines = summaryLines(app, sim, ctx)
  const current = app.currentOperation
  if (showOperation && current) lines.push('', ...operationLines(current, sim.fake.now()))
  const rows = resourceRows(app, current?.result())
  if (rows.length > 0) {
    lines.push('')
    if (output === 'tree' || output === 'tree=detailed') lines.push(...treeLines(app, sim, rows))
    else lines.push(...textLines(formatResources(rows)))
  }
  return out(lines)
}

function treeLines(app: Application, sim: Simulation, rows: ResourceRow[]): string[] {
  const lines = ['KIND/NAME\tSTATUS\tHEALTH\tMESSAGE']
  const store = sim.fake.store
  const children = (obj: KubeObject, depth: number) => {
    for (const child of store.dependents(obj.metadata.uid ?? '')) {
      const health = sim.fake.health(child)?.status ?? ''
      lines.push(`${'│ '.repeat(depth - 1)}└─${child.kind}/${child.metadata.name ?? ''}\t\t${health}\t`)
      children(child, depth + 1)
    }
  }
  for (const r of rows) {
    lines.push(`${r.kind}/${r.name}\t${r.status}\t${r.health}\t${r.message}`)
    const live = store.get({ kind: r.kind, namespace: r.namespace, name: r.name })
    if (live) children(live, 1)
  }
  void app
  return textLines(tabwrite(lines, 0, 2))
}

function applicationObject(app: Application, sim: Simulation, ctx: TerminalContext): Record<string, unknown> {
  const spec = specOf(sim, app, ctx)
  const st = app.status()
  const op = app.currentOperation?.result()
  const toTime = (ms: number) => new Date(EPOCH_MS + Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
  return {
    apiVersion: 'argoproj.io/v1alpha1', kind: 'Application',
    metadata: { name: app.name, namespace: 'argocd' },
    spec: {
      destination: { namespace: app.namespace, server: spec.destServer },
      project: spec.project,
      source: { path: spec.path, repoURL: spec.repo, ...(spec.targetRevision ? { targetRevision: spec.targetRevision } : {}) },
      ...(app.syncPolicy ? { syncPolicy: { automated: app.syncPolicy.automated } } : {}),
    },
    status: {
      health: { status: st.health },
      ...(op ? { operationState: { phase: op.phase, message: op.message, startedAt: toTime(op.startedAt),
        ...(op.finishedAt !== undefined ? { finishedAt: toTime(op.finishedAt) } : {}),
        syncResult: { revision: op.revision, resources: op.resources } } } : {}),
      resources: st.resources.filter(r => !r.hook).map(r => ({ group: r.group || undefined, version: r.version,
        kind: r.kind, namespace: r.namespace, name: r.name, status: r.status,
        ...(r.health ? { health: r.health } : {}) })),
      sync: { status: st.sync, revision: app.revision?.revision ?? '' },
      history: app.history.map(h => ({ id: h.id, revision: h.revision, deployStartedAt: toTime(h.deployStartedAt),
        deployedAt: toTime(h.deployedAt) })),
    },
  }
}
