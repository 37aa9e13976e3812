import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { cluster, daemonSet, deployment, job, statefulSet } from './helpers.ts'

// A random workload: Jobs with random commands, limits and policies, Deployments, StatefulSets and DaemonSets.
const jobArb = fc.record({
  command: fc.constantFrom<string[]>(['sleep', '3'], ['true'], ['false'], ['sh', '-c', 'echo hi; exit 2'], ['sleep', '30']),
  backoffLimit: fc.integer({ min: 0, max: 3 }),
  restartPolicy: fc.constantFrom('Never' as const, 'OnFailure' as const),
  image: fc.constantFrom('busybox', 'quay.io/acend/example-web-go', 'missing.example.com/x'),
  deadline: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
})
const workloadArb = fc.record({
  jobs: fc.array(jobArb, { maxLength: 6 }),
  deployments: fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 }),
  statefulSets: fc.array(fc.record({ replicas: fc.integer({ min: 0, max: 3 }), parallel: fc.boolean(),
    image: fc.constantFrom('nginx', 'missing.example.com/x') }), { maxLength: 1 }),
  daemonSets: fc.array(fc.constantFrom('nginx', 'nginx:1.27'), { maxLength: 1 }),
  nodes: fc.integer({ min: 0, max: 3 }),
  seed: fc.string({ maxLength: 8 }),
  deleteAt: fc.option(fc.integer({ min: 0, max: 40_000 }), { nil: undefined }),
})

type Workload = typeof workloadArb extends fc.Arbitrary<infer T> ? T : never

function runWorkload(w: Workload): string {
  const c = cluster({ seed: w.seed, nodes: w.nodes })
  const log = c.record()
  const manifests: KubeObject[] = [
    ...w.jobs.map((j, i) => job(`job-${i}`, { command: j.command, backoffLimit: j.backoffLimit, restartPolicy: j.restartPolicy,
      image: j.image, ...(j.deadline ? { activeDeadlineSeconds: j.deadline } : {}) })),
    ...w.deployments.map((r, i) => deployment(`web-${i}`, 'nginx', r)),
    ...w.statefulSets.map((s, i) => statefulSet(`db-${i}`, { replicas: s.replicas, image: s.image,
      ...(s.parallel ? { podManagementPolicy: 'Parallel' as const } : {}) })),
    ...w.daemonSets.map((image, i) => daemonSet(`agent-${i}`, image)),
  ]
  for (const m of manifests) c.apply(m)
  if (w.deleteAt !== undefined && manifests[0]) {
    c.advance(w.deleteAt)
    const ref = { kind: manifests[0].kind, namespace: 'default', name: manifests[0].metadata.name! }
    if (c.get(ref)) c.delete(ref, { propagationPolicy: 'Foreground' })
  }
  c.advance(900_000)
  return JSON.stringify({ log, objects: c.store.all(), events: c.events.events })
}

/** A Deployment with probes of every kind and outcome (R89, R90), minReadySeconds and a short deadline (R91, R92). */
const probedArb = fc.record({
  readinessPort: fc.constantFrom(80, 8080), livenessFile: fc.boolean(), startup: fc.boolean(),
  minReadySeconds: fc.integer({ min: 0, max: 30 }), deadline: fc.integer({ min: 10, max: 120 }),
  replicas: fc.integer({ min: 1, max: 3 }), seed: fc.string({ maxLength: 8 }),
})

function runProbed(p: typeof probedArb extends fc.Arbitrary<infer T> ? T : never): string {
  const c = cluster({ seed: p.seed })
  const log = c.record()
  const d = deployment('web', 'busybox', p.replicas) as KubeObject & { spec: Record<string, unknown> }
  d.spec['minReadySeconds'] = p.minReadySeconds
  d.spec['progressDeadlineSeconds'] = p.deadline
  const container = (d.spec['template'] as { spec: { containers: Array<Record<string, unknown>> } }).spec.containers[0]!
  container['image'] = 'nginx'
  container['readinessProbe'] = { httpGet: { path: '/', port: p.readinessPort }, periodSeconds: 3 }
  if (p.livenessFile) container['livenessProbe'] = { exec: { command: ['cat', '/tmp/x'] }, periodSeconds: 5 }
  if (p.startup) container['startupProbe'] = { tcpSocket: { port: 80 }, periodSeconds: 2 }
  c.apply(d)
  c.advance(600_000)
  return JSON.stringify({ log, objects: c.store.all(), events: c.events.events })
}

describe('determinism', () => {
  it('R89 R90 R91 R92 same probed Deployment and seed → identical event log, objects and events', () => {
    fc.assert(fc.property(probedArb, p => {
      expect(runProbed(p)).toBe(runProbed(p))
    }), { numRuns: 15 })
  }, 60_000)

  it('same workload and seed → identical event log, objects and events', () => {
    fc.assert(fc.property(workloadArb, w => {
      expect(runWorkload(w)).toBe(runWorkload(w))
    }), { numRuns: 40 })
  }, 30_000)

  it('every Job of a random workload ends Complete or Failed, or waits on a missing image', () => {
    fc.assert(fc.property(workloadArb, w => {
      const c = cluster({ seed: w.seed })
      w.jobs.forEach((j, i) => c.apply(job(`job-${i}`, { command: j.command, backoffLimit: j.backoffLimit,
        restartPolicy: j.restartPolicy, image: j.image, ...(j.deadline ? { activeDeadlineSeconds: j.deadline } : {}) })))
      c.advance(3_600_000)
      w.jobs.forEach((j, i) => {
        const live = c.get({ kind: 'Job', namespace: 'default', name: `job-${i}` }) as { status?: { conditions?: Array<{ type: string }> } }
        const done = live.status?.conditions?.some(x => x.type === 'Complete' || x.type === 'Failed')
        expect(done || (j.image.startsWith('missing') && !j.deadline)).toBe(true)
      })
    }), { numRuns: 30 })
  })
})
