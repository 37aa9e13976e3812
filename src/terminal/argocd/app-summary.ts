// What `app get`, `app sync` and `app wait` print of an Application: the summary table (printAppSummaryTable), its
// resource rows (getResourceStates) and the Operation block.
import type { Application, OperationRecord, OperationResult } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import type { ResourceKey } from '../../sync/types.ts'
import { formatOperation, resourceStateRows, type ResourceRow } from '../../present/argocd-sync-output.ts'
import { ARGOCD_SERVER, specOf, textLines } from '../common.ts'
import type { TerminalContext } from '../types.ts'

function syncPolicyText(app: Application): string {
  const a = app.syncPolicy?.automated
  if (!a) return 'Manual'
  return a.prune ? 'Automated (Prune)' : 'Automated'
}

const opFmt = (label: string, value: string): string => `${label.padEnd(20, ' ')}${value}`

/** printAppSummaryTable. */
export function summaryLines(app: Application, sim: Simulation, ctx: TerminalContext): string[] {
  const spec = specOf(sim, app, ctx)
  const st = app.status()
  const rev = app.revision?.revision ?? ''
  const short = rev.length > 7 && !/^[0-9a-f]{40}$/.test(spec.targetRevision) ? ` (${rev.slice(0, 7)})` : ''
  const syncStatus = st.sync === 'Synced' ? `Synced to ${spec.targetRevision}${short}`
    : st.sync === 'OutOfSync' ? `OutOfSync from ${spec.targetRevision}${short}` : st.sync
  return [
    opFmt('Name:', `argocd/${app.name}`),
    opFmt('Project:', spec.project),
    opFmt('Server:', spec.destServer),
    opFmt('Namespace:', app.namespace),
    opFmt('URL:', `https://${ARGOCD_SERVER}/applications/${app.name}`),
    'Source:',
    opFmt('- Repo:', spec.repo),
    opFmt('  Target:', spec.targetRevision),
    ...(spec.path !== '' ? [opFmt('  Path:', spec.path)] : []),
    opFmt('SyncWindow:', 'Sync Allowed'),
    opFmt('Sync Policy:', syncPolicyText(app)),
    opFmt('Sync Status:', syncStatus),
    opFmt('Health Status:', app.deletion ? st.health : st.health),
  ]
}

/** argo-cd getResourceStates: the last operation's results first (hook rows show the quirk), then the rest. */
export function resourceRows(app: Application, result: OperationResult | undefined,
  selected?: ResourceKey[]): ResourceRow[] {
  const managed = new Map<string, ResourceRow>()
  for (const r of app.status().resources) {
    if (r.hook) continue
    const key = `${r.group}/${r.kind}/${r.namespace}/${r.name}`
    managed.set(key, { group: r.group, kind: r.kind, namespace: r.namespace, name: r.name, status: r.status,
      health: r.health?.status ?? '', hook: '', message: '' })
  }
  return resourceStateRows(managed, result?.resources ?? [], selected)
}

export function operationLines(record: OperationRecord, now: number): string[] {
  const r = record.result()
  return textLines(formatOperation({ phase: r.phase, message: r.message, revision: r.revision, startedAt: r.startedAt,
    ...(r.finishedAt !== undefined ? { finishedAt: r.finishedAt } : {}) }, now))
}
