// `argocd app resources APP [--orphaned]`: the Application's managed resources.
import type { Application } from '../../sync/application.ts'
import { tabwrite } from '../../present/go-format.ts'
import { out, textLines } from '../common.ts'
import type { CommandResult } from '../types.ts'

export function resources(app: Application, orphanedOnly: boolean): CommandResult {
  if (orphanedOnly) return out(['No orphaned resources found'])
  const rows = ['GROUP\tKIND\tNAMESPACE\tNAME\tORPHANED']
  const key = (r: { group: string; kind: string; namespace: string; name: string }) =>
    `${r.group}/${r.kind}/${r.namespace}/${r.name}`
  const sorted = app.status().resources.filter(r => !r.hook).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
  for (const r of sorted) rows.push(`${r.group}\t${r.kind}\t${r.namespace}\t${r.name}\tNo`)
  return out(textLines(tabwrite(rows, 0, 2)))
}
