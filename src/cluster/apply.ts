// `kubectl apply` semantics (R27): create when absent; otherwise a three-way merge of the manifest over the live
// object, using the last applied configuration to remove fields the manifest no longer has. An unchanged manifest
// writes nothing ("unchanged"); a changed immutable field fails as the API server says (R73).
import { applyDefaults } from './defaults.ts'
import { cloneJson, deepEqual } from './json.ts'
import { annotateLastApplied, LAST_APPLIED, readLastApplied, threeWayMerge, withoutStatus } from './kubectl-apply.ts'
import { ApiError } from './errors.ts'
import { strictDecodingMessage, unknownFields, withoutUnknownFields } from './known-fields.ts'
import { type KubeObject, refOf } from './objects.ts'
import type { ObjectStore } from './store.ts'

export { LAST_APPLIED }

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
  /** R79: 'Ignore' (`--validate=false`) drops unknown fields; the default, 'Strict', refuses them. */
  fieldValidation?: 'Strict' | 'Ignore'
  /**
   * The caller reads only the action (a sync's dry run, R45). A create in kubectl's client-side dry run then leaves
   * the last-applied annotation empty instead of writing the object out into it: the same checks and random draws,
   * and a returned object that differs in that annotation only.
   */
  actionOnly?: boolean
}

export function applyObject(store: ObjectStore, manifest: KubeObject, opts: ApplyOptions = {}): ApplyResult {
  const desired = decodeRequest(manifest, opts)
  const live = store.get(refOf(desired))
  const dryRun = opts.dryRun ? { dryRun: true, clientSide: opts.clientSide ?? false } : {}
  if (!live) {
    const toCreate = opts.replace ? desired
      : annotateLastApplied(desired, !(opts.actionOnly && opts.dryRun && opts.clientSide))
    return { object: store.create(toCreate, dryRun), action: 'created' }
  }
  if (opts.replace) {
    const replaced = { ...desired, metadata: { ...desired.metadata, resourceVersion: live.metadata.resourceVersion! } }
    return { object: store.update(replaced, dryRun), action: 'configured' } // kubectl replace prints "replaced"
  }
  const lastApplied = readLastApplied(live)
  // A copy before the defaults are written: the merge hands back what only the manifest has (a new container) as
  // the manifest's own objects, and the manifest (with its last-applied copy) must stay as written.
  const merged = cloneJson(threeWayMerge(withoutStatus(live), annotateLastApplied(desired), lastApplied)) as KubeObject
  applyDefaults(merged)
  if (deepEqual(merged, withoutStatus(live))) return { object: live, action: 'unchanged' }
  return { object: store.update(merged, dryRun), action: 'configured' }
}

/**
 * The API server's decoding of the request body: status dropped, unknown fields refused or, with
 * fieldValidation=Ignore, dropped (R79). kubectl's client-side dry run sends nothing, so nothing is checked (R76).
 */
export function decodeRequest(manifest: KubeObject, opts: Pick<ApplyOptions, 'dryRun' | 'clientSide' | 'fieldValidation'>): KubeObject {
  const obj = withoutStatus(manifest)
  if (opts.dryRun === true && opts.clientSide === true) return obj
  if (opts.fieldValidation === 'Ignore') return withoutUnknownFields(obj)
  const unknown = unknownFields(obj)
  if (unknown.length > 0) throw new ApiError('BadRequest', strictDecodingMessage(obj, unknown))
  return obj
}
