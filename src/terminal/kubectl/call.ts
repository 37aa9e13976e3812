// One kubectl call (tool, simulation, namespace, flags) and what its commands share: the `TYPE NAME` / `TYPE/NAME`
// arguments, listing by namespace and selector, and kubectl's NotFound / "No resources found" lines.
import type { KindInfo } from '../../cluster/kinds.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { matchesSelector } from '../common.ts'
import { str, type FlagValues } from '../flags.ts'
import type { TerminalContext } from '../types.ts'
import { resolveType, type TypeRef } from './resource-types.ts'

/** One kubectl call: the tool's name (`kubectl`, `oc`), the simulation, the namespace it targets and its flags. */
export interface KubectlCall {
  tool: string
  sim: Simulation
  ctx: TerminalContext
  namespace: string
  flags: FlagValues
}

export const notFoundLine = (info: Pick<KindInfo, 'plural' | 'group'>, name: string) =>
  `Error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found`

export const noResources = (k: KubectlCall, allNs: boolean, namespaced = true) =>
  allNs || !namespaced ? 'No resources found' : `No resources found in ${k.namespace} namespace.`

export const unknownType = (word: string) => `error: the server doesn't have a resource type "${word}"`

/** `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`: the requests, or an error line. */
export function resourceArgs(k: KubectlCall, args: string[]): { items: Array<{ type: TypeRef; word: string; names: string[] }> } | { error: string } {
  if (args.length === 0) return { error: 'empty' }
  if (args[0]!.includes('/')) {
    const items: Array<{ type: TypeRef; word: string; names: string[] }> = []
    for (const a of args) {
      const slash = a.indexOf('/')
      if (slash < 0) return { error: 'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'' }
      const word = a.slice(0, slash)
      const type = resolveType(k.sim, word)
      if (!type) return { error: unknownType(word) }
      items.push({ type, word, names: [a.slice(slash + 1)] })
    }
    return { items }
  }
  const [typesWord, ...names] = args
  if (names.some(n => n.includes('/'))) {
    return { error: 'error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. \'kubectl get resource/<resource_name>\' instead of \'kubectl get resource resource/<resource_name>\'' }
  }
  const items: Array<{ type: TypeRef; word: string; names: string[] }> = []
  for (const word of typesWord!.split(',').filter(w => w !== '')) {
    const type = resolveType(k.sim, word)
    if (!type) return { error: unknownType(word) }
    items.push({ type, word, names })
  }
  return { items }
}

export function listObjects(k: KubectlCall, info: KindInfo, allNs: boolean): KubeObject[] {
  const ns = info.namespaced && !allNs ? k.namespace : undefined
  const selector = str(k.flags, 'selector')
  return k.sim.fake.store.list(info.kind, ns)
    .filter(o => selector === undefined || matchesSelector(o.metadata.labels, selector))
    .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
}
