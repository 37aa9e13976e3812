// `argocd app manifests APP [--source git|live]`: the target or live objects as YAML documents.
import { stringify } from 'yaml'
import type { Application } from '../../sync/application.ts'
import { fail, fatal, out, textLines } from '../common.ts'
import type { CommandResult } from '../types.ts'

export const yamlLines = (obj: unknown): string[] => textLines(stringify(obj, { sortMapEntries: true }))

export function manifests(app: Application, source: string): CommandResult {
  if (source !== 'git' && source !== 'live') return fail(fatal(`Unknown source type '${source}'`))
  const objs = source === 'git' ? app.revision?.manifests ?? [] : [...app.live().values()]
  const lines: string[] = []
  for (const obj of objs) lines.push('---', ...yamlLines(obj))
  return out(lines)
}
