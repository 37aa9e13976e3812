// What `synclab serve` checks before it acts on a request, so that only kubectl, synclab's adapter and the page
// (through a local proxy) reach the simulated cluster, and a web page the learner happens to visit does not:
// - Host: only the server's own (127.0.0.1, localhost or [::1] with its port). A DNS-rebinding page reaches
//   127.0.0.1 under its own name, so its requests carry a foreign Host.
// - Origin: a browser names the page that sent a request. kubectl and fetch in Node send none. A page served by
//   the server itself has its origin. A local proxy (`kubectl proxy`, vite's /k8s proxy) rewrites Host to the
//   server's and passes the page's Origin on, adding X-Forwarded-For; a browser cannot add that header to a
//   cross-site request without a preflight, which this server refuses. So a proxied request may come from a page
//   on any loopback origin, and a page elsewhere (a cross-site "simple" text/plain POST, say) is refused.
// - Content-Type: what the API server decodes (JSON; the patch types for PATCH; protobuf for create and update,
//   see protobuf.ts); anything else is 415 before a byte of the body is read.
// - Body size: the API server's 3 MiB limit, counted while the body streams in.
import type { IncomingMessage } from 'node:http'
import { HttpError } from './http-error.ts'

/** The API server's limit on a request body (apiserver `MaxRequestBodyBytes`, 3 MiB). */
export const MAX_BODY_BYTES = 3 * 1024 * 1024

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']

export const JSON_TYPE = 'application/json'
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf'
export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json',
  'application/strategic-merge-patch+json', 'application/apply-patch+yaml'] as const
export type PatchType = typeof PATCH_TYPES[number]

/** 403 unless Host is the server's own and Origin (when sent) is one this server answers (see above). */
export function checkCaller(req: IncomingMessage, port: number): void {
  const own = LOOPBACK_NAMES.map(name => `${name}:${port}`)
  const host = (req.headers.host ?? '').toLowerCase()
  if (!own.includes(host)) {
    throw new HttpError(403, 'Forbidden', `forbidden: this server answers only requests for ${own.join(', ')} ` +
      `(the request named host "${req.headers.host ?? ''}")`)
  }
  const origin = req.headers.origin
  if (origin === undefined) return
  const proxied = req.headers['x-forwarded-for'] !== undefined
  if (own.some(o => origin.toLowerCase() === `http://${o}`)) return
  if (proxied && isLoopbackOrigin(origin)) return
  throw new HttpError(403, 'Forbidden', `forbidden: requests from a web page at ${origin} are refused ` +
    `(only pages served from ${own.map(o => `http://${o}`).join(', ')} or through a local proxy are answered)`)
}

function isLoopbackOrigin(origin: string): boolean {
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    return false
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_NAMES.includes(url.hostname)
}

/** The media type of the request's Content-Type, lower case, without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
}

/**
 * The body's format for a create or update: JSON (also when no Content-Type is sent, as the API server assumes)
 * or protobuf; anything else is 415 with the API server's wording.
 */
export function objectFormat(req: IncomingMessage): 'json' | 'protobuf' {
  const type = mediaType(req)
  if (type === '' || type === JSON_TYPE) return 'json'
  if (type === PROTOBUF_TYPE) return 'protobuf'
  throw unsupported([JSON_TYPE, PROTOBUF_TYPE], type)
}

export function patchType(req: IncomingMessage): PatchType {
  const type = mediaType(req)
  if ((PATCH_TYPES as readonly string[]).includes(type)) return type as PatchType
  throw unsupported([...PATCH_TYPES], type)
}

/** DELETE's optional DeleteOptions body: JSON only. */
export function checkDeleteBody(req: IncomingMessage): void {
  const type = mediaType(req)
  if (type !== '' && type !== JSON_TYPE && hasBody(req)) throw unsupported([JSON_TYPE], type)
}

export function unsupported(accepted: string[], sent: string): HttpError {
  return new HttpError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - ` +
    `accepted media types include: ${accepted.join(', ')}` + (sent ? ` (the request sent "${sent}")` : ''))
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
}

export function tooLarge(): HttpError {
  return new HttpError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY_BYTES}`)
}

/**
 * The body, read up to `limit` bytes: a declared Content-Length over it is refused before reading, and a body
 * that streams past it is refused the moment it does: what was read is dropped, and the rest is discarded as it
 * arrives (never held) until the connection closes after the 413.
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? NaN)
  if (declared > limit) return Promise.reject(tooLarge())
  return new Promise((resolve, reject) => {
    let chunks: Buffer[] = []
    let size = 0
    const stop = (): void => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
      req.off('close', onClose)
    }
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size <= limit) {
        chunks.push(chunk)
        return
      }
      chunks = []
      stop()
      req.on('data', discard)
      reject(tooLarge())
    }
    const onEnd = (): void => {
      stop()
      resolve(Buffer.concat(chunks))
    }
    const onError = (e: Error): void => {
      stop()
      reject(e)
    }
    // A client that goes away mid-body: nothing is left waiting for the rest.
    const onClose = (): void => onError(new HttpError(400, 'BadRequest', 'the request body was cut short'))
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
    req.on('close', onClose)
  })
}

function discard(): void {}

/** Deeper than any Kubernetes object nests, and well within what the server's recursive merges can walk. */
export const MAX_DEPTH = 1000

/** 400 for a body nested deeper than MAX_DEPTH (the API server's JSON decoder has such a limit too). */
export function checkDepth(value: unknown): void {
  const stack: Array<[unknown, number]> = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v !== 'object' || v === null) continue
    if (depth > MAX_DEPTH) {
      throw new HttpError(400, 'BadRequest', `the request body nests deeper than ${MAX_DEPTH} levels`)
    }
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
}
