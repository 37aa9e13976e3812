// cluster.jobs: N Jobs and N/10 Deployments on one simulated cluster, clock run until idle. They are spread over
// namespaces of 1,000 Jobs and 100 Deployments each: a finished Job keeps its Pod, and one namespace holds at most
// 5,000 Pods (synclab's quota, limits.ts).
import { FakeCluster } from '../src/cluster/fake-cluster.ts'
import type { KubeObject } from '../src/cluster/objects.ts'
import { type BenchResult, HeapSampler, type RunMode } from './measure.ts'

const JOBS_PER_NAMESPACE = 1_000

function namespaceOf(job: number): string {
  return `bench-${Math.floor(job / JOBS_PER_NAMESPACE)}`
}

function jobManifest(i: number): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `job-${i}`, namespace: namespaceOf(i) },
    spec: {
      backoffLimit: 0,
      template: { spec: { restartPolicy: 'Never',
        containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', String(5 + (i % 20))] }] } },
    },
  }
}

function deploymentManifest(i: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: `web-${i}`, namespace: namespaceOf(i * 10) },
    spec: {
      replicas: 1, selector: { matchLabels: { app: `web-${i}` } },
      template: { metadata: { labels: { app: `web-${i}` } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  }
}

export function benchClusterJobs(n: number, mode: RunMode = { heap: false }): BenchResult {
  const heap = new HeapSampler(mode.heap)
  const start = performance.now()
  const namespaces = Array.from({ length: Math.ceil(n / JOBS_PER_NAMESPACE) }, (_, k) => namespaceOf(k * JOBS_PER_NAMESPACE))
  const cluster = new FakeCluster({ seed: 'bench', namespaces })
  for (let i = 0; i < n; i++) cluster.apply(jobManifest(i))
  for (let i = 0; i < n / 10; i++) cluster.apply(deploymentManifest(i))
  let steps = 0
  while (cluster.step()) if (++steps % 4096 === 0) heap.sample()
  const wallMs = performance.now() - start
  heap.sample()
  const complete = cluster.list('Job').filter(j =>
    (j.status as { conditions?: Array<{ type: string }> } | undefined)?.conditions?.some(c => c.type === 'Complete')).length
  if (complete !== n) throw new Error(`cluster.jobs: only ${complete} of ${n} Jobs completed`)
  const events = cluster.clock.eventsProcessed
  return {
    bench: 'cluster.jobs', n, wallMs: round(wallMs), virtualMs: cluster.now(),
    eventsPerSec: Math.round(events / (wallMs / 1000)), heapMB: round(heap.peakMB), events,
  }
}

function round(x: number): number {
  return Math.round(x * 10) / 10
}
