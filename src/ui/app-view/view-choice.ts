// Graph or list: how the application view draws its resources, the learner's choice, kept in the browser and shared
// by every application view on the page (the simulation's and a real cluster's).
import { useSyncExternalStore } from 'react'

export type ResourceViewKind = 'graph' | 'list'

const KEY = 'synclab:resource-view'
const listeners = new Set<() => void>()
let chosen: ResourceViewKind = read()

function read(): ResourceViewKind {
  try {
    return globalThis.localStorage?.getItem(KEY) === 'list' ? 'list' : 'graph'
  } catch {
    return 'graph' // storage may be refused (private mode): the graph, not remembered
  }
}

export function chooseResourceView(kind: ResourceViewKind): void {
  chosen = kind
  try {
    globalThis.localStorage?.setItem(KEY, kind)
  } catch { /* not remembered, still switched */ }
  for (const l of listeners) l()
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function useResourceView(): ResourceViewKind {
  return useSyncExternalStore(subscribe, () => chosen, () => chosen)
}
