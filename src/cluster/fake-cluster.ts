// The simulated cluster: one API server store, its nodes (three by default), and the controllers that make Jobs,
// Pods, Deployments, StatefulSets and DaemonSets behave as on a real cluster, all in virtual time. Same manifests and seed → same timeline, event for event.
import { applyObject, type ApplyOptions, type ApplyResult } from './apply.ts'
import { VirtualClock } from './clock.ts'
import { DaemonSetController } from './daemonset-controller.ts'
import { DeploymentController } from './deployment-controller.ts'
import { EventRecorder } from './events.ts'
import { GarbageCollector } from './garbage-collector.ts'
import { getHealth } from './health/index.ts'
import type { HealthStatus } from './health/types.ts'
import { JobController } from './job-controller.ts'
import { type ContainerOutput, Kubelet, type OverrideLookup } from './kubelet.ts'
import type { KubeObject, ObjectRef } from './objects.ts'
import { makeNodes, type SimNode } from './nodes.ts'
import { SeededRandom } from './random.ts'
import { ReplicaSetController } from './replicaset-controller.ts'
import { StatefulSetController } from './statefulset-controller.ts'
import { type DeleteOptions, ObjectStore, type WatchEvent, type WatchListener } from './store.ts'
import { VolumeController } from './volume-controller.ts'

export interface FakeClusterOptions {
  seed?: number | string
  /** Namespaces that exist from the start besides default, kube-system and kube-public. */
  namespaces?: string[]
  /** Hosts that `curl` cannot resolve (a lab can make the network fail). */
  unreachableHosts?: string[]
  /** The page's "what if" settings: make a container fail, run slow, never be ready, miss its image. */
  overrides?: OverrideLookup
  /** How many nodes the cluster has (default 3): a DaemonSet runs one Pod on each (R96). */
  nodes?: number
  /** Virtual ms the clock starts at; negative for a cluster that ran before the sync (R98). */
  startAt?: number
}

/** One line of the cluster's own history: every change the store made, in order. */
export interface ClusterLogEntry {
  t: number
  type: WatchEvent['type']
  kind: string
  namespace: string
  name: string
  resourceVersion: string
}

export class FakeCluster {
  readonly clock: VirtualClock
  readonly random: SeededRandom
  readonly store: ObjectStore
  readonly events: EventRecorder
  readonly kubelet: Kubelet
  readonly nodes: readonly SimNode[]
  private unreachable: string[]

  constructor(opts: FakeClusterOptions = {}) {
    this.clock = new VirtualClock(opts.startAt ?? 0)
    this.random = new SeededRandom(opts.seed ?? 1)
    this.store = new ObjectStore(this.clock, this.random)
    this.events = new EventRecorder(this.clock)
    this.unreachable = [...(opts.unreachableHosts ?? [])]
    this.nodes = makeNodes(opts.nodes)
    new GarbageCollector(this.store, this.clock)
    new JobController(this.store, this.clock, this.events)
    new ReplicaSetController(this.store, this.clock, this.events)
    new DeploymentController(this.store, this.clock, this.events)
    new StatefulSetController(this.store, this.clock, this.events)
    new DaemonSetController(this.store, this.clock, this.events, this.nodes)
    new VolumeController(this.store, this.clock, this.events)
    this.kubelet = new Kubelet(this.store, this.clock, this.events, opts.overrides, () => this.unreachable, this.nodes)
    for (const ns of ['default', 'kube-system', 'kube-public', ...(opts.namespaces ?? [])]) this.ensureNamespace(ns)
  }

  ensureNamespace(name: string): void {
    if (!this.store.namespaceExists(name)) {
      this.store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })
    }
  }

  setUnreachableHosts(hosts: string[]): void {
    this.unreachable = [...hosts]
  }

  // The API, as a client sees it.
  get(ref: ObjectRef): KubeObject | undefined { return this.store.get(ref) }
  list(kind: string, namespace?: string): KubeObject[] { return this.store.list(kind, namespace) }
  create(obj: KubeObject, opts: { dryRun?: boolean } = {}): KubeObject { return this.store.create(obj, opts) }
  apply(obj: KubeObject, opts: ApplyOptions = {}): ApplyResult { return applyObject(this.store, obj, opts) }
  delete(ref: ObjectRef, opts: DeleteOptions = {}): KubeObject { return this.store.delete(ref, opts) }
  watch(listener: WatchListener): () => void { return this.store.watch(listener) }
  health(obj: KubeObject): HealthStatus | undefined { return getHealth(obj) }
  logs(namespace: string, pod: string, container?: string, previous = false): string[] | undefined {
    return this.kubelet.logs(namespace, pod, container, previous)
  }

  /** A reader of what a Pod's containers printed and when, also after the Pod is gone (kubelet.ts). */
  logReader(namespace: string, pod: string): ((until: number) => ContainerOutput[]) | undefined {
    return this.kubelet.logReader(namespace, pod)
  }

  // Time.
  now(): number { return this.clock.now() }
  step(): boolean { return this.clock.step() }
  advance(ms: number): void { this.clock.advance(ms) }
  runUntilIdle(maxEvents?: number): number { return this.clock.runUntilIdle(maxEvents) }

  /** Records every store change from now on (for timelines and determinism checks). */
  record(): ClusterLogEntry[] {
    const log: ClusterLogEntry[] = []
    this.store.watch(e => log.push({
      t: this.clock.now(), type: e.type, kind: e.object.kind, namespace: e.object.metadata.namespace ?? '',
      name: e.object.metadata.name ?? '', resourceVersion: e.object.metadata.resourceVersion ?? '',
    }))
    return log
  }
}
