// StatefulSets and DaemonSets in a sync: their health gates the next wave (R16) once their controllers write status.
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { appliedAt, eventsOf, job, messages, resultOf, run } from './helpers.ts'

function database(wave: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'StatefulSet',
    metadata: { name: 'db', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
    spec: {
      replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'postgres', image: 'postgres:17',
        env: [{ name: 'POSTGRES_PASSWORD', value: 'secret' }] }] } },
    },
  }
}

function web(wave: number): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', annotations: { 'argocd.argoproj.io/sync-wave': String(wave) } },
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } },
  }
}

function agent(): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image: 'nginx' }] } } },
  }
}

describe('workloads in a sync', () => {
  it('R93 R95 R16 a StatefulSet in wave 0 becomes Healthy and releases wave 1 and the PostSync hook', async () => {
    const s = await run([database(0), web(1), job('smoke', { hook: 'PostSync', command: ['sleep', '2'] })])
    expect(s.result).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)' })
    expect(messages(s.app)).toContain('waiting for healthy state of apps/StatefulSet/db')
    const healthy = eventsOf(s.app, 'health').find(e => e.kind === 'StatefulSet' && e.name === 'db' && e.health === 'Healthy')
    expect(healthy).toBeDefined()
    const webAt = appliedAt(s.app, 'Deployment', 'web')!
    expect(webAt).toBeGreaterThanOrEqual(healthy!.t)
    expect(resultOf(s.result.resources, 'Job', 'smoke')?.hookPhase).toBe('Succeeded')
    // Both database Pods came up one after the other before wave 1 started (R93 OrderedReady).
    const pods = s.sim.fake.list('Pod', 'default').filter(p => p.metadata.name?.startsWith('db-')).map(p => p.metadata.name)
    expect(pods).toEqual(['db-0', 'db-1'])
  })

  it('R96 R97 R16 a DaemonSet in wave 0 becomes Healthy (one Pod per node) and releases wave 1', async () => {
    const s = await run([agent(), web(1)])
    expect(s.result).toMatchObject({ phase: 'Succeeded' })
    expect(messages(s.app)).toContain('waiting for healthy state of apps/DaemonSet/agent')
    const pods = s.sim.fake.list('Pod', 'default').filter(p => p.metadata.name?.startsWith('agent-'))
    expect(pods.map(p => p.spec && (p.spec as { nodeName?: string }).nodeName).sort())
      .toEqual(s.sim.fake.nodes.map(n => n.name).sort())
  })

  it('R87 R29 a PreSync hook whose init container fails (restartPolicy Never) fails its Job and the sync', async () => {
    const hook: KubeObject = {
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'migrate', annotations: { 'argocd.argoproj.io/hook': 'PreSync' } },
      spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never',
        initContainers: [{ name: 'wait-for-db', image: 'busybox', command: ['sh', '-c', 'exit 1'] }],
        containers: [{ name: 'migrate', image: 'busybox', command: ['true'] }] } } },
    }
    const s = await run([hook, web(0)])
    expect(s.result.phase).toBe('Failed')
    expect(resultOf(s.result.resources, 'Job', 'migrate')).toMatchObject({ hookPhase: 'Failed',
      message: 'Job has reached the specified backoff limit' })
    expect(appliedAt(s.app, 'Deployment', 'web')).toBeUndefined()
  })
})
