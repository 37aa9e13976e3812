// Builders for application-level tests.
import type { KubeObject } from '../../src/cluster/objects.ts'
import { Simulation } from '../../src/sync/simulation.ts'

export const REV1 = '1111111111111111111111111111111111111111'
export const REV2 = '2222222222222222222222222222222222222222'

export function configMap(name: string, data: Record<string, string> = {}, annotations?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(annotations ? { annotations } : {}) }, data }
}

export function hookJob(name: string, hook: string, opts: { policy?: string; fail?: boolean; seconds?: number } = {}): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: { name, annotations: { 'argocd.argoproj.io/hook': hook,
      ...(opts.policy ? { 'argocd.argoproj.io/hook-delete-policy': opts.policy } : {}) } },
    spec: { backoffLimit: 0, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox',
      command: opts.fail ? ['sh', '-c', 'exit 1'] : ['sleep', String(opts.seconds ?? 2)] }] } } },
  }
}

export function deployment(name: string, image = 'nginx'): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name },
    spec: { replicas: 1, selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image }] } } },
  }
}

export async function setup(name = 'app') {
  const sim = new Simulation({ seed: 'app-tests' })
  const app = await sim.createApp(name, 'default')
  return { sim, app }
}
