// The kubelet's probe workers (R89, R90): per running container, a startup probe first (it holds the others until it
// passes), then liveness and readiness, each every periodSeconds after initialDelaySeconds. Readiness moves the
// container's Ready; liveness (and startup) failing failureThreshold times in a row has the kubelet kill the container,
// which is then restarted per restartPolicy with back-off. Each failed run records the kubelet's `Unhealthy` event.
// A container without probes never gets here: no timer, no cost. A probe whose result can no longer change (the
// process's plan has no later file change or port opening) and that passes stops scheduling, so a settled Pod is idle.
// It loads with the command model (command-model.ts): it runs only in started containers.
import type { VirtualClock } from './clock.ts'
import type { EventRecorder } from './events.ts'
import type { ContainerRuntime, PodRuntime, Run } from './kubelet-status.ts'
import type { Pod, Probe } from './objects.ts'
import { checkProbe } from './command/probe.ts'

export type ProbeKind = 'startup' | 'liveness' | 'readiness'
const LABEL: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' }

/** What the prober asks of the kubelet. */
export interface ProbeHost {
  livePod(rt: PodRuntime): Pod | undefined
  /** The container still runs this run and its Pod is neither being deleted nor failed. */
  running(rt: PodRuntime, c: ContainerRuntime, run: Run): boolean
  writeStatus(rt: PodRuntime): void
  /** R90: kill the container (it is restarted per restartPolicy), grace period in ms. */
  killForRestart(rt: PodRuntime, c: ContainerRuntime, pod: Pod, graceMs: number): void
  /** A sidecar's startup probe passed: the next init container may start (R88). */
  started(rt: PodRuntime, c: ContainerRuntime): void
  unreachableHosts(): string[]
  /** The cluster's DNS (cluster-dns.ts). */
  resolveHost(host: string, namespace: string): boolean | undefined
}

interface Worker {
  kind: ProbeKind
  probe: Probe
  rt: PodRuntime
  c: ContainerRuntime
  run: Run
  successes: number
  failures: number
}

export class Prober {
  constructor(private clock: VirtualClock, private events: EventRecorder, private host: ProbeHost) {}

  /** A container just started (run): its startup probe, else its liveness and readiness probes. */
  start(rt: PodRuntime, c: ContainerRuntime, run: Run, neverReady: boolean): void {
    const { startupProbe, livenessProbe, readinessProbe } = c.spec
    c.neverReady = neverReady
    if (startupProbe) {
      c.started = false
      this.first({ kind: 'startup', probe: startupProbe, rt, c, run, successes: 0, failures: 0 })
      return
    }
    if (livenessProbe) this.first({ kind: 'liveness', probe: livenessProbe, rt, c, run, successes: 0, failures: 0 })
    if (readinessProbe && !neverReady) {
      this.first({ kind: 'readiness', probe: readinessProbe, rt, c, run, successes: 0, failures: 0 })
    }
  }

  /**
   * R89: the first run initialDelaySeconds after the start (the kubelet triggers a probe run when it sees the
   * container start), then every periodSeconds. A server that opens its port a moment after its start fails a first
   * run at 0 s, as on a real cluster.
   */
  private first(w: Worker): void {
    this.clock.schedule(seconds(w.probe.initialDelaySeconds, 0), () => this.tick(w), `kubelet:${w.kind}-probe`)
  }

  private tick(w: Worker): void {
    const { rt, c, run } = w
    if (!this.host.running(rt, c, run)) return
    const pod = this.host.livePod(rt)
    if (!pod) return
    const now = this.clock.now()
    const outcome = checkProbe(w.probe, { container: c.spec, run, podIp: rt.ip, hostname: pod.metadata.name ?? '',
      unreachableHosts: this.host.unreachableHosts(), namespace: pod.metadata.namespace ?? 'default',
      resolveHost: this.host.resolveHost, now })
    if (outcome.ok) {
      w.failures = 0
      w.successes++
    } else {
      w.successes = 0
      w.failures++
      this.events.record(pod, 'Warning', 'Unhealthy', `${LABEL[w.kind]} probe failed: ${outcome.message}`, 'kubelet')
    }
    if (!this.apply(w, pod)) return
    // R89: a passing probe whose result nothing can change any more (and that made the container Ready) stops.
    if (outcome.ok && settled(run, now) && (w.kind !== 'readiness' || c.ready)) return
    this.clock.schedule(seconds(w.probe.periodSeconds, 10), () => this.tick(w), `kubelet:${w.kind}-probe`)
  }

  /** R90: what the counts mean for the container; false when the worker stops (the container is being killed). */
  private apply(w: Worker, pod: Pod): boolean {
    const { rt, c, probe } = w
    const failureThreshold = positive(probe.failureThreshold, 3)
    if (w.kind === 'readiness') {
      // successThreshold consecutive successes make it Ready, failureThreshold failures unready (no restart).
      const ready = w.successes >= positive(probe.successThreshold, 1) ? true : w.failures >= failureThreshold ? false : c.ready
      if (ready !== c.ready) {
        c.ready = ready
        this.host.writeStatus(rt)
      }
      return true
    }
    if (w.kind === 'startup' && w.successes >= 1) {
      c.started = true
      const { livenessProbe, readinessProbe } = c.spec
      if (livenessProbe) this.first({ kind: 'liveness', probe: livenessProbe, rt, c, run: w.run, successes: 0, failures: 0 })
      if (readinessProbe && !c.neverReady) {
        this.first({ kind: 'readiness', probe: readinessProbe, rt, c, run: w.run, successes: 0, failures: 0 })
      } else if (!c.neverReady) c.ready = true
      this.host.writeStatus(rt)
      this.host.started(rt, c)
      return false
    }
    if (w.failures < failureThreshold) return true
    // Liveness or startup failed: the kubelet kills the container, and restarts it per restartPolicy (R90).
    this.events.record(pod, 'Normal', 'Killing',
      `Container ${c.spec.name} failed ${w.kind} probe, will be restarted`, 'kubelet')
    c.ready = false
    const graceSeconds = positive(probe.terminationGracePeriodSeconds, pod.spec.terminationGracePeriodSeconds ?? 30)
    this.host.killForRestart(rt, c, pod, graceSeconds * 1000)
    return false
  }
}

/** A probe's count or time as the API server defaults it: 0 (or unset) is the default (SetDefaults_Probe). */
function positive(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback
}

function seconds(value: number | undefined, fallback: number): number {
  return positive(value, fallback) * 1000
}

/** The run's plan opens no port and changes no file after `now`: a probe's result stays what it is. */
function settled(run: Run, now: number): boolean {
  const last = Math.max(run.plan.listens?.atMs ?? 0, run.plan.fileChanges?.at(-1)?.atMs ?? 0)
  return now >= run.startedAt + last
}
