// The sync engine's Cluster on a real Kubernetes API server (or `synclab serve`), over the REST API with plain
// fetch, so it runs in Node 20 and in browsers (through `kubectl proxy`, see docs/tooling.md §5).
//
// - Discovery is read once at connect(); kindInfo answers from it.
// - apply is kubectl apply done client-side: GET, three-way merge with the last-applied annotation, then POST or
//   PUT (optimistic concurrency on resourceVersion, retried on conflict). Dry runs are the server's (?dryRun=All).
// - watch lists and then watches each kind in the namespace (?watch=1), resuming from the last resourceVersion
//   when a stream drops and re-listing when that version has expired (410). A browser keeps ~6 connections per
//   host over HTTP/1.1 and every watch holds one: kinds outside `streamKinds` are re-listed every `pollMs`
//   instead, and the difference between two lists is reported as the same watch events.
// - Confinement: one namespace only. Objects or references in another namespace and cluster-scoped kinds are
//   refused; everything synclab creates is labelled app.kubernetes.io/managed-by=synclab and synclab.dev/app=<app>,
//   and synclab never changes, deletes or prunes an object without those labels. Prunes are checked in the sync's
//   dry run (checkDelete), so a refused prune fails the operation before anything is written.
// - Cleanup (cleanup.ts): plan (reads only), then delete exactly the plan, bound to the listed uids.
import type { ApplyAction } from '../cluster/apply.ts'
import { applyDefaults } from '../cluster/defaults.ts'
import { treeChildren } from '../cluster/inferred-children.ts'
import { deepEqual } from '../cluster/json.ts'
import type { KindInfo } from '../cluster/kinds.ts'
import type { KubeObject, ObjectRef } from '../cluster/objects.ts'
import type { PropagationPolicy, WatchEvent, WatchListener } from '../cluster/store.ts'
import type { Cluster, ClusterApplyOptions, ClusterApplyResult, Scheduler } from '../sync/cluster.ts'
import { wallClock } from './clock.ts'
import { ConfinementError, KubeApiError } from './errors.ts'
import { annotateLastApplied, readLastApplied, threeWayMerge, withoutStatus } from '../cluster/kubectl-apply.ts'
import { APP_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from './labels.ts'
import { KubeApi } from './kube-api.ts'
import { type CleanupItem, type CleanupOutcome, deletePlanned, planCleanup } from './cleanup.ts'

export { APP_LABEL, MANAGED_BY_LABEL, MANAGED_BY_VALUE, withoutSynclabLabels } from './labels.ts'

/**
 * Kinds listed and watched from the start; any other kind is added the first time synclab applies it. A kind the
 * labs use must be here, or what an earlier connection applied of it is never seen, so never pruned (R48).
 */
export const DEFAULT_WATCH_KINDS = ['Pod', 'Service', 'ConfigMap', 'Secret', 'Job', 'Deployment', 'ReplicaSet',
  'StatefulSet', 'DaemonSet', 'PersistentVolumeClaim']

export interface KubeClusterOptions {
  /** The API server's base URL: `kubectl proxy`'s http://127.0.0.1:8001, or `synclab serve`'s. */
  server: string
  /** The one namespace synclab may touch. */
  namespace: string
  /** The Application's name, written to the synclab.dev/app label. */
  appName: string
  /** Extra request headers (Authorization: Bearer … when talking to an API server directly). */
  headers?: Record<string, string>
  /** Defaults to the wall clock. */
  clock?: Scheduler
  fetch?: typeof fetch
  watchKinds?: string[]
  /** Wall ms before a dropped watch is reopened. */
  reconnectDelayMs?: number
  /** The kinds followed with a ?watch=1 stream (default: every watched kind); the others are polled. */
  streamKinds?: string[]
  /** Wall ms between two lists of a polled kind. */
  pollMs?: number
}

interface KindWatch {
  info: KindInfo
  rv: string | undefined
  cache: Map<string, KubeObject>
  abort: AbortController
  ready: Promise<void>
}

export class KubeCluster implements Cluster {
  readonly clock: Scheduler
  readonly namespace: string
  readonly appName: string
  /** The REST calls, for what works beside the adapter (cleanup.ts). */
  readonly api: KubeApi
  private server: string
  private fetchFn: typeof fetch
  private kinds: KindInfo[]
  private watchKinds = new Map<string, KindInfo>()
  private listeners = new Set<WatchListener>()
  private watches = new Map<string, KindWatch>()
  private reconnectDelayMs: number
  private streamKinds: Set<string> | undefined
  private pollMs: number

  private constructor(opts: KubeClusterOptions, kinds: KindInfo[]) {
    this.server = opts.server.replace(/\/+$/, '')
    this.namespace = opts.namespace
    this.appName = opts.appName
    this.clock = opts.clock ?? wallClock()
    this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis)
    this.api = new KubeApi(this.server, this.namespace, this.fetchFn, opts.headers)
    this.kinds = kinds
    this.reconnectDelayMs = opts.reconnectDelayMs ?? 200
    this.streamKinds = opts.streamKinds ? new Set(opts.streamKinds) : undefined
    this.pollMs = opts.pollMs ?? 1000
    for (const kind of opts.watchKinds ?? DEFAULT_WATCH_KINDS) {
      const info = this.byKind(kind)
      if (info?.namespaced) this.watchKinds.set(kindKey(info), info)
    }
  }

  /** Reads discovery, then returns the adapter. */
  static async connect(opts: KubeClusterOptions): Promise<KubeCluster> {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(opts.namespace)) throw new Error(`invalid namespace "${opts.namespace}"`)
    const probe = new KubeCluster(opts, [])
    return new KubeCluster(opts, await probe.discover())
  }

  // --- Discovery ---------------------------------------------------------------------------------------------

  private async discover(): Promise<KindInfo[]> {
    const out: KindInfo[] = []
    const add = (gv: string, list: unknown) => {
      const [group, version] = gv.includes('/') ? gv.split('/') as [string, string] : ['', gv]
      const resources = (list as { resources?: Array<{ name: string; kind: string; namespaced: boolean }> }).resources ?? []
      for (const r of resources) {
        if (r.name.includes('/')) continue
        if (!out.some(k => k.kind === r.kind && k.group === group && k.version === version)) {
          out.push({ kind: r.kind, group, version, plural: r.name, namespaced: r.namespaced })
        }
      }
    }
    add('v1', await this.request('GET', '/api/v1'))
    const groups = await this.request('GET', '/apis') as { groups?: Array<{ versions: Array<{ groupVersion: string }> }> }
    const gvs = (groups.groups ?? []).flatMap(g => g.versions.map(v => v.groupVersion))
    const lists = await Promise.all(gvs.map(gv => this.request('GET', `/apis/${gv}`).catch(() => ({ resources: [] }))))
    gvs.forEach((gv, i) => add(gv, lists[i]))
    return out
  }

  kindInfo(apiVersion: string, kind: string): KindInfo | undefined {
    const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') as [string, string] : ['', apiVersion]
    return this.kinds.find(k => k.kind === kind && k.group === group && k.version === version)
  }

  servesGroupVersion(apiVersion: string): boolean {
    return this.kinds.some(k => (k.group ? `${k.group}/${k.version}` : k.version) === apiVersion)
  }

  /** A kind named without its group (an ObjectRef): the watched one, else the core one, else the first. */
  private byKind(kind: string): KindInfo | undefined {
    for (const info of this.watchKinds.values()) if (info.kind === kind) return info
    const all = this.kinds.filter(k => k.kind === kind)
    return all.find(k => k.group === '') ?? all[0]
  }

  // --- Confinement -------------------------------------------------------------------------------------------

  private refuse(what: string): never {
    throw new ConfinementError(`synclab is confined to namespace "${this.namespace}": refusing ${what}`)
  }

  /** The object in this namespace with synclab's labels, or a refusal. */
  private confineObject(obj: KubeObject): { obj: KubeObject; info: KindInfo } {
    const info = this.kindInfo(obj.apiVersion, obj.kind)
    if (!info) throw new KubeApiError('NotFound', 404, `no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`)
    const name = obj.metadata.name ?? obj.metadata.generateName ?? ''
    if (!info.namespaced) this.refuse(`cluster-scoped ${obj.kind} "${name}"`)
    const ns = obj.metadata.namespace || this.namespace
    if (ns !== this.namespace) this.refuse(`${obj.kind} "${name}" in namespace "${ns}"`)
    const labels = { ...obj.metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [APP_LABEL]: this.appName }
    return { obj: { ...obj, metadata: { ...obj.metadata, namespace: ns, labels } }, info }
  }

  private confineRef(ref: ObjectRef): KindInfo {
    const info = this.byKind(ref.kind)
    if (!info) throw new KubeApiError('NotFound', 404, `the server doesn't have a resource type "${ref.kind}"`)
    if (!info.namespaced) this.refuse(`cluster-scoped ${ref.kind} "${ref.name}"`)
    const ns = ref.namespace || this.namespace
    if (ns !== this.namespace) this.refuse(`${ref.kind} "${ref.name}" in namespace "${ns}"`)
    return info
  }

  /** Refuses to change or delete an object synclab did not create for this application. */
  private assertOwned(live: KubeObject, verb: string): void {
    const labels = live.metadata.labels ?? {}
    if (labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[APP_LABEL] === this.appName) return
    throw new ConfinementError(`synclab refuses to ${verb} ${live.kind} "${live.metadata.name}" in namespace ` +
      `"${live.metadata.namespace ?? ''}": it lacks the labels ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} and ` +
      `${APP_LABEL}=${this.appName}, so synclab did not create it`)
  }

  // --- Reads -------------------------------------------------------------------------------------------------

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    const info = this.confineRef(ref)
    return this.getRaw(info, ref.name)
  }

  private async getRaw(info: KindInfo, name: string): Promise<KubeObject | undefined> {
    try {
      return withKind(await this.request('GET', this.path(info, name)) as KubeObject, info)
    } catch (e) {
      if (e instanceof KubeApiError && e.code === 404) return undefined
      throw e
    }
  }

  /** Every object of the watched kinds in the namespace, and the namespace itself. */
  async list(): Promise<KubeObject[]> {
    const lists = await Promise.all([...this.watchKinds.values()].map(async info =>
      ((await this.request('GET', this.path(info)) as { items?: KubeObject[] }).items ?? []).map(o => withKind(o, info))))
    return [await this.namespaceObject(), ...lists.flat()]
  }

  /** The namespace as an object; a namespace-scoped account may not read it, then it is assumed to exist. */
  private async namespaceObject(): Promise<KubeObject> {
    try {
      return withKind(await this.request('GET', `/api/v1/namespaces/${this.namespace}`) as KubeObject,
        { kind: 'Namespace', group: '', version: 'v1', plural: 'namespaces', namespaced: false })
    } catch {
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name: this.namespace } }
    }
  }

  // --- Writes ------------------------------------------------------------------------------------------------

  async apply(manifest: KubeObject, opts: ClusterApplyOptions = {}): Promise<ClusterApplyResult> {
    const { obj, info } = this.confineObject(withoutStatus(manifest))
    await this.ensureWatched(info)
    // kubectl sends fieldValidation=Strict; --validate=false (R79) sends Ignore.
    const validation = `fieldValidation=${opts.validate === false ? 'Ignore' : 'Strict'}`
    const query = opts.dryRun ? `?dryRun=All&${validation}` : `?${validation}`
    if (opts.serverSide && !opts.replace && !opts.dryRun) return this.serverSideApply(obj, info, validation)
    for (let attempt = 0; ; attempt++) {
      const live = obj.metadata.name ? await this.getRaw(info, obj.metadata.name) : undefined
      try {
        if (!live) {
          const body = opts.replace ? obj : annotateLastApplied(obj)
          const created = await this.request('POST', this.path(info) + query, body) as KubeObject
          return { object: withKind(created, info), action: 'created' }
        }
        this.assertOwned(live, 'change')
        const rv = live.metadata.resourceVersion
        if (opts.replace) {
          const replaced = { ...obj, metadata: { ...obj.metadata, ...(rv !== undefined ? { resourceVersion: rv } : {}) } }
          const out = await this.request('PUT', this.path(info, obj.metadata.name) + query, replaced) as KubeObject
          return { object: withKind(out, info), action: 'configured' }
        }
        const merged = threeWayMerge(withoutStatus(live), annotateLastApplied(obj), readLastApplied(live)) as KubeObject
        applyDefaults(merged)
        if (deepEqual(merged, withoutStatus(live))) return { object: live, action: 'unchanged' }
        let out: KubeObject
        try {
          out = withKind(await this.request('PUT', this.path(info, obj.metadata.name) + query, merged) as KubeObject, info)
        } catch (e) {
          // Argo CD's dry run is kubectl's client-side one (R45), which cannot see a change to an immutable field:
          // the server-side dry run's "field is immutable" passes here, and the real apply fails as it would.
          if (opts.dryRun && e instanceof KubeApiError && e.reason === 'Invalid' && /field is immutable/.test(e.message)) {
            return { object: merged, action: 'configured' }
          }
          throw e
        }
        const action: ApplyAction = out.metadata.resourceVersion === rv && !opts.dryRun ? 'unchanged' : 'configured'
        return { object: out, action }
      } catch (e) {
        if (!(e instanceof KubeApiError) || attempt >= 4) throw e
        // Someone wrote in between (Conflict), or the object came or went: read again and redo the merge.
        if (!(e.code === 409 && e.reason === 'Conflict') && !(e.code === 409 && !live) && !(e.code === 404 && live)) throw e
      }
    }
  }

  /** R78: `kubectl apply --server-side --force-conflicts` as argocd-controller: one apply PATCH. */
  private async serverSideApply(obj: KubeObject, info: KindInfo, validation: string): Promise<ClusterApplyResult> {
    const live = obj.metadata.name ? await this.getRaw(info, obj.metadata.name) : undefined
    if (live) this.assertOwned(live, 'change')
    const out = withKind(await this.request('PATCH', `${this.path(info, obj.metadata.name)}?fieldManager=argocd-controller` +
      `&force=true&${validation}`, obj, 'application/apply-patch+yaml') as KubeObject, info)
    const action: ApplyAction = !live ? 'created'
      : out.metadata.resourceVersion === live.metadata.resourceVersion ? 'unchanged' : 'configured'
    return { object: out, action }
  }

  async create(manifest: KubeObject, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const { obj, info } = this.confineObject(manifest)
    await this.ensureWatched(info)
    const out = await this.request('POST', this.path(info) + (opts.dryRun ? '?dryRun=All' : ''), obj) as KubeObject
    return withKind(out, info)
  }

  async delete(ref: ObjectRef, opts: { propagationPolicy?: PropagationPolicy; gracePeriodSeconds?: number } = {}): Promise<void> {
    const info = this.confineRef(ref)
    const live = await this.getRaw(info, ref.name)
    if (!live) throw new KubeApiError('NotFound', 404, `${info.plural} "${ref.name}" not found`)
    this.assertOwned(live, 'delete')
    const body = {
      kind: 'DeleteOptions', apiVersion: 'v1',
      ...(opts.propagationPolicy !== undefined ? { propagationPolicy: opts.propagationPolicy } : {}),
      ...(opts.gracePeriodSeconds !== undefined ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}),
      preconditions: { uid: live.metadata.uid },
    }
    await this.request('DELETE', this.path(info, ref.name), body)
  }

  /**
   * Whether delete() would go ahead, without deleting: the sync's dry run asks it for every prune, so a prune
   * outside the confinement fails the operation before anything is written. The same refusals as delete(), then
   * the server's own dry run of the delete (RBAC, the uid precondition), which changes nothing.
   */
  async checkDelete(ref: ObjectRef): Promise<void> {
    const info = this.confineRef(ref)
    const live = await this.getRaw(info, ref.name)
    if (!live) return
    this.assertOwned(live, 'delete')
    await this.request('DELETE', `${this.path(info, ref.name)}?dryRun=All`,
      { kind: 'DeleteOptions', apiVersion: 'v1', preconditions: { uid: live.metadata.uid } })
  }

  async removeFinalizer(ref: ObjectRef, finalizer: string): Promise<void> {
    const info = this.confineRef(ref)
    for (let attempt = 0; ; attempt++) {
      const live = await this.getRaw(info, ref.name)
      if (!live?.metadata.finalizers?.includes(finalizer)) return
      this.assertOwned(live, 'change')
      const finalizers = live.metadata.finalizers.filter(f => f !== finalizer)
      try {
        await this.request('PATCH', this.path(info, ref.name),
          { metadata: { finalizers: finalizers.length > 0 ? finalizers : null, resourceVersion: live.metadata.resourceVersion } },
          'application/merge-patch+json')
        return
      } catch (e) {
        if (!(e instanceof KubeApiError && e.reason === 'Conflict') || attempt >= 4) throw e
      }
    }
  }

  /**
   * What a cleanup would delete: every object labelled app.kubernetes.io/managed-by=synclab in the namespace (any
   * application), as listed now. Reads only.
   */
  async planCleanup(namespace = this.namespace): Promise<CleanupItem[]> {
    if (namespace !== this.namespace) this.refuse(`a cleanup of namespace "${namespace}"`)
    return planCleanup(this.api, this.kinds)
  }

  /**
   * Deletes exactly the planned objects (each bound to its uid, so an object replaced since the list is left
   * alone), taking only Argo CD's hook finalizer off first.
   */
  async deletePlanned(plan: CleanupItem[]): Promise<CleanupOutcome[]> {
    return deletePlanned(this.api, plan)
  }

  /** Plans and deletes at once (no question in between); returns what it deleted, as kind/name. */
  async cleanup(namespace = this.namespace): Promise<string[]> {
    const outcomes = await this.deletePlanned(await this.planCleanup(namespace))
    return outcomes.filter(o => o.result === 'deleted').map(o => o.item.ref)
  }

  // --- Watch -------------------------------------------------------------------------------------------------

  watch(listener: WatchListener): () => void {
    this.listeners.add(listener)
    if (this.listeners.size === 1) for (const info of this.watchKinds.values()) this.startWatch(info)
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0) this.stopWatches()
    }
  }

  /** Resolves once every running watch has its first list (changes after it are not missed). */
  async watchesReady(): Promise<void> {
    await Promise.all([...this.watches.values()].map(w => w.ready))
  }

  /** What the watches hold now (the namespace's objects of the watched kinds), for views of the live cluster. */
  objects(): KubeObject[] {
    return [...this.watches.values()].flatMap(w => [...w.cache.values()])
  }

  /** The watched objects whose ownerReferences name `uid` (what a Deployment, ReplicaSet or Job made). */
  dependents(uid: string): KubeObject[] {
    const objects = this.objects()
    const owned = objects.filter(o => o.metadata.ownerReferences?.some(r => r.uid === uid))
    return treeChildren(objects.find(o => o.metadata.uid === uid), owned,
      (kind, namespace) => objects.filter(o => o.kind === kind && o.metadata.namespace === namespace))
  }

  /** Stops every watch (listeners stay registered but hear nothing more). */
  close(): void {
    this.listeners.clear()
    this.stopWatches()
  }

  private stopWatches(): void {
    for (const w of this.watches.values()) w.abort.abort()
    this.watches.clear()
  }

  private async ensureWatched(info: KindInfo): Promise<void> {
    if (!this.watchKinds.has(kindKey(info))) this.watchKinds.set(kindKey(info), info)
    if (this.listeners.size === 0) return
    await (this.watches.get(kindKey(info)) ?? this.startWatch(info)).ready
  }

  private startWatch(info: KindInfo): KindWatch {
    const existing = this.watches.get(kindKey(info))
    if (existing) return existing
    let markReady!: () => void
    const w: KindWatch = { info, rv: undefined, cache: new Map(), abort: new AbortController(),
      ready: new Promise<void>(resolve => { markReady = resolve }) }
    this.watches.set(kindKey(info), w)
    void this.runWatch(w, markReady)
    return w
  }

  private emit(event: WatchEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(event)
      } catch (e) {
        console.error('synclab: a watch listener failed:', e)
      }
    }
  }

  /** List (when there is no version to resume from), then stream changes; reopen on drops, relist on 410. */
  private async runWatch(w: KindWatch, markReady: () => void): Promise<void> {
    if (this.streamKinds && !this.streamKinds.has(w.info.kind)) return this.runPoll(w, markReady)
    const signal = w.abort.signal
    while (!signal.aborted) {
      try {
        if (w.rv === undefined) {
          await this.relist(w)
          markReady()
        }
        const res = await this.fetchFn(`${this.server}${this.path(w.info)}?watch=1&allowWatchBookmarks=true` +
          `&resourceVersion=${encodeURIComponent(w.rv ?? '')}`, { headers: this.headers(), signal })
        if (res.status === 410) {
          w.rv = undefined
          continue
        }
        if (!res.ok || !res.body) throw KubeApiError.fromStatus(res.status, await res.json().catch(() => undefined), res.statusText)
        const reader = res.body.getReader()
        const decoder = new TextDecoder()
        let buffer = ''
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          buffer += decoder.decode(value, { stream: true })
          let nl: number
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).trim()
            buffer = buffer.slice(nl + 1)
            if (line !== '' && this.onWatchLine(w, line) === 'expired') {
              w.rv = undefined
              await reader.cancel()
              break
            }
          }
          if (w.rv === undefined) break
        }
      } catch (e) {
        if (signal.aborted) return
        markReady() // a failing watch must not hang apply(); it keeps retrying
        if (!(e instanceof KubeApiError)) { /* network error: retry */ }
      }
      if (!signal.aborted) await sleep(this.reconnectDelayMs)
    }
  }

  /** A kind without a stream: listed every pollMs; relist reports what changed between two lists. */
  private async runPoll(w: KindWatch, markReady: () => void): Promise<void> {
    const signal = w.abort.signal
    while (!signal.aborted) {
      try {
        await this.relist(w)
      } catch { /* the next list retries */ }
      markReady()
      await sleep(this.pollMs)
    }
  }

  private onWatchLine(w: KindWatch, line: string): 'ok' | 'expired' {
    let event: { type?: string; object?: KubeObject & { code?: number } }
    try {
      event = JSON.parse(line)
    } catch {
      return 'ok'
    }
    const obj = event.object
    if (!obj) return 'ok'
    if (event.type === 'ERROR') return obj.code === 410 ? 'expired' : 'ok'
    const rv = obj.metadata?.resourceVersion
    if (event.type === 'BOOKMARK') {
      if (rv) w.rv = rv
      return 'ok'
    }
    const object = withKind(obj, w.info)
    const key = object.metadata.name ?? ''
    const old = w.cache.get(key)
    if (event.type === 'DELETED') w.cache.delete(key)
    else w.cache.set(key, object)
    if (rv) w.rv = rv
    if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
      this.emit({ type: event.type, object, ...(old ? { old } : {}) })
    }
    return 'ok'
  }

  /** A fresh list: what is new or changed since the last one is reported, and what went is reported gone. */
  private async relist(w: KindWatch): Promise<void> {
    const list = await this.request('GET', this.path(w.info)) as { items?: KubeObject[]; metadata?: { resourceVersion?: string } }
    const first = w.rv === undefined && w.cache.size === 0
    const seen = new Set<string>()
    for (const item of list.items ?? []) {
      const obj = withKind(item, w.info)
      const key = obj.metadata.name ?? ''
      seen.add(key)
      const old = w.cache.get(key)
      w.cache.set(key, obj)
      if (old?.metadata.resourceVersion === obj.metadata.resourceVersion) continue
      // What already existed when the watch began is reported as MODIFIED: it is not a creation.
      this.emit({ type: old || first ? 'MODIFIED' : 'ADDED', object: obj, ...(old ? { old } : {}) })
    }
    for (const [key, old] of [...w.cache]) {
      if (seen.has(key)) continue
      w.cache.delete(key)
      this.emit({ type: 'DELETED', object: old, old })
    }
    w.rv = list.metadata?.resourceVersion ?? ''
  }

  // --- HTTP ------------------------------------------------------------------------------------------------

  private path(info: KindInfo, name?: string): string {
    return this.api.path(info, name)
  }

  private headers(contentType?: string): Record<string, string> {
    return this.api.headers(contentType)
  }

  private request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    return this.api.request(method, path, body, contentType)
  }
}

function kindKey(info: KindInfo): string {
  return `${info.group}/${info.kind}`
}

/** List items come without apiVersion and kind from a real API server. */
function withKind(obj: KubeObject, info: KindInfo): KubeObject {
  if (obj.kind && obj.apiVersion) return obj
  return { ...obj, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: info.kind }
}


function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
