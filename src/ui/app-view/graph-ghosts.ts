// Objects that left the cluster a moment ago, read from the application's event stream, so the graph can keep them
// drawn for a while, faded, with why they went ("deleted by HookSucceeded"). Argo CD's own tree simply drops them;
// a learner needs to see a hook created, run and deleted by its policy. DOM-free.
import type { DeleteReason, RecordedEvent } from '../../sync/events.ts'

/** How long (virtual time in the simulation, wall time on a real cluster) a deleted object stays drawn. */
export const GONE_SHOWN_MS = 60_000

/** One life of an object (a name can be created again after it was deleted: BeforeHookCreation, R33). */
export interface ObjectLife {
  /** `kind/namespace/name` */
  key: string
  kind: string
  namespace: string
  name: string
  /** -Infinity when it was there before the events began. */
  createdAt: number
  /** The controlling owner's key, when it was created with one. */
  owner?: string
  goneAt?: number
  /** The application's own deletion of it, when that is why it went. */
  deletedBy?: DeleteReason
}

/** What the events say so far; built once per event array and brought up to date as events are appended. */
export interface LifeIndex {
  scanned: number
  lives: Map<string, ObjectLife[]>
  gone: ObjectLife[]
  /** Keys the application applied or deleted itself: its own objects, hooks included. */
  ownKeys: Set<string>
  pendingDelete: Map<string, { reason: DeleteReason; t: number }>
}

export function eventKey(e: { kind: string; namespace: string; name: string }): string {
  return `${e.kind}/${e.namespace}/${e.name}`
}

const indexes = new WeakMap<readonly RecordedEvent[], LifeIndex>()

/** The index of `events` (an append-only list): only events appended since the last call are read. */
export function lifeIndex(events: readonly RecordedEvent[]): LifeIndex {
  let index = indexes.get(events)
  if (!index || index.scanned > events.length) {
    index = { scanned: 0, lives: new Map(), gone: [], ownKeys: new Set(), pendingDelete: new Map() }
    indexes.set(events, index)
  }
  for (; index.scanned < events.length; index.scanned++) readEvent(index, events[index.scanned]!)
  return index
}

function current(index: LifeIndex, key: string): ObjectLife | undefined {
  const life = index.lives.get(key)?.at(-1)
  return life && life.goneAt === undefined ? life : undefined
}

function readEvent(index: LifeIndex, e: RecordedEvent): void {
  switch (e.type) {
    case 'created': {
      const key = eventKey(e)
      const slash = e.owner?.indexOf('/') ?? -1
      const owner = e.owner && slash > 0 ? `${e.owner.slice(0, slash)}/${e.namespace}/${e.owner.slice(slash + 1)}` : undefined
      const life: ObjectLife = { key, kind: e.kind, namespace: e.namespace, name: e.name, createdAt: e.t,
        ...(owner ? { owner } : {}) }
      index.lives.set(key, [...(index.lives.get(key) ?? []), life])
      return
    }
    case 'apply':
      if (!e.dryRun && e.action !== 'failed') index.ownKeys.add(eventKey(e))
      return
    case 'delete':
      index.ownKeys.add(eventKey(e))
      index.pendingDelete.set(eventKey(e), { reason: e.reason, t: e.t })
      return
    case 'gone': {
      const key = eventKey(e)
      let life = current(index, key)
      if (!life) {
        life = { key, kind: e.kind, namespace: e.namespace, name: e.name, createdAt: Number.NEGATIVE_INFINITY }
        index.lives.set(key, [...(index.lives.get(key) ?? []), life])
      }
      life.goneAt = e.t
      const deletion = index.pendingDelete.get(key)
      if (deletion && deletion.t >= life.createdAt) life.deletedBy = deletion.reason
      index.pendingDelete.delete(key)
      index.gone.push(life)
      return
    }
    default:
  }
}

/**
 * Objects gone within `GONE_SHOWN_MS` before `now` (its last moment included), oldest first. The end is a sum, as
 * the clock's is: To the end stops 60 s (the lab's settle time) after the operation ended, which a hook's deletion
 * may end, and `now - goneAt` of fractional times is off by a rounding either way: the ghosts were drawn at the end
 * of one run and not of the next, by the Sync click's fraction of a millisecond.
 */
export function recentlyGone(index: LifeIndex, now: number): ObjectLife[] {
  const out: ObjectLife[] = []
  for (let i = index.gone.length - 1; i >= 0; i--) {
    const life = index.gone[i]!
    if (life.goneAt! > now) continue
    if (now > life.goneAt! + GONE_SHOWN_MS) break
    out.push(life)
  }
  return out.reverse()
}

/** The life of `ownerKey` that owned `child`: the latest one created no later than the child. */
export function ownerLife(index: LifeIndex, ownerKey: string, child: ObjectLife): ObjectLife | undefined {
  const lives = index.lives.get(ownerKey) ?? []
  for (let i = lives.length - 1; i >= 0; i--) if (lives[i]!.createdAt <= child.createdAt) return lives[i]
  return undefined
}

const REASON_WORDS: Record<DeleteReason, string> = {
  HookSucceeded: 'deleted by HookSucceeded', // R34
  HookFailed: 'deleted by HookFailed', // R35
  BeforeHookCreation: 'deleted by BeforeHookCreation', // R33
  Terminate: 'deleted when the operation was terminated', // R60
  Prune: 'pruned', // R48
  AppDeleted: 'deleted with the application', // R64
}

/** Why a gone object went, in the words the graph shows. */
export function goneReason(index: LifeIndex, life: ObjectLife): string {
  if (life.deletedBy) return REASON_WORDS[life.deletedBy]
  const owner = life.owner ? ownerLife(index, life.owner, life) : undefined
  if (owner && owner.goneAt !== undefined) {
    const why = owner.deletedBy ?? (owner.owner ? ownerLife(index, owner.owner, owner)?.deletedBy : undefined) // raw: "HookSucceeded"
    return `deleted with ${owner.kind}/${owner.name}${why ? ` (${why})` : ''}`
  }
  if (owner) return `deleted by its ${owner.kind}`
  return 'deleted'
}
