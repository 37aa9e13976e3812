// What the kubelet knows about a Pod's containers while it runs them, and the Pod status it writes from that:
// phase, conditions (Initialized, Ready, ContainersReady, PodScheduled), init and app container statuses.
import { timestamp, type TimerHandle } from './clock.ts'
import type { SimNode } from './nodes.ts'
import type { Condition, Container, ContainerStatus, Pod, PodPhase, PodStatus } from './objects.ts'
import type { ProcessPlan } from './process.ts'

export interface Run {
  startedAt: number
  plan: ProcessPlan
  endedAt?: number
  exitCode?: number
  reason?: string
  message?: string
}

export interface ContainerRuntime {
  spec: Container
  /** An init container (R87); with restartPolicy Always a sidecar (R88). */
  kind: 'init' | 'sidecar' | 'app'
  state: 'waiting' | 'running' | 'terminated'
  waitingReason?: string | undefined
  waitingMessage?: string | undefined
  ready: boolean
  restartCount: number
  runs: Run[]
  timer?: TimerHandle | undefined
  /** Exited and will be started again after a back-off. */
  restartPending?: boolean
  pullAttempts: number
  /** The Pulled event, recorded when the container starts (with the time the pull ended). */
  pulled?: { at: number; message: string } | undefined
  /** false while its startup probe has not passed (R90). */
  started: boolean
  /** Being stopped (SIGTERM sent): its probes stop. */
  stopping: boolean
  /** The page's "never ready" setting: its readiness never passes. */
  neverReady?: boolean
}

export interface PodRuntime {
  key: string
  conditions?: Condition[]
  /** What the conditions were computed from: they are rewritten only when it changes. */
  conditionsKey?: string
  ip: string
  node: SimNode
  /** Init containers and sidecars, in spec order. */
  inits: ContainerRuntime[]
  containers: ContainerRuntime[]
  /** Every init container completed and every sidecar started: the app containers may start (R87). */
  initialized: boolean
  /** The app containers are done: sidecars are being stopped and are not restarted (R88). */
  stoppingSidecars: boolean
  startTime: number
  scheduledAt?: number
  deleting: boolean
  /** The Pod failed as a whole (activeDeadlineSeconds, R86): phase Failed with this reason and message. */
  failure?: { reason: string; message: string }
  deadlineTimer?: TimerHandle
}

export function containerRuntime(spec: Container, kind: ContainerRuntime['kind'], waitingReason: string): ContainerRuntime {
  // Every field from the start, cleared to undefined rather than deleted: one object shape for all containers.
  return { spec, kind, state: 'waiting', waitingReason, waitingMessage: undefined, ready: false, restartCount: 0, runs: [],
    timer: undefined, restartPending: false, pullAttempts: 0, pulled: undefined, started: true, stopping: false,
    neverReady: false }
}

/** An init container that has done its part: a regular one exited 0, a sidecar started (R87, R88). */
export function initDone(c: ContainerRuntime): boolean {
  if (c.kind === 'sidecar') return c.runs.length > 0 && c.started
  const last = c.runs.at(-1)
  return c.state === 'terminated' && last?.exitCode === 0
}

/** A regular init container failed under restartPolicy Never: the Pod fails (R87). */
function initFailed(pod: Pod, rt: PodRuntime): boolean {
  if ((pod.spec.restartPolicy ?? 'Always') !== 'Never') return false
  return rt.inits.some(c => c.kind === 'init' && c.state === 'terminated' && (c.runs.at(-1)?.exitCode ?? 0) !== 0)
}

export function podStatus(pod: Pod, rt: PodRuntime, now: number): PodStatus {
  const phase = podPhase(pod, rt)
  // Sidecars' readiness counts for the Pod (R88); most Pods have none, so no new array for them.
  const readiness = rt.inits.length === 0 ? rt.containers : [...rt.inits.filter(c => c.kind === 'sidecar'), ...rt.containers]
  const ready = phase === 'Running' && readiness.every(c => c.ready)
  // Without init containers only readiness moves the conditions: no key string to build on every status write.
  const incomplete = rt.initialized ? '' : rt.inits.filter(c => !initDone(c)).map(c => c.spec.name).join(' ')
  const key = rt.inits.length === 0 ? (ready ? 'ready' : 'unready') : `${ready}/${rt.initialized}/${incomplete}`
  if (rt.conditionsKey !== key) {
    rt.conditionsKey = key
    rt.conditions = conditions(rt, readiness, ready, incomplete, now)
  }
  const status: PodStatus = { phase, conditions: rt.conditions! }
  if (rt.failure) {
    status.message = rt.failure.message
    status.reason = rt.failure.reason
  }
  status.hostIP = rt.node.ip
  status.podIP = rt.ip
  status.startTime = timestamp(rt.startTime)
  if (rt.inits.length > 0) status.initContainerStatuses = rt.inits.map(containerStatus)
  status.containerStatuses = rt.containers.map(containerStatus)
  return status
}

/** Initialized, Ready, ContainersReady, PodScheduled; a condition's transition time is when it last changed. */
function conditions(rt: PodRuntime, readiness: ContainerRuntime[], ready: boolean, incomplete: string,
  now: number): Condition[] {
  const since = timestamp(rt.startTime)
  const changed = timestamp(now)
  const unready = ready ? '' : unreadyNames(readiness)
  if (rt.inits.length === 0) return plainPodConditions(since, changed, ready, unready)
  const previous = rt.conditions?.[0]
  const initializedSince = rt.inits.length === 0 ? since
    : previous && (previous.status === 'True') === rt.initialized ? previous.lastTransitionTime ?? changed : changed
  const initialized: Condition = rt.initialized
    ? { type: 'Initialized', status: 'True', lastTransitionTime: initializedSince }
    : { type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized',
        message: `containers with incomplete status: [${incomplete}]`, lastTransitionTime: initializedSince }
  return [initialized, readinessCondition('Ready', ready, unready, changed),
    readinessCondition('ContainersReady', ready, unready, changed),
    { type: 'PodScheduled', status: 'True', lastTransitionTime: since }]
}

/**
 * The conditions of a Pod without init containers (Initialized since its start), shared by every such Pod whose
 * conditions read the same: Pods bound and started in the same second get one list, not one each. Read-only, as
 * every object the store holds.
 */
function plainPodConditions(since: string, changed: string, ready: boolean, unready: string): Condition[] {
  // Looked up by its parts (the timestamps are shared strings): no key text built and hashed per status write.
  if (sharedLists >= 10_000) {
    sharedConditions.clear()
    sharedLists = 0
  }
  let byChanged = sharedConditions.get(since)
  if (!byChanged) sharedConditions.set(since, (byChanged = new Map()))
  const readiness = ready ? READY : unready
  let byReadiness = byChanged.get(changed)
  if (!byReadiness) byChanged.set(changed, (byReadiness = new Map()))
  let list = byReadiness.get(readiness)
  if (!list) {
    sharedLists++
    list = [{ type: 'Initialized', status: 'True', lastTransitionTime: since },
      readinessCondition('Ready', ready, unready, changed), readinessCondition('ContainersReady', ready, unready, changed),
      { type: 'PodScheduled', status: 'True', lastTransitionTime: since }]
    byReadiness.set(readiness, list)
  }
  return list
}
/** since → changed → READY or the unready containers' names → conditions; at most 10,000 lists kept. */
const sharedConditions = new Map<string, Map<string, Map<string, Condition[]>>>()
let sharedLists = 0
/** Not a list of container names (a name has no spaces or '|'). */
const READY = '|ready'

/** The names of the containers not ready, space-separated (as the Ready condition's message lists them). */
function unreadyNames(readiness: ContainerRuntime[]): string {
  let names: string | undefined
  for (const c of readiness) if (!c.ready) names = names === undefined ? c.spec.name : `${names} ${c.spec.name}`
  return names ?? ''
}

function readinessCondition(type: string, ready: boolean, unready: string, changed: string): Condition {
  return ready
    ? { type, status: 'True', lastTransitionTime: changed }
    : { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready}]`,
        lastTransitionTime: changed }
}

function podPhase(pod: Pod, rt: PodRuntime): PodPhase {
  if (rt.failure || initFailed(pod, rt)) return 'Failed'
  if (!rt.initialized) return 'Pending'
  const policy = pod.spec.restartPolicy ?? 'Always'
  const cs = rt.containers
  if (cs.every(c => c.state === 'terminated')) {
    // A Pod is done only once its sidecars have stopped too; their exit codes do not count (R88).
    const sidecarsDone = rt.inits.every(c => c.kind !== 'sidecar' || c.state !== 'running')
    const failed = cs.some(c => (c.runs.at(-1)?.exitCode ?? 0) !== 0)
    if (policy === 'Never' || rt.deleting) return sidecarsDone ? (failed ? 'Failed' : 'Succeeded') : 'Running'
    if (policy === 'OnFailure' && !failed) return sidecarsDone ? 'Succeeded' : 'Running'
    return 'Running'
  }
  if (cs.some(c => c.runs.length > 0)) return 'Running'
  return 'Pending'
}

function containerStatus(c: ContainerRuntime): ContainerStatus {
  const run = c.runs.at(-1)
  const previous = c.state === 'waiting' ? run : c.runs.at(-2)
  const status: ContainerStatus = {
    name: c.spec.name, image: c.spec.image, ready: c.ready, started: c.state === 'running' && c.started,
    restartCount: c.restartCount, state: {},
  }
  if (c.state === 'waiting') {
    status.state.waiting = { reason: c.waitingReason ?? 'ContainerCreating',
      ...(c.waitingMessage ? { message: c.waitingMessage } : {}) }
  } else if (c.state === 'running' && run) {
    status.state.running = { startedAt: timestamp(run.startedAt) }
  } else if (run) {
    status.state.terminated = terminated(run)
  }
  if (previous?.endedAt !== undefined && previous !== run) status.lastState = { terminated: terminated(previous) }
  else if (c.state === 'waiting' && previous?.endedAt !== undefined) status.lastState = { terminated: terminated(previous) }
  if (run) status.imageID = imageId(c.spec.image)
  return status
}

function terminated(run: Run): NonNullable<ContainerStatus['state']['terminated']> {
  return {
    exitCode: run.exitCode ?? 0, reason: run.reason ?? 'Completed',
    ...(run.message ? { message: run.message } : {}),
    startedAt: timestamp(run.startedAt), finishedAt: timestamp(run.endedAt ?? run.startedAt),
  }
}

/** docker.io/library/busybox:latest for "busybox", as containerd names images in its errors. */
export function fullImageName(image: string): string {
  let ref = image
  if (!/[:@]/.test(ref.split('/').at(-1) ?? '')) ref += ':latest'
  const first = ref.split('/')[0] ?? ''
  if (!ref.includes('/')) return `docker.io/library/${ref}`
  if (!first.includes('.') && !first.includes(':') && first !== 'localhost') return `docker.io/${ref}`
  return ref
}

const imageIds = new Map<string, string>()
/** The digest-qualified image name the container runtime reports (one fixed digest per image). */
function imageId(image: string): string {
  let id = imageIds.get(image)
  if (!id) imageIds.set(image, (id = `${fullImageName(image)}@sha256:${'0'.repeat(64)}`))
  return id
}
