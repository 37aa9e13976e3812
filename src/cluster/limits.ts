// Size limits of the API server and its etcd, with their own words. kubectl's client-side apply (what Argo CD
// uses by default) copies the whole object into the last-applied annotation, so any object over 256 KiB already
// fails there, as on a real cluster.
import type { KubeObject } from './objects.ts'

/** core.MaxSecretSize: a ConfigMap's or a Secret's data. */
export const MAX_DATA_BYTES = 1024 * 1024
/** apimachinery TotalAnnotationSizeLimitB: all annotations of an object, keys and values. */
export const MAX_ANNOTATION_BYTES = 256 * 1024
/** etcd's default --max-request-bytes (1.5 MiB): a larger object is refused by etcd itself. */
export const MAX_ETCD_REQUEST_BYTES = 1.5 * 1024 * 1024

const bytes = (s: unknown): number => (typeof s === 'string' ? new TextEncoder().encode(s).length : 0)
const base64Bytes = (s: unknown): number =>
  typeof s === 'string' ? Math.floor((s.replace(/=+$/, '').length * 3) / 4) : 0

function mapBytes(map: unknown, value: (v: unknown) => number): number {
  if (typeof map !== 'object' || map === null) return 0
  let total = 0
  for (const [k, v] of Object.entries(map)) total += bytes(k) + value(v)
  return total
}

/** Field errors for sizes over the API server's limits (validation's words: "Too long: may not be more than"). */
export function sizeErrors(obj: KubeObject): string[] {
  const errors: string[] = []
  const tooLong = (path: string, max: number) => `${path}: Too long: may not be more than ${max} bytes`
  if (mapBytes(obj.metadata.annotations, bytes) > MAX_ANNOTATION_BYTES) {
    errors.push(tooLong('metadata.annotations', MAX_ANNOTATION_BYTES))
  }
  if (obj.kind === 'ConfigMap' && mapBytes(obj.data, bytes) + mapBytes(obj.binaryData, base64Bytes) > MAX_DATA_BYTES) {
    errors.push(tooLong('[]', MAX_DATA_BYTES)) // ValidateConfigMap: the whole object's path
  }
  if (obj.kind === 'Secret' && mapBytes(obj.data, base64Bytes) + mapBytes(obj.stringData, bytes) > MAX_DATA_BYTES) {
    errors.push(tooLong('data', MAX_DATA_BYTES))
  }
  return errors
}

/** Whether etcd refuses to store the object ("etcdserver: request is too large"). */
export function tooLargeForEtcd(obj: KubeObject): boolean {
  return bytes(JSON.stringify(obj)) > MAX_ETCD_REQUEST_BYTES
}

/**
 * synclab's own capacity: the simulated cluster holds at most this many Pods in one namespace, as if a
 * ResourceQuota `synclab` said so (a billion replicas would otherwise hang the simulation). The manifest reader
 * refuses replica counts above it with the same number.
 */
export const MAX_PODS_PER_NAMESPACE = 5000

/** The ResourceQuota admission's words when a Pod would exceed MAX_PODS_PER_NAMESPACE. */
export function quotaExceededMessage(name: string): string {
  return `pods "${name}" is forbidden: exceeded quota: synclab, requested: pods=1, used: ` +
    `pods=${MAX_PODS_PER_NAMESPACE}, limited: pods=${MAX_PODS_PER_NAMESPACE}`
}
