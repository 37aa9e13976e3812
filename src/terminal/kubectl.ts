// `kubectl` (and `oc`, the same commands): get, describe, logs, delete, apply, explain, against the simulated
// cluster, with kubectl's columns, status words, AGE and error messages.
import { stringify } from 'yaml'
import { isNotFound, ApiError } from '../cluster/errors.ts'
import type { ClusterEvent } from '../cluster/events.ts'
import { type KindInfo, kubectlKindName } from '../cluster/kinds.ts'
import type { DaemonSet, Deployment, Job, KubeObject, Pod, ReplicaSet, StatefulSet } from '../cluster/objects.ts'
import type { PropagationPolicy } from '../cluster/store.ts'
import { parseTimestamp } from '../cluster/clock.ts'
import { ANNOTATION, ANNOTATION_KEYS } from '../manifest/annotations.ts'
import { parseManifests } from '../manifest/index.ts'
import type { Simulation } from '../sync/simulation.ts'
import { kubectlPodRow } from '../cluster/print-pod.ts'
import {
  ANNOTATION_DOCS, DELETE_POLICY_DOCS, HELM_DELETE_POLICY_DOCS, HELM_HOOK_VALUE_DOCS, HOOK_VALUE_DOCS,
  SYNC_OPTION_DOCS_BY_ITEM,
} from '../manifest/annotation-docs.ts'
import { SIMULATED_KINDS } from '../cluster/kind-docs.ts'
import type { Columns } from './kubectl-describe.ts'
import { containerLines, containersOf, eventsLines, metaLines, none, selectorText } from './kubectl-describe.ts'
import { describeDaemonSet, describeStatefulSet, NODE_HEADER, nodeRows, workloadColumns } from './kubectl-workloads.ts'
import { storageColumns } from './kubectl-storage.ts'
import {
  age, createdAt, fail, goTabwriter, rememberingTable, humanDuration, kubectlTable, matchesSelector, out, rfc1123z, textLines, userOf,
} from './common.ts'
import { bool, FlagError, type FlagSpec, list, parseFlags, str, type FlagValues } from './flags.ts'
import type { CommandResult, CommandWatch, TerminalContext } from './types.ts'

const NS: FlagSpec = { name: 'namespace', short: 'n', type: 'string', help: 'If present, the namespace scope for this CLI request' }
const ALL_NS: FlagSpec = { name: 'all-namespaces', short: 'A', type: 'bool', help: 'List the requested object(s) across all namespaces' }
const SELECTOR: FlagSpec = { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on' }
const HELP: FlagSpec = { name: 'help', short: 'h', type: 'bool', help: 'help for this command' }
const GLOBAL: FlagSpec[] = [NS, HELP, { name: 'context', type: 'string' }, { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' }, { name: 'v', short: 'v', type: 'string' }]

export const KUBECTL_COMMANDS: Record<string, { help: string; flags: FlagSpec[] }> = {
  get: { help: 'Display one or many resources', flags: [ALL_NS, SELECTOR,
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'yaml', 'json', 'name'], help: 'Output format. One of: (json, yaml, name, wide)' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', help: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'show-labels', type: 'bool', help: 'When printing, show all labels as the last column' },
    { name: 'no-headers', type: 'bool', help: "When using the default or custom-column output format, don't print headers" },
  ] },
  describe: { help: 'Show details of a specific resource or group of resources', flags: [ALL_NS, SELECTOR] },
  logs: { help: 'Print the logs for a container in a pod', flags: [
    { name: 'follow', short: 'f', type: 'bool', help: 'Specify if the logs should be streamed.' },
    { name: 'container', short: 'c', type: 'string', help: 'Print the logs of this container' },
    { name: 'previous', short: 'p', type: 'bool', help: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'string', help: 'Lines of recent log file to display.' },
    { name: 'timestamps', type: 'bool', help: 'Include timestamps on each line in the log output' },
    { name: 'all-containers', type: 'bool', help: 'Get all containers\' logs in the pod(s).' },
  ] },
  delete: { help: 'Delete resources by file names, stdin, resources and names, or by resources and label selector', flags: [
    ALL_NS, SELECTOR, { name: 'all', type: 'bool', help: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'cascade', type: 'string', values: ['background', 'foreground', 'orphan'], help: 'Must be "background", "orphan", or "foreground".' },
    { name: 'grace-period', type: 'string', help: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'now', type: 'bool', help: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'force', type: 'bool', help: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'wait', type: 'string', help: 'If true, wait for resources to be gone before returning.' },
    { name: 'filename', short: 'f', type: 'strings', help: 'containing the resource to delete.' },
  ] },
  apply: { help: 'Apply a configuration to a resource by file name or stdin', flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'dry-run', type: 'string', values: ['none', 'client', 'server'], help: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', values: ['name', 'yaml', 'json'] },
  ] },
  explain: { help: 'Get documentation for a resource (and the Argo CD annotations synclab knows)', flags: [
    { name: 'recursive', type: 'bool' }] },
  create: { help: 'Create a resource (namespace)', flags: [] },
  version: { help: 'Print the client and server version information', flags: [] },
  'api-resources': { help: 'Print the supported API resources on the server', flags: [] },
}

const SHORT_NAMES: Record<string, string> = {
  po: 'Pod', deploy: 'Deployment', rs: 'ReplicaSet', svc: 'Service', cm: 'ConfigMap', ns: 'Namespace',
  sa: 'ServiceAccount', pvc: 'PersistentVolumeClaim', pv: 'PersistentVolume', cj: 'CronJob', sts: 'StatefulSet',
  ds: 'DaemonSet', ing: 'Ingress', hpa: 'HorizontalPodAutoscaler', pdb: 'PodDisruptionBudget', crd: 'CustomResourceDefinition',
  netpol: 'NetworkPolicy', rc: 'ReplicationController', ep: 'Endpoints', sc: 'StorageClass', limits: 'LimitRange',
  quota: 'ResourceQuota',
}

/** A resource type word: a kind, or the cluster's Events, or `all`. */
type TypeRef = { kind: 'Event' } | { kind: 'all' } | { kind: 'Node' } | { kind: string; info: KindInfo }

export function resolveType(sim: Simulation, word: string): TypeRef | undefined {
  const w = word.toLowerCase()
  if (w === 'all') return { kind: 'all' }
  if (w === 'ev' || w === 'event' || w === 'events' || w === 'events.events.k8s.io') return { kind: 'Event' }
  if (w === 'no' || w === 'node' || w === 'nodes') return { kind: 'Node' } // the simulated cluster's nodes (R96)
  const base = w.includes('.') ? w.slice(0, w.indexOf('.')) : w
  const group = w.includes('.') ? w.slice(w.indexOf('.') + 1) : undefined
  for (const info of sim.fake.store.kinds.all()) {
    if (group !== undefined && info.group !== group) continue
    const k = info.kind.toLowerCase()
    if (base === k || base === info.plural || SHORT_NAMES[base] === info.kind) return { kind: info.kind, info }
  }
  return undefined
}

/** Words completion offers for resource types. */
export const TYPE_WORDS = ['pods', 'jobs', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'nodes', 'services',
  'configmaps', 'events', 'all', 'namespaces', 'secrets', 'po', 'deploy', 'rs', 'sts', 'ds', 'svc', 'cm', 'ev', 'ns']

const ALL_KINDS = ['Pod', 'Service', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'Job', 'CronJob']

export function kubectlCommand(tool: string, argv: string[], ctx: TerminalContext): CommandResult {
  const [verb, ...rest] = argv
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') return out(kubectlHelp(tool))
  const spec = KUBECTL_COMMANDS[verb]
  if (!spec) {
    if (verb.startsWith('-')) return fail(`error: unknown flag: ${verb.split('=')[0]}`, `See '${tool} --help' for usage.`)
    return fail(`error: unknown command "${verb}" for "${tool}"`, `Run '${tool} --help' for usage.`)
  }
  let parsed
  try {
    parsed = parseFlags(rest, [...spec.flags, ...GLOBAL])
  } catch (e) {
    if (e instanceof FlagError) {
      return fail(`error: ${e.message.replace(/^unknown shorthand flag/, 'unknown shorthand flag')}`,
        `See '${tool} ${verb} --help' for usage.`)
    }
    throw e
  }
  const { args, flags } = parsed
  if (bool(flags, 'help')) return out([spec.help, '', 'Usage:', `  ${tool} ${verb} [options]`, '', 'Options:',
    ...goTabwriter(spec.flags.map(fl => `    ${fl.short ? `-${fl.short}, ` : ''}--${fl.name}\t${fl.help ?? ''}`), 0, 2)])
  const sim = ctx.simulation()
  sim.fake.ensureNamespace(userOf(ctx))
  const namespace = str(flags, 'namespace') ?? userOf(ctx)
  const k = { tool, sim, ctx, namespace, flags }
  switch (verb) {
    case 'get': return get(k, args)
    case 'describe': return describe(k, args)
    case 'logs': return logs(k, args)
    case 'delete': return del(k, args)
    case 'apply': return apply(k)
    case 'explain': return explain(k, args)
    case 'create': return create(k, args)
    case 'version': return out(['Client Version: v1.32.0', 'Kustomize Version: v5.5.0', 'Server Version: v1.32.0+synclab'])
    case 'api-resources': return apiResources(sim)
  }
  return fail(`error: unknown command "${verb}" for "${tool}"`)
}

interface K {
  tool: string
  sim: Simulation
  ctx: TerminalContext
  namespace: string
  flags: FlagValues
}

const notFoundLine = (info: Pick<KindInfo, 'plural' | 'group'>, name: string) =>
  `Error from server (NotFound): ${info.group ? `${info.plural}.${info.group}` : info.plural} "${name}" not found`

const noResources = (k: K, allNs: boolean, namespaced = true) =>
  allNs || !namespaced ? 'No resources found' : `No resources found in ${k.namespace} namespace.`

const unknownType = (word: string) => `error: the server doesn't have a resource type "${word}"`

/** `TYPE[,TYPE] [NAME...]` or `TYPE/NAME...`: the requests, or an error line. */
function resourceArgs(k: K, args: string[]): { items: Array<{ type: TypeRef; word: string; names: string[] }> } | { error: string } {
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

function listObjects(k: K, info: KindInfo, allNs: boolean): KubeObject[] {
  const ns = info.namespaced && !allNs ? k.namespace : undefined
  const selector = str(k.flags, 'selector')
  return k.sim.fake.store.list(info.kind, ns)
    .filter(o => selector === undefined || matchesSelector(o.metadata.labels, selector))
    .sort((a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
}

// get


function restartsText(pod: Pod, now: number): string {
  const r = kubectlPodRow(pod)
  if (r.restarts === 0 || r.lastRestartAt === undefined) return String(r.restarts)
  return `${r.restarts} (${humanDuration(now - r.lastRestartAt)} ago)`
}


function columnsFor(kind: string, wide: boolean): Columns {
  const workload = workloadColumns(kind, wide) ?? storageColumns(kind, wide)
  if (workload) return workload
  switch (kind) {
    case 'Pod':
      return {
        header: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', ...(wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : [])],
        row: (obj, now) => {
          const pod = obj as Pod
          const r = kubectlPodRow(pod)
          return [pod.metadata.name ?? '', `${r.ready}/${r.containers}`, r.status, restartsText(pod, now), age(pod, now),
            ...(wide ? [none(pod.status?.podIP), none(pod.spec.nodeName), '<none>', '<none>'] : [])]
        },
      }
    case 'Job':
      return {
        header: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const job = obj as Job
          const s = job.status ?? {}
          const has = (t: string) => s.conditions?.some(c => c.type === t && c.status === 'True') ?? false
          const status = has('Complete') ? 'Complete' : has('Failed') ? 'Failed' : job.metadata.deletionTimestamp ? 'Terminating'
            : has('Suspended') ? 'Suspended' : has('FailureTarget') ? 'FailureTarget' : has('SuccessCriteriaMet') ? 'SuccessCriteriaMet' : 'Running'
          const start = s.startTime ? parseTimestamp(s.startTime) : undefined
          const duration = start === undefined ? '' : humanDuration((s.completionTime ? parseTimestamp(s.completionTime) : now) - start)
          const cs = containersOf(job.spec.template)
          return [job.metadata.name ?? '', status, `${s.succeeded ?? 0}/${job.spec.completions ?? 1}`, duration, age(job, now),
            ...(wide ? [cs.map(c => c.name).join(','), cs.map(c => c.image).join(','), selectorText(job.spec.selector)] : [])]
        },
      }
    case 'Deployment':
      return {
        header: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const d = obj as Deployment
          const s = d.status ?? {}
          const cs = containersOf(d.spec.template)
          return [d.metadata.name ?? '', `${s.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`, String(s.updatedReplicas ?? 0),
            String(s.availableReplicas ?? 0), age(d, now),
            ...(wide ? [cs.map(c => c.name).join(','), cs.map(c => c.image).join(','), selectorText(d.spec.selector)] : [])]
        },
      }
    case 'ReplicaSet':
      return {
        header: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE', ...(wide ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
        row: (obj, now) => {
          const rs = obj as ReplicaSet
          const s = rs.status ?? {}
          const cs = containersOf(rs.spec.template)
          return [rs.metadata.name ?? '', String(rs.spec.replicas ?? 1), String(s.replicas ?? 0), String(s.readyReplicas ?? 0),
            age(rs, now), ...(wide ? [cs.map(c => c.name).join(','), cs.map(c => c.image).join(','), selectorText(rs.spec.selector)] : [])]
        },
      }
    case 'Service':
      return {
        header: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE', ...(wide ? ['SELECTOR'] : [])],
        row: (obj, now) => {
          const spec = (obj.spec ?? {}) as { type?: string; clusterIP?: string; selector?: Record<string, string>;
            ports?: Array<{ port?: number; protocol?: string; nodePort?: number }> }
          const ports = (spec.ports ?? []).map(p => `${p.port ?? ''}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',')
          const type = spec.type ?? 'ClusterIP'
          return [obj.metadata.name ?? '', type, spec.clusterIP ?? clusterIp(obj),
            type === 'LoadBalancer' ? '<pending>' : '<none>', none(ports), age(obj, now),
            ...(wide ? [selectorText({ matchLabels: spec.selector ?? {} })] : [])]
        },
      }
    case 'ConfigMap':
      return { header: ['NAME', 'DATA', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', String(Object.keys((obj['data'] as object | undefined) ?? {}).length), age(obj, now)] }
    case 'Secret':
      return { header: ['NAME', 'TYPE', 'DATA', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', String(obj['type'] ?? 'Opaque'), String(Object.keys((obj['data'] as object | undefined) ?? {}).length), age(obj, now)] }
    case 'Namespace':
      return { header: ['NAME', 'STATUS', 'AGE'], row: (obj, now) =>
        [obj.metadata.name ?? '', obj.metadata.deletionTimestamp ? 'Terminating' : 'Active', age(obj, now)] }
    default:
      return { header: ['NAME', 'AGE'], row: (obj, now) => [obj.metadata.name ?? '', age(obj, now)] }
  }
}

/** The simulated API server assigns no ClusterIP; a stable one from the uid. */
function clusterIp(obj: KubeObject): string {
  let h = 0
  for (const c of obj.metadata.uid ?? obj.metadata.name ?? '') h = (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0
  return `10.96.${(h >>> 8) % 256}.${h % 254 + 1}`
}

function labelsText(obj: KubeObject): string {
  return none(Object.entries(obj.metadata.labels ?? {}).map(([a, b]) => `${a}=${b}`).join(','))
}

interface TableOpts { allNs: boolean; wide: boolean; showLabels: boolean; prefix: string | undefined; headers: boolean }

function tableRows(kind: string, objs: KubeObject[], now: number, o: TableOpts): string[][] {
  const cols = columnsFor(kind, o.wide)
  const header = [...(o.allNs ? ['NAMESPACE'] : []), ...cols.header, ...(o.showLabels ? ['LABELS'] : [])]
  const rows = objs.map(obj => {
    const cells = cols.row(obj, now)
    if (o.prefix) cells[0] = `${o.prefix}/${cells[0]}`
    return [...(o.allNs ? [obj.metadata.namespace ?? ''] : []), ...cells, ...(o.showLabels ? [labelsText(obj)] : [])]
  })
  return o.headers ? [header, ...rows] : rows
}

function eventRows(k: K, allNs: boolean, events: readonly ClusterEvent[], now: number, headers: boolean): string[][] {
  const rows = events.map(e => [...(allNs ? [e.involved.namespace] : []), humanDuration(now - e.at), e.type, e.reason,
    `${e.involved.kind.toLowerCase()}/${e.involved.name}`, e.message])
  void k
  return headers ? [[...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'], ...rows] : rows
}

function clusterEvents(k: K, allNs: boolean): ClusterEvent[] {
  return k.sim.fake.events.events.filter(e => allNs || e.involved.namespace === k.namespace)
}

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

function get(k: K, args: string[]): CommandResult {
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

/** `kubectl get TYPE -w`: the table, then a line whenever an object's row changes or it goes. */
function watchGet(k: K, type: TypeRef, names: string[], allNs: boolean, output: string | undefined): CommandResult {
  const watch: CommandWatch = {
    start(emit, done) {
      void done
      const fake = k.sim.fake
      let headerShown = false
      const table = rememberingTable()
      const opts: TableOpts = { allNs, wide: output === 'wide', showLabels: bool(k.flags, 'show-labels'), prefix: undefined,
        headers: false }
      const print = (rows: string[][], header: string[]) => {
        if (!headerShown && output !== 'name') {
          headerShown = true
          rows = [header, ...rows]
        }
        for (const l of table(rows)) emit(l)
      }
      if (type.kind === 'Event') {
        let seen = 0
        const header = eventRows(k, allNs, [], 0, true)[0]!
        const poll = () => {
          const evs = clusterEvents(k, allNs)
          if (evs.length <= seen) return
          const fresh = evs.slice(seen)
          seen = evs.length
          for (const e of fresh) print(eventRows(k, allNs, [e], fake.now(), false), header)
        }
        if (bool(k.flags, 'watch-only')) seen = clusterEvents(k, allNs).length
        else poll()
        const offs = [fake.store.watch(() => poll()), ...(k.ctx.onTime ? [k.ctx.onTime(poll)] : [])]
        return () => offs.forEach(off => off())
      }
      if (!('info' in type)) return () => {}
      const info = type.info
      const selector = str(k.flags, 'selector')
      const header = tableRows(info.kind, [], 0, { ...opts, headers: true })[0]!
      const matches = (obj: KubeObject) =>
        obj.kind === info.kind && (!info.namespaced || allNs || obj.metadata.namespace === k.namespace) &&
        (names.length === 0 || names.includes(obj.metadata.name ?? '')) &&
        (selector === undefined || matchesSelector(obj.metadata.labels, selector))
      const last = new Map<string, string>()
      const rowOf = (obj: KubeObject) => tableRows(info.kind, [obj], fake.now(), opts)[0]!
      /** The row without AGE (and the RESTARTS age): what counts as a change. */
      const signature = (obj: KubeObject) => {
        const cols = columnsFor(info.kind, false)
        const cells = cols.row(obj, 0)
        const ageAt = cols.header.indexOf('AGE')
        return cells.filter((_, i) => i !== ageAt).join('\u0000').replace(/ \(\S+ ago\)/, '') +
          (obj.metadata.deletionTimestamp ? '\u0000deleting' : '')
      }
      const emitRow = (obj: KubeObject) => {
        if (output === 'name') print([[`${kubectlKindName(info)}/${obj.metadata.name ?? ''}`]], header)
        else print([rowOf(obj)], header)
      }
      const initial = listObjects(k, info, allNs).filter(matches)
      for (const obj of initial) last.set(obj.metadata.uid ?? '', signature(obj))
      if (!bool(k.flags, 'watch-only')) {
        if (initial.length > 0) {
          if (output === 'name') print(initial.map(o => [`${kubectlKindName(info)}/${o.metadata.name ?? ''}`]), header)
          else print(initial.map(rowOf), header)
        } else if (names.length === 0) emit(noResources(k, allNs, info.namespaced))
      }
      const off = fake.store.watch(e => {
        const obj = e.object
        if (!matches(obj)) return
        const uid = obj.metadata.uid ?? ''
        if (e.type === 'DELETED') {
          last.delete(uid)
          emitRow(obj)
          return
        }
        const sig = signature(obj)
        if (last.get(uid) === sig) return
        last.set(uid, sig)
        emitRow(obj)
      }, [info.kind])
      return off
    },
  }
  k.ctx.onActivity?.('watch')
  return { lines: [], exitCode: 0, watch }
}

// describe

function describePod(k: K, pod: Pod): string[] {
  const s = pod.status
  const owner = pod.metadata.ownerReferences?.find(o => o.controller)
  const statuses = s?.containerStatuses ?? []
  const lines = [
    `Name:\t${pod.metadata.name ?? ''}`, `Namespace:\t${pod.metadata.namespace ?? ''}`, 'Priority:\t0',
    'Service Account:\tdefault', `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${s?.hostIP ?? ''}` : '<none>'}`,
    ...(s?.startTime ? [`Start Time:\t${rfc1123z(parseTimestamp(s.startTime))}`] : []),
    ...metaLines('Labels:', pod.metadata.labels, '='), ...metaLines('Annotations:', pod.metadata.annotations, ': '),
    `Status:\t${pod.metadata.deletionTimestamp ? `Terminating (lasts ${humanDuration(k.sim.fake.now() - parseTimestamp(pod.metadata.deletionTimestamp))})` : s?.phase ?? 'Pending'}`,
    ...(s?.reason ? [`Reason:\t${s.reason}`] : []), ...(s?.message ? [`Message:\t${s.message}`] : []),
    `IP:\t${s?.podIP ?? ''}`, 'IPs:', ...(s?.podIP ? [`  IP:\t${s.podIP}`] : ['\t<none>']),
    ...(owner ? [`Controlled By:\t${owner.kind}/${owner.name}`] : []),
    ...initContainerLines(pod),
    'Containers:', ...pod.spec.containers.flatMap((c, i) => containerLines(c, '  ', statuses.find(x => x.name === c.name) ?? statuses[i])),
    'Conditions:', '  Type\tStatus', ...(s?.conditions ?? []).map(c => `  ${c.type}\t${c.status}`),
    'Volumes:\t<none>', 'QoS Class:\tBestEffort', 'Node-Selectors:\t<none>',
    'Tolerations:\tnode.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
    '\tnode.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
    ...eventsLines(k.sim.fake, pod),
  ]
  return lines
}

/** kubectl describe pod's "Init Containers:" block (R87, R88). */
function initContainerLines(pod: Pod): string[] {
  const inits = pod.spec.initContainers ?? []
  if (inits.length === 0) return []
  const statuses = pod.status?.initContainerStatuses ?? []
  return ['Init Containers:', ...inits.flatMap(c => containerLines(c, '  ', statuses.find(x => x.name === c.name)))]
}

function describeJob(k: K, job: Job): string[] {
  const s = job.status ?? {}
  const start = s.startTime ? parseTimestamp(s.startTime) : undefined
  const end = s.completionTime ? parseTimestamp(s.completionTime) : undefined
  const tpl = job.spec.template
  return [
    `Name:\t${job.metadata.name ?? ''}`, `Namespace:\t${job.metadata.namespace ?? ''}`,
    `Selector:\t${selectorText(job.spec.selector)}`, ...metaLines('Labels:', job.metadata.labels, '='),
    ...metaLines('Annotations:', job.metadata.annotations, ': '),
    `Parallelism:\t${job.spec.parallelism ?? 1}`, `Completions:\t${job.spec.completions ?? 1}`,
    'Completion Mode:\tNonIndexed', `Suspend:\t${job.spec.suspend ?? false}`, `Backoff Limit:\t${job.spec.backoffLimit ?? 6}`,
    ...(start !== undefined ? [`Start Time:\t${rfc1123z(start)}`] : []),
    ...(end !== undefined ? [`Completed At:\t${rfc1123z(end)}`] : []),
    ...(start !== undefined && end !== undefined ? [`Duration:\t${humanDuration(end - start)}`] : []),
    `Pods Statuses:\t${s.active ?? 0} Active (${s.ready ?? 0} Ready) / ${s.succeeded ?? 0} Succeeded / ${s.failed ?? 0} Failed`,
    'Pod Template:', ...metaLines('  Labels:', tpl.metadata?.labels, '='),
    '  Containers:', ...tpl.spec.containers.flatMap(c => containerLines(c, '   ')), '  Volumes:\t<none>',
    ...eventsLines(k.sim.fake, job),
  ]
}

function describeDeployment(k: K, d: Deployment): string[] {
  const s = d.status ?? {}
  const rss = k.sim.fake.store.dependents(d.metadata.uid ?? '') as ReplicaSet[]
  const newest = rss.sort((a, b) => createdAt(b) - createdAt(a))[0]
  const replicas = d.spec.replicas ?? 1
  return [
    `Name:\t${d.metadata.name ?? ''}`, `Namespace:\t${d.metadata.namespace ?? ''}`,
    `CreationTimestamp:\t${rfc1123z(createdAt(d))}`, ...metaLines('Labels:', d.metadata.labels, '='),
    ...metaLines('Annotations:', d.metadata.annotations, ': '), `Selector:\t${selectorText(d.spec.selector)}`,
    `Replicas:\t${replicas} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ` +
      `${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`,
    `StrategyType:\t${d.spec.strategy?.type ?? 'RollingUpdate'}`, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`,
    ...(d.spec.strategy?.type === 'Recreate' ? [] : [`RollingUpdateStrategy:\t${d.spec.strategy?.rollingUpdate?.maxUnavailable ?? '25%'} max unavailable, ` +
      `${d.spec.strategy?.rollingUpdate?.maxSurge ?? '25%'} max surge`]),
    'Pod Template:', ...metaLines('  Labels:', d.spec.template.metadata?.labels, '='),
    '  Containers:', ...d.spec.template.spec.containers.flatMap(c => containerLines(c, '   ')), '  Volumes:\t<none>',
    'Conditions:', '  Type\tStatus\tReason', '  ----\t------\t------',
    ...(s.conditions ?? []).map(c => `  ${c.type}\t${c.status}\t${c.reason ?? ''}`),
    'OldReplicaSets:\t<none>',
    `NewReplicaSet:\t${newest ? `${newest.metadata.name ?? ''} (${newest.status?.replicas ?? 0}/${newest.spec.replicas ?? 0} replicas created)` : '<none>'}`,
    ...eventsLines(k.sim.fake, d),
  ]
}

function describeGeneric(k: K, obj: KubeObject): string[] {
  return [`Name:\t${obj.metadata.name ?? ''}`, ...(obj.metadata.namespace ? [`Namespace:\t${obj.metadata.namespace}`] : []),
    ...metaLines('Labels:', obj.metadata.labels, '='), ...metaLines('Annotations:', obj.metadata.annotations, ': '),
    ...(obj.kind === 'Service' ? serviceLines(obj) : []), ...eventsLines(k.sim.fake, obj)]
}

function serviceLines(obj: KubeObject): string[] {
  const spec = (obj.spec ?? {}) as { type?: string; selector?: Record<string, string>; ports?: Array<{ port?: number; targetPort?: number | string; protocol?: string; name?: string }> }
  return [`Selector:\t${selectorText({ matchLabels: spec.selector ?? {} })}`, `Type:\t${spec.type ?? 'ClusterIP'}`,
    `IP:\t${clusterIp(obj)}`,
    ...(spec.ports ?? []).flatMap(p => [`Port:\t${p.name ?? '<unset>'}  ${p.port ?? ''}/${p.protocol ?? 'TCP'}`,
      `TargetPort:\t${p.targetPort ?? p.port ?? ''}/${p.protocol ?? 'TCP'}`]), 'Session Affinity:\tNone']
}

function describe(k: K, args: string[]): CommandResult {
  if (args.length === 0) {
    return fail('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.')
  }
  const parsed = resourceArgs(k, args)
  if ('error' in parsed) return fail(parsed.error)
  const blocks: string[][] = []
  const errors: string[] = []
  for (const { type, names } of parsed.items) {
    if (!('info' in type)) continue
    const info = type.info
    let objs: KubeObject[]
    if (names.length === 0) objs = listObjects(k, info, bool(k.flags, 'all-namespaces'))
    else {
      objs = []
      for (const name of names) {
        const ns = info.namespaced ? k.namespace : ''
        const exact = k.sim.fake.store.get({ kind: info.kind, namespace: ns, name })
        // kubectl describe also takes a name prefix (describe pod before → before-xxxxx).
        const found = exact ? [exact] : k.sim.fake.store.list(info.kind, info.namespaced ? ns : undefined)
          .filter(o => (o.metadata.name ?? '').startsWith(name))
        if (found.length === 0) errors.push(notFoundLine(info, name))
        objs.push(...found)
      }
    }
    for (const obj of objs) {
      const lines = obj.kind === 'Pod' ? describePod(k, obj as Pod) : obj.kind === 'Job' ? describeJob(k, obj as Job)
        : obj.kind === 'Deployment' ? describeDeployment(k, obj as Deployment)
        : obj.kind === 'StatefulSet' ? describeStatefulSet(k.sim.fake, obj as StatefulSet)
        : obj.kind === 'DaemonSet' ? describeDaemonSet(k.sim.fake, obj as DaemonSet) : describeGeneric(k, obj)
      blocks.push(goTabwriter(lines, 0, 2))
    }
  }
  if (blocks.length === 0 && errors.length === 0) return out([noResources(k, bool(k.flags, 'all-namespaces'))])
  const lines = blocks.flatMap((b, i) => (i === 0 ? b : ['', '', ...b]))
  return { lines: [...errors, ...lines], exitCode: errors.length > 0 ? 1 : 0 }
}

// logs

function podFor(k: K, target: string): { pod: Pod } | { error: string } {
  const slash = target.indexOf('/')
  const store = k.sim.fake.store
  if (slash < 0) {
    const pod = store.get({ kind: 'Pod', namespace: k.namespace, name: target }) as Pod | undefined
    return pod ? { pod } : { error: `Error from server (NotFound): pods "${target}" not found` }
  }
  const type = resolveType(k.sim, target.slice(0, slash))
  const name = target.slice(slash + 1)
  if (!type || !('info' in type)) return { error: unknownType(target.slice(0, slash)) }
  const owner = store.get({ kind: type.info.kind, namespace: k.namespace, name })
  if (!owner) return { error: notFoundLine(type.info, name) }
  if (owner.kind === 'Pod') return { pod: owner as Pod }
  const pods = (owner.kind === 'Deployment'
    ? store.dependents(owner.metadata.uid ?? '').flatMap(rs => store.dependents(rs.metadata.uid ?? ''))
    : store.dependents(owner.metadata.uid ?? '')).filter(o => o.kind === 'Pod') as Pod[]
  pods.sort((a, b) => createdAt(a) - createdAt(b))
  const pod = pods[0]
  return pod ? { pod } : { error: 'error: timed out waiting for the condition' }
}

function logs(k: K, args: string[]): CommandResult {
  const target = args[0]
  if (target === undefined) return fail(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`, `POD or TYPE/NAME is a required argument for the logs command`, `See '${k.tool} logs -h' for help and examples`)
  const found = podFor(k, target)
  if ('error' in found) return fail(found.error)
  const pod = found.pod
  const podName = pod.metadata.name ?? ''
  let container = str(k.flags, 'container') ?? args[1]
  const header: string[] = []
  if (container === undefined) {
    container = pod.spec.containers[0]?.name ?? ''
    if (pod.spec.containers.length > 1) header.push(`Defaulted container "${container}" out of: ${pod.spec.containers.map(c => c.name).join(', ')}`)
  } else if (!pod.spec.containers.some(c => c.name === container)) {
    return fail(`error: container ${container} is not valid for pod ${podName}`)
  }
  const previous = bool(k.flags, 'previous')
  const read = () => k.sim.fake.logs(pod.metadata.namespace ?? '', podName, container, previous)
  const statusOf = () => {
    const live = k.sim.fake.store.get({ kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: podName }) as Pod | undefined
    return { live, cs: live?.status?.containerStatuses?.find(c => c.name === container) }
  }
  const { cs } = statusOf()
  if (previous && (cs?.restartCount ?? 0) === 0) {
    return fail(`Error from server (BadRequest): previous terminated container "${container}" in pod "${podName}" not found`)
  }
  if (!previous && (!cs || cs.state.waiting)) {
    const reason = cs?.state.waiting?.reason ?? 'ContainerCreating'
    return fail(`Error from server (BadRequest): container "${container}" in pod "${podName}" is waiting to start: ${reason}`)
  }
  const tail = Number(str(k.flags, 'tail') ?? '-1')
  const first = read() ?? []
  const initial = tail >= 0 ? first.slice(Math.max(0, first.length - tail)) : first
  if (!bool(k.flags, 'follow') || previous) return out([...header, ...initial])
  const watch: CommandWatch = {
    start(emit, done) {
      let count = first.length
      let finished = false
      const offs: Array<() => void> = []
      const stop = () => {
        finished = true
        for (const off of offs.splice(0)) off()
      }
      const poll = () => {
        if (finished) return
        const now = read() ?? []
        for (const l of now.slice(count)) emit(l)
        count = Math.max(count, now.length)
        const { live, cs: c } = statusOf()
        if (!live || (c?.state.terminated && live.spec.restartPolicy !== 'Always' &&
          (live.status?.phase === 'Succeeded' || live.status?.phase === 'Failed'))) {
          stop()
          done(0)
        }
      }
      offs.push(k.sim.fake.store.watch(() => poll()))
      if (k.ctx.onTime) offs.push(k.ctx.onTime(poll))
      poll()
      return stop
    },
  }
  k.ctx.onActivity?.('watch')
  return { lines: [...header, ...initial], exitCode: 0, watch }
}

// delete

function del(k: K, args: string[]): CommandResult {
  const files = list(k.flags, 'filename')
  const cascade = (str(k.flags, 'cascade') ?? 'background').toLowerCase()
  const policies: Record<string, PropagationPolicy> = { background: 'Background', true: 'Background',
    foreground: 'Foreground', orphan: 'Orphan', false: 'Orphan' }
  const propagationPolicy = policies[cascade]
  if (!propagationPolicy) return fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`)
  const grace = bool(k.flags, 'force') ? 0 : bool(k.flags, 'now') ? 1 : str(k.flags, 'grace-period') !== undefined
    ? Number(str(k.flags, 'grace-period')) : undefined
  const targets: Array<{ info: KindInfo; obj?: KubeObject; name: string }> = []
  const errors: string[] = []
  if (files.length > 0) {
    for (const f of files) {
      const read = readRepo(k, f)
      if ('error' in read) return fail(read.error)
      for (const m of read.objects) {
        const info = k.sim.fake.store.kinds.lookup(m.apiVersion, m.kind)
        if (!info) continue
        const ns = info.namespaced ? m.metadata.namespace || k.namespace : ''
        const name = m.metadata.name ?? ''
        const obj = k.sim.fake.store.get({ kind: info.kind, namespace: ns, name })
        targets.push({ info, name, ...(obj ? { obj } : {}) })
      }
    }
  } else {
    if (args.length === 0) return fail('error: You must provide one or more resources by argument or filename.', 'Example resource specifications include:', "   '-f rsrc.yaml'", "   '--filename=rsrc.json'", "   '<resource> <name>'", "   '<resource>'")
    const parsed = resourceArgs(k, args)
    if ('error' in parsed) return fail(parsed.error)
    for (const { type, names } of parsed.items) {
      if (!('info' in type)) return fail(`error: the server doesn't have a resource type "${type.kind.toLowerCase()}"`)
      const info = type.info
      if (names.length === 0) {
        if (!bool(k.flags, 'all') && str(k.flags, 'selector') === undefined) {
          return fail(`error: resource(s) were provided, but no name was specified`)
        }
        for (const obj of listObjects(k, info, bool(k.flags, 'all-namespaces'))) targets.push({ info, obj, name: obj.metadata.name ?? '' })
      } else {
        for (const name of names) {
          const obj = k.sim.fake.store.get({ kind: info.kind, namespace: info.namespaced ? k.namespace : '', name })
          targets.push({ info, name, ...(obj ? { obj } : {}) })
        }
      }
    }
  }
  const lines: string[] = []
  if (grace === 0 && bool(k.flags, 'force')) lines.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.')
  for (const t of targets) {
    if (!t.obj) {
      errors.push(notFoundLine(t.info, t.name))
      continue
    }
    try {
      k.sim.fake.delete({ kind: t.info.kind, namespace: t.obj.metadata.namespace ?? '', name: t.name },
        { propagationPolicy, ...(grace !== undefined && !Number.isNaN(grace) ? { gracePeriodSeconds: grace } : {}) })
      lines.push(`${kubectlKindName(t.info)} "${t.name}" ${grace === 0 && bool(k.flags, 'force') ? 'force deleted' : 'deleted'}`)
    } catch (e) {
      if (isNotFound(e)) errors.push(notFoundLine(t.info, t.name))
      else errors.push(`Error from server: ${(e as Error).message}`)
    }
  }
  if (targets.length === 0 && errors.length === 0) lines.push('No resources found')
  if (targets.length > 0) k.ctx.onActivity?.('apply')
  return { lines: [...lines, ...errors], exitCode: errors.length > 0 ? 1 : 0 }
}

// apply

function readRepo(k: K, path: string): { objects: KubeObject[]; files: string[] } | { error: string } {
  const clean = path.replace(/^\.?\/+/, '').replace(/\/+$/, '')
  const files = k.ctx.repoFiles(clean)
  if (!files || files.length === 0) return { error: `error: the path "${path}" does not exist` }
  const read = parseManifests(files)
  const err = read.diagnostics.find(d => d.severity === 'error')
  if (err) return { error: `error: error parsing ${err.file}: error converting YAML to JSON: yaml: line ${err.line}: ${err.message}` }
  return { objects: read.manifests.map(m => m.object), files: read.manifests.map(m => m.source.file) }
}

function apply(k: K): CommandResult {
  const files = list(k.flags, 'filename')
  if (files.length === 0) return fail('error: must specify one of -f and -k')
  const dryRun = str(k.flags, 'dry-run') ?? 'none'
  if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  const lines: string[] = []
  const errors: string[] = []
  for (const f of files) {
    const read = readRepo(k, f)
    if ('error' in read) return fail(read.error)
    read.objects.forEach((m, i) => {
      const info = k.sim.fake.store.kinds.lookup(m.apiVersion, m.kind)
      const file = read.files[i] ?? f
      if (!info) {
        errors.push(`error: resource mapping not found for name: "${m.metadata.name ?? ''}" namespace: "${m.metadata.namespace ?? ''}" from "${file}": no matches for kind "${m.kind}" in version "${m.apiVersion}"`)
        return
      }
      const ns = m.metadata.namespace || k.namespace
      if (info.namespaced && str(k.flags, 'namespace') !== undefined && m.metadata.namespace && m.metadata.namespace !== k.namespace) {
        errors.push(`error: the namespace from the provided object "${m.metadata.namespace}" does not match the namespace "${k.namespace}". You must pass '--namespace=${m.metadata.namespace}' to perform this operation.`)
        return
      }
      const obj = info.namespaced ? { ...m, metadata: { ...m.metadata, namespace: ns } } : m
      try {
        const r = k.sim.fake.apply(obj, dryRun === 'none' ? {} : { dryRun: true, clientSide: dryRun === 'client' })
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
        lines.push(`${kubectlKindName(info)}/${r.object.metadata.name ?? ''} ${r.action}${suffix}`)
      } catch (e) {
        const verb = k.sim.fake.store.get({ kind: info.kind, namespace: info.namespaced ? ns : '', name: m.metadata.name ?? '' }) ? 'patching' : 'creating'
        const reason = e instanceof ApiError ? e.reason : 'InternalError'
        errors.push(`Error from server (${reason}): error when ${verb} "${file}": ${(e as Error).message}`)
      }
    })
  }
  if (dryRun === 'none' && lines.length > 0) k.ctx.onActivity?.('apply')
  return { lines: [...lines, ...errors], exitCode: errors.length > 0 ? 1 : 0 }
}

// create namespace

function create(k: K, args: string[]): CommandResult {
  const [what, name] = args
  if (what !== 'namespace' && what !== 'ns') {
    return fail(`error: synclab's ${k.tool} create only makes namespaces: ${k.tool} create namespace NAME`)
  }
  if (!name) return fail('error: exactly one NAME is required, got 0')
  if (k.sim.fake.store.namespaceExists(name)) return fail(`Error from server (AlreadyExists): namespaces "${name}" already exists`)
  k.sim.fake.ensureNamespace(name)
  return out([`namespace/${name} created`])
}

// explain

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

function explain(k: K, args: string[]): CommandResult {
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

function apiResources(sim: Simulation): CommandResult {
  const rows = [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND']]
  const shorts = (kind: string) => Object.entries(SHORT_NAMES).filter(([, v]) => v === kind).map(([s]) => s).join(',')
  for (const info of sim.fake.store.kinds.all().sort((a, b) => a.plural.localeCompare(b.plural))) {
    rows.push([info.plural, shorts(info.kind), info.group ? `${info.group}/${info.version}` : info.version,
      String(info.namespaced), info.kind])
  }
  return out(kubectlTable(rows))
}

function kubectlHelp(tool: string): string[] {
  const names = Object.keys(KUBECTL_COMMANDS)
  const w = Math.max(...names.map(n => n.length)) + 3
  return [`${tool} controls the (simulated) Kubernetes cluster.`, '', 'Commands available in this sandbox:',
    ...names.map(n => `  ${n.padEnd(w)}${KUBECTL_COMMANDS[n]!.help}`), '',
    `Usage:`, `  ${tool} [flags] [options]`, '', `Use "${tool} <command> --help" for more information about a given command.`]
}
