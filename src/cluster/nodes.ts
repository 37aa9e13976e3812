// The simulated cluster's nodes, named as a multi-node minikube names them (profile "synclab-node": the first node
// carries the profile's name, the others -m02, -m03, ...). They are not API objects: DaemonSets place one Pod on
// each (R96), every other Pod is scheduled on the first.

export interface SimNode {
  name: string
  labels: Record<string, string>
  /** The node's InternalIP, a Pod's hostIP. */
  ip: string
}

export const DEFAULT_NODE_COUNT = 3
const PROFILE = 'synclab-node'

export function makeNodes(count = DEFAULT_NODE_COUNT): SimNode[] {
  const nodes: SimNode[] = []
  for (let i = 0; i < Math.max(0, count); i++) {
    const name = i === 0 ? PROFILE : `${PROFILE}-m${String(i + 1).padStart(2, '0')}`
    nodes.push({
      name, ip: `10.0.0.${10 + i}`,
      labels: {
        'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
        'minikube.k8s.io/name': PROFILE, ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
      },
    })
  }
  return nodes
}

/** Whether the node has every label of the Pod template's nodeSelector. */
export function matchesNodeSelector(node: SimNode, selector: Record<string, string> | undefined): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => node.labels[k] === v)
}

interface PlacedSpec {
  nodeName?: string
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Array<{
    matchFields?: Array<{ key: string; operator: string; values?: string[] }> }> } } }
}

/** The node a Pod is bound or pinned to: spec.nodeName, else a required affinity on metadata.name (DaemonSet Pods). */
export function pinnedNode(spec: PlacedSpec | undefined): string | undefined {
  if (spec?.nodeName) return spec.nodeName
  const terms = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
  for (const term of terms) {
    for (const f of term.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0]
    }
  }
  return undefined
}

/** The affinity the DaemonSet controller gives a Pod for `node` (util.ReplaceDaemonSetPodNodeNameNodeAffinity). */
export function nodeAffinityFor(node: string): NonNullable<PlacedSpec['affinity']> {
  return { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
    { matchFields: [{ key: 'metadata.name', operator: 'In', values: [node] }] }] } } }
}
