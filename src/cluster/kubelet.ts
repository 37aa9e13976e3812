// The kubelet of the simulated cluster's one node: binds new Pods, pulls images (once per image), runs each
// container's process as the command model plans it, restarts containers per restartPolicy with back-off, and
// stops containers when a Pod is deleted (graceful deletion, R75). Logs are kept per container run.
import { timestamp, type TimerHandle, type VirtualClock } from './clock.ts'
import { lookupImage } from './images.ts'
import { type OutputChunk, planProcess, type ProcessPlan } from './process.ts'
import type { EventRecorder } from './events.ts'
import type { Condition, Container, ContainerStatus, Pod, PodPhase, PodStatus } from './objects.ts'
import { refOf } from './objects.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { backoff, timings } from './timings.ts'

export const NODE_NAME = 'synclab-node'

/** What a learner can make a container do without editing its manifest (the page's "what if" settings). */
export interface ContainerOverride {
  /** Exit with this code instead of what the command would do. */
  exitCode?: number
  /** Run this much longer (ms) before exiting. */
  extraMs?: number
  /** Pretend the image cannot be pulled. */
  missingImage?: boolean
  /** Never become ready (readiness never passes). */
  neverReady?: boolean
}
export type OverrideLookup = (pod: Pod, container: Container) => ContainerOverride | undefined

interface Run {
  startedAt: number
  plan: ProcessPlan
  endedAt?: number
  exitCode?: number
  reason?: string
  message?: string
}

interface ContainerRuntime {
  spec: Container
  state: 'waiting' | 'running' | 'terminated'
  waitingReason?: string
  waitingMessage?: string
  ready: boolean
  restartCount: number
  runs: Run[]
  timer?: TimerHandle
  pullAttempts: number
  /** The Pulled event, recorded when the container starts (with the time the pull ended). */
  pulled?: { at: number; message: string }
}

interface PodRuntime {
  key: string
  conditions?: Condition[]
  ready?: boolean
  ip: string
  containers: ContainerRuntime[]
  startTime: number
  scheduledAt?: number
  deleting: boolean
}

export class Kubelet {
  private pods = new Map<string, PodRuntime>()
  /** image → virtual time its pull finishes (present on the node from then on). */
  private images = new Map<string, number>()

  constructor(
    private store: ObjectStore,
    private clock: VirtualClock,
    private events: EventRecorder,
    private overrides: OverrideLookup = () => undefined,
    private unreachableHosts: () => string[] = () => [],
  ) {
    store.watch(e => this.onEvent(e), ['Pod'])
  }

  /** Log lines of a container, as `kubectl logs` prints them (previous = the run before the last restart). */
  logs(namespace: string, pod: string, container?: string, previous = false): string[] | undefined {
    const uid = this.store.get({ kind: 'Pod', namespace, name: pod })?.metadata.uid
    const rt = uid === undefined ? undefined : this.pods.get(uid)
    const c = container ? rt?.containers.find(x => x.spec.name === container) : rt?.containers[0]
    if (!c) return undefined
    const run = c.runs[c.runs.length - (previous ? 2 : 1)]
    if (!run) return []
    const until = Math.min(this.clock.now(), run.endedAt ?? Infinity)
    const text = run.plan.output.filter(o => run.startedAt + o.atMs <= until).map(o => o.text).join('')
    if (text === '') return []
    const lines = text.split('\n')
    if (lines.at(-1) === '') lines.pop()
    return lines
  }

  /**
   * A reader of a Pod's output: every container's runs with what they printed and when, up to a time. It keeps
   * reading after the Pod is gone and the kubelet has forgotten it (on a real cluster the logs go with the Pod; the
   * lab checker and the page's log view keep them). undefined: the Pod is not on the node (yet).
   */
  logReader(namespace: string, pod: string): ((until: number) => ContainerOutput[]) | undefined {
    const uid = this.store.get({ kind: 'Pod', namespace, name: pod })?.metadata.uid
    const rt = uid === undefined ? undefined : this.pods.get(uid)
    if (!rt) return undefined
    return until => rt.containers.map(c => ({
      container: c.spec.name,
      runs: c.runs.filter(run => run.startedAt <= until).map(run => {
        const end = Math.min(until, run.endedAt ?? Infinity)
        return { startedAt: run.startedAt, ...(run.endedAt !== undefined && run.endedAt <= until ? { endedAt: run.endedAt } : {}),
          output: run.plan.output.filter(o => run.startedAt + o.atMs <= end) }
      }),
    }))
  }

  private onEvent(e: WatchEvent): void {
    if (e.object.kind !== 'Pod') return
    const pod = e.object as Pod
    const key = pod.metadata.uid!
    if (e.type === 'ADDED') {
      this.clock.schedule(timings.schedulingMs, () => this.bind(key), 'kubelet:bind')
    } else if (e.type === 'DELETED') {
      this.forget(key)
    } else if (pod.metadata.deletionTimestamp && !this.pods.get(key)?.deleting) {
      this.kill(key, pod)
    }
  }

  /** The Pod as stored now (runtimes and timers are keyed by uid: a re-created Pod is another Pod). */
  private livePod(uid: string): Pod | undefined {
    return this.store.getByUid(uid) as Pod | undefined
  }

  private bind(key: string): void {
    const pod = this.livePod(key)
    if (!pod || pod.metadata.deletionTimestamp) return
    const now = this.clock.now()
    const rt: PodRuntime = {
      key, ip: podIp(pod), startTime: now, scheduledAt: now, deleting: false,
      containers: pod.spec.containers.map(spec => ({
        spec, state: 'waiting', waitingReason: 'ContainerCreating', ready: false, restartCount: 0, runs: [],
        pullAttempts: 0,
      })),
    }
    this.pods.set(key, rt)
    this.events.record(pod, 'Normal', 'Scheduled',
      `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${NODE_NAME}`, 'default-scheduler')
    this.store.updateSpecAndStatus(refOf(pod), { ...pod.spec, nodeName: NODE_NAME }, podStatus(pod, rt, now))
    for (const c of rt.containers) this.pull(rt, c)
  }

  private pull(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || rt.deleting) return
    const image = c.spec.image
    const override = this.overrides(pod, c.spec)
    const known = lookupImage(image)
    c.pullAttempts++
    if (!known || override?.missingImage) {
      this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet')
      c.timer = this.clock.schedule(timings.failedPullMs, () => this.pullFailed(rt, c), 'kubelet:pull')
      return
    }
    const now = this.clock.now()
    const doneAt = this.images.get(image)
    const policy = (c.spec as { imagePullPolicy?: string }).imagePullPolicy
    let readyAt: number
    if (doneAt !== undefined && doneAt <= now && policy !== 'Always') {
      this.events.record(pod, 'Normal', 'Pulled', `Container image "${image}" already present on machine`, 'kubelet')
      readyAt = now
    } else {
      this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet')
      readyAt = doneAt !== undefined ? Math.max(doneAt, now + (doneAt <= now ? timings.cachedPullCheckMs : 0))
        : now + known.pullMs
      if (doneAt === undefined) this.images.set(image, readyAt)
      const took = ((readyAt - now) / 1000).toFixed(3).replace(/\.?0+$/, '')
      c.pulled = { at: readyAt, message: `Successfully pulled image "${image}" in ${took}s` }
    }
    c.timer = this.clock.scheduleAt(readyAt + timings.containerCreateMs, () => this.start(rt, c), 'kubelet:start')
  }

  private pullFailed(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || rt.deleting) return
    const image = c.spec.image
    const message = `rpc error: code = NotFound desc = failed to pull and unpack image "${fullImageName(image)}": ` +
      `failed to resolve reference "${fullImageName(image)}": ${fullImageName(image)}: not found`
    c.state = 'waiting'
    c.waitingReason = 'ErrImagePull'
    c.waitingMessage = message
    this.events.record(pod, 'Warning', 'Failed', `Failed to pull image "${image}": ${message}`, 'kubelet')
    this.events.record(pod, 'Warning', 'Failed', 'Error: ErrImagePull', 'kubelet')
    this.writeStatus(rt)
    // The next sync shows the back-off; the retry comes after it (10 s doubling, capped).
    const delay = backoff(timings.kubeletBackoffBaseMs, timings.kubeletBackoffMaxMs, c.pullAttempts)
    c.timer = this.clock.schedule(1000, () => {
      const p = this.livePod(rt.key)
      if (!p || rt.deleting) return
      c.waitingReason = 'ImagePullBackOff'
      c.waitingMessage = `Back-off pulling image "${image}"`
      this.events.record(p, 'Normal', 'BackOff', `Back-off pulling image "${image}"`, 'kubelet')
      this.events.record(p, 'Warning', 'Failed', 'Error: ImagePullBackOff', 'kubelet')
      this.writeStatus(rt)
      c.timer = this.clock.schedule(delay, () => this.pull(rt, c), 'kubelet:pull-retry')
    }, 'kubelet:backoff')
  }

  private start(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || rt.deleting) return
    const now = this.clock.now()
    const override = this.overrides(pod, c.spec)
    let plan = planProcess(c.spec, { startedAt: now, hostname: pod.metadata.name ?? '',
      unreachableHosts: this.unreachableHosts() })
    if (override) plan = applyOverride(plan, override)
    const run: Run = { startedAt: now, plan }
    c.runs.push(run)
    if (c.pulled) {
      this.events.record(pod, 'Normal', 'Pulled', c.pulled.message, 'kubelet', c.pulled.at)
      delete c.pulled
    }
    if (c.runs.length === 1) this.events.record(pod, 'Normal', 'Created', `Created container ${c.spec.name}`, 'kubelet')
    if (plan.startError) {
      this.events.record(pod, 'Warning', 'Failed', `Error: ${plan.startError.message}`, 'kubelet')
      this.exit(rt, c, plan.startError.exitCode, 'StartError', plan.startError.message)
      return
    }
    this.events.record(pod, 'Normal', 'Started', `Started container ${c.spec.name}`, 'kubelet')
    c.state = 'running'
    delete c.waitingReason
    delete c.waitingMessage
    c.ready = !c.spec.readinessProbe && !override?.neverReady
    if (c.spec.readinessProbe && !override?.neverReady) {
      const probe = c.spec.readinessProbe as { initialDelaySeconds?: number; periodSeconds?: number }
      const delay = ((probe.initialDelaySeconds ?? 0) + Math.min(probe.periodSeconds ?? 10, 1)) * 1000
      this.clock.schedule(delay, () => {
        if (c.state === 'running' && c.runs.at(-1) === run && !rt.deleting) {
          c.ready = true
          this.writeStatus(rt)
        }
      }, 'kubelet:ready')
    }
    this.writeStatus(rt)
    if (plan.end.atMs !== null) {
      const { exitCode } = plan.end
      c.timer = this.clock.schedule(plan.end.atMs, () => this.exit(rt, c, exitCode), 'kubelet:exit')
    }
  }

  private exit(rt: PodRuntime, c: ContainerRuntime, exitCode: number, reason?: string, message?: string): void {
    const pod = this.livePod(rt.key)
    const run = c.runs.at(-1)
    if (!pod || !run) return
    run.endedAt = this.clock.now()
    run.exitCode = exitCode
    run.reason = reason ?? (exitCode === 0 ? 'Completed' : 'Error')
    if (message !== undefined) run.message = message
    c.state = 'terminated'
    c.ready = false
    delete c.timer
    const policy = pod.spec.restartPolicy ?? 'Always'
    const restart = !rt.deleting && (policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0))
    if (restart) {
      // CrashLoopBackOff: the container is restarted in the same Pod after a growing delay.
      this.writeStatus(rt)
      const delay = backoff(timings.kubeletBackoffBaseMs, timings.kubeletBackoffMaxMs, c.runs.length)
      c.timer = this.clock.schedule(0, () => {
        if (rt.deleting) return
        c.restartCount++
        c.state = 'waiting'
        c.waitingReason = 'CrashLoopBackOff'
        c.waitingMessage = `back-off ${formatSeconds(delay)} restarting failed container=${c.spec.name} ` +
          `pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`
        const p = this.livePod(rt.key)
        if (p) this.events.record(p, 'Warning', 'BackOff', 'Back-off restarting failed container ' +
          `${c.spec.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, 'kubelet')
        this.writeStatus(rt)
        c.timer = this.clock.schedule(delay, () => this.start(rt, c), 'kubelet:restart')
      }, 'kubelet:crashloop')
      return
    }
    this.writeStatus(rt)
    if (rt.deleting) this.finishDeletion(rt)
  }

  /** Graceful deletion: SIGTERM now, SIGKILL when the grace period ends (R75). */
  private kill(key: string, pod: Pod): void {
    const rt = this.pods.get(key)
    if (!rt) {
      // Not bound yet: nothing runs, so the grace period is cut to nothing.
      if ((pod.metadata.deletionGracePeriodSeconds ?? 0) > 0) this.store.delete(refOf(pod), { gracePeriodSeconds: 0 })
      return
    }
    rt.deleting = true
    const graceMs = (pod.metadata.deletionGracePeriodSeconds ?? 30) * 1000
    for (const c of rt.containers) {
      this.clock.cancel(c.timer)
      if (c.state !== 'running') {
        c.state = c.runs.length > 0 ? 'terminated' : 'waiting'
        continue
      }
      this.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, 'kubelet')
      const plan = c.runs.at(-1)!.plan
      const graceful = plan.onSigterm === 'exit' && timings.sigtermExitMs < graceMs
      c.timer = this.clock.schedule(graceful ? timings.sigtermExitMs : graceMs,
        // A process that handles SIGTERM shuts down cleanly (exit 0); one killed at the end of the grace period
        // gets SIGKILL (137).
        () => this.exit(rt, c, graceful ? 0 : 137), 'kubelet:kill')
    }
    this.finishDeletion(rt)
  }

  private finishDeletion(rt: PodRuntime): void {
    if (rt.containers.some(c => c.state === 'running')) return
    const pod = this.livePod(rt.key)
    if (pod) {
      this.writeStatus(rt)
      this.store.delete(refOf(pod), { gracePeriodSeconds: 0 })
    }
  }

  private forget(key: string): void {
    const rt = this.pods.get(key)
    if (!rt) return
    for (const c of rt.containers) this.clock.cancel(c.timer)
    this.pods.delete(key)
  }

  private writeStatus(rt: PodRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod) return
    this.store.updateStatus(refOf(pod), podStatus(pod, rt, this.clock.now()))
  }
}

/** What one container printed: its runs (a restart starts a new one), in order; chunk times from each run's start. */
export interface ContainerOutput {
  container: string
  runs: Array<{ startedAt: number; endedAt?: number; output: OutputChunk[] }>
}

function podStatus(pod: Pod, rt: PodRuntime, now: number): PodStatus {
  const statuses = rt.containers.map(c => containerStatus(c))
  const phase = podPhase(pod, rt)
  const ready = phase === 'Running' && rt.containers.every(c => c.ready)
  if (!rt.conditions || rt.ready !== ready) {
    // Conditions change only when readiness does; their transition time is that moment.
    rt.ready = ready
    const since = timestamp(rt.startTime)
    const changed = timestamp(now)
    const unready = rt.containers.filter(c => !c.ready).map(c => c.spec.name).join(' ')
    const readiness = (type: string): Condition => ready
      ? { type, status: 'True', lastTransitionTime: changed }
      : { type, status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${unready}]`,
          lastTransitionTime: changed }
    rt.conditions = [
      { type: 'Initialized', status: 'True', lastTransitionTime: since },
      readiness('Ready'),
      readiness('ContainersReady'),
      { type: 'PodScheduled', status: 'True', lastTransitionTime: since },
    ]
  }
  return {
    phase, conditions: rt.conditions, hostIP: '10.0.0.10', podIP: rt.ip, startTime: timestamp(rt.startTime),
    containerStatuses: statuses,
  }
}

function podPhase(pod: Pod, rt: PodRuntime): PodPhase {
  const policy = pod.spec.restartPolicy ?? 'Always'
  const cs = rt.containers
  if (cs.every(c => c.state === 'terminated')) {
    const failed = cs.some(c => (c.runs.at(-1)?.exitCode ?? 0) !== 0)
    if (policy === 'Never' || rt.deleting) return failed ? 'Failed' : 'Succeeded'
    if (policy === 'OnFailure' && !failed) return 'Succeeded'
    return 'Running'
  }
  if (cs.some(c => c.runs.length > 0)) return 'Running'
  return 'Pending'
}

function containerStatus(c: ContainerRuntime): ContainerStatus {
  const run = c.runs.at(-1)
  const previous = c.state === 'waiting' ? run : c.runs.at(-2)
  const status: ContainerStatus = {
    name: c.spec.name, image: c.spec.image, ready: c.ready, started: c.state === 'running',
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

function applyOverride(plan: ProcessPlan, o: ContainerOverride): ProcessPlan {
  if (o.exitCode === undefined && o.extraMs === undefined) return plan
  const base = plan.end.atMs ?? 0
  const atMs = base + (o.extraMs ?? 0)
  const { startError: _ignored, ...rest } = plan
  return { ...rest, end: { atMs, exitCode: o.exitCode ?? (plan.end.atMs === null ? 0 : plan.end.exitCode) } }
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000)
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`
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

/** A stable pod IP derived from the uid, so it is the same on every replay. */
function podIp(pod: Pod): string {
  let h = 0
  for (const ch of pod.metadata.uid ?? '') h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0
  return `10.244.${(h >>> 8) & 255}.${(h & 255) || 1}`
}

const imageIds = new Map<string, string>()
/** The digest-qualified image name the container runtime reports (one fixed digest per image). */
function imageId(image: string): string {
  let id = imageIds.get(image)
  if (!id) imageIds.set(image, (id = `${fullImageName(image)}@sha256:${'0'.repeat(64)}`))
  return id
}
