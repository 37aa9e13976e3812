// Realistic live objects for the health tests (shapes as the API server returns them).
import type { Condition, ContainerStatus, Deployment, Job, KubeObject, Pod } from '../../src/cluster/objects.ts'

const T = '2024-05-01T10:00:00Z'

export function job(conditions: Condition[], extra: Partial<Job['status']> = {}): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'db-migrate',
      namespace: 'shop',
      uid: 'job-uid-1',
      generation: 1,
      annotations: { 'argocd.argoproj.io/hook': 'PreSync' },
      finalizers: ['argocd.argoproj.io/hook-finalizer'],
    },
    spec: {
      backoffLimit: 2,
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'migrate:1.2' }] } },
    },
    status: { startTime: T, conditions, ...extra },
  }
}

export function cond(type: string, status: Condition['status'], reason?: string, message?: string): Condition {
  return {
    type,
    status,
    lastTransitionTime: T,
    lastProbeTime: T,
    ...(reason !== undefined ? { reason } : {}),
    ...(message !== undefined ? { message } : {}),
  }
}

export interface PodOpts {
  restartPolicy?: 'Always' | 'OnFailure' | 'Never'
  phase: NonNullable<Pod['status']>['phase']
  ready?: boolean
  message?: string
  containerStatuses?: ContainerStatus[]
  initContainerStatuses?: ContainerStatus[]
  annotations?: Record<string, string>
}

export function pod(o: PodOpts): Pod {
  const status: Record<string, unknown> = {
    phase: o.phase,
    hostIP: '10.0.0.5',
    podIP: '10.244.1.7',
    startTime: T,
    conditions: [
      cond('Initialized', 'True'),
      o.ready
        ? cond('Ready', 'True')
        : cond('Ready', 'False', 'ContainersNotReady', 'containers with unready status: [main]'),
      cond('PodScheduled', 'True'),
    ],
    containerStatuses: o.containerStatuses ?? [],
  }
  if (o.message !== undefined) status.message = o.message
  if (o.initContainerStatuses) status.initContainerStatuses = o.initContainerStatuses
  const p: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-7d9f8-abcde', namespace: 'shop', uid: 'pod-uid-1', ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { containers: [{ name: 'main', image: 'web:2.0' }], nodeName: 'node-1' },
    status: status as unknown as NonNullable<Pod['status']>,
  }
  if (o.restartPolicy) p.spec.restartPolicy = o.restartPolicy
  return p
}

export function ctr(name: string, state: ContainerStatus['state'], extra: Partial<ContainerStatus> = {}): ContainerStatus {
  return {
    name,
    image: 'web:2.0',
    ready: state.running !== undefined,
    restartCount: 0,
    state,
    ...extra,
  }
}

export function deployment(
  spec: Partial<Deployment['spec']>,
  status: NonNullable<Deployment['status']>,
  generation = 3,
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', uid: 'dep-uid-1', generation },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'main', image: 'web:2.0' }] } },
      progressDeadlineSeconds: 600,
      ...spec,
    },
    status,
  }
}

export function obj(apiVersion: string, kind: string, rest: Partial<KubeObject> = {}, name = 'thing'): KubeObject {
  return { apiVersion, kind, metadata: { name, namespace: 'shop' }, ...rest }
}
