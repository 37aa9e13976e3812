// `synclab cleanup` on a real cluster: what synclab created in its namespace (the objects labelled
// app.kubernetes.io/managed-by=synclab, any application) is listed first, and after the user confirms, exactly
// that list is deleted, nothing more:
// - every delete carries `preconditions: { uid }`: an object deleted and re-created under the same name since the
//   list (by someone else, or by a sync) is a different object, and the API server refuses the delete (409);
// - only Argo CD's hook finalizer (R26, argocd.argoproj.io/hook-finalizer) is taken off, and only from the listed
//   object (a JSON patch that first tests the uid and the finalizer's place); finalizers of other controllers stay,
//   and the object then waits for them as it would for any delete.
import type { KindInfo } from '../cluster/kinds.ts'
import type { KubeObject } from '../cluster/objects.ts'
import { HOOK_FINALIZER } from '../cluster/health/index.ts'
import { KubeApiError } from './errors.ts'
import type { KubeApi } from './kube-api.ts'
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './labels.ts'

export interface CleanupItem {
  info: KindInfo
  name: string
  uid: string
  /** Kind/name, as printed. */
  ref: string
  /** The finalizers the object had when listed. */
  finalizers: string[]
}

export interface CleanupOutcome {
  item: CleanupItem
  /** deleted; gone (already); replaced (another object now has the name: left alone). */
  result: 'deleted' | 'gone' | 'replaced'
  /** Finalizers other than Argo CD's that the deletion now waits for. */
  waitsFor: string[]
}

/** Every namespaced kind that can hold synclab's objects, once per group and kind (events excluded). */
function cleanupKinds(kinds: KindInfo[]): KindInfo[] {
  const seen = new Set<string>()
  return kinds.filter(k => {
    if (!k.namespaced || k.kind === 'Event' || k.group === 'events.k8s.io') return false
    const key = `${k.group}/${k.kind}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

export async function planCleanup(api: KubeApi, kinds: KindInfo[]): Promise<CleanupItem[]> {
  const selector = `?labelSelector=${encodeURIComponent(`${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}`)}`
  const plan: CleanupItem[] = []
  for (const info of cleanupKinds(kinds)) {
    let items: KubeObject[]
    try {
      items = ((await api.request('GET', api.path(info) + selector)) as { items?: KubeObject[] }).items ?? []
    } catch {
      continue // not listable here (RBAC, or a resource without list)
    }
    for (const obj of items) {
      // The server's selector is trusted only as far as the label can be read on the object itself.
      if (obj.metadata.labels?.[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE || !obj.metadata.uid) continue
      const name = obj.metadata.name ?? ''
      plan.push({ info, name, uid: obj.metadata.uid, ref: `${info.kind}/${name}`, finalizers: obj.metadata.finalizers ?? [] })
    }
  }
  return plan
}

export async function deletePlanned(api: KubeApi, plan: CleanupItem[]): Promise<CleanupOutcome[]> {
  const outcomes: CleanupOutcome[] = []
  for (const item of plan) outcomes.push(await deleteOne(api, item))
  return outcomes
}

async function deleteOne(api: KubeApi, item: CleanupItem): Promise<CleanupOutcome> {
  const path = api.path(item.info, item.name)
  let live: KubeObject
  try {
    live = await api.request('GET', path) as KubeObject
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return { item, result: 'gone', waitsFor: [] }
    throw e
  }
  if (live.metadata.uid !== item.uid) return { item, result: 'replaced', waitsFor: [] }
  try {
    await removeHookFinalizer(api, path, live)
    await api.request('DELETE', path, { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: 'Background',
      preconditions: { uid: item.uid } })
  } catch (e) {
    if (e instanceof KubeApiError && e.code === 404) return { item, result: 'gone', waitsFor: [] }
    if (e instanceof KubeApiError && e.code === 409 && /precondition/i.test(e.message)) {
      return { item, result: 'replaced', waitsFor: [] }
    }
    throw e
  }
  const waitsFor = (live.metadata.finalizers ?? []).filter(f => f !== HOOK_FINALIZER)
  return { item, result: 'deleted', waitsFor }
}

/** Takes Argo CD's hook finalizer, and only it, off this very object (the patch fails if the uid differs). */
async function removeHookFinalizer(api: KubeApi, path: string, live: KubeObject): Promise<void> {
  const at = (live.metadata.finalizers ?? []).indexOf(HOOK_FINALIZER)
  if (at < 0) return
  await api.request('PATCH', path, [
    { op: 'test', path: '/metadata/uid', value: live.metadata.uid },
    { op: 'test', path: `/metadata/finalizers/${at}`, value: HOOK_FINALIZER },
    { op: 'remove', path: `/metadata/finalizers/${at}` },
  ], 'application/json-patch+json')
}

/** One line per outcome, as the CLI prints them. */
export function describeOutcome(o: CleanupOutcome): string {
  if (o.result === 'gone') return `${o.item.ref} was already gone`
  if (o.result === 'replaced') {
    return `${o.item.ref} not deleted: it was deleted and re-created since the list (another uid), so it is not the object listed`
  }
  return o.waitsFor.length > 0 ? `${o.item.ref} deleted (it waits for its finalizers ${o.waitsFor.join(', ')})`
    : `${o.item.ref} deleted`
}
