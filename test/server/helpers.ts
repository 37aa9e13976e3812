// Shared by the server and adapter tests: `synclab serve`'s server in-process on a random loopback port, plain
// fetch against it, and a watch stream reader. No HTTP mocks: every request goes over 127.0.0.1.
import type { KubeObject } from '../../src/cluster/objects.ts'
import { type RunningServer, type ServeOptions, startServer } from '../../src/server/serve.ts'

export async function serve(opts: ServeOptions = {}): Promise<RunningServer> {
  return startServer({ speed: 50, namespaces: ['lab'], ...opts })
}

export interface Reply { status: number; body: any }

export async function call(s: RunningServer, method: string, path: string, body?: unknown,
  contentType = 'application/json'): Promise<Reply> {
  const res = await fetch(s.url + path, {
    method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': contentType } } : {}),
  })
  const text = await res.text()
  let parsed: unknown = text
  try {
    parsed = JSON.parse(text)
  } catch { /* a log */ }
  return { status: res.status, body: parsed }
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}

export interface WatchReader { events: Array<{ type: string; object: any }>; done: Promise<void>; close(): void }

export function readWatch(url: string): WatchReader {
  const abort = new AbortController()
  const events: WatchReader['events'] = []
  const done = (async () => {
    try {
      const res = await fetch(url, { signal: abort.signal })
      const reader = res.body!.getReader()
      const decoder = new TextDecoder()
      let buf = ''
      for (;;) {
        const { done: end, value } = await reader.read()
        if (end) return
        buf += decoder.decode(value, { stream: true })
        let nl
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl)
          buf = buf.slice(nl + 1)
          if (line.trim()) events.push(JSON.parse(line))
        }
      }
    } catch (e) {
      if (!abort.signal.aborted) throw e
    }
  })()
  return { events, done, close: () => abort.abort() }
}

export function configMap(name: string, data: Record<string, string> = {}, meta: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...meta }, data }
}

export function job(name: string, command = ['sh', '-c', 'echo one; echo two']): KubeObject {
  return { apiVersion: 'batch/v1', kind: 'Job', metadata: { name },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox', command }] } } } }
}
