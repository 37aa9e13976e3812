// `kubectl get`: tables (one per type, `TYPE/NAME` when several), `-o wide|name|yaml|json`, `-A`, `-l`, nodes and
// events; `-w` is get-watch.ts.
import { stringify } from 'yaml'
import { kubectlKindName } from '../../cluster/kinds.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import { fail, kubectlTable, textLines } from '../common.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult } from '../types.ts'
import { type KubectlCall, listObjects, noResources, notFoundLine, resourceArgs } from './call.ts'
import { watchGet } from './get-watch.ts'
import { resolveType } from './resource-types.ts'
import { clusterEvents, eventRows, tableRows } from './table.ts'
import { NODE_HEADER, nodeRows } from './workloads.ts'

const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob']

function serialize(all: KubeObject[], single: boolean, format: 'yaml' | 'json'): string[] {
  const objs = all.map(withoutManagedFields)
  const doc = single && objs.length === 1 ? objs[0] : { apiVersion: 'v1', items: objs, kind: 'List', metadata: { resourceVersion: '' } }
  return format === 'json' ? JSON.stringify(doc, null, 4).split('\n') : textLines(stringify(doc))
}

/** kubectl get -o yaml|json leaves managedFields out unless --show-managed-fields (server-side apply writes them). */
function withoutManagedFields(obj: KubeObject): KubeObject {
  if (!('managedFields' in obj.metadata)) return obj
  const { managedFields: _hidden, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown }
  return { ...obj, metadata }
}

export function get(k: KubectlCall, args: string[]): CommandResult {
  if (args.length === 0) {
    return fail('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.',
      '', 'error: Required resource not specified.',
      'Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).',
      `See '${k.tool} get -h' for help and examples`)
  }
  const parsed = resourceArgs(k, args)
  if ('error' in parsed) return fail(parsed.error)
  const output = str(k.flags, 'output')
  if (output !== undefined && !['wide', 'yaml', 'json', 'name'].includes(output)) {
    return fail(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: ` +
      'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml')
  }
  const allNs = bool(k.flags, 'all-namespaces')
  const watch = bool(k.flags, 'watch') || bool(k.flags, 'watch-only')
  const now = k.sim.fake.now()
  // Expand `all` into its kinds.
  const items = parsed.items.flatMap(it => it.type.kind === 'all'
    ? ALL_KINDS.map(kind => ({ type: resolveType(k.sim, kind)!, word: kind, names: it.names }))
    : [it])
  if (watch) {
    const kinds = new Set(items.map(i => i.type.kind))
    if (kinds.size > 1 || parsed.items.some(i => i.type.kind === 'all')) {
      return fail(`error: you may only specify a single resource type`)
    }
    return watchGet(k, items[0]!.type, items[0]!.names, allNs, output)
  }
  const lines: string[] = []
  const errors: string[] = []
  const multi = items.length > 1 || parsed.items.some(i => i.type.kind === 'all')
  const collected: KubeObject[] = []
  let printedAny = false
  for (const { type, names } of items) {
    if (type.kind === 'Event') {
      const evs = clusterEvents(k, allNs)
      if (evs.length === 0) continue
      if (lines.length > 0) lines.push('')
      lines.push(...kubectlTable(eventRows(k, allNs, evs, now, !bool(k.flags, 'no-headers'))))
      printedAny = true
      continue
    }
    if (type.kind === 'Node') {
      const rows = nodeRows(k.sim.fake.nodes, names, now)
      errors.push(...names.filter(n => !k.sim.fake.nodes.some(x => x.name === n))
        .map(n => `Error from server (NotFound): nodes "${n}" not found`))
      if (rows.length === 0) continue
      if (lines.length > 0) lines.push('')
      lines.push(...kubectlTable(bool(k.flags, 'no-headers') ? rows : [NODE_HEADER, ...rows]))
      printedAny = true
      continue
    }
    if (!('info' in type)) continue
    const info = type.info
    let objs: KubeObject[]
    if (names.length > 0) {
      objs = []
      for (const name of names) {
        const obj = k.sim.fake.store.get({ kind: info.kind, namespace: info.namespaced ? k.namespace : '', name })
        if (obj) objs.push(obj)
        else errors.push(notFoundLine(info, name))
      }
    } else objs = listObjects(k, info, allNs)
    if (objs.length === 0) continue
    collected.push(...objs)
    if (output === 'yaml' || output === 'json') continue
    if (output === 'name') {
      lines.push(...objs.map(o => `${kubectlKindName(info)}/${o.metadata.name ?? ''}`))
      printedAny = true
      continue
    }
    if (lines.length > 0) lines.push('')
    lines.push(...kubectlTable(tableRows(info.kind, objs, now, { allNs, wide: output === 'wide',
      showLabels: bool(k.flags, 'show-labels'), prefix: multi ? kubectlKindName(info) : undefined,
      headers: !bool(k.flags, 'no-headers') })))
    printedAny = true
  }
  if (output === 'yaml' || output === 'json') {
    const single = items.length === 1 && items[0]!.names.length === 1
    if (collected.length > 0 || !single) lines.push(...serialize(collected, single, output))
  } else if (!printedAny && errors.length === 0) {
    const namespaced = items.every(i => !('info' in i.type) || i.type.info.namespaced)
    lines.push(noResources(k, allNs, namespaced))
  }
  return { lines: [...errors, ...lines], exitCode: errors.length > 0 ? 1 : 0 }
}
