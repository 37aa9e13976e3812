// Builders for sync tests: manifests as a learner writes them, a simulation with one application, and small
// readers of the operation's result and event stream.
import type { KubeObject } from '../../src/cluster/objects.ts'
import type { Application } from '../../src/sync/application.ts'
import type { RecordedEvent } from '../../src/sync/events.ts'
import type { SyncRequest } from '../../src/sync/operation.ts'
import { Simulation } from '../../src/sync/simulation.ts'
import { withTracking } from '../../src/sync/tracking.ts'
import type { ResourceResult } from '../../src/sync/types.ts'

export const REV = 'abcdef0123456789abcdef0123456789abcdef01'
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer'

export interface Meta {
  namespace?: string
  /** argocd.argoproj.io/hook */
  hook?: string
  /** argocd.argoproj.io/hook-delete-policy */
  policy?: string
  wave?: number
  /** argocd.argoproj.io/sync-options */
  syncOptions?: string
  annotations?: Record<string, string>
  generateName?: string
  finalizers?: string[]
}

function metadata(name: string, m: Meta): KubeObject['metadata'] {
  const annotations: Record<string, string> = { ...m.annotations }
  if (m.hook !== undefined) annotations['argocd.argoproj.io/hook'] = m.hook
  if (m.policy !== undefined) annotations['argocd.argoproj.io/hook-delete-policy'] = m.policy
  if (m.wave !== undefined) annotations['argocd.argoproj.io/sync-wave'] = String(m.wave)
  if (m.syncOptions !== undefined) annotations['argocd.argoproj.io/sync-options'] = m.syncOptions
  return {
    ...(name ? { name } : {}),
    ...(m.generateName !== undefined ? { generateName: m.generateName } : {}),
    ...(m.namespace !== undefined ? { namespace: m.namespace } : {}),
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    ...(m.finalizers ? { finalizers: m.finalizers } : {}),
  }
}

export const SUCCEED_AFTER = (s: number): string[] => ['sleep', String(s)]
export const FAIL = ['sh', '-c', 'exit 1']

export function job(name: string, m: Meta & { command?: string[]; backoffLimit?: number } = {}): KubeObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: metadata(name, m),
    spec: {
      backoffLimit: m.backoffLimit ?? 0,
      template: { spec: { containers: [{ name: 'main', image: 'busybox', command: m.command ?? ['sleep', '10'] }],
        restartPolicy: 'Never' } },
    },
  }
}

export function pod(name: string, m: Meta & { command?: string[]; restartPolicy?: 'Never' | 'Always' } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: metadata(name, m),
    spec: { containers: [{ name: 'main', image: 'busybox', command: m.command ?? ['sleep', '10'] }],
      restartPolicy: m.restartPolicy ?? 'Never' },
  }
}

export function configMap(name: string, m: Meta & { data?: Record<string, string> } = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(name, m), data: m.data ?? { k: 'v' } }
}

export function secret(name: string, m: Meta = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: metadata(name, m), data: {} }
}

export function service(name: string, m: Meta & { type?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1', kind: 'Service', metadata: metadata(name, m),
    spec: { ...(m.type ? { type: m.type } : {}), selector: { app: name }, ports: [{ port: 80 }] },
  }
}

export function deployment(name: string, m: Meta & { replicas?: number; image?: string; paused?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: metadata(name, m),
    spec: {
      replicas: m.replicas ?? 1,
      ...(m.paused ? { paused: true } : {}),
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: m.image ?? 'nginx' }] } },
    },
  }
}

export function namespace(name: string, m: Meta = {}): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: metadata(name, m) }
}

export interface Setup {
  sim: Simulation
  app: Application
}

/**
 * A simulation with one application 'app' in 'default'. `live` objects exist before the sync and are tracked by
 * the app (they get its tracking id; namespace 'default' when they have none).
 */
export async function setup(manifests: KubeObject[], opts: { live?: KubeObject[]; untracked?: KubeObject[];
  waveDelayMs?: number; seed?: string; revision?: string } = {}): Promise<Setup> {
  const sim = new Simulation({ seed: opts.seed ?? 't' })
  const namespaced = (obj: KubeObject) => obj.metadata.namespace || obj.kind === 'Namespace' ? obj
    : { ...obj, metadata: { ...obj.metadata, namespace: 'default' } }
  for (const obj of opts.live ?? []) sim.fake.store.create(withTracking('app', namespaced(obj)))
  for (const obj of opts.untracked ?? []) sim.fake.store.create(namespaced(obj))
  const app = await sim.createApp('app', 'default', { waveDelayMs: opts.waveDelayMs ?? 2000 })
  app.setRevision({ revision: opts.revision ?? REV, manifests })
  return { sim, app }
}

/** Syncs and runs the operation to its end; returns its result. */
export async function syncAndRun(s: Setup, request: SyncRequest = {}) {
  s.app.sync(request)
  await s.sim.runOperation(s.app)
  return s.app.operations.at(-1)!.result()
}

/** One-shot: setup + sync + run. */
export async function run(manifests: KubeObject[], opts: Parameters<typeof setup>[1] & { request?: SyncRequest } = {}) {
  const s = await setup(manifests, opts)
  const result = await syncAndRun(s, opts.request ?? {})
  return { ...s, result }
}

export function resultOf(results: ResourceResult[], kind: string, name: string, syncPhase?: string): ResourceResult | undefined {
  return results.find(r => r.kind === kind && r.name === name && (syncPhase === undefined || r.syncPhase === syncPhase))
}

export function exists(s: Setup, kind: string, name: string, ns = 'default'): boolean {
  return s.sim.fake.get({ kind, namespace: kind === 'Namespace' ? '' : ns, name }) !== undefined
}

export function live(s: Setup, kind: string, name: string, ns = 'default'): KubeObject | undefined {
  return s.sim.fake.get({ kind, namespace: kind === 'Namespace' ? '' : ns, name })
}

type EventOf<T extends RecordedEvent['type']> = Extract<RecordedEvent, { type: T }>

export function eventsOf<T extends RecordedEvent['type']>(app: Application, type: T): EventOf<T>[] {
  return app.events.filter((e): e is EventOf<T> => e.type === type)
}

/** Non-dry-run apply events, as "Kind/name". */
export function applied(app: Application): string[] {
  return eventsOf(app, 'apply').filter(e => !e.dryRun && e.action !== 'failed').map(e => `${e.kind}/${e.name}`)
}

export function appliedAt(app: Application, kind: string, name: string): number | undefined {
  return eventsOf(app, 'apply').find(e => !e.dryRun && e.action !== 'failed' && e.kind === kind && e.name === name)?.t
}

export function deletes(app: Application): string[] {
  return eventsOf(app, 'delete').map(e => `${e.kind}/${e.name}:${e.reason}`)
}

/** The operation messages in order (de-duplicated consecutive repeats). */
export function messages(app: Application): string[] {
  const out: string[] = []
  for (const e of eventsOf(app, 'operation')) if (e.message !== undefined && out.at(-1) !== e.message) out.push(e.message)
  return out
}

/**
 * Steps the simulation until `pred` holds (checked after each settled step); throws if it never does.
 */
export async function runUntil(s: Setup, pred: () => boolean, limitMs = 3_600_000): Promise<void> {
  await s.sim.run(pred, s.sim.fake.now() + limitMs)
  if (!pred()) throw new Error(`condition not reached (t=${s.sim.fake.now()})`)
}

/** Makes the cluster's apply fail (not in dry run) for the named objects, with the given message. */
export function failApply(s: Setup, names: Record<string, string>): void {
  const cluster = s.sim.cluster as { apply: Setup['sim']['cluster']['apply'] }
  const original = cluster.apply
  cluster.apply = async (obj, opts) => {
    const msg = names[obj.metadata.name ?? '']
    if (msg !== undefined && !opts?.dryRun) throw new Error(msg)
    return original(obj, opts)
  }
}
