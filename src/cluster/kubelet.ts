// The kubelets of the simulated cluster's nodes (one runtime serves them all): binds new Pods to their node, pulls
// images (once per image and node), runs init containers one at a time and sidecars beside the app containers
// (R87, R88), runs each container's process as the command model plans it, restarts containers per restartPolicy
// with back-off, and stops containers when a Pod is deleted (graceful deletion, R75). Logs are kept per run.
import type { VirtualClock } from './clock.ts'
import { lookupImage } from './images.ts'
import { type OutputChunk, planProcess, type ProcessPlan } from './process.ts'
import type { EventRecorder } from './events.ts'
import {
  type ContainerRuntime, containerRuntime, fullImageName, initDone, podStatus, type PodRuntime, type Run,
} from './kubelet-status.ts'
import type { Container, Pod } from './objects.ts'
import { refOf } from './objects.ts'
import { makeNodes, pinnedNode, type SimNode } from './nodes.ts'
import type { Prober, ProbeHost } from './prober.ts'
import { commandModel } from './command-model.ts'
import { resolveInCluster } from './cluster-dns.ts'
import type { ObjectStore, WatchEvent } from './store.ts'
import { ClaimWaits } from './claim-waits.ts'
import { backoff, timings } from './timings.ts'

export { fullImageName }

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

export class Kubelet {
  private pods = new Map<string, PodRuntime>()
  /** node → image → virtual time its pull finishes (present on that node from then on). */
  private images = new Map<string, Map<string, number>>()
  private nodesByName: Map<string, SimNode>
  /** Pods that wait for their PersistentVolumeClaims before they are bound to a node. */
  private claims: ClaimWaits
  /** Made when the first container with probes starts (it loads with the command model). */
  private prober?: Prober
  /** The cluster's DNS, asked only by a container's network tools (cluster-dns.ts). */
  private resolveHost = (host: string, namespace: string) => resolveInCluster(this.store, host, namespace)

  constructor(
    private store: ObjectStore,
    private clock: VirtualClock,
    private events: EventRecorder,
    private overrides: OverrideLookup = () => undefined,
    private unreachableHosts: () => string[] = () => [],
    private nodes: readonly SimNode[] = makeNodes(1),
  ) {
    this.nodesByName = new Map(nodes.map(n => [n.name, n]))
    store.watch(e => this.onEvent(e), ['Pod'])
    this.claims = new ClaimWaits(store, events, nodes.length, uid => this.bind(uid))
  }

  /** Log lines of a container, as `kubectl logs` prints them (previous = the run before the last restart). */
  logs(namespace: string, pod: string, container?: string, previous = false): string[] | undefined {
    const uid = this.store.get({ kind: 'Pod', namespace, name: pod })?.metadata.uid
    const rt = uid === undefined ? undefined : this.pods.get(uid)
    const c = container ? [...(rt?.containers ?? []), ...(rt?.inits ?? [])].find(x => x.spec.name === container)
      : rt?.containers[0]
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
    // Pinned to a node (nodeName, a DaemonSet's affinity) or scheduled on the first; a node that does not exist
    // leaves the Pod Pending.
    const pinned = pinnedNode(pod.spec)
    const node = pinned === undefined ? this.nodes[0] : this.nodesByName.get(pinned)
    if (!node || this.pods.has(key) || !this.claims.ready(pod)) return
    const now = this.clock.now()
    // With init containers the app containers wait as PodInitializing until they start (R87).
    const inits = pod.spec.initContainers ?? []
    const appWaiting = inits.length > 0 ? 'PodInitializing' : 'ContainerCreating'
    const rt: PodRuntime = {
      key, ip: podIp(pod), node, startTime: now, scheduledAt: now, deleting: false,
      initialized: inits.length === 0, stoppingSidecars: false,
      inits: inits.map(spec => containerRuntime(spec, spec.restartPolicy === 'Always' ? 'sidecar' : 'init', 'PodInitializing')),
      containers: pod.spec.containers.map(spec => containerRuntime(spec, 'app', appWaiting)),
    }
    this.pods.set(key, rt)
    // A Pod created with nodeName set never meets the scheduler.
    if (!pod.spec.nodeName) {
      this.events.record(pod, 'Normal', 'Scheduled',
        `Successfully assigned ${pod.metadata.namespace}/${pod.metadata.name} to ${node.name}`, 'default-scheduler')
    }
    this.store.updateSpecAndStatus(pod, { ...pod.spec, nodeName: node.name }, podStatus(pod, rt, now))
    const deadline = pod.spec.activeDeadlineSeconds
    if (deadline !== undefined) {
      rt.deadlineTimer = this.clock.scheduleAt(now + deadline * 1000, () => this.deadlineExceeded(rt), 'kubelet:deadline')
    }
    this.startNextInit(rt)
  }

  /**
   * R86: past activeDeadlineSeconds (from startTime, init containers included) the Pod fails with DeadlineExceeded
   * and the kubelet stops its containers (grace period as on deletion); nothing is started or restarted again.
   */
  private deadlineExceeded(rt: PodRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || halted(rt) || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return
    const message = 'Pod was active on the node longer than the specified deadline'
    rt.failure = { reason: 'DeadlineExceeded', message }
    this.events.record(pod, 'Normal', 'DeadlineExceeded', message, 'kubelet')
    const graceMs = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000
    for (const c of [...rt.inits, ...rt.containers]) {
      if (c.state === 'running') this.stopContainer(rt, c, pod, graceMs)
      else {
        this.clock.cancel(c.timer)
        c.restartPending = false
        if (c.runs.length > 0) c.state = 'terminated'
      }
    }
    this.writeStatus(rt)
  }

  /**
   * R87: init containers one at a time, each after the previous exited 0; R88: after a sidecar the next one starts
   * as soon as the sidecar has started. Then the app containers, all at once.
   */
  private startNextInit(rt: PodRuntime): void {
    if (halted(rt)) return
    const next = rt.inits.find(c => !initDone(c))
    if (next) {
      if (next.runs.length === 0 && next.pullAttempts === 0) this.pull(rt, next)
      return
    }
    if (!rt.initialized) {
      rt.initialized = true
      this.writeStatus(rt)
    }
    for (const c of rt.containers) this.pull(rt, c)
  }

  private pull(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || halted(rt)) return
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
    let onNode = this.images.get(rt.node.name)
    if (!onNode) this.images.set(rt.node.name, (onNode = new Map()))
    const doneAt = onNode.get(image)
    const policy = (c.spec as { imagePullPolicy?: string }).imagePullPolicy
    let readyAt: number
    if (doneAt !== undefined && doneAt <= now && policy !== 'Always') {
      this.events.record(pod, 'Normal', 'Pulled', alreadyPresent(image), 'kubelet')
      readyAt = now
    } else {
      this.events.record(pod, 'Normal', 'Pulling', `Pulling image "${image}"`, 'kubelet')
      readyAt = doneAt !== undefined ? Math.max(doneAt, now + (doneAt <= now ? timings.cachedPullCheckMs : 0))
        : now + known.pullMs
      if (doneAt === undefined) onNode.set(image, readyAt)
      const took = ((readyAt - now) / 1000).toFixed(3).replace(/\.?0+$/, '')
      c.pulled = { at: readyAt, message: `Successfully pulled image "${image}" in ${took}s` }
    }
    c.timer = this.clock.scheduleAt(readyAt + timings.containerCreateMs, () => this.start(rt, c), 'kubelet:start')
  }

  private pullFailed(rt: PodRuntime, c: ContainerRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod || halted(rt)) return
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
      if (!p || halted(rt)) return
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
    if (!pod || halted(rt)) return
    const now = this.clock.now()
    const override = this.overrides(pod, c.spec)
    const namespace = pod.metadata.namespace ?? 'default'
    let plan = planProcess(c.spec, { startedAt: now, hostname: pod.metadata.name ?? '', namespace,
      unreachableHosts: this.unreachableHosts(), resolveHost: this.resolveHost })
    if (override) plan = applyOverride(plan, override)
    const run: Run = { startedAt: now, plan }
    c.runs.push(run)
    if (c.pulled) {
      this.events.record(pod, 'Normal', 'Pulled', c.pulled.message, 'kubelet', c.pulled.at)
      c.pulled = undefined
    }
    if (c.runs.length === 1) this.events.record(pod, 'Normal', 'Created', `Created container ${c.spec.name}`, 'kubelet')
    if (plan.startError) {
      this.events.record(pod, 'Warning', 'Failed', `Error: ${plan.startError.message}`, 'kubelet')
      this.exit(rt, c, plan.startError.exitCode, 'StartError', plan.startError.message)
      return
    }
    this.events.record(pod, 'Normal', 'Started', `Started container ${c.spec.name}`, 'kubelet')
    c.state = 'running'
    c.waitingReason = undefined
    c.waitingMessage = undefined
    c.stopping = false
    c.started = true
    // No readiness (nor startup) probe: Ready once started (R90). Probes, where there are any, decide the rest.
    c.ready = c.kind !== 'init' && !c.spec.readinessProbe && !c.spec.startupProbe && !override?.neverReady
    if (hasProbes(c)) this.probes().start(rt, c, run, override?.neverReady === true)
    this.writeStatus(rt)
    if (plan.end.atMs !== null) {
      const { exitCode } = plan.end
      c.timer = this.clock.schedule(plan.end.atMs, () => this.exit(rt, c, exitCode), 'kubelet:exit')
    }
    if (c.kind === 'sidecar' && !rt.initialized && c.started) this.startNextInit(rt)
  }

  private probes(): Prober {
    if (this.prober) return this.prober
    const host: ProbeHost = {
      livePod: rt => this.livePod(rt.key),
      running: (rt, c, run) => c.state === 'running' && !c.stopping && c.runs.at(-1) === run && !halted(rt),
      writeStatus: rt => this.writeStatus(rt),
      killForRestart: (rt, c, pod, graceMs) => this.stopContainer(rt, c, pod, graceMs, false),
      started: rt => { if (!rt.initialized) this.startNextInit(rt) },
      unreachableHosts: this.unreachableHosts,
      resolveHost: this.resolveHost,
    }
    return (this.prober = new (commandModel().Prober)(this.clock, this.events, host))
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
    c.timer = undefined
    if (this.restarts(pod, rt, c, exitCode)) {
      // CrashLoopBackOff: the container is restarted in the same Pod after a growing delay.
      c.restartPending = true
      this.writeStatus(rt)
      const delay = backoff(timings.kubeletBackoffBaseMs, timings.kubeletBackoffMaxMs, c.runs.length)
      c.timer = this.clock.schedule(0, () => {
        if (halted(rt)) return
        c.restartPending = false
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
    else if (rt.failure) return // R86: stopped for good
    else if (c.kind === 'init' && exitCode === 0) this.startNextInit(rt)
    else if (c.kind === 'init') this.stopSidecars(rt, pod) // R87: restartPolicy Never, the Pod has failed
    else if (c.kind === 'app' && rt.containers.every(x => x.state === 'terminated' && !x.restartPending)) {
      this.stopSidecars(rt, pod) // R88: the app containers are done, so are the sidecars
    }
  }

  /**
   * Whether an exited container is started again: app containers per the Pod's restartPolicy, a failed init
   * container unless the policy is Never (R87), a sidecar always, until the Pod stops them (R88).
   */
  private restarts(pod: Pod, rt: PodRuntime, c: ContainerRuntime, exitCode: number): boolean {
    if (halted(rt)) return false
    const policy = pod.spec.restartPolicy ?? 'Always'
    if (c.kind === 'sidecar') return !rt.stoppingSidecars
    if (c.kind === 'init') return exitCode !== 0 && policy !== 'Never'
    return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0)
  }

  /** R88: sidecars get SIGTERM once the app containers are done (or the Pod failed), and are not restarted. */
  private stopSidecars(rt: PodRuntime, pod: Pod): void {
    const sidecars = rt.inits.filter(c => c.kind === 'sidecar')
    if (sidecars.length === 0 || rt.stoppingSidecars) return
    rt.stoppingSidecars = true
    const graceMs = (pod.spec.terminationGracePeriodSeconds ?? 30) * 1000
    for (const c of sidecars) {
      if (c.state !== 'running') {
        this.clock.cancel(c.timer)
        c.restartPending = false
        if (c.runs.length > 0) c.state = 'terminated'
        continue
      }
      this.stopContainer(rt, c, pod, graceMs)
    }
    this.writeStatus(rt)
  }

  /** SIGTERM now; a process that handles it exits 0 a moment later, any other gets SIGKILL (137) after the grace period. */
  private stopContainer(rt: PodRuntime, c: ContainerRuntime, pod: Pod, graceMs: number, event = true): void {
    this.clock.cancel(c.timer)
    c.stopping = true
    if (event) this.events.record(pod, 'Normal', 'Killing', `Stopping container ${c.spec.name}`, 'kubelet')
    const plan = c.runs.at(-1)!.plan
    const graceful = plan.onSigterm === 'exit' && timings.sigtermExitMs < graceMs
    c.timer = this.clock.schedule(graceful ? timings.sigtermExitMs : graceMs,
      () => this.exit(rt, c, graceful ? 0 : 137), 'kubelet:kill')
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
    for (const c of [...rt.containers, ...rt.inits]) {
      if (c.state !== 'running') {
        this.clock.cancel(c.timer)
        c.state = c.runs.length > 0 ? 'terminated' : 'waiting'
        continue
      }
      this.stopContainer(rt, c, pod, graceMs)
    }
    this.finishDeletion(rt)
  }

  private finishDeletion(rt: PodRuntime): void {
    if (rt.containers.some(c => c.state === 'running') || rt.inits.some(c => c.state === 'running')) return
    const pod = this.livePod(rt.key)
    if (pod) {
      this.writeStatus(rt)
      this.store.delete(refOf(pod), { gracePeriodSeconds: 0 })
    }
  }

  private forget(key: string): void {
    this.claims.forget(key)
    const rt = this.pods.get(key)
    if (!rt) return
    for (const c of [...rt.containers, ...rt.inits]) this.clock.cancel(c.timer)
    this.clock.cancel(rt.deadlineTimer)
    this.pods.delete(key)
  }

  private writeStatus(rt: PodRuntime): void {
    const pod = this.livePod(rt.key)
    if (!pod) return
    this.store.updateStatus(pod, podStatus(pod, rt, this.clock.now()))
  }
}

/** What one container printed: its runs (a restart starts a new one), in order; chunk times from each run's start. */
export interface ContainerOutput {
  container: string
  runs: Array<{ startedAt: number; endedAt?: number; output: OutputChunk[] }>
}

function applyOverride(plan: ProcessPlan, o: ContainerOverride): ProcessPlan {
  if (o.exitCode === undefined && o.extraMs === undefined) return plan
  const base = plan.end.atMs ?? 0
  const atMs = base + (o.extraMs ?? 0)
  const { startError: _ignored, ...rest } = plan
  return { ...rest, end: { atMs, exitCode: o.exitCode ?? (plan.end.atMs === null ? 0 : plan.end.exitCode) } }
}

/** The Pulled event's message for an image on the node, one string per image (most Pods find theirs there). */
function alreadyPresent(image: string): string {
  let message = alreadyPresentMessages.get(image)
  if (message === undefined) {
    if (alreadyPresentMessages.size > 10_000) alreadyPresentMessages.clear()
    alreadyPresentMessages.set(image, (message = `Container image "${image}" already present on machine`))
  }
  return message
}
const alreadyPresentMessages = new Map<string, string>()

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000)
  return s >= 60 ? `${Math.floor(s / 60)}m${s % 60}s` : `${s}s`
}

/** A stable pod IP derived from the uid, so it is the same on every replay. */
function podIp(pod: Pod): string {
  let h = 0
  const uid = pod.metadata.uid ?? ''
  for (let i = 0; i < uid.length; i++) h = (Math.imul(h, 31) + uid.charCodeAt(i)) >>> 0
  return `10.244.${(h >>> 8) & 255}.${(h & 255) || 1}`
}

/** Whether a container has a probe the kubelet runs (regular init containers may not have any, R89). */
function hasProbes(c: ContainerRuntime): boolean {
  return c.kind !== 'init' && (c.spec.startupProbe !== undefined || c.spec.livenessProbe !== undefined ||
    c.spec.readinessProbe !== undefined)
}

/** Nothing more is started or restarted in a Pod being deleted or failed by its deadline (R75, R86). */
function halted(rt: PodRuntime): boolean {
  return rt.deleting || rt.failure !== undefined
}
