// `synclab serve` under attack: each finding of the review reproduced as a request, over real HTTP on 127.0.0.1.
// The server must answer as the API server does (its codes and words), and nothing must change that should not.
import { request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../src/server/serve.ts'
import { MAX_BODY_BYTES } from '../../src/server/request-guard.ts'
import { call, configMap, serve, until } from './helpers.ts'

let s: RunningServer
beforeAll(async () => { s = await serve({ speed: 100, watchBufferBytes: 64 * 1024, watchDrainMs: 300 }) })
afterAll(async () => { await s.close() })

const CM = '/api/v1/namespaces/lab/configmaps'

interface Raw { status: number; headers: Record<string, string | string[] | undefined>; body: any }

/** A request with any headers (fetch drops Host), over node:http. */
function raw(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: s.port, method, path, headers }, res => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let parsed: unknown = text
        try {
          parsed = JSON.parse(text)
        } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed })
      })
    })
    req.on('error', reject)
    req.end(body)
  })
}

const exists = async (name: string) => (await call(s, 'GET', `${CM}/${name}`)).status === 200

describe('prototype pollution through PATCH', () => {
  afterEach(() => {
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('refuses JSON-patch paths through __proto__, constructor and prototype (422), and Object.prototype stays clean', async () => {
    await call(s, 'POST', CM, configMap('proto-target', { a: '1' }))
    for (const path of ['/__proto__/polluted', '/metadata/__proto__/polluted', '/constructor/prototype/polluted',
      '/data/constructor/prototype/polluted']) {
      for (const op of ['add', 'replace']) {
        const res = await raw('PATCH', `${CM}/proto-target`, { 'Content-Type': 'application/json-patch+json' },
          `[{"op":"${op}","path":"${path}","value":"yes"}]`)
        expect(res.status, `${op} ${path}`).toBe(422)
        expect(res.body).toMatchObject({ kind: 'Status', reason: 'Invalid', code: 422 })
        expect(res.body.message).toMatch(/refuses/)
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
      }
    }
    const copy = await raw('PATCH', `${CM}/proto-target`, { 'Content-Type': 'application/json-patch+json' },
      '[{"op":"copy","from":"/data/a","path":"/__proto__/polluted"}]')
    expect(copy.status).toBe(422)
  })

  it('keeps __proto__ in merge and strategic merge patches a plain key', async () => {
    for (const type of ['application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml']) {
      const res = await raw('PATCH', `${CM}/proto-target`, { 'Content-Type': type },
        '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"proto-target","__proto__":{"polluted":"yes"}},' +
        '"__proto__":{"polluted":"yes"},"data":{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}}')
      expect(res.status, type).toBeLessThan(500)
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    }
  })
})

describe('cross-site requests and DNS rebinding', () => {
  it('refuses a cross-site text/plain POST (403) and creates nothing', async () => {
    const res = await raw('POST', CM, { 'Content-Type': 'text/plain', Origin: 'https://evil.example' },
      JSON.stringify(configMap('csrf')))
    expect(res.status).toBe(403)
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'Forbidden', code: 403 })
    expect(await exists('csrf')).toBe(false)
  })

  it('refuses a cross-site JSON POST and a cross-site read, even through a proxy (403)', async () => {
    for (const headers of [{ Origin: 'https://evil.example', 'Content-Type': 'application/json' },
      { Origin: 'https://evil.example', 'Content-Type': 'application/json', 'X-Forwarded-For': '127.0.0.1' },
      { Origin: 'null', 'Content-Type': 'application/json' }]) {
      expect((await raw('POST', CM, headers, JSON.stringify(configMap('csrf')))).status).toBe(403)
    }
    expect((await raw('GET', CM, { Origin: 'https://evil.example' })).status).toBe(403)
    expect(await exists('csrf')).toBe(false)
  })

  it('refuses a foreign Host (DNS rebinding) with 403', async () => {
    for (const host of [`evil.example:${s.port}`, 'evil.example', `127.0.0.1:${s.port + 1}`, `127.0.0.1.evil.example:${s.port}`]) {
      const res = await raw('GET', '/api/v1/namespaces/lab/configmaps', { Host: host })
      expect(res.status, host).toBe(403)
    }
    const post = await raw('POST', CM, { Host: `rebound.example:${s.port}`, 'Content-Type': 'application/json' },
      JSON.stringify(configMap('rebound')))
    expect(post.status).toBe(403)
    expect(await exists('rebound')).toBe(false)
  })

  it('answers its own hosts and origins, and loopback pages through a local proxy', async () => {
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `[::1]:${s.port}`]) {
      expect((await raw('GET', CM, { Host: host })).status, host).toBe(200)
      expect((await raw('GET', CM, { Host: host, Origin: `http://${host}` })).status, host).toBe(200)
    }
    // kubectl proxy and vite's proxy rewrite Host to the server's and pass the page's Origin on.
    const proxied = await raw('POST', CM, { Origin: 'http://127.0.0.1:8001', 'X-Forwarded-For': '127.0.0.1',
      'Content-Type': 'application/json' }, JSON.stringify(configMap('through-proxy')))
    expect(proxied.status).toBe(201)
    expect((await raw('GET', CM, { Origin: 'http://127.0.0.1:8001' })).status).toBe(403) // not proxied
  })
})

describe('content types', () => {
  it('answers 415 with a Status for what the API server does not decode', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
      const res = await raw('POST', CM, { 'Content-Type': type }, JSON.stringify(configMap('typed')))
      expect(res.status, type).toBe(415)
      expect(res.body).toMatchObject({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'UnsupportedMediaType', code: 415 })
      expect(res.body.message).toMatch(/^the body of the request was in an unknown format - accepted media types include: application\/json/)
    }
    expect(await exists('typed')).toBe(false)
    await call(s, 'POST', CM, configMap('patched'))
    const patch = await raw('PATCH', `${CM}/patched`, { 'Content-Type': 'application/json' }, '{"data":{"a":"1"}}')
    expect(patch.status).toBe(415)
    expect(patch.body.message).toContain('application/apply-patch+yaml')
  })

  it('accepts JSON with a charset, and apply-patch+yaml creates and then updates', async () => {
    expect((await raw('POST', CM, { 'Content-Type': 'application/json; charset=utf-8' },
      JSON.stringify(configMap('charset')))).status).toBe(201)
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\ndata:\n  color: blue\n'
    const created = await raw('PATCH', `${CM}/applied?fieldManager=me`, { 'Content-Type': 'application/apply-patch+yaml' }, yaml)
    expect(created.status).toBe(201)
    const updated = await raw('PATCH', `${CM}/applied?fieldManager=me`, { 'Content-Type': 'application/apply-patch+yaml' },
      yaml.replace('blue', 'green'))
    expect(updated.status).toBe(200)
    expect(updated.body.data).toEqual({ color: 'green' })
  })

  it('refuses protobuf it cannot decode with 415, naming what to send instead', async () => {
    const res = await raw('POST', CM, { 'Content-Type': 'application/vnd.kubernetes.protobuf' }, Buffer.from('not protobuf'))
    expect(res.status).toBe(415)
    expect(res.body.message).toMatch(/send the object as application\/json/)
    const pods = await raw('POST', '/api/v1/namespaces/lab/pods', { 'Content-Type': 'application/vnd.kubernetes.protobuf' },
      Buffer.from('k8s\0\n\x0b\n\x02v1\x12\x03Pod', 'latin1'))
    expect(pods.status).toBe(415)
    expect(pods.body.message).toMatch(/decodes protobuf only for ConfigMap/)
  })
})

describe('request body limit (3 MiB)', () => {
  it('answers 413 with the API server\'s words to a declared Content-Length over the limit, before reading it', async () => {
    const big = JSON.stringify(configMap('huge', { blob: 'x'.repeat(MAX_BODY_BYTES) }))
    const res = await raw('POST', CM, { 'Content-Type': 'application/json' }, big)
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({ kind: 'Status', reason: 'RequestEntityTooLarge', code: 413,
      message: 'Request entity too large: limit is 3145728' })
    expect(await exists('huge')).toBe(false)
  })

  it('answers 413 to a chunked body the moment it passes the limit, without taking the rest', async () => {
    const { status, sent, body } = await new Promise<{ status: number; sent: number; body: string }>((resolve, reject) => {
      let sent = 0
      let answered = false
      const req = httpRequest({ host: '127.0.0.1', port: s.port, method: 'POST', path: CM,
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, res => {
        answered = true
        let text = ''
        res.on('data', (c: Buffer) => { text += c.toString() })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, sent, body: text }))
        res.on('error', () => resolve({ status: res.statusCode ?? 0, sent, body: text }))
      })
      req.on('error', e => answered ? undefined : reject(e))
      const chunk = Buffer.alloc(64 * 1024, 'x')
      req.write('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"streamed"},"data":{"blob":"')
      const pump = (): void => {
        // Up to 100 MiB, stopping once the server has answered.
        while (!answered && sent < 100 * 1024 * 1024) {
          sent += chunk.length
          if (!req.write(chunk)) {
            req.once('drain', pump)
            return
          }
        }
      }
      pump()
    })
    expect(status).toBe(413)
    expect(JSON.parse(body).message).toBe('Request entity too large: limit is 3145728')
    expect(sent).toBeLessThan(40 * 1024 * 1024)
    expect(await exists('streamed')).toBe(false)
  })
})

describe('malformed requests', () => {
  it('answers 400 to malformed percent-encoding and request targets', async () => {
    for (const path of [`${CM}/%E0%A4%A`, `${CM}/%zz`, '/api/v1/namespaces/%/configmaps', '/api/%C0']) {
      const res = await raw('GET', path, {})
      expect(res.status, path).toBe(400)
      expect(res.body).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 })
    }
    expect((await raw('GET', '//evil.example/api/v1/namespaces', {})).status).toBe(400)
  })
})

describe('deeply nested bodies', () => {
  it('answers 400 to a body nested deeper than any object, instead of overflowing the stack', async () => {
    const deep = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)
    const post = await raw('POST', CM, { 'Content-Type': 'application/json' },
      `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"deep"},"data":${deep}}`)
    expect(post.status).toBe(400)
    expect(post.body.message).toBe('the request body nests deeper than 1000 levels')
    await call(s, 'POST', CM, configMap('shallow'))
    for (const [type, body] of [['application/merge-patch+json', `{"x":${deep}}`],
      ['application/json-patch+json', `[{"op":"add","path":"/x","value":${deep}}]`]]) {
      expect((await raw('PATCH', `${CM}/shallow`, { 'Content-Type': type! }, body)).status, type).toBe(400)
    }
  })
})

describe('watches', () => {
  it('closes a watch whose client does not read, as the API server closes an unresponsive watcher', async () => {
    const before = s.api.openStreams
    const socket = connect(s.port, '127.0.0.1')
    let closed = false
    socket.on('close', () => { closed = true })
    socket.on('error', () => {})
    await new Promise<void>(resolve => socket.once('connect', () => resolve()))
    socket.write(`GET ${CM}?watch=1 HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\n\r\n`)
    socket.pause() // never reads
    await until(() => s.api.openStreams === before + 1, 5000, 'the watch to open')
    const blob = 'y'.repeat(200 * 1024)
    for (let i = 0; i < 80 && s.api.openStreams > before; i++) {
      await call(s, 'POST', CM, configMap(`flood-${i}`, { blob }))
    }
    await until(() => s.api.openStreams === before, 10_000, 'the watch to be closed')
    // The server dropped the connection: once the client looks again, it finds it closed.
    await new Promise(resolve => setTimeout(resolve, 500))
    socket.resume()
    await until(() => closed, 5000, 'the connection of the watcher that never reads to be dropped')
    socket.destroy()
  }, 30_000)

  it('keeps a reading watch open through the same flood', async () => {
    const abort = new AbortController()
    const res = await fetch(`${s.url}${CM}?watch=1&resourceVersion=${(await call(s, 'GET', CM)).body.metadata.resourceVersion}`,
      { signal: abort.signal })
    const reader = res.body!.getReader()
    let bytes = 0
    let ended = false
    const reading = (async () => {
      for (;;) {
        const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }))
        if (done) {
          ended = true
          return
        }
        bytes += value!.length
      }
    })()
    const blob = 'z'.repeat(200 * 1024)
    for (let i = 0; i < 20; i++) await call(s, 'POST', CM, configMap(`read-${i}`, { blob }))
    await until(() => bytes > 20 * 200 * 1024, 5000, 'every event')
    expect(ended).toBe(false)
    abort.abort()
    await reading
  })

  it('refuses a timeoutSeconds that is not a whole number, and lowers a huge one (with a Warning) instead of ending at once', async () => {
    for (const t of ['abc', '-1', '1.5', '1e99']) {
      const res = await raw('GET', `${CM}?watch=1&timeoutSeconds=${t}`, {})
      expect(res.status, t).toBe(400)
      expect(res.body.message).toMatch(/timeoutSeconds/)
    }
    const abort = new AbortController()
    const res = await fetch(`${s.url}${CM}?watch=1&timeoutSeconds=99999999999`, { signal: abort.signal })
    expect(res.status).toBe(200)
    expect(res.headers.get('warning')).toMatch(/ends after 3600 s/)
    const reader = res.body!.getReader()
    let ended = false
    void (async () => {
      for (;;) {
        const { done } = await reader.read().catch(() => ({ done: true }))
        if (done) { ended = true; return }
      }
    })()
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(ended).toBe(false) // a timer past 2^31 ms would have fired at once
    abort.abort()
    const short = await fetch(`${s.url}${CM}?watch=1&timeoutSeconds=1&resourceVersion=${(await call(s, 'GET', CM)).body.metadata.resourceVersion}`)
    const started = Date.now()
    await short.text()
    expect(Date.now() - started).toBeGreaterThan(800)
  })
})
