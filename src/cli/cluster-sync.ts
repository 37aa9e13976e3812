// `synclab sync --cluster URL --dest-namespace NS`: the same Application and sync machine as the simulated sync,
// on a real API server through KubeCluster (normally `kubectl proxy`'s URL: the proxy authenticates with the
// user's kubeconfig, so synclab never reads or stores credentials). Time is the wall clock (--speed only to match
// `synclab serve --speed`). Before acting it names the one namespace it will touch and asks for confirmation.
//
// The server-side dry run: the sync machine's dry-run step (steps.ts dryRunAll) applies every task with
// dryRun, which KubeCluster sends as ?dryRun=All, before the first real apply; a refusal there fails the
// operation with the server's (or the confinement's) message and nothing is applied.
//
// The result is a SyncRun like src/lib/run-sync.ts's, so sync.ts prints it the same way (argocd-style text or
// --json) and exits with the same codes.
//
// --compare: after the real run, the same manifests and flags run on the simulated cluster (src/lib/run-sync.ts,
// seeded by --seed), starting from what the application had on the cluster before the sync, and src/sync/compare.ts
// lines the two runs up (compareWithSimulation).
import { createInterface } from 'node:readline/promises'
import { wallClock } from '../kube/clock.ts'
import type { KubeObject } from '../cluster/objects.ts'
import { APP_LABEL, KubeCluster, MANAGED_BY_LABEL, MANAGED_BY_VALUE, withoutSynclabLabels } from '../kube/kube-cluster.ts'
import { openApplication } from '../kube/run-app.ts'
import type { Manifest } from '../manifest/index.ts'
import type { Application, OperationResult } from '../sync/application.ts'
import { compareRuns, type RunComparison, summarizeRun } from '../sync/compare.ts'
import type { ResourceKey } from '../sync/types.ts'
import { resourceStateRows, type ResourceRow, StreamRecorder } from '../present/argocd-sync-output.ts'
import { type ClusterEntry, clusterEntry, type OperationRecord, runSync, type SyncRun } from '../lib/run-sync.ts'
import { APP_NAME, type SyncArgs } from './sync-args.ts'
import type { Output } from './sync.ts'

/** Wall ms between looks at a running operation (besides every watch event and machine step). */
const POLL_MS = 20

/**
 * "Continue? [y/N]": true to go ahead. --yes skips the question; without a way to ask (io.ask, or a TTY on stdin)
 * it refuses. Prints why it stops; the caller exits 2.
 */
export async function confirmed(io: Output, yes: boolean): Promise<boolean> {
  if (yes) return true
  let answer: string | undefined
  if (io.ask) answer = await io.ask('Continue? [y/N] ')
  else if (process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, output: process.stderr })
    try {
      answer = await rl.question('Continue? [y/N] ')
    } finally {
      rl.close()
    }
  } else {
    io.err('synclab: stdin is not a terminal, so synclab cannot ask for confirmation; nothing was changed. ' +
      'Run it in a terminal, or add --yes to go ahead without asking.\n')
    return false
  }
  if (/^\s*y(es)?\s*$/i.test(answer ?? '')) return true
  io.err('synclab: not confirmed; nothing was changed\n')
  return false
}

/** Connects (discovery only, nothing is written) and checks that the namespace exists; an exit code on failure. */
export async function connectCluster(io: Output, server: string, namespace: string, opts: { speed?: number } = {}):
  Promise<KubeCluster | number> {
  let cluster: KubeCluster
  try {
    cluster = await KubeCluster.connect({ server, namespace, appName: APP_NAME, clock: wallClock(opts.speed ?? 1) })
  } catch (e) {
    io.err(`synclab: cannot read the Kubernetes API at ${server}: ${(e as Error).message}\n` +
      '  Is `kubectl proxy` running? (kubectl proxy --port=8001, then --cluster http://127.0.0.1:8001)\n')
    return 2
  }
  // A namespace-scoped account may not read namespaces (403): then its existence is assumed.
  const res = await fetch(`${server}/api/v1/namespaces/${encodeURIComponent(namespace)}`, { headers: { Accept: 'application/json' } })
    .catch(() => undefined)
  if (res?.status === 404) {
    io.err(`synclab: namespace "${namespace}" does not exist on ${server}; synclab creates nothing outside it. ` +
      `Create it first: kubectl create namespace ${namespace}\n`)
    return 2
  }
  await res?.body?.cancel()
  return cluster
}

/** Names what it will do, asks, then runs the operations; a number is an exit code (nothing was done). */
/** The run on the cluster, and what the application had there before it (for --compare's simulation). */
export type ClusterSyncRun = SyncRun & { liveBefore: KubeObject[] }

export async function runClusterSync(args: SyncArgs, targets: Manifest[], io: Output): Promise<ClusterSyncRun | number> {
  const server = args.cluster
  if (server === undefined) throw new Error('runClusterSync needs --cluster')
  const namespace = args.destNamespace
  const connected = await connectCluster(io, server, namespace, { speed: args.speed })
  if (typeof connected === 'number') return connected
  const cluster = connected
  try {
    const n = countSelected(args, targets)
    io.err(`synclab will sync ${n} object${n === 1 ? '' : 's'} into namespace ${namespace} on ${server} (app ${APP_NAME})\n`)
    if (!await confirmed(io, args.yes)) return 2
    const app = await openApplication(cluster, args.waveDelayMs !== undefined ? { waveDelayMs: args.waveDelayMs } : {})
    try {
      return await operate(args, targets, app, cluster)
    } finally {
      app.dispose()
    }
  } finally {
    cluster.close()
  }
}

/** The objects the operation would apply: all, or those --resource selects. */
function countSelected(args: SyncArgs, targets: Manifest[]): number {
  const selected = args.request.resources
  if (!selected) return targets.length
  return targets.filter(m => {
    const o = m.object
    const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : ''
    return selected.some(s => s.group === group && s.kind === o.kind && s.name === (o.metadata.name ?? '') &&
      (s.namespace === '' || s.namespace === (o.metadata.namespace || args.destNamespace)))
  }).length
}

async function operate(args: SyncArgs, targets: Manifest[], app: Application, cluster: KubeCluster): Promise<ClusterSyncRun> {
  const clock = cluster.clock
  const liveBefore = [...app.live().values()]
  app.setRevision({ revision: args.revision, manifests: targets.map(m => m.object) })
  const selected = args.request.resources

  /** The Application's status.resources: managed non-hook resources, their sync status and health. */
  const managedResources = (): Map<string, ResourceRow> => {
    const out = new Map<string, ResourceRow>()
    for (const r of app.status().resources) {
      if (r.hook || r.skip) continue
      out.set(`${r.group}/${r.kind}/${r.namespace}/${r.name}`, { group: r.group, kind: r.kind, namespace: r.namespace,
        name: r.name, status: r.status, health: r.health?.status ?? '', hook: '', message: '' })
    }
    return out
  }
  const resourceRows = (result: OperationResult, only: ResourceKey[] | undefined): ResourceRow[] =>
    resourceStateRows(managedResources(), result.resources, only)

  const operations: OperationRecord[] = []
  for (let i = 0; i < args.repeat; i++) {
    const current = app.sync(args.request)
    const start = clock.now()
    const stream = new StreamRecorder()
    const observe = (): void => stream.observe(clock.now(), resourceRows(current.result(), selected))
    // argocd prints on every application change: sample on each machine step and each watch event.
    const sub = current.actor.subscribe(() => observe())
    const unwatch = cluster.watch(() => observe())
    try {
      let terminateAt = i === 0 && args.terminateAfterMs !== undefined ? start + args.terminateAfterMs : undefined
      const limit = start + args.timeoutMs
      observe()
      while (app.operationRunning && clock.now() < limit) {
        if (terminateAt !== undefined && clock.now() >= terminateAt) {
          app.terminate()
          terminateAt = undefined
        }
        await sleep(POLL_MS)
        observe()
      }
    } finally {
      sub.unsubscribe()
      unwatch()
    }
    observe()
    stream.flush()
    const result = current.result()
    if (!app.operationRunning) await app.idle()
    operations.push({ result, stream: stream.flushes, finalRows: resourceRows(result, selected),
      hasResources: managedResources().size > 0, endedAt: clock.now() })
    if (app.operationRunning) break // gave up waiting: no further operation can start
    // Between operations the cluster runs on; after the last one the CLI does not keep the user waiting.
    if (i < args.repeat - 1) await sleep(args.settleMs / args.speed)
  }
  return { operations, events: [...app.events], cluster: await liveEntries(cluster), liveBefore }
}


/**
 * The --json `cluster` list: the live objects of the namespace that synclab manages for this app (its labels),
 * and what they own (a Job's Pods, a Deployment's ReplicaSets and their Pods), as the simulated sync lists Pods.
 */
async function liveEntries(cluster: KubeCluster): Promise<ClusterEntry[]> {
  const objects = (await cluster.list()).filter(o => o.kind !== 'Namespace')
  const managed = new Set<string>()
  for (const o of objects) {
    const labels = o.metadata.labels ?? {}
    if (labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[APP_LABEL] === APP_NAME && o.metadata.uid) managed.add(o.metadata.uid)
  }
  // Owners come before what they own in no particular order: repeat until nothing more joins.
  for (let grew = true; grew;) {
    grew = false
    for (const o of objects) {
      const uid = o.metadata.uid
      if (!uid || managed.has(uid)) continue
      if ((o.metadata.ownerReferences ?? []).some(ref => managed.has(ref.uid))) {
        managed.add(uid)
        grew = true
      }
    }
  }
  return objects.filter(o => o.metadata.uid !== undefined && managed.has(o.metadata.uid)).map(clusterEntry)
}


/**
 * --compare: the same manifests, revision and flags synced on a fresh simulated cluster (seeded by --seed), and
 * the real run compared with it: the simulation is side a, the cluster side b.
 */
export async function compareWithSimulation(args: SyncArgs, targets: Manifest[], real: ClusterSyncRun):
  Promise<{ simulation: SyncRun; comparison: RunComparison }> {
  const live = real.liveBefore.map(o => ({ object: withoutSynclabLabels(o),
    source: { file: `${o.kind}/${o.metadata.name ?? ''} on the cluster` } }))
  // The namespace exists on the cluster (synclab works only in an existing one): likewise in the simulation.
  const simulation = await runSync(args, targets, live, { destNamespaceExists: true })
  const summary = (run: SyncRun) => summarizeRun(run.events, run.operations.map(o => o.result), run.cluster)
  return { simulation, comparison: compareRuns(summary(simulation), summary(real)) }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
