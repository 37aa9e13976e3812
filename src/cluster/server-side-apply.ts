// Server-side apply (`kubectl apply --server-side --force-conflicts`, R78): the API server merges the manifest over
// the live object and records which fields the field manager set (metadata.managedFields, FieldsV1). A field the
// manager set before and the manifest no longer has is removed; fields other managers set (a kubectl client-side
// apply's, a controller's) stay. With --force-conflicts the manager takes over fields others own, so there is no
// conflict error. No last-applied annotation is written.
import { timestamp } from './clock.ts'
import { applyDefaults } from './defaults.ts'
import { deepEqual } from './json.ts'
import { type ApplyOptions, type ApplyResult, decodeRequest } from './apply.ts'
import { threeWayMerge, withoutStatus } from './kubectl-apply.ts'
import { type KubeObject, refOf } from './objects.ts'
import type { ObjectStore } from './store.ts'

import type { Fields, FieldsV1Codec } from './fields-v1.ts'

interface ManagedFieldsEntry {
  manager: string
  operation: 'Apply' | 'Update'
  apiVersion: string
  time?: string
  fieldsType: 'FieldsV1'
  fieldsV1: Fields
}

/** `codec` is fields-v1.ts. */
export function serverSideApply(store: ObjectStore, manifest: KubeObject, manager: string, codec: FieldsV1Codec,
  opts: Pick<ApplyOptions, 'dryRun' | 'clientSide' | 'fieldValidation'> = {}): ApplyResult {
  const desired = decodeRequest(manifest, opts)
  const live = store.get(refOf(desired))
  const dryRun = opts.dryRun ? { dryRun: true, clientSide: opts.clientSide ?? false } : {}
  const now = timestamp(store.now())
  if (!live) {
    const created = withManagedFields(desired, managedEntry(desired, manager, now, codec), [])
    return { object: store.create(created, dryRun), action: 'created' }
  }
  const entries = (live.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields ?? []
  const previous = entries.find(e => e.manager === manager && e.operation === 'Apply')
  const owned = previous ? codec.objectOfFields(previous.fieldsV1) : undefined
  const merged = threeWayMerge(withoutStatus(live), desired, owned) as KubeObject
  const others = entries.filter(e => e !== previous)
  const result = withManagedFields(merged, managedEntry(desired, manager, now, codec), others)
  applyDefaults(result)
  const unchanged = deepEqual(withoutTimes(result), withoutTimes(withoutStatus(live)))
  if (unchanged) return { object: live, action: 'unchanged' }
  return { object: store.update(result, dryRun), action: 'configured' }
}

function managedEntry(desired: KubeObject, manager: string, time: string, codec: FieldsV1Codec): ManagedFieldsEntry {
  return { manager, operation: 'Apply', apiVersion: desired.apiVersion, time, fieldsType: 'FieldsV1',
    fieldsV1: codec.fieldsOf(withoutIdentity(desired)) }
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

function withoutTimes(obj: KubeObject): unknown {
  const entries = (obj.metadata as { managedFields?: ManagedFieldsEntry[] }).managedFields
  if (!entries) return obj
  return { ...obj, metadata: { ...obj.metadata, managedFields: entries.map(({ time: _t, ...e }) => e) } }
}
