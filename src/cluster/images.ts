// The image catalog: which images the simulated kubelet can pull, what is inside them and what they run by
// default. The facts live in image-catalog.json so they can be read and corrected without touching code.

import catalog from './image-catalog.json' with { type: 'json' }

/** Which program /bin/sh is: its error messages differ (`sh: x: not found`, `sh: 1: x: not found`, ...). */
export type ShellDialect = 'ash' | 'dash' | 'bash'
/** Whose versions of cat, sleep, ... the image ships: their error messages differ too. */
export type Userland = 'busybox' | 'coreutils'

export interface LogChunk {
  stream: 'stdout' | 'stderr'
  /** May hold {{slashTime}}, {{pgTime}}, {{hostname}} and {{argN|fallback}}. */
  text: string
  /** Delay after the previous chunk (or the program start). */
  afterMs?: number
}

/** An image-specific program, matched on argv: basename of argv[0], then the next args; 'a|b' = either. */
export type ProgramSpec =
  | {
      match: string[]
      kind: 'server'
      sigterm: 'exit' | 'ignore'
      log: LogChunk[]
      /** Without one of these (non-empty, or equal to `value`) the program prints `stderr` and exits. */
      requireEnv?: { anyOf: Array<{ name: string; value?: string }>; exitCode: number; stderr: string }
      /** Without this text among its args the server forks into the background, so PID 1 exits 0 at once. */
      daemonizesUnless?: string
      /** TCP ports it listens on once its log is written (templated like the log): httpGet/tcpSocket probes (R89). */
      listens?: string[]
      /** HTTP paths that answer 200 when the image serves fixed files (nginx's default site); others 404. */
      httpPaths?: string[]
    }
  | {
      match: string[]
      kind: 'entrypoint'
      log?: LogChunk[]
      /** Prepended to the args when the first arg is an option (`-c foo` → `postgres -c foo`). */
      prependIfOption?: string
      /** Prepended when the first arg is not a binary of the image (`https://x` → `curl https://x`). */
      prependIfNotCommand?: string
    }
  | { match: string[]; kind: 'fail'; exitCode: number; stderr: string }

export interface ImageEntry {
  /** The short name a manifest would use, e.g. `busybox`, `quay.io/acend/example-web-go`. */
  name: string
  /** Fully qualified repository, e.g. `docker.io/library/busybox`. */
  repository: string
  description: string
  shell: ShellDialect
  userland: Userland
  /** Basenames of every executable in the image. */
  binaries: ReadonlySet<string>
  entrypoint: readonly string[]
  cmd: readonly string[]
  /** ENV of the image (PATH first). */
  env: Readonly<Record<string, string>>
  home: string
  /** Files a container can `cat` besides the ones the kubelet writes (/etc/hostname, /etc/hosts). */
  files: Readonly<Record<string, string>>
  programs: readonly ProgramSpec[]
  defaultRun: { summary: string; exitCode: number | null; handlesSigterm: boolean }
  pullMs: number
  sizeBytes: number
}

interface RawImage {
  name: string
  repository: string
  description: string
  os: string | null
  shell: string
  userland: string
  toolsets: string[]
  binaries: string[]
  entrypoint: string[]
  cmd: string[]
  env: Record<string, string>
  home?: string
  programs: unknown[]
  defaultRun: { summary: string; exitCode: number | null; handlesSigterm: boolean }
  pullMs: number
  sizeBytes: number
}

interface RawCatalog {
  toolsets: Record<string, string[]>
  osReleases: Record<string, string>
  images: RawImage[]
}

const raw = catalog as unknown as RawCatalog

function resolve(img: RawImage): ImageEntry {
  const binaries = new Set(img.binaries)
  for (const set of img.toolsets) for (const b of raw.toolsets[set] ?? []) binaries.add(b)
  const osRelease = img.os === null ? undefined : raw.osReleases[img.os]
  return {
    name: img.name,
    repository: img.repository,
    description: img.description,
    shell: img.shell as ShellDialect,
    userland: img.userland as Userland,
    binaries,
    entrypoint: img.entrypoint,
    cmd: img.cmd,
    env: img.env,
    home: img.home ?? '/root',
    files: osRelease === undefined ? {} : { '/etc/os-release': osRelease },
    programs: img.programs as ProgramSpec[],
    defaultRun: img.defaultRun,
    pullMs: img.pullMs,
    sizeBytes: img.sizeBytes,
  }
}

export const IMAGES: readonly ImageEntry[] = raw.images.map(resolve)

/** Short names of the known images, for editor completion. */
export const IMAGE_NAMES: readonly string[] = IMAGES.map(i => i.name)

const byRepository = new Map(IMAGES.map(i => [i.repository, i]))

export interface ImageRef {
  /** e.g. `docker.io/library/busybox` */
  repository: string
  tag?: string
  digest?: string
}

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/

/** Parses an image reference the way the container runtime does (Docker Hub defaults); undefined if invalid. */
export function parseImageRef(ref: string): ImageRef | undefined {
  let rest = ref.trim()
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!DIGEST.test(digest)) return undefined
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) return undefined
  }
  const parts = rest.split('/')
  // The first component is a registry only if it looks like a host: has a dot or port, or is localhost.
  const first = parts[0] ?? ''
  let registry = 'docker.io'
  if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost')) {
    registry = first === 'index.docker.io' || first === 'registry-1.docker.io' ? 'docker.io' : first
    parts.shift()
  }
  if (parts.length === 0 || !parts.every(p => PATH_COMPONENT.test(p))) return undefined
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library')
  const result: ImageRef = { repository: `${registry}/${parts.join('/')}` }
  if (tag !== undefined) result.tag = tag
  if (digest !== undefined) result.digest = digest
  return result
}

/** The catalog entry for any tag or digest of a known repository; undefined means the pull fails. */
export function lookupImage(ref: string): ImageEntry | undefined {
  // The kubelet looks up every container's image at each pull and start: remembered per reference.
  if (lookups.has(ref)) return lookups.get(ref)
  const parsed = parseImageRef(ref)
  const entry = parsed && byRepository.get(parsed.repository)
  if (lookups.size >= MAX_REMEMBERED_LOOKUPS) lookups.clear()
  lookups.set(ref, entry)
  return entry
}
const lookups = new Map<string, ImageEntry | undefined>()
const MAX_REMEMBERED_LOOKUPS = 10_000
