// The engine never throws and never hangs on objects the reader would refuse (the robustness review: wrong-typed
// fields crashed the machine with a stack trace or left the page's operation Running forever). Whatever goes wrong
// inside an operation ends it in phase Error with the message, as Argo CD's controller recovers a panic
// (AC controller/appcontroller.go processRequestedAppOperation); the clock refuses non-numbers at its API.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import type { Cluster } from '../../src/sync/cluster.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { REV } from './helpers.ts'

const busybox = { name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 5'] }
const preSyncJob = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'before', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
  spec: { ...spec, template: { spec: { restartPolicy: 'Never', containers: [busybox] } } },
})
const web: KubeObject = {
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: { replicas: 1, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
}
const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec })

/** One sync of `manifests`; the run is bounded (a virtual hour, then a minute more), never the wall clock. */
async function syncOnce(manifests: KubeObject[], sim = new Simulation({ seed: 1 })) {
  const app = await sim.createApp('app', 'default')
  app.setRevision({ revision: REV, manifests })
  app.sync({})
  await sim.runOperation(app, 3_600_000)
  await sim.advance(60_000)
  return { app, result: app.currentOperation!.result(), sim }
}

describe('an operation never stays Running on input the reader refuses', () => {
  const cases: Array<[string, KubeObject[]]> = [
    ['activeDeadlineSeconds as a mapping, beside a Deployment (the CLI hang)', [preSyncJob({ activeDeadlineSeconds: { a: 1 } }), web]],
    ['activeDeadlineSeconds as a duration string', [preSyncJob({ activeDeadlineSeconds: '30s' })]],
    ['activeDeadlineSeconds as a mapping on a failing Job (threw "Invalid time value")', [{
      ...preSyncJob({ activeDeadlineSeconds: { a: 1 } }),
      spec: { activeDeadlineSeconds: { a: 1 }, template: { spec: { restartPolicy: 'Never',
        containers: [{ ...busybox, command: ['sh', '-c', 'exit 1'] }] } } },
    }]],
    ['backoffLimit as a string', [preSyncJob({ backoffLimit: '3' })]],
    ['containers as a mapping', [pod({ containers: { name: 'c', image: 'busybox' } })]],
    ['image as a number', [pod({ containers: [{ name: 'c', image: 5 }] })]],
    ['terminationGracePeriodSeconds as a string', [pod({ terminationGracePeriodSeconds: 'x', containers: [busybox] })]],
    ['finalizers as a number', [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: 3 } } as unknown as KubeObject]],
    ['replicas as a string', [{ ...web, spec: { ...(web.spec as object), replicas: 'x' } }]],
    ['replicas "1e9" (a billion Pods: stopped by the simulated quota, found by the fuzzer)', [{ ...web, spec: { ...(web.spec as object), replicas: '1e9' } }]],
  ]
  for (const [name, manifests] of cases) {
    it(name, { timeout: 60_000 }, async () => {
      const { app, result, sim } = await syncOnce(manifests)
      expect(['Succeeded', 'Failed', 'Error']).toContain(result.phase)
      expect(app.operationRunning).toBe(false)
      expect(Number.isFinite(sim.fake.now())).toBe(true)
      expect(result.finishedAt).toBeLessThan(3_600_000)
    })
  }

  it('a mapping as activeDeadlineSeconds is refused by the API server\'s decoding, in its words (before: a NaN deadline)', async () => {
    const { result } = await syncOnce([preSyncJob({ activeDeadlineSeconds: { a: 1 } }), web])
    expect(result.phase).toBe('Failed')
    expect(result.resources.find(r => r.name === 'before')!.message).toBe('Job in version "v1" cannot be handled as a ' +
      'Job: ValidationError(Job.spec.activeDeadlineSeconds): invalid type for io.k8s.api.batch.v1.JobSpec.' +
      'activeDeadlineSeconds: got "map", expected "integer"')
  })
})

describe('an exception inside a step ends the operation in Error (AC processRequestedAppOperation)', () => {
  it('a cluster whose discovery throws: phase Error with the exception\'s message, no retry, no throw', async () => {
    const sim = new Simulation({ seed: 1 })
    const broken: Cluster = { ...sim.cluster, kindInfo: () => { throw new TypeError('boom') } }
    const { Application } = await import('../../src/sync/application.ts')
    const app = new Application({ name: 'app', namespace: 'default', cluster: broken })
    await app.load()
    sim.apps.push(app)
    app.setRevision({ revision: REV, manifests: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }] })
    app.sync({ retry: { limit: 3 } })
    await sim.runOperation(app)
    const result = app.currentOperation!.result()
    expect(result).toMatchObject({ phase: 'Error', message: 'boom', retryCount: 0 })
    expect(result.finishedAt).toBeDefined()
  })

  it('an exception in a synchronous step (a guard or an action) ends it in Error too', async () => {
    const sim = new Simulation({ seed: 1 })
    const app = await sim.createApp('app', 'default')
    app.setRevision({ revision: REV, manifests: [preSyncJob({}), web] })
    const record = app.sync({})
    expect(app.operationRunning).toBe(true) // the PreSync hook runs; the next ticks decide in guards
    // The guard that looks for pending tasks reads the request's options: make that read throw from now on.
    record.op.env.request.options = { get applyOutOfSyncOnly(): boolean { throw new Error('options unreadable') } }
    // A view subscribed without an error callback (as the page's and the terminal's are): xstate would report the
    // error as unhandled, a global throw (found by the fuzzer: it crashed the worker); waiting must not deadlock.
    record.actor.subscribe(() => undefined)
    await sim.runOperation(app)
    await app.idle()
    expect(app.currentOperation!.result()).toMatchObject({ phase: 'Error', message: 'options unreadable' })
    expect(app.operationRunning).toBe(false)
  })
})

describe('repeated objects: Argo CD syncs the last (AC controller/state.go DeduplicateTargetObjects)', () => {
  it('two ConfigMaps of one name: one task, with the last one\'s data', async () => {
    const c = (v: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { v } })
    const { result, sim } = await syncOnce([c('first'), c('last')])
    expect(result.phase).toBe('Succeeded')
    expect(result.resources.map(r => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/c'])
    expect(sim.fake.get({ kind: 'ConfigMap', namespace: 'default', name: 'c' })!.data).toEqual({ v: 'last' })
  })
})

describe('an operation that stops on an exception (found by the fuzzer)', () => {
  it('ends, even with a view subscribed without an error callback; waiting for it never deadlocks', async () => {
    const sim = new Simulation({ seed: 1 })
    const app = await sim.createApp('app', 'default')
    // An unknown kind (R47) whose Pod template's containers are not a list: failing the invalid task threw.
    app.setRevision({ revision: REV, manifests: [{ apiVersion: 'example.com/v1', kind: 'Job', metadata: { name: 't' },
      spec: { template: { spec: { containers: 5 } } } }] })
    const record = app.sync({})
    record.actor.subscribe(() => undefined) // as the page's views and the terminal subscribe
    await sim.runOperation(app)
    await app.idle()
    // R47: an unknown kind fails the operation as invalid (before, the invalid task's images threw)
    expect(app.currentOperation!.result()).toMatchObject({ phase: 'Failed',
      message: expect.stringMatching(/^one or more synchronization tasks are not valid/) })
    expect(app.operationRunning).toBe(false)
    expect(app.busy).toBe(false)
  })
})
