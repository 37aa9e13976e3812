// A Pod as `kubectl get pods` prints it (STATUS, READY, RESTARTS): the page's Pod history and timeline and the
// terminal's kubectl read it the same way.
import { parseTimestamp } from './clock.ts'
import type { Pod, PodPhase } from './objects.ts'

/** The columns of one `kubectl get pods` row that change over a Pod's life. */
export interface PodRow {
  /** kubectl's STATUS word: Pending, ContainerCreating, Running, Completed, Error, ErrImagePull, Terminating... */
  status: string
  /** status.phase (Pending when the kubelet has not written a status yet). */
  phase: PodPhase
  /** Containers ready and running / containers in the spec (READY column). */
  ready: number
  containers: number
  /** Sum of the containers' restart counts (RESTARTS column). */
  restarts: number
  /** When the last restarted container run ended (kubectl's "(5s ago)"). */
  lastRestartAt?: number
  /** The Pod has a deletionTimestamp. */
  deleting: boolean
}

/**
 * The STATUS, READY and RESTARTS columns of `kubectl get pods`, as kubectl's printPod computes them
 * (k8s.io/kubernetes pkg/printers/internalversion/printers.go), for the fields the simulated kubelet writes.
 */
export function kubectlPodRow(pod: Pod): PodRow {
  const status = pod.status
  const phase: PodPhase = status?.phase ?? 'Pending'
  let reason: string = status?.reason || phase
  let ready = 0
  let restarts = 0
  let lastRestartAt: number | undefined
  let hasRunning = false
  const statuses = status?.containerStatuses ?? []
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i]!
    restarts += c.restartCount
    const finished = c.lastState?.terminated?.finishedAt
    if (finished) {
      const at = parseTimestamp(finished)
      if (lastRestartAt === undefined || at > lastRestartAt) lastRestartAt = at
    }
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
  const deleting = pod.metadata.deletionTimestamp !== undefined
  if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating'
  return {
    status: reason, phase, ready, containers: pod.spec.containers.length, restarts,
    ...(restarts > 0 && lastRestartAt !== undefined ? { lastRestartAt } : {}), deleting,
  }
}
