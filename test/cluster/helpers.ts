// Small builders for cluster tests: manifests as a learner would write them.
import { FakeCluster, type FakeClusterOptions } from '../../src/cluster/fake-cluster.ts'
import type { Job, KubeObject, Pod } from '../../src/cluster/objects.ts'

export function cluster(opts: FakeClusterOptions = {}): FakeCluster {
  return new FakeCluster({ seed: 'test', ...opts })
}

export interface JobOptions {
  image?: string
  command?: string[]
  backoffLimit?: number
  restartPolicy?: 'Never' | 'OnFailure'
  activeDeadlineSeconds?: number
  ttlSecondsAfterFinished?: number
  completions?: number
  parallelism?: number
  namespace?: string
  annotations?: Record<string, string>
  finalizers?: string[]
}

export function job(name: string, o: JobOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    template: {
      spec: {
        containers: [{ name: 'main', image: o.image ?? 'busybox', command: o.command ?? ['sleep', '10'] }],
        restartPolicy: o.restartPolicy ?? 'Never',
      },
    },
  }
  for (const k of ['backoffLimit', 'activeDeadlineSeconds', 'ttlSecondsAfterFinished', 'completions', 'parallelism'] as const) {
    if (o[k] !== undefined) spec[k] = o[k]
  }
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, namespace: o.namespace ?? 'default',
      ...(o.annotations ? { annotations: o.annotations } : {}), ...(o.finalizers ? { finalizers: o.finalizers } : {}) },
    spec,
  }
}

export function deployment(name: string, image = 'nginx', replicas = 1): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } },
    },
  }
}

export function getJob(c: FakeCluster, name: string, namespace = 'default'): Job | undefined {
  return c.get({ kind: 'Job', namespace, name }) as Job | undefined
}

export function podsOf(c: FakeCluster, jobName: string, namespace = 'default'): Pod[] {
  return c.list('Pod', namespace).filter(p => p.metadata.labels?.['job-name'] === jobName) as Pod[]
}

export function conditionTypes(j: Job | undefined): string[] {
  return (j?.status?.conditions ?? []).map(c => `${c.type}:${c.reason ?? ''}`)
}

/** Runs the clock until `pred` holds; returns the virtual time it first held. */
export function runUntil(c: FakeCluster, pred: () => boolean, limitMs = 3_600_000): number {
  while (!pred()) {
    if (!c.step() || c.now() > limitMs) throw new Error(`condition not reached (t=${c.now()})`)
  }
  return c.now()
}

export interface StatefulSetOptions {
  replicas?: number
  image?: string
  podManagementPolicy?: 'OrderedReady' | 'Parallel'
  partition?: number
  updateStrategy?: 'RollingUpdate' | 'OnDelete'
  minReadySeconds?: number
  env?: Array<{ name: string; value: string }>
}

/** A StatefulSet of `postgres`-like Pods (nginx by default: a server that stays up). */
export function statefulSet(name: string, o: StatefulSetOptions = {}): KubeObject {
  const spec: Record<string, unknown> = {
    replicas: o.replicas ?? 1,
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } },
      spec: { containers: [{ name: 'main', image: o.image ?? 'nginx', ...(o.env ? { env: o.env } : {}) }] } },
  }
  if (o.podManagementPolicy) spec['podManagementPolicy'] = o.podManagementPolicy
  if (o.minReadySeconds !== undefined) spec['minReadySeconds'] = o.minReadySeconds
  if (o.updateStrategy === 'OnDelete') spec['updateStrategy'] = { type: 'OnDelete' }
  else if (o.partition !== undefined) spec['updateStrategy'] = { type: 'RollingUpdate', rollingUpdate: { partition: o.partition } }
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name, namespace: 'default' }, spec }
}

export function daemonSet(name: string, image = 'nginx', maxUnavailable?: number | string): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name, namespace: 'default' },
    spec: {
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
      ...(maxUnavailable !== undefined ? { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable } } } : {}),
    },
  }
}

/** Names of the Pods owned by `kind/name`, in creation order. */
export function podNames(c: FakeCluster, ownerKind: string, owner: string): string[] {
  return c.list('Pod', 'default').filter(p => p.metadata.ownerReferences?.some(o => o.kind === ownerKind && o.name === owner))
    .map(p => p.metadata.name!)
}
