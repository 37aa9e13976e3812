// Runs one Argo CD Application on a KubeCluster: the same engine (src/sync) as on the simulated cluster, with
// time passing on the wall clock. Used by tests and by callers that sync against a real API server.
import type { KubeObject } from '../cluster/objects.ts'
import { Application, type OperationResult } from '../sync/application.ts'
import type { SyncRequest } from '../sync/operation.ts'
import type { KubeCluster } from './kube-cluster.ts'

export interface RunOptions {
  manifests: KubeObject[]
  revision?: string
  request?: SyncRequest
  /** Wall milliseconds to wait for the operation to end. */
  timeoutMs?: number
  waveDelayMs?: number
}

/** An Application for the cluster's namespace, loaded from the cluster (its list and watches). */
export async function openApplication(cluster: KubeCluster, opts: { waveDelayMs?: number } = {}): Promise<Application> {
  const app = new Application({ name: cluster.appName, namespace: cluster.namespace, cluster,
    ...(opts.waveDelayMs !== undefined ? { waveDelayMs: opts.waveDelayMs } : {}) })
  await cluster.watchesReady()
  await app.load()
  return app
}

/** Syncs the manifests once and waits for the operation to end (or the timeout). */
export async function syncOnce(app: Application, opts: RunOptions): Promise<OperationResult> {
  app.setRevision({ revision: opts.revision ?? 'HEAD', manifests: opts.manifests })
  const record = app.sync(opts.request ?? {})
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000)
  while (app.operationRunning && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
  return record.result()
}
