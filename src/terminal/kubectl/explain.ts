// `kubectl explain TYPE[.field]` for the simulated kinds, and for the Argo CD and Helm annotations synclab reads
// (their values too).
import { SIMULATED_KINDS } from '../../cluster/kind-docs.ts'
import {
  ANNOTATION_DOCS, DELETE_POLICY_DOCS, HELM_DELETE_POLICY_DOCS, HELM_HOOK_VALUE_DOCS, HOOK_VALUE_DOCS,
  SYNC_OPTION_DOCS_BY_ITEM,
} from '../../manifest/annotation-docs.ts'
import { ANNOTATION, ANNOTATION_KEYS } from '../../manifest/annotations.ts'
import { fail, out } from '../common.ts'
import type { CommandResult } from '../types.ts'
import type { KubectlCall } from './call.ts'
import { resolveType } from './resource-types.ts'

const plain = (md: string) => md.replace(/\*\*/g, '').replace(/`/g, '')

function wrap(text: string, indent: string, width = 80): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(w => w !== '')) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line)
      line = word
    } else line = line === '' ? word : `${line} ${word}`
  }
  if (line !== '') lines.push(indent + line)
  return lines
}

const VALUE_DOCS: Record<string, Readonly<Record<string, string>>> = {
  [ANNOTATION.hook]: HOOK_VALUE_DOCS,
  [ANNOTATION.hookDeletePolicy]: DELETE_POLICY_DOCS,
  [ANNOTATION.syncOptions]: SYNC_OPTION_DOCS_BY_ITEM,
  [ANNOTATION.helmHook]: HELM_HOOK_VALUE_DOCS,
  [ANNOTATION.helmHookDeletePolicy]: HELM_DELETE_POLICY_DOCS,
}

/** Annotation keys `kubectl explain` knows (completion offers them). */
export const EXPLAIN_WORDS = [...ANNOTATION_KEYS]

export function explain(k: KubectlCall, args: string[]): CommandResult {
  const what = args[0]
  if (what === undefined) {
    return fail('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
      `Or an Argo CD annotation: ${ANNOTATION_KEYS.join(', ')}`)
  }
  const key = what.replace(/^metadata\.annotations\./, '')
  const doc = ANNOTATION_DOCS[key]
  if (doc) {
    const lines = [`ANNOTATION:  ${key}`, `TITLE:       ${doc.title}`, '', 'DESCRIPTION:',
      ...wrap(plain(doc.description), '    ')]
    const docs = VALUE_DOCS[key]
    if (docs) {
      lines.push('', 'VALUES:')
      for (const [value, doc] of Object.entries(docs)) {
        lines.push(`  ${value}`, ...wrap(plain(doc).replace(new RegExp(`^${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*(\\(Helm\\))?\\s*—\\s*`), ''), '    '))
      }
    }
    return out(lines)
  }
  const [typeWord, ...fields] = what.split('.')
  const type = resolveType(k.sim, typeWord!)
  if (!type || !('info' in type)) return fail(`error: couldn't find resource for "${typeWord}"`)
  const info = type.info
  const kindDoc = SIMULATED_KINDS[info.kind]
  const lines = [`GROUP:      ${info.group}`, `KIND:       ${info.kind}`, `VERSION:    ${info.version}`, '']
  if (fields.length > 0) lines.push(`FIELD: ${fields.join('.')}`, '')
  lines.push('DESCRIPTION:', ...wrap(kindDoc ? plain(kindDoc) : `${info.kind} is served by the simulated API server.`, '    '))
  if (fields.length > 0) lines.push('', `    synclab documents kinds and the Argo CD annotations only; see the Kubernetes API reference for ${info.kind}.${fields.join('.')}.`)
  return out(lines)
}
