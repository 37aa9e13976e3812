// The simulated API server's storage: create, get, list, update, delete and watch, with uids, resource versions,
// generateName, finalizers and graceful deletion. Objects handed out are shared, never copied: callers treat
// them as read-only and write through `update`/`updateStatus`, which store a new object.
import { timestamp, type VirtualClock } from './clock.ts'
import { applyDefaults } from './defaults.ts'
import { alreadyExists, ApiError, etcdTooLarge, invalid, notFound } from './errors.ts'
import { MAX_PODS_PER_NAMESPACE, quotaExceededMessage, sizeErrors, tooLargeForEtcd } from './limits.ts'
import { checkTypes } from '../manifest/schema/check-types.ts'

/**
 * The API server decodes into Kubernetes' types first: a wrong type is a BadRequest ("... cannot be handled as a
 * Job: ...", R76: even kubectl's client-side dry run fails on it), so no controller ever reads it. Checked once the
 * reader's types are loaded (check-types.ts); controllers' own objects (handOver) come from checked templates.
 */
function undecodable(obj: KubeObject, info: KindInfo, opts: WriteOptions): ApiError | undefined {
  const issue = opts.handOver ? undefined : checkTypes(obj as unknown as Record<string, unknown>)[0]
  return issue && new ApiError('BadRequest', `${info.kind} in version "${info.version}" cannot be handled as a ` +
    `${info.kind}: ${issue.message}`)
}
import { cloneJson, deepEqual } from './json.ts'
import { KindRegistry, type KindInfo } from './kinds.ts'
import { type KubeObject, type ObjectRef, refOf } from './objects.ts'
import { generateName, type SeededRandom } from './random.ts'
import { randomUid } from './uid.ts'
import { immutableFieldErrors, validateObject } from './validation.ts'

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED'
export interface WatchEvent {
  type: WatchEventType
  object: KubeObject
  /** The object before this change (MODIFIED and DELETED). */
  old?: KubeObject
}
export type WatchListener = (event: WatchEvent) => void

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan'
export interface DeleteOptions {
  propagationPolicy?: PropagationPolicy
  /** Pods only: overrides spec.terminationGracePeriodSeconds (0 = remove now). */
  gracePeriodSeconds?: number
  dryRun?: boolean
}
export interface WriteOptions {
  dryRun?: boolean
  /**
   * kubectl's client-side dry run (what Argo CD's dry run uses, R45): validated locally only, so it does not see a
   * missing namespace or a change to an immutable field.
   */
  clientSide?: boolean
  /**
   * Controllers creating objects from their own templates hand the object over: the store keeps it without a
   * copy, sharing unchanged parts (a Pod's spec with its Job's template) as the objects are never mutated.
   */
  handOver?: boolean
}

export const FOREGROUND_FINALIZER = 'foregroundDeletion'
/** R72: create attempts with a fresh generated name when the last one was taken (apiserver registry/store.go). */
export const MAX_NAME_GENERATION_ATTEMPTS = 8
export const ORPHAN_FINALIZER = 'orphan'

/**
 * Where the store keeps one object: every index holds the cell, and a write puts the new object in it, so a write
 * touches no index (uid, name and namespace never change) and a lookup by any index finds the latest object.
 */
interface Cell {
  obj: KubeObject
}

export class ObjectStore {
  readonly kinds = new KindRegistry()
  // kind → namespace → name → cell. Nested maps, so lookups hash the strings objects already carry
  // instead of building a key per call.
  private index = new Map<string, Map<string, Map<string, Cell>>>()
  /** uid → cell, in creation order. */
  private byUid = new Map<string, Cell>()
  /** owner uid → the cells of its dependents. */
  private byOwner = new Map<string, Set<Cell>>()
  private watchers: WatchListener[] = []
  private kindWatchers = new Map<string, WatchListener[]>()
  private version = 0

  constructor(private clock: VirtualClock, private random: SeededRandom) {}

  /** The API server's clock (virtual ms), for the timestamps it writes. */
  now(): number {
    return this.clock.now()
  }

  get(ref: ObjectRef): KubeObject | undefined {
    return this.cellOf(ref)?.obj
  }

  private cellOf(ref: ObjectRef): Cell | undefined {
    return this.index.get(ref.kind)?.get(ref.namespace)?.get(ref.name)
  }

  /**
   * Objects of a kind, optionally in one namespace, in creation order. Every index keeps insertion order and a
   * write changes a cell, not an index, so one namespace's map is in creation order, and so is byUid for several.
   */
  list(kind: string, namespace?: string): KubeObject[] {
    const byNs = this.index.get(kind)
    if (!byNs) return []
    if (namespace !== undefined) return objectsOf(byNs.get(namespace)?.values())
    if (byNs.size === 1) return objectsOf(byNs.values().next().value!.values())
    const out: KubeObject[] = []
    for (const { obj } of this.byUid.values()) if (obj.kind === kind) out.push(obj)
    return out
  }

  /** Every object, in creation order. */
  all(): KubeObject[] {
    return objectsOf(this.byUid.values())
  }

  get size(): number {
    return this.byUid.size
  }

  getByUid(uid: string): KubeObject | undefined {
    return this.byUid.get(uid)?.obj
  }

  /** Objects whose ownerReferences name `uid`. */
  dependents(uid: string): KubeObject[] {
    return objectsOf(this.byOwner.get(uid)?.values())
  }

  /** Every change from now on, or only changes to the given kinds. */
  watch(listener: WatchListener, kinds?: string[]): () => void {
    if (!kinds) {
      this.watchers.push(listener)
      return () => { this.watchers = this.watchers.filter(w => w !== listener) }
    }
    for (const kind of kinds) this.kindWatchers.set(kind, [...(this.kindWatchers.get(kind) ?? []), listener])
    return () => {
      for (const kind of kinds) this.kindWatchers.set(kind, (this.kindWatchers.get(kind) ?? []).filter(w => w !== listener))
    }
  }

  kindInfo(obj: Pick<KubeObject, 'apiVersion' | 'kind'>): KindInfo {
    const info = this.kinds.lookup(obj.apiVersion, obj.kind)
    if (!info) {
      throw new ApiError('NotFound',
        `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`)
    }
    return info
  }

  /** POST: a new object. `generateName` gets five random characters (R72). */
  create(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.kindInfo(input)
    const bad = undecodable(input, info, opts)
    if (bad) throw bad
    const obj = opts.handOver ? input : cloneJson(input)
    const meta = obj.metadata ?? (obj.metadata = {})
    if (!info.namespaced) delete meta.namespace
    if (info.namespaced && meta.namespace && !(opts.dryRun && opts.clientSide) && !this.namespaceExists(meta.namespace)) {
      throw notFound('namespaces', meta.namespace)
    }
    // synclab's capacity (limits.ts), as a ResourceQuota's admission refuses: before the name is generated.
    if (obj.kind === 'Pod' && !opts.dryRun && (this.index.get('Pod')?.get(meta.namespace ?? '')?.size ?? 0) >= MAX_PODS_PER_NAMESPACE) {
      throw new ApiError('Forbidden', quotaExceededMessage(meta.name || meta.generateName || ''))
    }
    // A generated name found free needs no second lookup below (nothing is stored in between).
    let knownFree = false
    if (!meta.name && meta.generateName) {
      const generated = this.freeGeneratedName(meta.generateName, info, meta.namespace ?? '')
      meta.name = generated.name
      knownFree = generated.free
    }
    applyDefaults(obj)
    this.prepareForCreate(obj)
    // R76: kubectl's client-side dry run builds the request locally; the API server's validation (types, sizes) never runs.
    const clientSide = opts.dryRun === true && opts.clientSide === true
    const errors = clientSide ? [] : [...validateObject(obj, info), ...sizeErrors(obj)]
    if (errors.length > 0) throw invalid(resourceName(info), meta.name ?? '', errors)
    if (!knownFree && this.get(refOf(obj))) throw alreadyExists(resourceName(info, true), meta.name!)
    if (!clientSide && tooLargeForEtcd(obj)) throw etcdTooLarge()
    meta.uid = this.uid()
    meta.creationTimestamp = timestamp(this.clock.now())
    if (obj.kind === 'Job') labelJobPods(obj)
    if (obj.spec !== undefined) meta.generation = 1
    if (opts.dryRun) return obj
    meta.resourceVersion = this.nextVersion()
    if (obj.kind === 'CustomResourceDefinition') this.registerCrd(obj)
    this.put(obj)
    this.emit({ type: 'ADDED', object: obj })
    return obj
  }

  /**
   * R72: `generateName` plus five random characters. A generated name that is taken is drawn again, up to 8
   * attempts in all, as the API server's create retries an AlreadyExists (apiserver registry/store.go
   * createWithGenerateNameRetry, maxNameGenerationCreateAttempts = 8); the last one is returned even if taken,
   * and the create then fails AlreadyExists as there.
   */
  private freeGeneratedName(base: string, info: KindInfo, namespace: string): { name: string; free: boolean } {
    let name = ''
    for (let attempt = 0; attempt < MAX_NAME_GENERATION_ATTEMPTS; attempt++) {
      name = generateName(base, this.random)
      if (!this.get({ kind: info.kind, namespace: info.namespaced ? namespace : '', name })) return { name, free: true }
    }
    return { name, free: false }
  }

  /**
   * PUT: replaces metadata and spec, keeps status (the status subresource is written with `updateStatus`).
   * Immutable fields are enforced (R73); generation moves on when spec changes.
   */
  update(input: KubeObject, opts: WriteOptions = {}): KubeObject {
    const info = this.kindInfo(input)
    const bad = undecodable(input, info, opts)
    if (bad) throw bad
    const cell = this.mustGetCell(refOf(input), info)
    const old = cell.obj
    const obj = cloneJson(input)
    applyDefaults(obj)
    const meta = obj.metadata
    meta.uid = old.metadata.uid!
    meta.creationTimestamp = old.metadata.creationTimestamp!
    if (old.metadata.deletionTimestamp) meta.deletionTimestamp = old.metadata.deletionTimestamp
    if (old.status !== undefined) obj.status = old.status
    const clientSide = opts.dryRun && opts.clientSide
    const errors = clientSide ? [] : [...validateObject(obj, info), ...sizeErrors(obj), ...immutableFieldErrors(obj.kind, old, obj)] // R76
    if (errors.length > 0) throw invalid(resourceName(info), meta.name ?? '', errors)
    if (!clientSide && tooLargeForEtcd(obj)) throw etcdTooLarge()
    const specChanged = !deepEqual(old.spec, obj.spec)
    meta.generation = (old.metadata.generation ?? 1) + (specChanged ? 1 : 0)
    if (opts.dryRun) return obj
    return this.replace(cell, obj)
  }

  /**
   * Controllers write status (and nothing else) through here. A controller that holds the object as stored passes
   * it instead of a reference: the write then starts from it without looking it up by name (see `current`).
   */
  updateStatus(target: ObjectRef | KubeObject, status: unknown): KubeObject {
    const cell = this.current(target)
    return this.replace(cell, withStatus(cell.obj, status))
  }

  /** Metadata-only changes (finalizers, labels, owner references) made by controllers. */
  updateMetadata(ref: ObjectRef, change: (meta: KubeObject['metadata']) => void): KubeObject {
    const cell = this.mustGetCell(ref)
    const old = cell.obj
    const metadata = cloneJson(old.metadata)
    change(metadata)
    const updated = this.replace(cell, { ...old, metadata })
    this.finalizeIfDone(updated)
    return updated
  }

  /** The kubelet binds a Pod and writes its first status in one go. */
  updateSpecAndStatus(target: ObjectRef | KubeObject, spec: unknown, status: unknown): KubeObject {
    const cell = this.current(target)
    const old = cell.obj
    // Pods apart (the kubelet's bind), as in withStatus.
    if (old.kind === 'Pod') return this.replace(cell, { ...old, metadata: { ...old.metadata }, spec, status })
    return this.replace(cell, { ...old, metadata: { ...old.metadata }, spec, status })
  }

  /** Controllers that own an object's spec (a ReplicaSet's replicas) write it here, bypassing validation. */
  updateSpec(ref: ObjectRef, spec: unknown): KubeObject {
    const cell = this.mustGetCell(ref)
    const old = cell.obj
    const generation = (old.metadata.generation ?? 1) + 1
    return this.replace(cell, { ...old, metadata: { ...old.metadata, generation }, spec })
  }

  removeFinalizer(ref: ObjectRef, finalizer: string): KubeObject | undefined {
    const obj = this.get(ref)
    if (!obj?.metadata.finalizers?.includes(finalizer)) return obj
    return this.updateMetadata(ref, m => {
      m.finalizers = m.finalizers!.filter(f => f !== finalizer)
      if (m.finalizers.length === 0) delete m.finalizers
    })
  }

  /**
   * DELETE. Objects with finalizers, or deleted in the foreground, or running Pods (graceful deletion, R75)
   * only get a deletionTimestamp; the rest disappear at once and the garbage collector takes their dependents.
   */
  delete(ref: ObjectRef, opts: DeleteOptions = {}): KubeObject {
    const cell = this.mustGetCell(ref)
    const old = cell.obj
    if (opts.dryRun) return old
    const policy = opts.propagationPolicy ?? 'Background'
    const meta = cloneJson(old.metadata)
    const finalizers = new Set(meta.finalizers ?? [])
    if (policy === 'Foreground' && !meta.deletionTimestamp) finalizers.add(FOREGROUND_FINALIZER)
    if (policy === 'Orphan' && !meta.deletionTimestamp) finalizers.add(ORPHAN_FINALIZER)
    const grace = old.kind === 'Pod' ? podGraceSeconds(old, opts) : 0
    if (finalizers.size === 0 && grace === 0) {
      this.remove(old)
      return old
    }
    if (!meta.deletionTimestamp) {
      meta.deletionTimestamp = timestamp(this.clock.now() + grace * 1000)
      meta.deletionGracePeriodSeconds = grace
    } else if (old.kind === 'Pod' && grace < (meta.deletionGracePeriodSeconds ?? 0)) {
      meta.deletionTimestamp = timestamp(this.clock.now() + grace * 1000) // a shorter grace period wins
      meta.deletionGracePeriodSeconds = grace
    }
    if (finalizers.size > 0) meta.finalizers = [...finalizers]
    // Deleting again what is already being deleted, with nothing new to say, changes nothing.
    if (old.metadata.deletionTimestamp && meta.deletionTimestamp === old.metadata.deletionTimestamp &&
      finalizers.size === (old.metadata.finalizers?.length ?? 0)) {
      if (old.kind === 'Pod' && grace === 0) this.finalizeIfDone(old)
      return old
    }
    const updated = this.replace(cell, { ...old, metadata: meta })
    if (old.kind === 'Pod' && grace === 0) this.finalizeIfDone(updated)
    return updated
  }

  namespaceExists(name: string): boolean {
    return this.get({ kind: 'Namespace', namespace: '', name }) !== undefined
  }

  private finalizeIfDone(obj: KubeObject): void {
    const m = obj.metadata
    if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0) return
    // A pod under graceful deletion stays until its kubelet has stopped it (grace 0).
    if (obj.kind === 'Pod' && (m.deletionGracePeriodSeconds ?? 0) > 0) return
    this.remove(obj)
  }

  private prepareForCreate(obj: KubeObject): void {
    if (obj.kind === 'Pod') obj.status = { phase: 'Pending' }
    if (obj.kind === 'Namespace') obj.status = { phase: 'Active' }
    if (obj.kind === 'PersistentVolumeClaim') obj.status = { phase: 'Pending' } // bound later (volume-controller.ts)
    if (obj.kind === 'Job' || obj.kind === 'Deployment' || obj.kind === 'ReplicaSet') obj.status = {}
    if (obj.kind === 'StatefulSet') obj.status = { replicas: 0, availableReplicas: 0 }
    if (obj.kind === 'DaemonSet') {
      obj.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 }
    }
  }

  /**
   * The stored object a write starts from. Given an object that is still the stored one (one lookup by uid says
   * so), that object; given a reference or an object since replaced, what is stored under its name now.
   */
  private current(target: ObjectRef | KubeObject): Cell {
    if (!('metadata' in target)) return this.mustGetCell(target)
    const uid = target.metadata.uid
    const cell = uid === undefined ? undefined : this.byUid.get(uid)
    return cell?.obj === target ? cell : this.mustGetCell(refOf(target))
  }

  private mustGetCell(ref: ObjectRef, info?: KindInfo): Cell {
    const cell = this.cellOf(ref)
    if (!cell) {
      const kind = info ?? this.kinds.byName(ref.kind)
      throw notFound(kind ? resourceName(kind, true) : ref.kind.toLowerCase(), ref.name)
    }
    return cell
  }

  /** A new version of the object in `cell` (same kind, namespace, name and uid: no index changes but owners'). */
  private replace(cell: Cell, obj: KubeObject): KubeObject {
    const old = cell.obj
    obj.metadata.resourceVersion = this.nextVersion()
    const sameOwners = old.metadata.ownerReferences === obj.metadata.ownerReferences
    if (!sameOwners) this.unindexOwners(cell)
    cell.obj = obj
    if (!sameOwners) this.indexOwners(cell)
    this.emit({ type: 'MODIFIED', object: obj, old })
    return obj
  }

  private put(obj: KubeObject): void {
    const meta = obj.metadata
    let byNs = this.index.get(obj.kind)
    if (!byNs) this.index.set(obj.kind, (byNs = new Map()))
    const ns = meta.namespace ?? ''
    let byName = byNs.get(ns)
    if (!byName) byNs.set(ns, (byName = new Map()))
    const cell: Cell = { obj }
    byName.set(meta.name!, cell)
    this.byUid.set(meta.uid!, cell)
    this.indexOwners(cell)
  }

  private indexOwners(cell: Cell): void {
    for (const owner of cell.obj.metadata.ownerReferences ?? []) {
      let set = this.byOwner.get(owner.uid)
      if (!set) this.byOwner.set(owner.uid, (set = new Set()))
      set.add(cell)
    }
  }

  private remove(obj: KubeObject): void {
    const cell = this.cellOf(refOf(obj))
    if (!cell) return
    const live = cell.obj
    this.index.get(live.kind)?.get(live.metadata.namespace ?? '')?.delete(live.metadata.name!)
    this.byUid.delete(live.metadata.uid!)
    this.unindexOwners(cell)
    this.emit({ type: 'DELETED', object: live, old: live })
  }

  private unindexOwners(cell: Cell): void {
    for (const owner of cell.obj.metadata.ownerReferences ?? []) {
      const set = this.byOwner.get(owner.uid)
      set?.delete(cell)
      if (set?.size === 0) this.byOwner.delete(owner.uid)
    }
  }

  private emit(event: WatchEvent): void {
    const forKind = this.kindWatchers.get(event.object.kind)
    if (forKind) for (const w of forKind) w(event)
    for (const w of this.watchers) w(event)
  }

  private nextVersion(): string {
    return String(++this.version)
  }

  private uid(): string {
    // One flat string, not a tree of pieces, as every index and controller looks objects up by uid.
    return randomUid(this.random)
  }

  private registerCrd(crd: KubeObject): void {
    const spec = crd.spec as { group?: string; names?: { kind?: string; plural?: string }; scope?: string;
      versions?: Array<{ name?: string }> } | undefined
    if (!spec?.group || !spec.names?.kind) return
    for (const v of spec.versions ?? [{ name: 'v1' }]) {
      this.kinds.add({ kind: spec.names.kind, group: spec.group, version: v.name ?? 'v1',
        plural: spec.names.plural ?? `${spec.names.kind.toLowerCase()}s`, namespaced: spec.scope !== 'Cluster' })
    }
  }
}

/**
 * The object with a new status (and a copy of its metadata, for the new resourceVersion). Pods and Jobs, which
 * write their status most, are copied at spread sites of their own: a single site that sees every kind's shapes
 * goes megamorphic in V8 and copies about three times slower.
 */
function withStatus(old: KubeObject, status: unknown): KubeObject {
  if (old.kind === 'Pod') return { ...old, metadata: { ...old.metadata }, status }
  if (old.kind === 'Job') return { ...old, metadata: { ...old.metadata }, status }
  return { ...old, metadata: { ...old.metadata }, status }
}

/** The objects in some cells, in their order (none for no cells). */
function objectsOf(cells: Iterable<Cell> | undefined): KubeObject[] {
  const out: KubeObject[] = []
  if (cells) for (const cell of cells) out.push(cell.obj)
  return out
}

/** `Job.batch` / `jobs.batch` as the API server names a resource in messages. */
export function resourceName(info: Pick<KindInfo, 'kind' | 'group' | 'plural'>, plural = false): string {
  const base = plural ? info.plural : info.kind
  return info.group ? `${base}.${info.group}` : base
}

function podGraceSeconds(pod: KubeObject, opts: DeleteOptions): number {
  const spec = pod.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined
  const phase = (pod.status as { phase?: string } | undefined)?.phase
  // An unscheduled or finished pod has nothing to stop: it goes at once.
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0
  return Math.max(0, opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30)
}

/** The Job's generated selector and the labels its pod template gets (Kubernetes' Job PrepareForCreate). */
function labelJobPods(job: KubeObject): void {
  const spec = job.spec as { selector?: unknown; manualSelector?: boolean;
    template?: { metadata?: { labels?: Record<string, string> } } } | undefined
  if (!spec?.template || spec.manualSelector) return
  const uid = job.metadata.uid!
  const name = job.metadata.name!
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } }
  const meta = (spec.template.metadata ??= {})
  meta.labels = { ...meta.labels, 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name,
    'controller-uid': uid, 'job-name': name }
}
