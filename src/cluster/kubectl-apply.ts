// kubectl apply's client side: the last-applied configuration it records, and its three-way merge of the manifest
// over the live object. Shared by the simulated API (apply.ts) and the adapter for real API servers (src/kube).
import { isPlainObject as isObject } from './json.ts'
import type { KubeObject } from './objects.ts'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

type Json = unknown

export function withoutStatus(obj: KubeObject): KubeObject {
  // A manifest has no status: a plain copy then, far cheaper than the rest pattern (a runtime call in V8).
  if (!Object.hasOwn(obj, 'status')) return { ...obj }
  const { status: _status, ...rest } = obj
  return rest as KubeObject
}

/**
 * The manifest with its own copy in the last-applied annotation, as kubectl writes it. `copy` false: the annotation
 * is there but empty, for a create that is only checked and whose object nobody reads (ApplyOptions.actionOnly).
 */
export function annotateLastApplied(desired: KubeObject, copy = true): KubeObject {
  const { metadata } = desired
  const annotations = withoutLastApplied(metadata.annotations)
  // The recorded copy has no annotations field when the manifest has none besides a last-applied one.
  const text = copy
    ? JSON.stringify({ ...desired, metadata: annotations ? { ...metadata, annotations } : withoutAnnotations(metadata) }) + '\n'
    : ''
  return { ...desired, metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: text } } }
}

/** Metadata without its annotations field; the rest pattern (a runtime call in V8) only when there is one. */
function withoutAnnotations(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  if (!Object.hasOwn(metadata, 'annotations')) return { ...metadata }
  const { annotations: _own, ...rest } = metadata
  return rest
}

/**
 * A copy of the annotations without a last-applied one (undefined when none is left), built key by key: a delete
 * would turn the copy into a dictionary, slower to write out as JSON.
 */
function withoutLastApplied(annotations: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!annotations) return undefined
  const keys = Object.keys(annotations)
  if (keys.includes('__proto__')) {
    const copy = { ...annotations }
    delete copy[LAST_APPLIED]
    return Object.keys(copy).length > 0 ? copy : undefined
  }
  let out: Record<string, string> | undefined
  for (const k of keys) if (k !== LAST_APPLIED) (out ??= {})[k] = annotations[k]!
  return out
}

export function readLastApplied(live: KubeObject): unknown {
  const text = live.metadata.annotations?.[LAST_APPLIED]
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/**
 * Three-way merge: fields of `desired` win; fields only in `live` stay (server defaults, controller labels),
 * unless `last` shows the manifest once set them (then they were removed from the manifest). Lists of objects
 * with a `name` are merged item by item, like kubectl's strategic merge for containers, env and ports.
 */
export function threeWayMerge(live: Json, desired: Json, last: Json): Json {
  if (isObject(desired) && isObject(live)) {
    const out: Record<string, Json> = { ...live }
    const lastObj = isObject(last) ? last : {}
    for (const key of Object.keys(lastObj)) if (!(key in desired)) delete out[key]
    for (const [key, value] of Object.entries(desired)) out[key] = threeWayMerge(live[key], value, lastObj[key])
    return out
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.every(namedObject)) {
    return desired.map(item => {
      const name = (item as { name: string }).name
      const liveItem = live.find(l => namedObject(l) && (l as { name: string }).name === name)
      const lastItem = Array.isArray(last) ? last.find(l => namedObject(l) && (l as { name: string }).name === name) : undefined
      return liveItem === undefined ? item : threeWayMerge(liveItem, item, lastItem)
    })
  }
  return desired
}

function namedObject(v: Json): boolean {
  return isObject(v) && typeof v['name'] === 'string'
}
