// The store hands out the objects it keeps, and the engine shares parts of them (a Pod's spec with its Job's
// template, one process plan for every Pod of a container spec): nothing may change them once stored. Deep-frozen
// here as the store keeps them, a varied workload must run without a write to a frozen object (ES modules are strict:
// such a write throws) and give the very timeline it gives unfrozen.
import { afterEach, describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { ObjectStore } from '../../src/cluster/store.ts'
import { cluster, daemonSet, deployment, job, statefulSet } from './helpers.ts'

type Put = (obj: KubeObject, indexOwners?: boolean) => void
const proto = ObjectStore.prototype as unknown as { put: Put }
const put = proto.put

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return
  Object.freeze(v)
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k])
}

function freezeStoredObjects(): void {
  proto.put = function (this: ObjectStore, obj: KubeObject, indexOwners?: boolean) {
    deepFreeze(obj)
    put.call(this, obj, indexOwners)
  }
}

afterEach(() => { proto.put = put })

/** Jobs that succeed, fail, restart and time out, a rollout, a StatefulSet, a DaemonSet, deletions of each kind. */
function run(): string {
  const c = cluster({ seed: 'frozen', nodes: 2 })
  const log = c.record()
  const manifests: KubeObject[] = [
    job('ok', { command: ['sleep', '3'] }),
    job('fails', { command: ['sh', '-c', 'echo no; exit 2'], backoffLimit: 2 }),
    job('restarts', { command: ['false'], restartPolicy: 'OnFailure', backoffLimit: 3 }),
    job('slow', { command: ['sleep', '300'], activeDeadlineSeconds: 20 }),
    job('ttl', { command: ['true'], ttlSecondsAfterFinished: 5 }),
    job('twice', { command: ['sleep', '1'], completions: 2, parallelism: 2 }),
    job('missing', { image: 'missing.example.com/x' }),
    deployment('web', 'nginx', 2),
    statefulSet('db', { replicas: 2 }),
    daemonSet('agent'),
  ]
  for (const m of manifests) c.apply(m)
  c.advance(30_000)
  c.apply(deployment('web', 'nginx:1.27', 3)) // a rollout
  c.advance(60_000)
  c.delete({ kind: 'StatefulSet', namespace: 'default', name: 'db' }, { propagationPolicy: 'Foreground' })
  c.delete({ kind: 'Job', namespace: 'default', name: 'fails' }, { propagationPolicy: 'Orphan' })
  c.delete({ kind: 'Deployment', namespace: 'default', name: 'web' })
  c.advance(600_000)
  return JSON.stringify({ log, objects: c.store.all(), events: c.events.events })
}

describe('objects the store keeps', () => {
  it('are never changed once stored: a workload runs deep-frozen and gives the same timeline', () => {
    const plain = run()
    freezeStoredObjects()
    expect(Object.isFrozen(cluster().store.all()[0]!.metadata)).toBe(true)
    expect(run()).toBe(plain)
  }, 30_000)
})
