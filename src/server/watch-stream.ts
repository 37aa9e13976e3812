// One streamed answer (a watch, a followed log) with the API server's two bounds:
// - A client that does not read cannot make the server hold its events: the API server gives each watcher a
//   bounded buffer and, when a watcher falls that far behind, closes it ("Forcing watcher close due to
//   unresponsiveness", k8s.io/apiserver cacher); the client watches again from the last resourceVersion it saw,
//   or lists again when that has expired (410). Here the bound is on the bytes written and not yet taken by the
//   socket: past it the stream ends, and if the client still does not read within `drainMs`, its connection is
//   dropped, so memory stays bounded either way.
// - Every watch ends after its timeout: `timeoutSeconds` when the client sends it, else a random time between
//   30 and 60 minutes (the API server's minRequestTimeout of 1800 s, times 1 to 2).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { HttpError } from './http-error.ts'

/** The API server's --min-request-timeout default (seconds); a watch without timeoutSeconds lasts 1x to 2x this. */
export const MIN_REQUEST_TIMEOUT_S = 1800
/** The longest watch this server keeps open; a larger timeoutSeconds is lowered to it (with a Warning header). */
export const MAX_WATCH_TIMEOUT_S = 2 * MIN_REQUEST_TIMEOUT_S
/** Default bound on a watch's unread bytes. */
export const DEFAULT_WATCH_BUFFER_BYTES = 1024 * 1024

export interface WatchTimeout {
  seconds: number
  /** Set when the client asked for more than MAX_WATCH_TIMEOUT_S. */
  warning?: string
}

/** `timeoutSeconds`: a whole number of seconds; absent or 0 means the server's own random timeout. */
export function watchTimeout(raw: string | null, random: () => number = Math.random): WatchTimeout {
  if (raw === null || raw === '' || raw === '0') {
    return { seconds: Math.round(MIN_REQUEST_TIMEOUT_S * (1 + random())) }
  }
  if (!/^\d+$/.test(raw)) {
    throw new HttpError(400, 'BadRequest', `timeoutSeconds: "${raw}" is not a whole number of seconds`)
  }
  const asked = Number(raw)
  if (asked <= MAX_WATCH_TIMEOUT_S) return { seconds: asked }
  return { seconds: MAX_WATCH_TIMEOUT_S,
    warning: `timeoutSeconds ${raw} is more than this server keeps a watch open; it ends after ${MAX_WATCH_TIMEOUT_S} s` }
}

export interface StreamOptions {
  maxBufferedBytes: number
  /** Wall ms a stream ended for overflow is given to drain before its connection is dropped. */
  drainMs?: number
  timeoutMs?: number
  /** Called once when the stream ends, whatever the cause. */
  onClose: () => void
  /** Called when the stream is closed because its client fell behind. */
  onOverflow?: () => void
}

export class BoundedStream {
  private closed = false
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private req: IncomingMessage, private res: ServerResponse, private opts: StreamOptions) {
    if (opts.timeoutMs !== undefined) {
      this.timer = setTimeout(() => this.close(), opts.timeoutMs)
      this.timer.unref?.()
    }
    req.on('close', () => this.close())
    res.on('close', () => this.close())
  }

  get isClosed(): boolean {
    return this.closed
  }

  /**
   * Writes one chunk; a client already `maxBufferedBytes` behind gets its stream closed instead. The first chunks
   * of a watch (what exists, or the changes it resumes across) are written as one burst and not counted: the
   * bound is on what piles up after it.
   */
  write(chunk: string, burst = false): void {
    if (this.closed) return
    if (!burst && this.res.writableLength > this.opts.maxBufferedBytes) {
      this.overflow()
      return
    }
    this.res.write(chunk)
  }

  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.opts.onClose()
    if (!this.res.writableEnded) this.res.end()
  }

  private overflow(): void {
    this.opts.onOverflow?.()
    this.close()
    // What is queued stays for a client that is merely slow; one that never reads loses its connection.
    const drop = setTimeout(() => {
      if (!this.res.writableFinished) this.req.socket.destroy()
    }, this.opts.drainMs ?? 5000)
    drop.unref?.()
    this.res.once('finish', () => clearTimeout(drop))
  }
}
