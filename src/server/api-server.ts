// The simulated cluster served over the Kubernetes REST API (node:http), so that kubectl, client libraries and
// synclab's own KubeCluster adapter can talk to it as to a real API server: discovery, list/get/create/update/
// patch/delete for namespaced and cluster-scoped kinds, watches resumable from a resourceVersion, pod logs,
// label and field selectors, server-side dry run, and Status objects with the API server's codes and wording.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { timestamp } from '../cluster/clock.ts'
import { ApiError } from '../cluster/errors.ts'
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import { deepEqual, isPlainObject } from '../cluster/json.ts'
import type { KindInfo } from '../cluster/kinds.ts'
import { groupOf, type KubeObject } from '../cluster/objects.ts'
import { type PropagationPolicy, resourceName } from '../cluster/store.ts'
import { jsonPatch, mergePatch, strategicMergePatch } from '../kube/merge.ts'
import {
  apiGroupList, apiResourceList, apiVersions, EVENT_KIND, groupVersion, servedKinds, VERSION_INFO,
} from './discovery.ts'
import { openApiGroupVersion, openApiRoot } from './openapi.ts'
import { type Matcher, parseFieldSelector, parseLabelSelector } from './selectors.ts'
import { asTable, wantsTable } from './table.ts'
import { type HubEntry, WatchHub } from './watch-hub.ts'
import { HttpError, statusBody } from './http-error.ts'
import { checkCaller, checkDeleteBody, patchType } from './request-guard.ts'
import { podLog } from './pod-log.ts'
import { asObject, decodeSegment, dropAfterAnswer, readJson, readObject, readYaml, requestUrl } from './request-body.ts'
import { BoundedStream, DEFAULT_WATCH_BUFFER_BYTES, watchTimeout } from './watch-stream.ts'

export interface ApiServerOptions {
  /** How often a followed log is polled for new lines (wall ms). */
  logPollMs?: number
  /** Called with every request (method, path, status) for a request log. */
  onRequest?: (line: string) => void
  /** How many changes a watch can resume across (older resourceVersions answer 410 Expired). */
  watchHistory?: number
  /** Bytes a watch may hold unread before it is closed (see watch-stream.ts). */
  watchBufferBytes?: number
  /** Wall ms a watch closed for falling behind has to drain before its connection is dropped. */
  watchDrainMs?: number
}

interface ResourcePath {
  info: KindInfo
  namespace: string | undefined
  name: string | undefined
  subresource: string | undefined
}

export class KubeApiServer {
  readonly hub: WatchHub
  private server: Server
  private closers = new Set<() => void>()
  private logPollMs: number
  private listenPort = 0
  /** One watch line per change and event type, shared by every watch that sends it (JSON is written once). */
  private watchLines = new WeakMap<object, Map<string, string>>()

  constructor(readonly fake: FakeCluster, private opts: ApiServerOptions = {}) {
    this.hub = new WatchHub(fake.store, opts.watchHistory)
    this.logPollMs = opts.logPollMs ?? 100
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(e => this.fail(req, res, e))
    })
    // A request (not its answer: watches stream on) must arrive within a minute, headers within 30 s, as the API
    // server's --request-timeout bounds a call: a client sending a body byte by byte holds nothing for long.
    this.server.requestTimeout = 60_000
    this.server.headersTimeout = 30_000
  }

  /** Listens on `host:port` (port 0 picks a free one); resolves with the base URL. */
  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, host, () => {
        this.server.off('error', reject)
        this.listenPort = (this.server.address() as AddressInfo).port
        resolve()
      })
    })
    return this.url
  }

  get port(): number {
    return this.listenPort
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** Open watches and followed logs. */
  get openStreams(): number {
    return this.closers.size
  }

  /** Ends every open watch and followed log, as a dropped connection or an API server restart would. */
  dropStreams(): void {
    for (const close of [...this.closers]) close()
  }

  async close(): Promise<void> {
    this.dropStreams()
    this.hub.close()
    this.server.closeAllConnections()
    await new Promise<void>(resolve => this.server.close(() => resolve()))
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET'
    res.on('finish', () => this.opts.onRequest?.(`${method} ${req.url} ${res.statusCode}`))
    checkCaller(req, this.port)
    const url = requestUrl(req.url ?? '')
    const path = url.pathname.replace(/\/+$/, '') || '/'
    const kinds = this.fake.store.kinds
    if (method === 'GET') {
      if (path === '/version') return this.json(res, 200, VERSION_INFO)
      if (path === '/healthz' || path === '/readyz' || path === '/livez') return this.text(res, 200, 'ok')
      if (path === '/api') return this.json(res, 200, apiVersions(`127.0.0.1:${this.port}`))
      if (path === '/apis') return this.json(res, 200, apiGroupList(kinds))
      if (path === '/openapi/v3') return this.json(res, 200, openApiRoot(kinds))
      if (path === '/openapi/v2') {
        // No schemas: older kubectl (client-side validation) skips kinds the document does not describe. It asks for
        // protobuf, and an empty message is an empty (valid) document.
        if (/protobuf/.test(req.headers.accept ?? '')) {
          res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': 0 })
          res.end()
          return
        }
        return this.json(res, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: {} })
      }
      if (path.startsWith('/openapi/v3/')) {
        const doc = openApiGroupVersion(kinds, path.slice('/openapi/v3/'.length))
        if (doc) return this.json(res, 200, doc)
      }
      const gv = /^\/api\/(v1)$/.exec(path)?.[1] ?? /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1]
      if (gv) {
        const list = apiResourceList(kinds, gv)
        if (list) return this.json(res, 200, list)
        throw new HttpError(404, 'NotFound', 'the server could not find the requested resource')
      }
    }
    const route = this.route(path)
    if (!route) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource')
    const q = url.searchParams
    const { info, namespace, name, subresource } = route
    if (info === EVENT_KIND) return this.events(req, res, route, q)
    if (subresource === 'log' && info.kind === 'Pod' && name && namespace !== undefined && method === 'GET') {
      return podLog({ fake: this.fake, pollMs: this.logPollMs,
        stream: (onClose, timeoutMs) => this.stream(req, res, timeoutMs, onClose) }, res, namespace, name, q)
    }
    if (subresource !== undefined && subresource !== 'status') {
      throw new HttpError(404, 'NotFound', 'the server could not find the requested resource')
    }
    if (subresource === 'status' && method !== 'GET') {
      throw new HttpError(405, 'MethodNotAllowed', `the status subresource of ${info.plural} is written by controllers`)
    }
    const dryRun = q.getAll('dryRun').includes('All')
    switch (method) {
      case 'GET':
        if (name) return this.json(res, 200, this.hub.serve(this.mustGet(info, namespace ?? '', name)), req)
        if (isWatch(q)) return this.watch(req, res, info, namespace, q)
        return this.list(req, res, info, namespace, q)
      case 'POST': {
        if (name) throw new HttpError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`)
        const body = await readObject(req, info)
        this.checkBody(body, info, namespace)
        const created = this.fake.store.create(body, { dryRun })
        return this.json(res, 201, this.hub.serve(created))
      }
      case 'PUT': {
        if (!name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
        const body = await readObject(req, info)
        this.checkBody(body, info, namespace)
        if (body.metadata.name !== name) {
          throw new HttpError(400, 'BadRequest', 'the name of the object does not match the name on the URL')
        }
        const live = this.mustGet(info, namespace ?? '', name)
        return this.json(res, 200, this.update(info, live, body, dryRun))
      }
      case 'PATCH': {
        if (!name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
        const type = patchType(req)
        const patch = type === 'application/apply-patch+yaml' ? await readYaml(req) : await readJson(req)
        const live = type === 'application/apply-patch+yaml' ? this.fake.store.get(
          { kind: info.kind, namespace: info.namespaced ? namespace ?? '' : '', name }) : this.mustGet(info, namespace ?? '', name)
        if (!live) return this.applyCreate(res, patch, info, namespace, name, dryRun)
        const served = this.hub.serve(live)
        let patched: unknown
        try {
          if (type === 'application/merge-patch+json') patched = mergePatch(served, patch)
          else if (type === 'application/json-patch+json') patched = jsonPatch(served, patch)
          // Server-side apply (R78) is approximated by a strategic merge of the applied configuration.
          else patched = strategicMergePatch(served, patch)
        } catch (e) {
          throw new HttpError(422, 'Invalid', (e as Error).message)
        }
        if (!isPlainObject(patched) || !isPlainObject(patched['metadata'])) {
          throw new HttpError(422, 'Invalid', 'the patch left no object')
        }
        const obj = patched as KubeObject
        // A patch cannot move or rename the object.
        obj.metadata.name = name
        if (info.namespaced) obj.metadata.namespace = namespace ?? ''
        return this.json(res, 200, this.update(info, live, obj, dryRun))
      }
      case 'DELETE': {
        if (!name) throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
        checkDeleteBody(req)
        const body = await readJson(req, true)
        const options = isPlainObject(body) ? body : {}
        const policyRaw = options['propagationPolicy'] ?? q.get('propagationPolicy') ?? undefined
        const graceRaw = options['gracePeriodSeconds'] ?? q.get('gracePeriodSeconds') ?? undefined
        const bodyDryRun = Array.isArray(options['dryRun']) && options['dryRun'].includes('All')
        const policy = policyRaw === undefined ? undefined : String(policyRaw)
        if (policy !== undefined && !['Foreground', 'Background', 'Orphan'].includes(policy)) {
          throw new HttpError(422, 'Invalid', `propagationPolicy: Unsupported value: "${policy}"`)
        }
        const ref = { kind: info.kind, namespace: namespace ?? '', name }
        const live = this.mustGet(info, ref.namespace, name)
        this.checkPreconditions(info, live, options['preconditions'])
        const uid = live.metadata.uid
        const after = this.fake.store.delete(ref, {
          ...(policy !== undefined ? { propagationPolicy: policy as PropagationPolicy } : {}),
          ...(graceRaw !== undefined ? { gracePeriodSeconds: Number(graceRaw) } : {}),
          ...(dryRun || bodyDryRun ? { dryRun: true } : {}),
        })
        const still = this.fake.store.get(ref)
        if (still && still.metadata.uid === uid) return this.json(res, 200, this.hub.serve(still))
        return this.json(res, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success',
          details: { name, group: info.group, kind: info.plural, uid: after.metadata.uid } })
      }
      default:
        throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
    }
  }

  /** DeleteOptions.preconditions: the delete applies only to the object with this uid (and resourceVersion). */
  private checkPreconditions(info: KindInfo, live: KubeObject, preconditions: unknown): void {
    if (!isPlainObject(preconditions)) return
    const failed = (what: string, wanted: unknown, actual: unknown): HttpError => new HttpError(409, 'Conflict',
      `Operation cannot be fulfilled on ${resourceName(info, true)} "${live.metadata.name}": Precondition failed: ` +
      `${what} in precondition: ${String(wanted)}, ${what} in object meta: ${String(actual ?? '')}`)
    const { uid, resourceVersion } = preconditions
    if (typeof uid === 'string' && uid !== live.metadata.uid) throw failed('UID', uid, live.metadata.uid)
    const rv = this.hub.versionOf(live)
    if (typeof resourceVersion === 'string' && resourceVersion !== rv) throw failed('ResourceVersion', resourceVersion, rv)
  }

  /** Server-side apply of an object that does not exist yet creates it. */
  private applyCreate(res: ServerResponse, patch: unknown, info: KindInfo, namespace: string | undefined, name: string,
    dryRun: boolean): void {
    const body = asObject(patch)
    this.checkBody(body, info, namespace)
    if (body.metadata.name !== name) {
      throw new HttpError(400, 'BadRequest', 'the name of the object does not match the name on the URL')
    }
    this.json(res, 201, this.hub.serve(this.fake.store.create(body, { dryRun })))
  }

  /** PUT and PATCH: optimistic concurrency on resourceVersion; a write that changes nothing keeps the version. */
  private update(info: KindInfo, live: KubeObject, body: KubeObject, dryRun: boolean): KubeObject {
    const sent = body.metadata.resourceVersion
    const current = this.hub.versionOf(live)
    if (sent !== undefined && sent !== '' && sent !== current) {
      throw new HttpError(409, 'Conflict', `Operation cannot be fulfilled on ${resourceName(info, true)} ` +
        `"${live.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`)
    }
    const input = { ...body, metadata: { ...body.metadata } }
    delete input.metadata.resourceVersion
    // Finalizers taken off go through the store's finalizer path: the last one off an object being deleted
    // lets it go, as on the API server.
    const removed = (live.metadata.finalizers ?? []).filter(f => !(input.metadata.finalizers ?? []).includes(f))
    if (removed.length > 0) input.metadata.finalizers = [...(live.metadata.finalizers ?? [])]
    const candidate = this.fake.store.update(input, { dryRun: true })
    if (dryRun) return sameObject(candidate, live) ? this.hub.serve(live) : candidate
    let out = sameObject(candidate, live) ? live : this.fake.store.update(input)
    const ref = { kind: live.kind, namespace: live.metadata.namespace ?? '', name: live.metadata.name ?? '' }
    for (const f of removed) out = this.fake.store.removeFinalizer(ref, f) ?? out
    return this.hub.serve(out)
  }

  private checkBody(body: KubeObject, info: KindInfo, namespace: string | undefined): void {
    if (body.kind !== info.kind || groupVersion(info) !== body.apiVersion) {
      throw new HttpError(400, 'BadRequest', `the API version in the data (${body.apiVersion}) does not match the ` +
        `expected API version (${groupVersion(info)})`)
    }
    if (!info.namespaced) return
    const ns = body.metadata.namespace
    if (ns && namespace !== undefined && ns !== namespace) {
      throw new HttpError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request')
    }
    if (namespace === undefined) throw new HttpError(404, 'NotFound', 'the server could not find the requested resource')
    body.metadata.namespace = namespace
  }

  private mustGet(info: KindInfo, namespace: string, name: string): KubeObject {
    const obj = this.fake.store.get({ kind: info.kind, namespace: info.namespaced ? namespace : '', name })
    if (!obj || groupOf(obj.apiVersion) !== info.group) {
      throw new HttpError(404, 'NotFound', `${resourceName(info, true)} "${name}" not found`,
        { name, group: info.group, kind: info.plural })
    }
    return obj
  }

  private matching(info: KindInfo, namespace: string | undefined, q: URLSearchParams): Matcher {
    const labels = parseLabelSelector(q.get('labelSelector'))
    const fields = parseFieldSelector(q.get('fieldSelector'))
    return obj => obj['kind'] === info.kind &&
      (namespace === undefined || (obj['metadata'] as KubeObject['metadata']).namespace === namespace) &&
      labels(obj) && fields(obj)
  }

  private list(req: IncomingMessage, res: ServerResponse, info: KindInfo, namespace: string | undefined,
    q: URLSearchParams): void {
    const match = this.matching(info, namespace, q)
    const items = this.fake.store.list(info.kind, info.namespaced ? namespace : undefined)
      .filter(o => match(o)).map(o => this.hub.serve(o))
    this.json(res, 200, { kind: `${info.kind}List`, apiVersion: groupVersion(info),
      metadata: { resourceVersion: this.hub.resourceVersion }, items }, req)
  }

  /** `?watch=1`: one JSON line per change, from `resourceVersion` on (or every current object first). */
  private watch(req: IncomingMessage, res: ServerResponse, info: KindInfo, namespace: string | undefined,
    q: URLSearchParams): void {
    const match = this.matching(info, namespace, q)
    const rvParam = q.get('resourceVersion')
    const timeout = watchTimeout(q.get('timeoutSeconds'))
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private',
      ...(timeout.warning ? { Warning: `299 - "${timeout.warning}"` } : {}) })
    res.flushHeaders()
    const table = wantsTable(req.headers.accept)
    let unsubscribe = (): void => {}
    const stream = this.stream(req, res, timeout.seconds * 1000, () => unsubscribe())
    let burst = true
    const write = (type: string, object: KubeObject) => stream.write(table
      ? JSON.stringify({ type, object: asTable(object, this.fake.now()) ?? object }) + '\n'
      : this.watchLine(type, object), burst)
    const send = (e: HubEntry) => {
      const now = e.type !== 'DELETED' && match(e.object)
      const before = e.old !== undefined && e.type !== 'ADDED' && match(e.old)
      if (e.type === 'DELETED') {
        if (match(e.object)) write('DELETED', e.object)
      } else if (now && (before || e.type === 'ADDED')) write(e.type, e.object)
      else if (now) write('ADDED', e.object)
      else if (before) write('DELETED', e.object) // no longer matches the selector
    }
    if (!rvParam || rvParam === '0') {
      for (const obj of this.fake.store.list(info.kind, info.namespaced ? namespace : undefined)) {
        if (match(obj)) write('ADDED', this.hub.serve(obj))
      }
    } else {
      const rv = Number(rvParam)
      const backlog = Number.isFinite(rv) ? this.hub.since(rv) : 'expired'
      if (backlog === 'expired') {
        write('ERROR', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure',
          message: `too old resource version: ${rvParam} (${this.hub.resourceVersion})`, reason: 'Expired', code: 410 })
        stream.close()
        return
      }
      for (const e of backlog) send(e)
    }
    burst = false
    if (!stream.isClosed) unsubscribe = this.hub.subscribe(send)
  }

  private watchLine(type: string, object: KubeObject): string {
    let lines = this.watchLines.get(object)
    if (!lines) this.watchLines.set(object, lines = new Map())
    let line = lines.get(type)
    if (line === undefined) lines.set(type, line = JSON.stringify({ type, object }) + '\n')
    return line
  }

  /** A streamed answer, bounded as the API server bounds a watch (watch-stream.ts), closed by dropStreams(). */
  private stream(req: IncomingMessage, res: ServerResponse, timeoutMs: number, onClose: () => void): BoundedStream {
    const close = (): void => stream.close()
    const stream = new BoundedStream(req, res, {
      maxBufferedBytes: this.opts.watchBufferBytes ?? DEFAULT_WATCH_BUFFER_BYTES,
      ...(this.opts.watchDrainMs !== undefined ? { drainMs: this.opts.watchDrainMs } : {}),
      timeoutMs,
      onClose: () => {
        this.closers.delete(close)
        onClose()
      },
      onOverflow: () => this.opts.onRequest?.(`${req.method} ${req.url}: watch closed, its client fell behind`),
    })
    this.closers.add(close)
    return stream
  }

  /** Events from the cluster's EventRecorder, as core/v1 Event objects (read-only). */
  private events(req: IncomingMessage, res: ServerResponse, route: ResourcePath, q: URLSearchParams): void {
    if (req.method !== 'GET') {
      throw new HttpError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource')
    }
    const match = this.matching(EVENT_KIND, route.namespace, q)
    const all = this.fake.events.events.map((e, i): KubeObject => {
      const ts = timestamp(e.at)
      return {
        apiVersion: 'v1', kind: 'Event',
        metadata: { name: `${e.involved.name}.${(i + 1).toString(16).padStart(16, '0')}`, namespace: e.involved.namespace || 'default',
          uid: `event-${i + 1}`, resourceVersion: this.hub.resourceVersion, creationTimestamp: ts },
        involvedObject: { kind: e.involved.kind, namespace: e.involved.namespace, name: e.involved.name, uid: e.involved.uid,
          apiVersion: this.apiVersionOfKind(e.involved.kind) },
        reason: e.reason, message: e.message, type: e.type, source: { component: e.source }, count: 1,
        firstTimestamp: ts, lastTimestamp: ts, reportingComponent: e.source, reportingInstance: '',
      }
    })
    if (route.name) {
      const found = all.find(e => e.metadata.name === route.name && e.metadata.namespace === route.namespace)
      if (!found) throw new HttpError(404, 'NotFound', `events "${route.name}" not found`)
      return this.json(res, 200, found, req)
    }
    const items = all.filter(e => match(e))
    if (isWatch(q)) {
      // Events are not versioned: a watch sends what exists now and then stays open until its timeout.
      const timeout = watchTimeout(q.get('timeoutSeconds'))
      res.writeHead(200, { 'Content-Type': 'application/json' })
      const stream = this.stream(req, res, timeout.seconds * 1000, () => {})
      if (!q.get('resourceVersion') || q.get('resourceVersion') === '0') {
        for (const e of items) stream.write(JSON.stringify({ type: 'ADDED', object: e }) + '\n', true)
      }
      return
    }
    this.json(res, 200, { kind: 'EventList', apiVersion: 'v1', metadata: { resourceVersion: this.hub.resourceVersion }, items }, req)
  }

  private apiVersionOfKind(kind: string): string {
    const info = this.fake.store.kinds.byName(kind)
    return info ? groupVersion(info) : 'v1'
  }


  /** /api/v1/[namespaces/{ns}/]{plural}[/{name}[/{sub}]] and /apis/{group}/{version}/… */
  private route(path: string): ResourcePath | undefined {
    let m = /^\/api\/(v1)\/(.+)$/.exec(path)
    let group = ''
    if (!m) {
      const g = /^\/apis\/([^/]+)\/([^/]+)\/(.+)$/.exec(path)
      if (!g) return undefined
      group = g[1]!
      m = [g[0], g[2]!, g[3]!] as unknown as RegExpExecArray
    }
    const version = m[1]!
    const segs = m[2]!.split('/').map(decodeSegment)
    let namespace: string | undefined
    let rest = segs
    if (segs[0] === 'namespaces' && segs.length >= 3) {
      namespace = segs[1]!
      rest = segs.slice(2)
    }
    const [plural, name, subresource, ...extra] = rest
    if (extra.length > 0 || !plural) return undefined
    const info = servedKinds(this.fake.store.kinds).find(k => k.group === group && k.version === version && k.plural === plural)
    if (!info) return undefined
    if (!info.namespaced && namespace !== undefined) return undefined
    return { info, namespace: info.namespaced ? namespace : undefined, name, subresource }
  }

  private json(res: ServerResponse, code: number, body: unknown, req?: IncomingMessage): void {
    const out = req && wantsTable(req.headers.accept) ? asTable(body, this.fake.now()) ?? body : body
    const text = JSON.stringify(out)
    res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
    res.end(text)
  }

  private text(res: ServerResponse, code: number, body: string): void {
    res.writeHead(code, { 'Content-Type': 'text/plain' })
    res.end(body)
  }

  private fail(req: IncomingMessage, res: ServerResponse, e: unknown): void {
    let status: Record<string, unknown>
    let code: number
    if (e instanceof ApiError) {
      status = e.toStatus()
      code = e.code
    } else if (e instanceof HttpError) {
      code = e.code
      status = statusBody(code, e.reason, e.message, e.details)
    } else {
      code = 500
      status = statusBody(code, 'InternalError', String((e as Error)?.message ?? e))
    }
    if (res.headersSent) {
      res.end()
      return
    }
    if (code === 413) dropAfterAnswer(req, res)
    this.json(res, code, status)
  }
}

function isWatch(q: URLSearchParams): boolean {
  const w = q.get('watch')
  return w === '1' || w === 'true'
}

/** Same content, whatever the resourceVersion. */
function sameObject(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => ({ ...o, metadata: { ...o.metadata, resourceVersion: undefined } })
  return deepEqual(strip(a), strip(b))
}
