// A shareable link: the lab and the learner's edited files, compressed into the address's fragment
// (`#lab=<id>&s=<base64url(deflate-raw(JSON))>`). The fragment never reaches a server, so nothing leaves the browser
// but the link itself. The receiving page treats what it decodes as untrusted: only YAML text for the editor,
// checked for shape and size here; the lab's Markdown always comes from the lab, never from a link.
import type { SourceFile } from '../../manifest/index.ts'
export { hasShare } from './fragment.ts'

export interface SharedWork {
  lab: string
  files: SourceFile[]
}

/** Cap on the decoded payload (the JSON text), so that a link cannot make the page inflate a bomb. */
export const MAX_DECODED_BYTES = 512 * 1024
/** Cap on the compressed, encoded part of a link. */
export const MAX_ENCODED_CHARS = 1024 * 1024
export const MAX_FILES = 200
export const MAX_PATH_CHARS = 256
/** Payload format version. */
const VERSION = 1

const LAB_ID = /^[0-9]{2}-[a-z0-9][a-z0-9-]{0,63}$/
/** A relative path of plain segments, no `.`/`..`, no backslashes or control characters. */
const SAFE_PATH = /^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)*$/

/** The link's fragment for this lab and these files. */
export async function encodeShare(work: SharedWork): Promise<string> {
  const json = JSON.stringify({ v: VERSION, lab: work.lab, files: work.files.map(f => ({ path: f.path, text: f.text })) })
  const packed = await transform(new TextEncoder().encode(json), new CompressionStream('deflate-raw'), Number.POSITIVE_INFINITY)
  return `#lab=${encodeURIComponent(work.lab)}&s=${toBase64Url(packed!)}`
}

/**
 * The lab and files a fragment carries (with or without the leading `#`), or undefined when it carries none or
 * anything about it is wrong: bad encoding, corrupt or oversized data, a different shape, an unsafe path. Never throws.
 */
export async function decodeShare(fragment: string): Promise<SharedWork | undefined> {
  try {
    const params = new URLSearchParams(fragment.replace(/^#/, ''))
    const s = params.get('s')
    if (s === null || s.length === 0 || s.length > MAX_ENCODED_CHARS) return undefined
    const packed = fromBase64Url(s)
    if (!packed) return undefined
    const bytes = await transform(packed, new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES)
    if (!bytes) return undefined
    const value: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes))
    const work = validShape(value)
    if (!work) return undefined
    const lab = params.get('lab')
    if (lab !== null && lab !== work.lab) return undefined
    return work
  } catch {
    return undefined
  }
}

/** The fragment without the shared work: `#lab=<id>`. */
export function withoutShare(fragment: string): string {
  const params = new URLSearchParams(fragment.replace(/^#/, ''))
  params.delete('s')
  const rest = params.toString()
  return rest ? `#${rest}` : ''
}

function validShape(value: unknown): SharedWork | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const v = value as Record<string, unknown>
  if (v.v !== VERSION || typeof v.lab !== 'string' || !LAB_ID.test(v.lab)) return undefined
  if (!Array.isArray(v.files) || v.files.length > MAX_FILES) return undefined
  const files: SourceFile[] = []
  const seen = new Set<string>()
  for (const f of v.files as unknown[]) {
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return undefined
    const { path, text } = f as Record<string, unknown>
    if (typeof path !== 'string' || typeof text !== 'string') return undefined
    if (path.length > MAX_PATH_CHARS || !SAFE_PATH.test(path) || seen.has(path)) return undefined
    seen.add(path)
    files.push({ path, text })
  }
  return { lab: v.lab, files }
}

/** Runs bytes through a (de)compression stream; undefined once the output would exceed `max` bytes. */
async function transform(input: Uint8Array, stream: CompressionStream | DecompressionStream,
  max: number): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter()
  const reader = stream.readable.getReader()
  // Write and close without awaiting: a stream that errors (corrupt input) rejects the read below instead.
  writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {})
  writer.close().catch(() => {})
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel().catch(() => {})
      return undefined
    }
    chunks.push(value)
  }
  const out = new Uint8Array(size)
  let at = 0
  for (const c of chunks) {
    out.set(c, at)
    at += c.byteLength
  }
  return out
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(text) || text.length % 4 === 1) return undefined
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

/** The shared files that belong to a lab whose application folder is `appPath`: its YAML files, nothing else. */
export function filesForApp(work: SharedWork, appPath: string): SourceFile[] {
  const prefix = `${appPath.replace(/\/+$/, '')}/`
  return work.files.filter(f => f.path.startsWith(prefix) && /\.ya?ml$/i.test(f.path))
}
