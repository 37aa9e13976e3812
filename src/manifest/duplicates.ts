// Objects that appear more than once (same group, kind, namespace and name) among an application's manifests.
// Argo CD keeps the last one and warns: "Resource <group>/<Kind>/<namespace>/<name> appeared <n> times among
// application resources." (RepeatedResourceWarning; AC controller/state.go DeduplicateTargetObjects). The
// namespace is the destination namespace for namespaced kinds without one, empty for cluster-scoped kinds; an
// object named only by generateName is never a duplicate.
import { KindRegistry } from '../cluster/kinds.ts'
import type { KubeObject } from '../cluster/objects.ts'

const kinds = new KindRegistry()

/** `group/Kind/namespace/name` as Argo CD's kube.ResourceKey prints it, or undefined for a nameless object. */
export function duplicateKey(obj: KubeObject, destNamespace: string): string | undefined {
  const name = typeof obj.metadata?.name === 'string' ? obj.metadata.name : ''
  if (!name) return undefined
  const apiVersion = typeof obj.apiVersion === 'string' ? obj.apiVersion : ''
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  // Unknown kinds (custom resources) count as namespaced, as Argo CD does without a CRD in the cluster.
  const namespaced = kinds.lookup(apiVersion, obj.kind)?.namespaced ?? true
  const namespace = namespaced ? (typeof obj.metadata.namespace === 'string' && obj.metadata.namespace) || destNamespace : ''
  return `${group}/${obj.kind}/${namespace}/${name}`
}

/** The objects as Argo CD syncs them: of each repeated key only the last, in its place. */
export function withoutRepeated<T extends KubeObject>(objects: readonly T[], destNamespace: string): T[] {
  const keys = objects.map(obj => duplicateKey(obj, destNamespace)) // once each: an app may have thousands
  const last = new Map<string, number>()
  keys.forEach((key, i) => {
    if (key !== undefined) last.set(key, i)
  })
  return objects.filter((_obj, i) => {
    const key = keys[i]
    return key === undefined || last.get(key) === i
  })
}
