// Reading a request: its target (path and query, malformed ones answered 400), and its body as JSON, YAML
// (apply-patch) or protobuf (kubectl's creates), within the limits request-guard.ts sets.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parse as parseYaml } from 'yaml'
import { isPlainObject } from '../cluster/json.ts'
import type { KindInfo } from '../cluster/kinds.ts'
import type { KubeObject } from '../cluster/objects.ts'
import { HttpError } from './http-error.ts'
import { decodeProtobufObject } from './protobuf.ts'
import { checkDepth, objectFormat, readBody } from './request-guard.ts'

/**
 * After a 413 the rest of the body is not wanted: what still arrives is discarded (never held) for half a second,
 * so the client can read the answer before the connection closes (closing a socket with unread input resets it and
 * can lose the answer; Go's server, the API server's, waits the same way), then the connection is dropped.
 */
export function dropAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  res.on('finish', () => {
    if (req.complete) return
    req.resume()
    setTimeout(() => {
      if (!req.complete) req.socket.destroy()
    }, 500).unref?.()
  })
}

/** The request target (origin-form only: a path from "/"); a malformed one is 400. */
export function requestUrl(target: string): URL {
  if (!target.startsWith('/') || target.startsWith('//')) {
    throw new HttpError(400, 'BadRequest', `malformed request path "${target.slice(0, 200)}"`)
  }
  const url = new URL(target, 'http://localhost')
  try {
    decodeURIComponent(url.pathname)
  } catch {
    throw new HttpError(400, 'BadRequest', `malformed percent-encoding in the request path "${url.pathname.slice(0, 200)}"`)
  }
  return url
}

export function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    throw new HttpError(400, 'BadRequest', `malformed percent-encoding in the request path segment "${segment.slice(0, 200)}"`)
  }
}

export async function readJson(req: IncomingMessage, optional = false): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8')
  if (text.trim() === '') {
    if (optional) return undefined
    throw new HttpError(400, 'BadRequest', 'the request body is empty')
  }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    throw new HttpError(400, 'BadRequest', `the request body is not JSON: ${(e as Error).message}`)
  }
  checkDepth(value)
  return value
}

/** application/apply-patch+yaml: a YAML (or JSON) document. */
export async function readYaml(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req)).toString('utf8')
  let value: unknown
  try {
    value = parseYaml(text)
  } catch (e) {
    throw new HttpError(400, 'BadRequest', `the request body is not YAML: ${(e as Error).message}`)
  }
  checkDepth(value)
  return value
}

/** A create or update body: JSON, or protobuf as kubectl's typed clients send it. */
export async function readObject(req: IncomingMessage, info: KindInfo): Promise<KubeObject> {
  const format = objectFormat(req)
  const body = format === 'protobuf' ? decodeProtobufObject(await readBody(req), info) : await readJson(req)
  return asObject(body)
}

export function asObject(body: unknown): KubeObject {
  if (!isPlainObject(body) || typeof body['kind'] !== 'string' || typeof body['apiVersion'] !== 'string') {
    throw new HttpError(400, 'BadRequest', 'Object \'Kind\' is missing in the request body')
  }
  if (!isPlainObject(body['metadata'])) body['metadata'] = {}
  return body as KubeObject
}
