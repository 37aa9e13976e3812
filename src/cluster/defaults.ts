// What the API server fills in on create: the defaults that `kubectl get -o yaml` shows and that make a
// re-applied, unchanged manifest compare equal to the live object.
import type { Container, DaemonSetSpec, DeploymentSpec, JobSpec, KubeObject, PodSpec, StatefulSetSpec } from './objects.ts'

type Defaulter = (obj: KubeObject) => void

/** The simulated cluster's default StorageClass, minikube's (volume-controller.ts). */
export const DEFAULT_STORAGE_CLASS = 'standard'

const defaulters: Record<string, Defaulter> = {
  Pod: obj => defaultPodSpec(obj.spec as PodSpec | undefined, 'Always'),
  Job: obj => {
    const spec = obj.spec as JobSpec | undefined
    if (!spec) return
    spec.backoffLimit ??= 6 // R67
    spec.completions ??= 1
    spec.parallelism ??= 1
    spec.suspend ??= false
    defaultPodSpec(spec.template?.spec, 'Always')
  },
  Deployment: obj => {
    const spec = obj.spec as DeploymentSpec | undefined
    if (!spec) return
    spec.replicas ??= 1
    spec.revisionHistoryLimit ??= 10
    spec.progressDeadlineSeconds ??= 600
    spec.strategy ??= { type: 'RollingUpdate' }
    defaultPodSpec(spec.template?.spec, 'Always')
  },
  ReplicaSet: obj => {
    const spec = obj.spec as { replicas?: number; template?: { spec?: PodSpec } } | undefined
    if (!spec) return
    spec.replicas ??= 1
    defaultPodSpec(spec.template?.spec, 'Always')
  },
  // R94: SetDefaults_StatefulSet. maxUnavailable is defaulted only behind the MaxUnavailableStatefulSet gate,
  // which the simulated v1.32 API server leaves off (the controller then takes one at a time).
  StatefulSet: obj => {
    const spec = obj.spec as StatefulSetSpec | undefined
    if (!spec) return
    spec.replicas ??= 1
    spec.podManagementPolicy ??= 'OrderedReady'
    spec.updateStrategy ??= { type: 'RollingUpdate' }
    spec.updateStrategy.type ??= 'RollingUpdate'
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {}
      spec.updateStrategy.rollingUpdate.partition ??= 0
    }
    spec.revisionHistoryLimit ??= 10
    ;(spec as { persistentVolumeClaimRetentionPolicy?: unknown }).persistentVolumeClaimRetentionPolicy ??=
      { whenDeleted: 'Retain', whenScaled: 'Retain' }
    defaultPodSpec(spec.template?.spec, 'Always')
  },
  // R96: SetDefaults_DaemonSet.
  DaemonSet: obj => {
    const spec = obj.spec as DaemonSetSpec | undefined
    if (!spec) return
    spec.updateStrategy ??= { type: 'RollingUpdate' }
    spec.updateStrategy.type ??= 'RollingUpdate'
    if (spec.updateStrategy.type === 'RollingUpdate') {
      spec.updateStrategy.rollingUpdate ??= {}
      spec.updateStrategy.rollingUpdate.maxUnavailable ??= 1
      spec.updateStrategy.rollingUpdate.maxSurge ??= 0
    }
    spec.revisionHistoryLimit ??= 10
    defaultPodSpec(spec.template?.spec, 'Always')
  },
  // The DefaultStorageClass admission names the cluster's default class (volume-controller.ts) on a claim of none.
  PersistentVolumeClaim: obj => {
    const spec = obj.spec as { storageClassName?: string; volumeMode?: string } | undefined
    if (!spec || typeof spec !== 'object') return
    spec.storageClassName ??= DEFAULT_STORAGE_CLASS
    spec.volumeMode ??= 'Filesystem'
  },
  Service: obj => {
    const spec = (obj.spec ??= {}) as Record<string, unknown>
    spec['type'] ??= 'ClusterIP'
    spec['sessionAffinity'] ??= 'None'
  },
}

export function applyDefaults(obj: KubeObject): void {
  defaulters[obj.kind]?.(obj)
}

function defaultPodSpec(spec: PodSpec | undefined, restartPolicy: NonNullable<PodSpec['restartPolicy']>): void {
  if (!spec || typeof spec !== 'object') return
  spec.restartPolicy ??= restartPolicy
  spec.terminationGracePeriodSeconds ??= 30 // R75
  for (const c of spec.containers ?? []) defaultContainer(c)
  for (const c of spec.initContainers ?? []) defaultContainer(c)
}

function defaultContainer(c: Container & { imagePullPolicy?: string; terminationMessagePath?: string }): void {
  if (!c || typeof c !== 'object') return
  const image = String(c.image ?? '')
  const tagged = /:[^/]+$/.test(image.replace(/@.*$/, ''))
  c.imagePullPolicy ??= !tagged || image.endsWith(':latest') ? 'Always' : 'IfNotPresent'
  c.terminationMessagePath ??= '/dev/termination-log'
}
