// The STATUS, READY and RESTARTS columns of `kubectl get pods`, as kubectl's printPod computes them
// (kubernetes pkg/printers/internalversion/printers.go): init containers first (Init:N/M, Init:Error,
// Init:CrashLoopBackOff, R87), started sidecars counted as done and in READY (R88), then the app containers.
// The terminal, the page's pod history and `synclab serve` all print pods through here.
import { parseTimestamp } from './clock.ts'
import type { ContainerStatus, Pod, PodPhase } from './objects.ts'

export interface PodRow {
  /** kubectl's STATUS word: Pending, ContainerCreating, Init:0/1, PodInitializing, Running, Completed, Error... */
  status: string
  /** status.phase (Pending when the kubelet has not written a status yet). */
  phase: PodPhase
  /** Containers ready and running / app containers plus sidecars in the spec (READY column). */
  ready: number
  containers: number
  /** RESTARTS: the init containers' while initializing, else the sidecars' and app containers'. */
  restarts: number
  /** When the last restarted container run ended (kubectl's "(5s ago)"). */
  lastRestartAt?: number
  /** The Pod has a deletionTimestamp. */
  deleting: boolean
}

function lastTermination(c: ContainerStatus): number | undefined {
  const finished = c.lastState?.terminated?.finishedAt
  return finished ? parseTimestamp(finished) : undefined
}

const later = (a: number | undefined, b: number | undefined) => (a === undefined ? b : b === undefined ? a : Math.max(a, b))

export function kubectlPodRow(pod: Pod): PodRow {
  const status = pod.status
  const phase: PodPhase = status?.phase ?? 'Pending'
  let reason: string = status?.reason || phase
  const inits = pod.spec.initContainers ?? []
  const sidecars = new Set<string>()
  for (const c of inits) if (c.restartPolicy === 'Always') sidecars.add(c.name)
  let ready = 0
  let restarts = 0
  let lastRestartAt: number | undefined
  let sidecarRestarts = 0
  let lastSidecarRestartAt: number | undefined
  let initializing = false
  const initStatuses = status?.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!
    const sidecar = sidecars.has(c.name)
    restarts += c.restartCount
    lastRestartAt = later(lastRestartAt, lastTermination(c))
    if (sidecar) {
      sidecarRestarts += c.restartCount
      lastSidecarRestartAt = later(lastSidecarRestartAt, lastTermination(c))
    }
    const { waiting, terminated } = c.state
    if (terminated && terminated.exitCode === 0) continue
    if (sidecar && c.started) {
      if (c.ready) ready++
      continue
    }
    if (terminated) reason = terminated.reason ? `Init:${terminated.reason}` : `Init:ExitCode:${terminated.exitCode}`
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`
    else reason = `Init:${i}/${inits.length}`
    initializing = true
    break
  }
  const initialized = status?.conditions?.some(c => c.type === 'Initialized' && c.status === 'True') ?? false
  if (!initializing || initialized) {
    restarts = sidecarRestarts
    lastRestartAt = lastSidecarRestartAt
    let hasRunning = false
    const statuses = status?.containerStatuses ?? []
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!
      restarts += c.restartCount
      lastRestartAt = later(lastRestartAt, lastTermination(c))
      const { waiting, terminated, running } = c.state
      if (waiting?.reason) reason = waiting.reason
      else if (terminated?.reason) reason = terminated.reason
      else if (terminated) reason = `ExitCode:${terminated.exitCode}`
      else if (c.ready && running) {
        hasRunning = true
        ready++
      }
    }
    if (reason === 'Completed' && hasRunning) {
      const podReady = status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false
      reason = podReady ? 'Running' : 'NotReady'
    }
  }
  const deleting = pod.metadata.deletionTimestamp !== undefined
  if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'
  return {
    status: reason, phase, ready, containers: pod.spec.containers.length + sidecars.size, restarts,
    ...(restarts > 0 && lastRestartAt !== undefined ? { lastRestartAt } : {}), deleting,
  }
}
