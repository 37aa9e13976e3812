// API discovery as the API server answers it (/api, /apis, /api/v1, /apis/<group>/<version>), built from the
// simulated cluster's KindRegistry, so kubectl can map `get po`, `get deploy` and `get all` to resources.
import type { KindInfo, KindRegistry } from '../cluster/kinds.ts'

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']

const SHORT_NAMES: Record<string, string[]> = {
  pods: ['po'], services: ['svc'], configmaps: ['cm'], namespaces: ['ns'], serviceaccounts: ['sa'],
  persistentvolumeclaims: ['pvc'], persistentvolumes: ['pv'], deployments: ['deploy'], replicasets: ['rs'],
  statefulsets: ['sts'], daemonsets: ['ds'], cronjobs: ['cj'], ingresses: ['ing'], networkpolicies: ['netpol'],
  horizontalpodautoscalers: ['hpa'], poddisruptionbudgets: ['pdb'], storageclasses: ['sc'],
  customresourcedefinitions: ['crd', 'crds'], limitranges: ['limits'], resourcequotas: ['quota'],
  replicationcontrollers: ['rc'], endpoints: ['ep'], events: ['ev'],
}
const ALL_CATEGORY = new Set(['pods', 'services', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs',
  'cronjobs', 'replicationcontrollers'])

/** Events are kept beside the store (EventRecorder), not in it; the server serves them read-only. */
export const EVENT_KIND: KindInfo = { kind: 'Event', group: '', version: 'v1', plural: 'events', namespaced: true }

export function servedKinds(kinds: KindRegistry): KindInfo[] {
  return [...kinds.all(), EVENT_KIND]
}

export function groupVersion(info: Pick<KindInfo, 'group' | 'version'>): string {
  return info.group ? `${info.group}/${info.version}` : info.version
}

export function apiVersions(hostPort: string): Record<string, unknown> {
  return { kind: 'APIVersions', versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: hostPort }] }
}

export function apiGroupList(kinds: KindRegistry): Record<string, unknown> {
  const groups = new Map<string, Set<string>>()
  for (const k of kinds.all()) {
    if (!k.group) continue
    const versions = groups.get(k.group) ?? new Set()
    versions.add(k.version)
    groups.set(k.group, versions)
  }
  return {
    kind: 'APIGroupList', apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => {
      const list = [...versions].map(version => ({ groupVersion: `${name}/${version}`, version }))
      return { name, versions: list, preferredVersion: list[0] }
    }),
  }
}

/** The APIResourceList of one group version, or undefined when nothing is served there. */
export function apiResourceList(kinds: KindRegistry, gv: string): Record<string, unknown> | undefined {
  const served = servedKinds(kinds).filter(k => groupVersion(k) === gv)
  if (served.length === 0) return undefined
  const resources: Array<Record<string, unknown>> = []
  for (const k of served) {
    const readOnly = k === EVENT_KIND
    resources.push({
      name: k.plural, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind,
      verbs: readOnly ? ['get', 'list', 'watch'] : VERBS,
      ...(SHORT_NAMES[k.plural] ? { shortNames: SHORT_NAMES[k.plural] } : {}),
      ...(ALL_CATEGORY.has(k.plural) ? { categories: ['all'] } : {}),
    })
    if (k.kind === 'Pod') resources.push({ name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] })
    if (!readOnly) {
      resources.push({ name: `${k.plural}/status`, singularName: '', namespaced: k.namespaced, kind: k.kind,
        verbs: ['get'] })
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources }
}

export const VERSION_INFO = {
  major: '1', minor: '32', gitVersion: 'v1.32.0-synclab', gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean', buildDate: '2025-01-01T00:00:00Z', goVersion: 'go1.23.0', compiler: 'gc',
  platform: 'linux/amd64',
}
