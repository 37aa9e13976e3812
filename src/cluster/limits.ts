// Size limits of the API server and its etcd, with their own words, and synclab's own capacity. kubectl's
// client-side apply (what Argo CD uses by default) copies the whole object into the last-applied annotation, so any
// object over 256 KiB already fails there, as on a real cluster.
import type { KubeObject } from './objects.ts'

/** core.MaxSecretSize: a ConfigMap's or a Secret's data. */
export const MAX_DATA_BYTES = 1024 * 1024
/** apimachinery TotalAnnotationSizeLimitB: all annotations of an object, keys and values. */
export const MAX_ANNOTATION_BYTES = 256 * 1024
/** etcd's default --max-request-bytes (1.5 MiB): a larger object is refused by etcd itself. */
export const MAX_ETCD_REQUEST_BYTES = 1.5 * 1024 * 1024
/**
 * synclab's own capacity: at most this many Pods in one namespace, as if a ResourceQuota `synclab` said so (a
 * billion replicas would otherwise hang the simulation). The manifest reader refuses larger replica counts.
 */
export const MAX_PODS_PER_NAMESPACE = 5000

/** UTF-8 bytes of a string, counted without encoding it (a lone surrogate counts 3, as TextEncoder writes U+FFFD). */
function utf8(s: string): number {
  let bytes = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2 // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++
    } else bytes += 2
  }
  return bytes
}

/** Bytes of a map's keys and values; `decoded` counts base64 values as the bytes they decode to. */
function mapBytes(map: unknown, decoded = false): number {
  let total = 0
  if (typeof map !== 'object' || map === null) return total
  for (const k of Object.keys(map)) {
    const v = (map as Record<string, unknown>)[k]
    const s = typeof v === 'string' ? v : ''
    total += utf8(k) + (decoded ? Math.floor((s.replace(/=+$/, '').length * 3) / 4) : utf8(s))
  }
  return total
}

/**
 * An upper bound of mapBytes: a UTF-16 unit is at most 3 UTF-8 bytes, and base64 decodes to fewer bytes than its
 * text. Nearly every map is far below its limit, so the exact count (a pass over every character) is rarely needed.
 */
function mapBytesBound(map: unknown): number {
  let total = 0
  if (typeof map !== 'object' || map === null) return total
  for (const k of Object.keys(map)) {
    const v = (map as Record<string, unknown>)[k]
    total += (k.length + (typeof v === 'string' ? v.length : 0)) * 3
  }
  return total
}

/** Field errors for sizes over the API server's limits (validation's words). */
export function sizeErrors(obj: KubeObject): string[] {
  const errors: string[] = []
  const annotations = obj.metadata.annotations
  if (mapBytesBound(annotations) > MAX_ANNOTATION_BYTES && mapBytes(annotations) > MAX_ANNOTATION_BYTES) {
    errors.push(tooLong('metadata.annotations', MAX_ANNOTATION_BYTES))
  }
  if (obj.kind === 'ConfigMap' && mapBytesBound(obj.data) + mapBytesBound(obj.binaryData) > MAX_DATA_BYTES &&
    mapBytes(obj.data) + mapBytes(obj.binaryData, true) > MAX_DATA_BYTES) errors.push(tooLong('[]', MAX_DATA_BYTES))
  if (obj.kind === 'Secret' && mapBytesBound(obj.data) + mapBytesBound(obj.stringData) > MAX_DATA_BYTES &&
    mapBytes(obj.data, true) + mapBytes(obj.stringData) > MAX_DATA_BYTES) errors.push(tooLong('data', MAX_DATA_BYTES))
  return errors
}

function tooLong(field: string, limit: number): string {
  return `${field}: Too long: may not be more than ${limit} bytes`
}

/** Whether etcd refuses to store the object ("etcdserver: request is too large"). */
export function tooLargeForEtcd(obj: KubeObject): boolean {
  // Nearly every object is far below the limit: a bound on its JSON's size says so without writing the JSON.
  if (jsonBytesBound(obj, MAX_ETCD_REQUEST_BYTES) <= MAX_ETCD_REQUEST_BYTES) return false
  return utf8(JSON.stringify(obj)) > MAX_ETCD_REQUEST_BYTES
}

/**
 * An upper bound of the UTF-8 bytes of JSON.stringify(value), or a number over `budget` as soon as the bound passes
 * it. A string's UTF-16 unit takes at most 6 bytes (\uXXXX), a number at most 25 characters.
 */
function jsonBytesBound(value: unknown, budget: number): number {
  if (typeof value === 'string') return value.length * 6 + 2
  if (typeof value !== 'object' || value === null) return 25
  let total = 2
  if (Array.isArray(value)) {
    for (const item of value) {
      total += jsonBytesBound(item, budget - total) + 1
      if (total > budget) return total
    }
    return total
  }
  // for-in rather than Object.keys: no array of keys per object walked (JSON objects have no inherited keys).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    total += key.length * 6 + 4 + jsonBytesBound((value as Record<string, unknown>)[key], budget - total)
    if (total > budget) return total
  }
  return total
}

/** The ResourceQuota admission's words when a Pod would exceed MAX_PODS_PER_NAMESPACE. */
export function quotaExceededMessage(name: string): string {
  return `pods "${name}" is forbidden: exceeded quota: synclab, requested: pods=1, used: ` +
    `pods=${MAX_PODS_PER_NAMESPACE}, limited: pods=${MAX_PODS_PER_NAMESPACE}`
}
