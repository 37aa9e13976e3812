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
  // Most objects the application hears of (Pods, Events' subjects) carry no id: no id string is built for them.
  return id !== undefined && id === trackingId(appName, obj)
}

export function withTracking(appName: string, obj: KubeObject): KubeObject {
  const annotations = { ...obj.metadata.annotations, [TRACKING_ANNOTATION]: trackingId(appName, obj) }
  return { ...obj, metadata: { ...obj.metadata, annotations } }
}

export function liveKey(obj: KubeObject): string {
  return resourceKeyString({ group: groupOf(obj.apiVersion), kind: obj.kind, namespace: obj.metadata.namespace ?? '',
    name: obj.metadata.name ?? '' })
}
