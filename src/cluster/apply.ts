// `kubectl apply` semantics (R27): create when absent; otherwise a three-way merge of the manifest over the live
// object, using the last applied configuration to remove fields the manifest no longer has. An unchanged manifest
// writes nothing ("unchanged"); a changed immutable field fails as the API server says (R73).
import { applyDefaults } from './defaults.ts'
import { deepEqual, isPlainObject as isObject } from './json.ts'
import { type KubeObject, refOf } from './objects.ts'
import type { ObjectStore } from './store.ts'

export const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration'

export type ApplyAction = 'created' | 'configured' | 'unchanged'
export interface ApplyResult {
  object: KubeObject
  action: ApplyAction
}
export interface ApplyOptions {
  dryRun?: boolean
  /** kubectl --dry-run=client (see WriteOptions.clientSide). */
  clientSide?: boolean
  /** Replace=true (R55): create, or replace the whole object instead of patching it. */
  replace?: boolean
}

export function applyObject(store: ObjectStore, manifest: KubeObject, opts: ApplyOptions = {}): ApplyResult {
  const desired = withoutStatus(manifest)
  const live = store.get(refOf(desired))
  const dryRun = opts.dryRun ? { dryRun: true, clientSide: opts.clientSide ?? false } : {}
  if (!live) {
    const toCreate = opts.replace ? desired : annotate(desired)
    return { object: store.create(toCreate, dryRun), action: 'created' }
  }
  if (opts.replace) {
    const replaced = { ...desired, metadata: { ...desired.metadata, resourceVersion: live.metadata.resourceVersion! } }
    return { object: store.update(replaced, dryRun), action: 'configured' } // kubectl replace prints "replaced"
  }
  const lastApplied = readLastApplied(live)
  const merged = merge(withoutStatus(live), annotate(desired), lastApplied) as KubeObject
  applyDefaults(merged)
  if (deepEqual(merged, withoutStatus(live))) return { object: live, action: 'unchanged' }
  return { object: store.update(merged, dryRun), action: 'configured' }
}

function withoutStatus(obj: KubeObject): KubeObject {
  const { status: _status, ...rest } = obj
  return rest as KubeObject
}

/** The manifest with its own copy in the last-applied annotation, as kubectl writes it. */
function annotate(desired: KubeObject): KubeObject {
  const { metadata } = desired
  const annotations = { ...metadata.annotations }
  delete annotations[LAST_APPLIED]
  const record = { ...desired, metadata: { ...metadata, annotations } }
  if (Object.keys(annotations).length === 0) delete (record.metadata as { annotations?: unknown }).annotations
  return {
    ...desired,
    metadata: { ...metadata, annotations: { ...annotations, [LAST_APPLIED]: JSON.stringify(record) + '\n' } },
  }
}

function readLastApplied(live: KubeObject): unknown {
  const text = live.metadata.annotations?.[LAST_APPLIED]
  if (!text) return undefined
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

type Json = unknown

/**
 * Three-way merge: fields of `desired` win; fields only in `live` stay (server defaults, controller labels),
 * unless `last` shows the manifest once set them (then they were removed from the manifest). Lists of objects
 * with a `name` are merged item by item, like kubectl's strategic merge for containers, env and ports.
 */
function merge(live: Json, desired: Json, last: Json): Json {
  if (isObject(desired) && isObject(live)) {
    const out: Record<string, Json> = { ...live }
    const lastObj = isObject(last) ? last : {}
    for (const key of Object.keys(lastObj)) if (!(key in desired)) delete out[key]
    for (const [key, value] of Object.entries(desired)) out[key] = merge(live[key], value, lastObj[key])
    return out
  }
  if (Array.isArray(desired) && Array.isArray(live) && desired.every(namedObject)) {
    return desired.map(item => {
      const name = (item as { name: string }).name
      const liveItem = live.find(l => namedObject(l) && (l as { name: string }).name === name)
      const lastItem = Array.isArray(last) ? last.find(l => namedObject(l) && (l as { name: string }).name === name) : undefined
      return liveItem === undefined ? item : merge(liveItem, item, lastItem)
    })
  }
  return desired
}

function namedObject(v: Json): boolean {
  return isObject(v) && typeof v['name'] === 'string'
}
