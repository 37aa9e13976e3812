// The parts of `kubectl describe` that every kind shares (metadata, containers, probes, events) and the small text
// helpers `kubectl get`'s columns use too (`<none>`, selectors, a template's containers).
import { parseTimestamp } from '../../cluster/clock.ts'
import type { FakeCluster } from '../../cluster/fake-cluster.ts'
import type { Container, ContainerState, KubeObject, Pod, Probe } from '../../cluster/objects.ts'
import { humanDuration, rfc1123z } from '../common.ts'

export const none = (s: string | undefined) => (s === undefined || s === '' ? '<none>' : s)
export const containersOf = (template: { spec?: { containers?: Container[] } } | undefined) => template?.spec?.containers ?? []
/** The CONTAINERS and IMAGES cells of `kubectl get -o wide` for a workload's Pod template. */
export const containerColumns = (template: Parameters<typeof containersOf>[0]) => {
  const cs = containersOf(template)
  return [cs.map(c => c.name).join(','), cs.map(c => c.image).join(',')]
}
export const selectorText = (sel: { matchLabels?: Record<string, string> } | undefined) =>
  none(Object.entries(sel?.matchLabels ?? {}).map(([a, b]) => `${a}=${b}`).join(','))

export function metaLines(label: string, entries: Record<string, string> | undefined, sep: string): string[] {
  const list = Object.entries(entries ?? {}).filter(([key]) => key !== 'kubectl.kubernetes.io/last-applied-configuration')
    .sort(([a], [b]) => a.localeCompare(b))
  if (list.length === 0) return [`${label}\t<none>`]
  return list.map(([a, b], i) => `${i === 0 ? label : ''}\t${a}${sep}${b}`)
}

export function eventsLines(fake: FakeCluster, obj: KubeObject): string[] {
  const evs = fake.events.about({ kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' })
    .filter(e => e.involved.uid === '' || e.involved.uid === obj.metadata.uid)
  if (evs.length === 0) return ['Events:\t<none>']
  const now = fake.now()
  return ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------',
    ...aggregate(evs).map(e => `  ${e.type}\t${e.reason}\t${e.count > 1
      ? `${humanDuration(now - e.last)} (x${e.count} over ${humanDuration(now - e.first)})` : humanDuration(now - e.first)}` +
      `\t${e.source}\t${e.message}`)]
}

interface Aggregated { type: string; reason: string; source: string; message: string; first: number; last: number; count: number }

/**
 * The API server's event correlator folds repeats (same type, reason, source and message: a probe failing every
 * period, a back-off) into one Event with a count; kubectl describe prints it as `3s (x7 over 63s)`, ordered by the
 * last time it happened.
 */
function aggregate(evs: ReadonlyArray<{ type: string; reason: string; source: string; message: string; at: number }>): Aggregated[] {
  const byKey = new Map<string, Aggregated>()
  for (const e of evs) {
    const key = `${e.type}\u0000${e.reason}\u0000${e.source}\u0000${e.message}`
    const seen = byKey.get(key)
    if (seen) {
      seen.count++
      seen.last = e.at
    } else {
      byKey.set(key, { type: e.type, reason: e.reason, source: e.source, message: e.message, first: e.at, last: e.at, count: 1 })
    }
  }
  return [...byKey.values()].sort((a, b) => a.last - b.last)
}

export function stateLines(indent: string, label: string, state: ContainerState | undefined): string[] {
  if (!state) return []
  if (state.running) return [`${indent}${label}:\tRunning`, `${indent}  Started:\t${rfc1123z(parseTimestamp(state.running.startedAt))}`]
  if (state.terminated) {
    const t = state.terminated
    return [`${indent}${label}:\tTerminated`, `${indent}  Reason:\t${t.reason ?? ''}`,
      ...(t.message ? [`${indent}  Message:\t${t.message}`] : []), `${indent}  Exit Code:\t${t.exitCode}`,
      ...(t.startedAt ? [`${indent}  Started:\t${rfc1123z(parseTimestamp(t.startedAt))}`] : []),
      ...(t.finishedAt ? [`${indent}  Finished:\t${rfc1123z(parseTimestamp(t.finishedAt))}`] : [])]
  }
  if (state.waiting) return [`${indent}${label}:\tWaiting`, ...(state.waiting.reason ? [`${indent}  Reason:\t${state.waiting.reason}`] : [])]
  return []
}

export function containerLines(c: Container, indent: string, status?: Pod['status'] extends infer S ? S extends { containerStatuses?: Array<infer C> } ? C : never : never): string[] {
  const lines = [`${indent}${c.name}:`]
  const i = `${indent}  `
  if (status) lines.push(`${i}Container ID:\tcontainerd://${(status.imageID ?? c.name).replace(/[^a-f0-9]/g, '').padEnd(12, '0').slice(0, 12)}`)
  lines.push(`${i}Image:\t${c.image}`)
  if (status) lines.push(`${i}Image ID:\t${status.imageID ?? ''}`)
  const port = c.ports?.[0]
  lines.push(`${i}Port:\t${port ? `${port.containerPort}/${port.protocol ?? 'TCP'}` : '<none>'}`, `${i}Host Port:\t${port ? '0/TCP' : '<none>'}`)
  if (c.command) lines.push(`${i}Command:`, ...c.command.map(x => `${i}  ${x}`))
  if (c.args) lines.push(`${i}Args:`, ...c.args.map(x => `${i}  ${x}`))
  if (status) {
    lines.push(...stateLines(i, 'State', status.state), ...stateLines(i, 'Last State', status.lastState))
    lines.push(`${i}Ready:\t${status.ready ? 'True' : 'False'}`, `${i}Restart Count:\t${status.restartCount}`)
  }
  if (c.livenessProbe) lines.push(`${i}Liveness:\t${describeProbe(c.livenessProbe)}`)
  if (c.readinessProbe) lines.push(`${i}Readiness:\t${describeProbe(c.readinessProbe)}`)
  if (c.startupProbe) lines.push(`${i}Startup:\t${describeProbe(c.startupProbe)}`)
  lines.push(`${i}Environment:\t${c.env && c.env.length > 0 ? '' : '<none>'}`,
    ...(c.env ?? []).map(e => `${i}  ${e.name}:\t${e.value ?? ''}`), `${i}Mounts:\t<none>`)
  return lines
}

/** kubectl's DescribeProbe: the handler, then `delay=0s timeout=1s period=10s #success=1 #failure=3` (R89 defaults). */
export function describeProbe(p: Probe): string {
  const attrs = `delay=${goSeconds(p.initialDelaySeconds ?? 0)} timeout=${goSeconds(p.timeoutSeconds ?? 1)} ` +
    `period=${goSeconds(p.periodSeconds ?? 10)} #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`
  if (p.httpGet) {
    const g = p.httpGet
    const path = g.path ?? ''
    return `http-get ${(g.scheme ?? 'HTTP').toLowerCase()}://${g.host ?? ''}:${g.port ?? ''}${path} ${attrs}`
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port ?? ''} ${attrs}`
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? ''} ${p.grpc.service ?? ''} ${attrs}`
  return `unknown ${attrs}`
}

/** Go's time.Duration String for whole seconds: 5s, 1m0s, 1h0m0s. */
function goSeconds(total: number): string {
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const sec = total % 60
  if (h > 0) return `${h}h${m}m${sec}s`
  if (m > 0) return `${m}m${sec}s`
  return `${sec}s`
}
