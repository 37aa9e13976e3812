// `synclab serve`: a simulated cluster on 127.0.0.1, served over the Kubernetes REST API, its virtual clock
// running in real time (or --speed times faster).
import { EPOCH_MS } from '../cluster/clock.ts'
import { FakeCluster } from '../cluster/fake-cluster.ts'
import { KubeApiServer } from './api-server.ts'
import { WallClockTicker } from './ticker.ts'

export interface ServeOptions {
  port?: number
  host?: string
  /** Virtual seconds per wall second. */
  speed?: number
  seed?: number | string
  /** Namespaces to create besides default, kube-system and kube-public. */
  namespaces?: string[]
  /**
   * Start the virtual clock at the wall time, so ages kubectl prints are right (default). Off, the cluster starts
   * at synclab's virtual epoch (2025-01-01), as `synclab sync` does.
   */
  wallTime?: boolean
  onRequest?: (line: string) => void
  /** Wall ms between clock ticks. */
  tickMs?: number
  watchHistory?: number
  /** Bytes a watch may hold unread before it is closed. */
  watchBufferBytes?: number
  /** Wall ms a watch closed for falling behind has to drain before its connection is dropped. */
  watchDrainMs?: number
}

export interface RunningServer {
  url: string
  port: number
  fake: FakeCluster
  api: KubeApiServer
  ticker: WallClockTicker
  close(): Promise<void>
}

export async function startServer(opts: ServeOptions = {}): Promise<RunningServer> {
  const fake = new FakeCluster({ seed: opts.seed ?? 1, namespaces: opts.namespaces ?? [] })
  if (opts.wallTime ?? true) fake.clock.runUntil(Math.max(0, Date.now() - EPOCH_MS))
  const api = new KubeApiServer(fake, {
    ...(opts.onRequest ? { onRequest: opts.onRequest } : {}),
    ...(opts.watchHistory !== undefined ? { watchHistory: opts.watchHistory } : {}),
    ...(opts.watchBufferBytes !== undefined ? { watchBufferBytes: opts.watchBufferBytes } : {}),
    ...(opts.watchDrainMs !== undefined ? { watchDrainMs: opts.watchDrainMs } : {}),
  })
  const url = await api.listen(opts.port ?? 0, opts.host ?? '127.0.0.1')
  const ticker = new WallClockTicker(fake.clock, opts.speed ?? 1, opts.tickMs ?? 10)
  ticker.start()
  return {
    url, port: api.port, fake, api, ticker,
    async close() {
      ticker.stop()
      await api.close()
    },
  }
}

/** A kubeconfig for the served cluster: plain HTTP on loopback, no credentials. */
export function kubeconfig(port: number, namespace = 'default'): string {
  return `apiVersion: v1
kind: Config
clusters:
- name: synclab
  cluster:
    server: http://127.0.0.1:${port}
contexts:
- name: synclab
  context:
    cluster: synclab
    namespace: ${namespace}
    user: synclab
current-context: synclab
users:
- name: synclab
  user: {}
`
}
