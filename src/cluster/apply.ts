// `kubectl apply` semantics (R27): create when absent; otherwise a three-way merge of the manifest over the live
// object, using the last applied configuration to remove fields the manifest no longer has. An unchanged manifest
// writes nothing ("unchanged"); a changed immutable field fails as the API server says (R73).
import { applyDefaults } from './defaults.ts'
import { deepEqual } from './json.ts'
import { annotateLastApplied, LAST_APPLIED, readLastApplied, threeWayMerge, withoutStatus } from './kubectl-apply.ts'
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
}

export function applyObject(store: ObjectStore, manifest: KubeObject, opts: ApplyOptions = {}): ApplyResult {
  const desired = withoutStatus(manifest)
  const live = store.get(refOf(desired))
  const dryRun = opts.dryRun ? { dryRun: true, clientSide: opts.clientSide ?? false } : {}
  if (!live) {
    const toCreate = opts.replace ? desired : annotateLastApplied(desired)
    return { object: store.create(toCreate, dryRun), action: 'created' }
  }
  if (opts.replace) {
    const replaced = { ...desired, metadata: { ...desired.metadata, resourceVersion: live.metadata.resourceVersion! } }
    return { object: store.update(replaced, dryRun), action: 'configured' } // kubectl replace prints "replaced"
  }
  const lastApplied = readLastApplied(live)
  const merged = threeWayMerge(withoutStatus(live), annotateLastApplied(desired), lastApplied) as KubeObject
  applyDefaults(merged)
  if (deepEqual(merged, withoutStatus(live))) return { object: live, action: 'unchanged' }
  return { object: store.update(merged, dryRun), action: 'configured' }
}
