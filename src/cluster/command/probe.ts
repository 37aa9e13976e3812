// One run of a container probe (R89): exec runs the command through the command model in the container's files
// as they are at that moment; httpGet and tcpSocket reach a port only when the container's process serves it (the
// image catalog says which ports each server listens on); grpc is taken as tcpSocket (the reader warns). The
// messages are the kubelet's, as `kubectl describe` shows them after "Readiness probe failed: ".
// Part of the command model's lazy chunk (command-model.ts): it runs only in started containers.
import { lookupImage } from '../images.ts'
import type { Container, Probe } from '../objects.ts'
import type { Run } from '../kubelet-status.ts'
import { runContainer } from './index.ts'

export interface ProbeOutcome {
  ok: boolean
  message: string
}

export interface ProbeTarget {
  container: Container
  run: Run
  podIp: string
  hostname: string
  unreachableHosts: string[]
  namespace: string
  resolveHost?: (host: string, namespace: string) => boolean | undefined
  now: number
}

export function checkProbe(probe: Probe, t: ProbeTarget): ProbeOutcome {
  const timeout = typeof probe.timeoutSeconds === 'number' && probe.timeoutSeconds > 0 ? probe.timeoutSeconds : 1
  if (probe.exec) return checkExec(probe.exec.command ?? [], timeout * 1000, t)
  if (probe.httpGet) return checkHttp(probe.httpGet, t)
  const socket = probe.tcpSocket ?? probe.grpc
  if (socket) return checkTcp(socket.port, (socket as { host?: string }).host, t)
  return { ok: false, message: 'probe has no handler (exec, httpGet, tcpSocket or grpc)' }
}

/** The container's files at `now`: what its process wrote or removed so far. */
function filesAt(run: Run, now: number): Map<string, string | undefined> {
  const files = new Map<string, string | undefined>()
  for (const change of run.plan.fileChanges ?? []) {
    if (run.startedAt + change.atMs > now) break
    files.set(change.path, change.text)
  }
  return files
}

function checkExec(command: string[], timeoutMs: number, t: ProbeTarget): ProbeOutcome {
  const image = lookupImage(t.container.image)
  if (!image) return { ok: false, message: 'container image not found' }
  const result = runContainer({
    image: t.container.image, command,
    ...(t.container.env ? { env: t.container.env } : {}),
  }, { startedAt: t.now, hostname: t.hostname, unreachableHosts: t.unreachableHosts, image, files: filesAt(t.run, t.now),
    localPorts: openPorts(t), namespace: t.namespace, ...(t.resolveHost ? { resolveHost: t.resolveHost } : {}) })
  if (result.startError) return { ok: false, message: result.startError.message }
  if (result.end.atMs === null || result.end.atMs > timeoutMs) {
    return { ok: false, message: `command ${JSON.stringify(command.join(' '))} timed out` }
  }
  const output = result.output.map(o => o.text).join('').trimEnd()
  return { ok: result.end.exitCode === 0, message: output }
}

/** A port as the probe names it: a number, or the name of one of the container's ports. */
function resolvePort(port: number | string | undefined, c: Container): number | undefined {
  if (typeof port === 'number') return port
  if (port === undefined) return undefined
  if (/^\d+$/.test(port)) return Number(port)
  return c.ports?.find(p => p.name === port)?.containerPort
}

/** The ports the container's process listens on at the probe's time. */
function openPorts(t: ProbeTarget): number[] {
  const listens = t.run.plan.listens
  return listens !== undefined && t.run.startedAt + listens.atMs <= t.now ? listens.ports : []
}

function listening(t: ProbeTarget, port: number | undefined): { ok: boolean; paths?: string[] } {
  const listens = t.run.plan.listens
  const open = port !== undefined && listens !== undefined && t.run.startedAt + listens.atMs <= t.now &&
    listens.ports.includes(port)
  return { ok: open, ...(listens?.httpPaths ? { paths: listens.httpPaths } : {}) }
}

function checkHttp(get: NonNullable<Probe['httpGet']>, t: ProbeTarget): ProbeOutcome {
  const port = resolvePort(get.port, t.container)
  const host = get.host ?? t.podIp
  const scheme = (get.scheme ?? 'HTTP').toLowerCase()
  const path = get.path ?? '/'
  const url = `${scheme}://${host}:${port ?? get.port}${path.startsWith('/') ? path : `/${path}`}`
  if (port === undefined) return { ok: false, message: `strconv.Atoi: parsing ${JSON.stringify(String(get.port))}: invalid syntax` }
  const served = listening(t, port)
  if (!served.ok) return { ok: false, message: `Get ${JSON.stringify(url)}: dial tcp ${host}:${port}: connect: connection refused` }
  const bare = path.split('?')[0] ?? path
  if (served.paths && !served.paths.includes(bare)) return { ok: false, message: 'HTTP probe failed with statuscode: 404' }
  return { ok: true, message: '' }
}

function checkTcp(rawPort: number | string | undefined, host: string | undefined, t: ProbeTarget): ProbeOutcome {
  const port = resolvePort(rawPort, t.container)
  const at = host ?? t.podIp
  if (listening(t, port).ok) return { ok: true, message: '' }
  return { ok: false, message: `dial tcp ${at}:${port ?? rawPort}: connect: connection refused` }
}
