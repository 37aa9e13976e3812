// Reader warnings for container probes (R89): what the API server refuses at apply time (a probe on a regular init
// container, successThreshold other than 1 for liveness or startup, no handler or several), and what synclab reads but
// cannot honour (grpc: its health protocol is not simulated, the probe passes when the port is served; HTTPS and
// httpHeaders: the simulated servers speak plain HTTP and ignore headers).
import type { Locator } from './positions.ts'
import type { Span } from './types.ts'

type Warn = (code: string, message: string, at: Span) => void

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const PROBES = ['startupProbe', 'livenessProbe', 'readinessProbe'] as const
const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const
const REFUSED = 'the API server will refuse it at apply time'

/** Checks the probes of every container of a Pod spec at `path`. */
export function checkProbes(podSpec: Record<string, unknown>, path: string[], loc: Locator, warn: Warn): void {
  for (const list of ['containers', 'initContainers'] as const) {
    const containers = podSpec[list]
    if (!Array.isArray(containers)) continue
    containers.forEach((c: unknown, i) => {
      if (!isRecord(c)) return
      const regularInit = list === 'initContainers' && c.restartPolicy !== 'Always'
      for (const kind of PROBES) {
        const probe = c[kind]
        if (probe === undefined || probe === null) continue
        const at = [...path, list, i, kind]
        if (regularInit) {
          warn('probe-on-init-container', `${kind} on init container "${String(c.name ?? i)}": only app containers and ` +
            `sidecars (restartPolicy: Always) may have probes (R89); ${REFUSED}.`, loc.at(at, 'key'))
          continue
        }
        if (isRecord(probe)) checkProbe(kind, probe, at, loc, warn)
      }
    })
  }
}

function checkProbe(kind: typeof PROBES[number], probe: Record<string, unknown>, at: Array<string | number>,
  loc: Locator, warn: Warn): void {
  const handlers = HANDLERS.filter(h => probe[h] !== undefined && probe[h] !== null)
  if (handlers.length === 0) {
    warn('probe-no-handler', `${kind} has no handler: give one of exec, httpGet, tcpSocket or grpc (R89); ${REFUSED}.`,
      loc.at(at, 'key'))
  } else if (handlers.length > 1) {
    warn('probe-several-handlers', `${kind} has ${handlers.join(' and ')}: a probe may have only one handler (R89); ` +
      `${REFUSED}.`, loc.at(at, 'key'))
  }
  const threshold = probe.successThreshold
  if (kind !== 'readinessProbe' && typeof threshold === 'number' && threshold !== 1) {
    warn('probe-success-threshold', `${kind}.successThreshold must be 1 (R89); ${REFUSED}.`,
      loc.at([...at, 'successThreshold']))
  }
  const get = probe.httpGet
  if (isRecord(get) && typeof get.scheme === 'string' && get.scheme.toUpperCase() === 'HTTPS') {
    warn('probe-https-simulated', `synclab does not simulate TLS: this ${kind} passes when the image serves the port ` +
      'and path, as over HTTP (R89). On a real cluster the server must speak HTTPS there.', loc.at([...at, 'httpGet', 'scheme']))
  }
  if (isRecord(get) && get.httpHeaders !== undefined && get.httpHeaders !== null) {
    warn('probe-headers-ignored', `synclab's servers answer the same whatever the headers: this ${kind}'s httpHeaders ` +
      'do not change its result here (R89).', loc.at([...at, 'httpGet', 'httpHeaders'], 'key'))
  }
  if (probe.grpc !== undefined && probe.grpc !== null) {
    warn('probe-grpc-simulated', `synclab cannot speak gRPC's health protocol: this ${kind} passes when the image ` +
      'serves the port, as a tcpSocket probe would (R89). On a real cluster the server must implement ' +
      'grpc.health.v1.Health.', loc.at([...at, 'grpc'], 'key'))
  }
}
