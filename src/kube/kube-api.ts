// The Kubernetes REST calls KubeCluster and the cleanup make: plain fetch with JSON bodies, one namespace's paths,
// and the API server's Status answers turned into KubeApiError (reason, code, message).
import type { KindInfo } from '../cluster/kinds.ts'
import { KubeApiError } from './errors.ts'

export class KubeApi {
  constructor(readonly server: string, readonly namespace: string, private fetchFn: typeof fetch,
    private extraHeaders: Record<string, string> = {}) {}

  /** The collection's path in the namespace (or the cluster-scoped one), or one object's with `name`. */
  path(info: KindInfo, name?: string): string {
    const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`
    const ns = info.namespaced ? `/namespaces/${encodeURIComponent(this.namespace)}` : ''
    return `${base}${ns}/${info.plural}${name !== undefined ? `/${encodeURIComponent(name)}` : ''}`
  }

  headers(contentType?: string): Record<string, string> {
    return { Accept: 'application/json', ...(contentType ? { 'Content-Type': contentType } : {}), ...this.extraHeaders }
  }

  async request(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<unknown> {
    let res: Response
    try {
      res = await this.fetchFn(`${this.server}${path}`, {
        method, headers: this.headers(body !== undefined ? contentType : undefined),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      })
    } catch (e) {
      throw new KubeApiError('ServiceUnavailable', 503, `cannot reach the API server at ${this.server}: ${(e as Error).message}`)
    }
    const text = await res.text()
    let json: unknown
    try {
      json = text === '' ? undefined : JSON.parse(text)
    } catch {
      json = undefined
    }
    if (!res.ok) throw KubeApiError.fromStatus(res.status, json, `${method} ${path}: ${res.status} ${res.statusText} ${text.slice(0, 200)}`)
    return json
  }
}
