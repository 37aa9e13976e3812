// Kubernetes object shapes, as far as synclab models them. Objects are plain JSON, as the API server
// returns them; the typed views below name the fields that controllers and health checks read.
import type { PodFailurePolicy } from './pod-failure-policy.ts'

export interface OwnerReference {
  apiVersion: string
  kind: string
  name: string
  uid: string
  controller?: boolean
  blockOwnerDeletion?: boolean
}

export interface ObjectMeta {
  name?: string
  generateName?: string
  namespace?: string
  uid?: string
  resourceVersion?: string
  generation?: number
  creationTimestamp?: string
  deletionTimestamp?: string
  deletionGracePeriodSeconds?: number
  labels?: Record<string, string>
  annotations?: Record<string, string>
  finalizers?: string[]
  ownerReferences?: OwnerReference[]
}

export interface KubeObject {
  apiVersion: string
  kind: string
  metadata: ObjectMeta
  spec?: unknown
  status?: unknown
  [field: string]: unknown
}

/** Identifies one object; `namespace` is '' for cluster-scoped kinds. */
export interface ObjectRef {
  kind: string
  namespace: string
  name: string
}

export interface Condition {
  type: string
  status: 'True' | 'False' | 'Unknown'
  reason?: string
  message?: string
  lastTransitionTime?: string
  lastProbeTime?: string
  lastUpdateTime?: string
}

export interface EnvVar { name: string; value?: string }

/** A container probe (R89); times in seconds, defaults in src/cluster/prober.ts. */
export interface Probe {
  exec?: { command?: string[] }
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string }
  tcpSocket?: { port?: number | string; host?: string }
  grpc?: { port?: number; service?: string }
  initialDelaySeconds?: number
  periodSeconds?: number
  timeoutSeconds?: number
  failureThreshold?: number
  successThreshold?: number
  terminationGracePeriodSeconds?: number
}

export interface Container {
  name: string
  image: string
  command?: string[]
  args?: string[]
  env?: EnvVar[]
  ports?: Array<{ containerPort: number; name?: string; protocol?: string }>
  readinessProbe?: Probe
  livenessProbe?: Probe
  startupProbe?: Probe
  /** Init containers only: `Always` makes it a sidecar (R88). */
  restartPolicy?: 'Always'
}

export interface PodSpec {
  containers: Container[]
  initContainers?: Container[]
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  terminationGracePeriodSeconds?: number
  nodeName?: string
  nodeSelector?: Record<string, string>
  /** A DaemonSet's Pods are pinned to their node by a required node affinity on metadata.name (R96). */
  affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: Array<{
    matchFields?: Array<{ key: string; operator: string; values?: string[] }> }> } } }
  hostname?: string
  subdomain?: string
  activeDeadlineSeconds?: number
  volumes?: Array<{ name: string; persistentVolumeClaim?: { claimName: string; readOnly?: boolean }; [source: string]: unknown }>
}

export interface PodTemplate {
  metadata?: ObjectMeta
  spec: PodSpec
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string }
  running?: { startedAt: string }
  terminated?: {
    exitCode: number
    reason?: string
    message?: string
    startedAt?: string
    finishedAt?: string
  }
}

export interface ContainerStatus {
  name: string
  image: string
  imageID?: string
  ready: boolean
  started?: boolean
  restartCount: number
  state: ContainerState
  lastState?: ContainerState
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown'

export interface PodStatus {
  phase: PodPhase
  conditions?: Condition[]
  message?: string
  reason?: string
  hostIP?: string
  podIP?: string
  startTime?: string
  initContainerStatuses?: ContainerStatus[]
  containerStatuses?: ContainerStatus[]
}

export interface Pod extends KubeObject {
  kind: 'Pod'
  spec: PodSpec
  status?: PodStatus
}

export interface JobSpec {
  template: PodTemplate
  backoffLimit?: number
  completions?: number
  parallelism?: number
  activeDeadlineSeconds?: number
  ttlSecondsAfterFinished?: number
  suspend?: boolean
  selector?: { matchLabels?: Record<string, string> }
  podFailurePolicy?: PodFailurePolicy
}

export interface JobStatus {
  active?: number
  succeeded?: number
  failed?: number
  ready?: number
  startTime?: string
  completionTime?: string
  conditions?: Condition[]
}

export interface Job extends KubeObject {
  kind: 'Job'
  spec: JobSpec
  status?: JobStatus
}

export interface DeploymentSpec {
  replicas?: number
  selector?: { matchLabels?: Record<string, string> }
  template: PodTemplate
  paused?: boolean
  progressDeadlineSeconds?: number
  revisionHistoryLimit?: number
  minReadySeconds?: number
  strategy?: { type?: 'RollingUpdate' | 'Recreate'; rollingUpdate?: { maxSurge?: number | string; maxUnavailable?: number | string } }
}

export interface DeploymentStatus {
  observedGeneration?: number
  replicas?: number
  updatedReplicas?: number
  readyReplicas?: number
  availableReplicas?: number
  unavailableReplicas?: number
  conditions?: Condition[]
}

export interface Deployment extends KubeObject {
  kind: 'Deployment'
  spec: DeploymentSpec
  status?: DeploymentStatus
}

export interface ReplicaSetSpec {
  replicas?: number
  selector?: { matchLabels?: Record<string, string> }
  template: PodTemplate
  minReadySeconds?: number
}

export interface ReplicaSetStatus {
  observedGeneration?: number
  replicas?: number
  readyReplicas?: number
  availableReplicas?: number
  fullyLabeledReplicas?: number
}

export interface ReplicaSet extends KubeObject {
  kind: 'ReplicaSet'
  spec: ReplicaSetSpec
  status?: ReplicaSetStatus
}

export function refOf(obj: KubeObject): ObjectRef {
  return { kind: obj.kind, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name ?? '' }
}

export function keyOf(ref: ObjectRef): string {
  return `${ref.kind}/${ref.namespace}/${ref.name}`
}

/** The API group of an apiVersion: '' for core ('v1'), 'batch' for 'batch/v1'. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? '' : apiVersion.slice(0, slash)
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/')
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1)
}

export function getCondition(conditions: Condition[] | undefined, type: string): Condition | undefined {
  return conditions?.find(c => c.type === type)
}

export function isOwnedBy(obj: KubeObject, owner: KubeObject): boolean {
  return obj.metadata.ownerReferences?.some(o => o.uid === owner.metadata.uid) ?? false
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find(o => o.controller)
}

/** R94: RollingUpdate (partition, maxUnavailable) or OnDelete. */
export interface StatefulSetSpec {
  replicas?: number
  selector?: { matchLabels?: Record<string, string> }
  template: PodTemplate
  serviceName?: string
  podManagementPolicy?: 'OrderedReady' | 'Parallel'
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete'
    rollingUpdate?: { partition?: number; maxUnavailable?: number | string }
  }
  minReadySeconds?: number
  revisionHistoryLimit?: number
  /** One PersistentVolumeClaim per template and Pod: `<template>-<sts>-<ordinal>`. */
  volumeClaimTemplates?: Array<{ metadata?: ObjectMeta; spec?: Record<string, unknown> }>
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: 'Retain' | 'Delete'; whenScaled?: 'Retain' | 'Delete' }
}

export interface StatefulSetStatus {
  observedGeneration?: number
  replicas?: number
  readyReplicas?: number
  availableReplicas?: number
  currentReplicas?: number
  updatedReplicas?: number
  currentRevision?: string
  updateRevision?: string
  collisionCount?: number
}

export interface StatefulSet extends KubeObject {
  kind: 'StatefulSet'
  spec: StatefulSetSpec
  status?: StatefulSetStatus
}

/** R96: RollingUpdate (maxUnavailable, maxSurge) or OnDelete. */
export interface DaemonSetSpec {
  selector?: { matchLabels?: Record<string, string> }
  template: PodTemplate
  updateStrategy?: {
    type?: 'RollingUpdate' | 'OnDelete'
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string }
  }
  minReadySeconds?: number
  revisionHistoryLimit?: number
}

export interface DaemonSetStatus {
  observedGeneration?: number
  desiredNumberScheduled: number
  currentNumberScheduled: number
  numberMisscheduled: number
  numberReady: number
  updatedNumberScheduled?: number
  numberAvailable?: number
  numberUnavailable?: number
}

export interface DaemonSet extends KubeObject {
  kind: 'DaemonSet'
  spec: DaemonSetSpec
  status?: DaemonSetStatus
}
