// How an application finds what it manages: Argo CD's annotation tracking. Every object it applies carries
// `argocd.argoproj.io/tracking-id: <app>:<group>/<kind>:<namespace>/<name>`; objects merely created by those
// (a Job's Pods) do not, so they are never pruned.
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import { resourceKeyString } from './types.ts'

export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id'

export function trackingId(appName: string, obj: KubeObject): string {
  return `${appName}:${groupOf(obj.apiVersion)}/${obj.kind}:${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}`
}

/** The object carries this application's tracking id, and the id names the object itself (not a copy). */
export function isTrackedBy(appName: string, obj: KubeObject): boolean {
  const id = obj.metadata.annotations?.[TRACKING_ANNOTATION]
  // Most objects the application hears of (Pods, Events' subjects) carry no id: no id string is built for them;
  // the application asks on every change of the objects that carry one, so theirs is compared piece by piece.
  return typeof id === 'string' && idNames(id, appName, groupOf(obj.apiVersion), obj.kind, obj.metadata.namespace ?? '',
    obj.metadata.name ?? '')
}

/** Whether `id` is `<app>:<group>/<kind>:<namespace>/<name>` (trackingId), read in place. */
function idNames(id: string, app: string, group: string, kind: string, namespace: string, name: string): boolean {
  if (id.length !== app.length + group.length + kind.length + namespace.length + name.length + 4) return false
  let at = 0
  if (!partAt(id, at, app, ':')) return false
  at += app.length + 1
  if (!partAt(id, at, group, '/')) return false
  at += group.length + 1
  if (!partAt(id, at, kind, ':')) return false
  at += kind.length + 1
  if (!partAt(id, at, namespace, '/')) return false
  return id.startsWith(name, at + namespace.length + 1)
}

function partAt(id: string, at: number, part: string, separator: string): boolean {
  return id.startsWith(part, at) && id[at + part.length] === separator
}

export function withTracking(appName: string, obj: KubeObject): KubeObject {
  // Copied, then the id set: a computed key after a spread takes a slow path in the literal.
  const annotations: Record<string, string> = { ...obj.metadata.annotations }
  annotations[TRACKING_ANNOTATION] = trackingId(appName, obj)
  return { ...obj, metadata: { ...obj.metadata, annotations } }
}

export function liveKey(obj: KubeObject): string {
  return resourceKeyString({ group: groupOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '' })
}
