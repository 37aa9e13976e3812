// The state of one simulated container process: virtual time since start, what it has written, its
// files. Programs advance `time` instead of waiting, so a whole run is computed at once, deterministically.

import type { ImageEntry } from '../images.ts'
import { HOSTNAME_FILES, ReadNotingMap } from './context-use.ts'
import type { FileChange, Listening, OutputChunk, RunContext } from './types.ts'

/**
 * The container's files; once the process runs, every write and removal is logged with its time (R89 exec probes).
 * A read of a file that holds the hostname, or of every file's text at once, is noted (context-use.ts).
 */
class FileTable extends ReadNotingMap {
  readonly changes: FileChange[] = []
  recordAt?: () => number

  protected holdsHostname(path: string): boolean {
    return HOSTNAME_FILES.has(path)
  }

  override set(path: string, text: string): this {
    this.recordAt && this.changes.push({ atMs: this.recordAt(), path, text })
    return super.set(path, text)
  }

  override delete(path: string): boolean {
    this.recordAt && this.changes.push({ atMs: this.recordAt(), path })
    return super.delete(path)
  }
}

/** Sleeping past this (a century) is the same as sleeping forever for a teaching sandbox. */
export const HORIZON_MS = 100 * 365 * 24 * 3600 * 1000
/** Commands one run may execute; a script looping past it is treated as running until killed. */
const MAX_STEPS = 50_000
/** Output chunks kept; a chatty loop's later lines are dropped. */
const MAX_CHUNKS = 2_000

/** Thrown when the process blocks for good (sleep infinity, a server, an endless loop). */
export class Forever {}

/** Thrown by `exit` and by errexit; the shell that owns the process turns it into its exit status. */
export class ExitSignal {
  readonly code: number
  constructor(code: number) {
    this.code = code
  }
}

export class Machine {
  time = 0
  readonly output: OutputChunk[] = []
  readonly files: Map<string, string> = new FileTable()
  /** Set when a server program starts listening (httpGet / tcpSocket probes, R89). */
  listens?: Listening
  /** What PID 1 does on SIGTERM; programs that handle it set 'exit' when they run as PID 1. */
  sigterm: 'exit' | 'ignore' = 'ignore'
  private steps = 0
  private readonly context: RunContext
  /** The run read its start time or the network, or the context as a whole (context-use.ts). */
  private contextRead = false

  constructor(ctx: RunContext) {
    this.context = ctx
    for (const [path, text] of Object.entries(ctx.image.files)) this.files.set(path, text)
    this.files.set('/etc/hostname', `${ctx.hostname}\n`)
    this.files.set('/etc/hosts', `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.244.0.10\t${ctx.hostname}\n`)
    this.files.set('/etc/resolv.conf', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n')
    for (const [path, text] of ctx.files ?? []) {
      if (text === undefined) this.files.delete(path)
      else this.files.set(path, text)
    }
    ;(this.files as FileTable).recordAt = () => this.time
  }

  /** What the run was started with; reading it counts as depending on the Pod and the start (context-use.ts). */
  get ctx(): RunContext {
    this.contextRead = true
    return this.context
  }

  get image(): ImageEntry {
    return this.context.image
  }

  /** Whether anything the run did may differ between Pods or starts of the same container spec. */
  get usedContext(): boolean {
    return this.contextRead || (this.files as FileTable).hostnameRead
  }

  /** Virtual ms since the epoch (2025-01-01T00:00:00Z) at the current point of the run. */
  now(): number {
    this.contextRead = true
    return this.context.startedAt + this.time
  }

  /** Every file write and removal since the process started. */
  get fileChanges(): readonly FileChange[] {
    return (this.files as FileTable).changes
  }

  emit(stream: 'stdout' | 'stderr', text: string): void {
    if (text !== '' && this.output.length < MAX_CHUNKS) this.output.push({ atMs: this.time, stream, text })
  }

  /** Advances virtual time; an infinite or absurdly long wait never ends. */
  sleep(ms: number): void {
    if (!Number.isFinite(ms) || this.time + ms > HORIZON_MS) throw new Forever()
    this.time += Math.max(0, ms)
  }

  /** Counts one executed command. */
  step(): void {
    if (++this.steps > MAX_STEPS) throw new Forever()
  }

  resolves(host: string): boolean {
    this.contextRead = true
    if (host === 'localhost' || host === this.ctx.hostname) return true // /etc/hosts
    return this.ctx.resolveHost?.(host, this.ctx.namespace ?? 'default') ?? !(this.ctx.unreachableHosts ?? []).includes(host)
  }
}

/** Where a program reads and writes; redirections and pipes swap these. */
export interface Io {
  /** Shared between the commands reading it (`while read`), so reading consumes it. */
  stdin: { text: string; read?: boolean }
  out(text: string): void
  err(text: string): void
}

export function machineIo(m: Machine): Io {
  return { stdin: { text: '' }, out: t => m.emit('stdout', t), err: t => m.emit('stderr', t) }
}

/** Reads the rest of stdin. */
export function readStdin(io: Io): string {
  const text = io.stdin.text
  io.stdin.text = ''
  io.stdin.read = true
  return text
}

/** Runs `fn` with stdout collected into a string (pipes, command substitution). */
export function capture(io: Io, fn: (io: Io) => void): string {
  let text = ''
  fn({ stdin: io.stdin, out: t => { text += t }, err: io.err })
  return text
}

/** What every program is handed. */
export interface Proc {
  m: Machine
  io: Io
  /** The exported environment, in `env` order. */
  env: ReadonlyMap<string, string>
  /** True when this program is PID 1 (exec'd by the runtime, an entrypoint or `exec`). */
  pid1: boolean
  /** Runs another binary of the image; undefined when it does not exist (the caller words the error). */
  exec: (argv: string[], p: Proc) => number | undefined
}

/** A binary or builtin: returns its exit status; may advance time or throw Forever. */
export type Program = (argv: string[], p: Proc) => number

export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, '')
  return trimmed.slice(trimmed.lastIndexOf('/') + 1)
}
