// The served resource versions and the watch history. The simulated store numbers object versions but does not
// give a deletion a version of its own; the API server does (etcd's revision moves on every change). So the
// server keeps its own counter: every change the store makes (ADDED, MODIFIED, DELETED) takes the next number,
// objects are served with the number of their latest change, and a watch resumes from any number still in the
// history (older ones answer 410 Expired, as the API server does once etcd has compacted).
import type { KubeObject } from '../cluster/objects.ts'
import type { ObjectStore, WatchEventType } from '../cluster/store.ts'

export interface HubEntry {
  rv: number
  type: WatchEventType
  /** The object as served (its resourceVersion is `rv`). */
  object: KubeObject
  /** The object before this change, as it was served (MODIFIED and DELETED). */
  old?: KubeObject
}

export type HubListener = (entry: HubEntry) => void

export class WatchHub {
  private history: HubEntry[] = []
  private counter: number
  /** uid → served resourceVersion of the object's current state. */
  private served = new Map<string, number>()
  private listeners = new Set<HubListener>()
  private unwatch: () => void

  constructor(store: ObjectStore, private capacity = 50_000) {
    let max = 0
    for (const obj of store.all()) {
      const rv = Number(obj.metadata.resourceVersion ?? 0)
      this.served.set(obj.metadata.uid ?? '', rv)
      if (rv > max) max = rv
    }
    this.counter = max
    this.unwatch = store.watch(e => {
      const uid = e.object.metadata.uid ?? ''
      const old = e.old ? this.serve(e.old) : undefined
      const rv = ++this.counter
      if (e.type === 'DELETED') this.served.delete(uid)
      else this.served.set(uid, rv)
      const entry: HubEntry = { rv, type: e.type, object: withVersion(e.object, rv), ...(old ? { old } : {}) }
      this.history.push(entry)
      if (this.history.length > this.capacity) this.history.splice(0, this.history.length - this.capacity)
      for (const l of [...this.listeners]) l(entry)
    })
  }

  /** The latest resourceVersion (what a list answers with). */
  get resourceVersion(): string {
    return String(this.counter)
  }

  /** The object with the resourceVersion clients see. */
  serve(obj: KubeObject): KubeObject {
    const rv = this.served.get(obj.metadata.uid ?? '')
    return rv === undefined ? obj : withVersion(obj, rv)
  }

  /** The served resourceVersion of a stored object (for optimistic concurrency checks). */
  versionOf(obj: KubeObject): string | undefined {
    const rv = this.served.get(obj.metadata.uid ?? '')
    return rv === undefined ? undefined : String(rv)
  }

  /** Changes after `rv`, or 'expired' when the history no longer reaches back that far. */
  since(rv: number): HubEntry[] | 'expired' {
    if (rv >= this.counter) return []
    const first = this.history[0]
    if (!first || rv < first.rv - 1) return 'expired'
    return this.history.slice(rv - first.rv + 1)
  }

  subscribe(listener: HubListener): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  close(): void {
    this.unwatch()
    this.listeners.clear()
  }
}

function withVersion(obj: KubeObject, rv: number): KubeObject {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rv) } }
}
