// `synclab serve`: the simulated cluster over the Kubernetes REST API on 127.0.0.1, for kubectl and for
// synclab's KubeCluster adapter. With paths, it also syncs those manifests once as an Application (no Argo CD
// needed) so a learner can watch the hooks and waves with their own kubectl.
import { parseArgs } from 'node:util'
import type { Manifest } from '../manifest/index.ts'
import { formatDiagnostic, hasErrors, parseManifests } from '../manifest/index.ts'
import { wallClock } from '../kube/clock.ts'
import { KubeCluster } from '../kube/kube-cluster.ts'
import { openApplication, syncOnce } from '../kube/run-app.ts'
import { kubeconfig, startServer } from '../server/serve.ts'
import { MAX_SPEED, MIN_SPEED, speedProblem } from '../server/ticker.ts'
import { readManifestFiles } from './files.ts'

export const SERVE_USAGE = `Usage: synclab serve [flags] [<file-or-dir>...]

Serves a simulated cluster on http://127.0.0.1:PORT over the Kubernetes API; kubectl works against it:
  kubectl --server http://127.0.0.1:6443 get pods -w

Flags:
  --port N          port to listen on (default 6443; 0 picks a free one)
  --speed X         virtual seconds per wall second, ${MIN_SPEED} to ${MAX_SPEED} (default 1)
  --seed S          random seed of the simulated cluster (default 1)
  --namespace NS    namespace to create and to sync paths into (default "default")
  --kubeconfig      print a kubeconfig for the server and exit
  --log-requests    print every request on stderr

With paths, the manifests are synced once as an Application named "synclab" into --namespace, by synclab's own
sync engine through the Kubernetes API (objects are labelled app.kubernetes.io/managed-by=synclab).`

export interface ServeIo {
  out(text: string): void
  err(text: string): void
  /** Resolves when the server should stop (SIGINT/SIGTERM by default). */
  until?: Promise<void>
}

export async function serveCommand(argv: string[], io: ServeIo = {
  out: t => process.stdout.write(t), err: t => process.stderr.write(t),
}): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: {
    port: { type: 'string', default: '6443' }, speed: { type: 'string', default: '1' }, seed: { type: 'string' },
    namespace: { type: 'string', default: 'default' }, kubeconfig: { type: 'boolean', default: false },
    'log-requests': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false },
  } })
  if (values.help) {
    io.out(SERVE_USAGE + '\n')
    return 0
  }
  const port = Number(values.port)
  const speed = Number(values.speed)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`serve: --port must be a port number (got "${values.port}")`)
  const speedWrong = speedProblem(speed)
  if (speedWrong) throw new Error(`serve: --${speedWrong} (got "${values.speed}")`)
  const namespace = values.namespace
  if (values.kubeconfig) {
    io.out(kubeconfig(port, namespace))
    return 0
  }
  let manifests: Manifest[] = []
  if (positionals.length > 0) {
    const read = parseManifests(readManifestFiles(positionals))
    for (const d of read.diagnostics) io.err(formatDiagnostic(d) + '\n')
    if (hasErrors(read.diagnostics)) return 2
    manifests = read.manifests
  }
  const seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed
  const server = await startServer({ port, speed, seed, namespaces: namespace === 'default' ? [] : [namespace],
    ...(values['log-requests'] ? { onRequest: (line: string) => io.err(line + '\n') } : {}) })
  io.err(`synclab: serving a simulated cluster at ${server.url} (speed ${speed}x)\n` +
    `  kubectl --server ${server.url} get pods -w\n` +
    `  synclab serve --port ${server.port} --kubeconfig > synclab.kubeconfig\n`)
  let cluster: KubeCluster | undefined
  if (manifests.length > 0) {
    cluster = await KubeCluster.connect({ server: server.url, namespace, appName: 'synclab', clock: wallClock(speed) })
    const app = await openApplication(cluster)
    io.err(`synclab: syncing ${manifests.length} object(s) into namespace ${namespace}\n`)
    void syncOnce(app, { manifests: manifests.map(m => m.object), timeoutMs: 24 * 3_600_000 / speed }).then(result => {
      io.err(`synclab: sync ${result.phase}: ${result.message}\n`)
      for (const r of result.resources) {
        io.err(`  ${r.hookType ?? ''}${r.hookType ? ' ' : ''}${r.kind}/${r.name}: ${r.status} ${r.message}\n`)
      }
    }, e => io.err(`synclab: sync error: ${(e as Error).message}\n`))
  }
  await (io.until ?? new Promise<void>(resolve => {
    process.once('SIGINT', () => resolve())
    process.once('SIGTERM', () => resolve())
  }))
  cluster?.close()
  await server.close()
  return 0
}
