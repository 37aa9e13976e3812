// Server-side apply (`kubectl apply --server-side --force-conflicts`, R78): the API server merges the manifest over
// the live object and records which fields the field manager set (metadata.managedFields, FieldsV1). A field the
// manager set before and the manifest no longer has is removed; fields other managers set (a kubectl client-side
// apply's, a controller's) stay. With --force-conflicts the manager takes over fields others own, so there is no
// conflict error. No last-applied annotation is written.
import { timestamp } from './clock.ts'
import { applyDefaults } from './defaults.ts'
import { deepEqual, isPlainObject } from './json.ts'
import type { ApplyOptions, ApplyResult } from './apply.ts'
import { threeWayMerge, withoutStatus } from './kubectl-apply.ts'
import { type KubeObject, refOf } from './objects.ts'
import type { ObjectStore } from './store.ts'

type Fields = { [key: string]: Fields }

interface ManagedFieldsEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time?: string
  fieldsType: 'FieldsV1'
  fieldsV1: Fields
}

export function serverSideApply(store: ObjectStore, desired: KubeObject, manager: string,
  opts: Pick<ApplyOptions, 'dryRun' | 'clientSide'>): ApplyResult {
  const live = store.get(refOf(desired))
  const dryRun = opts.dryRun ? { dryRun: true, clientSide: opts.clientSide ?? false } : {}
  const now = timestamp(store.now())
  if (!live) {
    const created = withManagedFields(desired, managedEntry(desired, manager, now), [])
    return { object: store.create(created, dryRun), action: 'created' }
  }
  const entries = (live.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? []
  const previous = entries.find(e => e.manager === manager && e.operation === 'Apply')
  const owned = previous ? objectOfFields(previous.fieldsV1) : undefined
  const merged = threeWayMerge(withoutStatus(live), desired, owned) as KubeObject
  const others = entries.filter(e => e !== previous)
  const result = withManagedFields(merged, managedEntry(desired, manager, now), others)
  applyDefaults(result)
  const unchanged = deepEqual(withoutTimes(result), withoutTimes(withoutStatus(live)))
  if (unchanged) return { object: live, action: 'unchanged' }
  return { object: store.update(result, dryRun), action: 'configured' }
}

function managedEntry(desired: KubeObject, manager: string, time: string): ManagedFieldsEntry {
  return { manager, operation: 'Apply', apiVersion: desired.apiVersion, time, fieldsType: 'FieldsV1',
    fieldsV1: fieldsOf(withoutIdentity(desired)) }
}

function withManagedFields(obj: KubeObject, entry: ManagedFieldsEntry, others: ManagedFieldsEntry[]): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, managedFields: [...others, entry] } as KubeObject['metadata'] }
}

/** apiVersion, kind, name and namespace identify the object; FieldsV1 does not list them. */
function withoutIdentity(obj: KubeObject): Record<string, unknown> {
  const { apiVersion: _a, kind: _k, metadata, ...rest } = obj
  const { name: _n, namespace: _ns, generateName: _g, ...meta } = metadata
  return Object.keys(meta).length > 0 ? { ...rest, metadata: meta } : rest
}

/** FieldsV1: `f:<field>` for object fields, `k:{"name":…}` for items of lists keyed by name, `{}` for leaves. */
export function fieldsOf(value: unknown): Fields {
  if (isPlainObject(value)) {
    const out: Fields = {}
    for (const [k, v] of Object.entries(value)) out[`f:${k}`] = fieldsOf(v)
    return out
  }
  if (Array.isArray(value) && value.length > 0 && value.every(v => isPlainObject(v) && typeof v['name'] === 'string')) {
    const out: Fields = {}
    for (const item of value as Array<Record<string, unknown>>) {
      out[`k:${JSON.stringify({ name: item['name'] })}`] = { '.': {}, ...fieldsOf(item) }
    }
    return out
  }
  return {}
}

/** The shape FieldsV1 describes, for the three-way merge to see which fields the manager had set. */
function objectOfFields(fields: Fields): unknown {
  const keys = Object.keys(fields).filter(k => k !== '.')
  if (keys.length === 0) return true
  if (keys.every(k => k.startsWith('k:'))) {
    return keys.map(k => ({ ...(JSON.parse(k.slice(2)) as object), ...(objectOfFields(fields[k]!) as object) }))
  }
  const out: Record<string, unknown> = {}
  for (const k of keys) if (k.startsWith('f:')) out[k.slice(2)] = objectOfFields(fields[k]!)
  return out
}

function withoutTimes(obj: KubeObject): unknown {
  const entries = (obj.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields
  if (!entries) return obj
  return { ...obj, metadata: { ...obj.metadata, managedFields: entries.map(({ time: _t, ...e }) => e) } }
}
