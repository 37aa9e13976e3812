// The contract between the command model and the kubelet: a container spec in, a timeline of what the
// process does out. Pure data, so the kubelet can schedule it on the virtual clock.

import type { EnvVar } from '../objects.ts'
import type { ImageEntry } from '../images.ts'

export interface ContainerCommandSpec {
  image: string
  command?: string[]
  args?: string[]
  env?: EnvVar[]
}

export interface RunContext {
  /** Virtual ms since 2025-01-01T00:00:00Z at which the process starts; `date` prints times from here. */
  startedAt: number
  /** The pod name: HOSTNAME and /etc/hostname. */
  hostname: string
  /** Hosts whose names do not resolve (curl exits 6, wget prints "bad address"). */
  unreachableHosts?: string[]
  /** The Pod's namespace (short Service names resolve in it). */
  namespace?: string
  /** The cluster's DNS: true/false for its own names (Services), undefined for others (src/cluster/cluster-dns.ts). */
  resolveHost?: (host: string, namespace: string) => boolean | undefined
  /** The pulled image. */
  image: ImageEntry
  /** Files written since the image started (an exec probe runs beside the container's own process). */
  files?: ReadonlyMap<string, string | undefined>
  /** An exec probe: the ports the container's own process listens on now (`pg_isready` on the local socket). */
  localPorts?: readonly number[]
}

export interface OutputChunk {
  /** Offset from process start. */
  atMs: number
  stream: 'stdout' | 'stderr'
  text: string
}

export interface ProcessRun {
  /** In order of atMs. */
  output: OutputChunk[]
  /** `atMs: null`: runs until killed. */
  end: { atMs: number; exitCode: number } | { atMs: null }
  /** Set when the binary to exec does not exist: the container never starts. */
  startError?: { exitCode: number; reason: 'StartError'; message: string }
  /** What PID 1 does on SIGTERM: exit, or ignore it so the whole grace period passes. */
  onSigterm: 'exit' | 'ignore'
  /** A server it runs listens on these ports from atMs on (R89: httpGet and tcpSocket probes). */
  listens?: Listening
  /** Files it writes or removes, with when (an exec probe sees the container's files at its time, R89). */
  fileChanges?: FileChange[]
}

export interface Listening {
  atMs: number
  ports: number[]
  /** Undefined: every path answers 200. */
  httpPaths?: string[]
}

export interface FileChange {
  atMs: number
  path: string
  /** undefined: removed. */
  text?: string
}
