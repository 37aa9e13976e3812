// An application's live objects from elsewhere (a real cluster before a sync, or `synclab sync --live` files), put
// into the simulated cluster as they are: what the API server set on them is dropped, the rest is created with its
// last-applied configuration (or applied, as kubectl would, when it has none), and their status is written back, so
// a Job that had finished stays finished and is not run again.
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import { LAST_APPLIED } from '../cluster/kubectl-apply.ts'
import type { KubeObject } from '../cluster/objects.ts'
import { TRACKING_ANNOTATION, withTracking } from './tracking.ts'

/** Metadata only an API server writes: the simulated one writes its own. */
const SERVER_METADATA = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'selfLink',
  'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences'] as const
/** Pod template labels the Job controller derives from the Job's uid (a new uid here). */
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid']

/**
 * Virtual ms the simulation runs after objects are brought over from a real cluster and before it syncs: there
 * they had long settled (a Deployment's Pods up), here they have just been created.
 */
export const SETTLE_AFTER_SEED_MS = 10 * 60_000

/**
 * R98: objects already live when the sync starts were created long before it. A simulated cluster for them starts
 * this far before the virtual epoch (`new Simulation(liveSince())`), they are seeded, and `settleSeeded` runs the
 * cluster up to the epoch, where the sync starts: Pods Running and Ready, Deployments available, Jobs finished
 * (or keeping the status they were given).
 */
export function liveSince(): { startAt: number } {
  return { startAt: -SETTLE_AFTER_SEED_MS }
}

/** Runs the simulated cluster from the seeding up to the operation's start (virtual time 0). */
export function settleSeeded(fake: FakeCluster): void {
  if (fake.now() < 0) fake.clock.runUntil(0)
}

/** An object the simulated cluster cannot take, with why. */
export class SeedError extends Error {}

/**
 * Applies the object (a namespaced one defaults to `defaultNamespace`), tracked by `appName` (annotation tracking),
 * and writes its status back. Throws SeedError.
 */
export function seedLive(fake: FakeCluster, appName: string, defaultNamespace: string, obj: KubeObject): KubeObject {
  const info = fake.store.kinds.lookup(obj.apiVersion, obj.kind)
  if (!info) throw new SeedError(`the cluster does not serve ${obj.apiVersion} ${obj.kind}`)
  const namespace = info.namespaced ? obj.metadata.namespace || defaultNamespace : undefined
  if (namespace) fake.ensureNamespace(namespace)
  const { status, ...rest } = obj
  const metadata: Record<string, unknown> = { ...rest.metadata }
  for (const key of SERVER_METADATA) delete metadata[key]
  if (namespace) metadata['namespace'] = namespace
  else delete metadata['namespace']
  // An object tracked by another Application stays that one's (a shared resource, R81); the rest become appName's.
  const foreign = trackedByOther(appName, obj)
  const bare = { ...withoutJobSelector(rest as KubeObject), metadata } as KubeObject
  const object = foreign ? bare : withTracking(appName, bare)
  try {
    // An object that was applied elsewhere keeps its own last-applied configuration (the next apply's three-way
    // merge reads it): created as it is. Without one it is applied, as `kubectl apply` would have.
    const applied = object.metadata.annotations?.[LAST_APPLIED] !== undefined
    const created = fake.apply(object, applied ? { replace: true } : {}).object
    if (status === undefined) return created
    return fake.store.updateStatus({ kind: created.kind, namespace: namespace ?? '', name: created.metadata.name! }, status)
  } catch (e) {
    throw new SeedError(`${obj.kind} ${obj.metadata.name ?? ''}: ${(e as Error).message}`)
  }
}

/** A Job as its API server returned it has a generated selector and uid labels; the simulated one makes its own. */
function withoutJobSelector(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Job') return obj
  const spec = obj['spec'] as { selector?: unknown; manualSelector?: boolean; template?: { metadata?: { labels?: Record<string, string> } } } | undefined
  if (!spec || spec.manualSelector || spec.selector === undefined) return obj
  const { selector: _generated, ...restSpec } = spec
  const labels = { ...spec.template?.metadata?.labels }
  for (const l of JOB_UID_LABELS) delete labels[l]
  const template = spec.template ? { ...spec.template, metadata: { ...spec.template.metadata, labels } } : undefined
  return { ...obj, spec: { ...restSpec, ...(template ? { template } : {}) } }
}

function trackedByOther(appName: string, obj: KubeObject): boolean {
  const owner = obj.metadata.annotations?.[TRACKING_ANNOTATION]?.split(':')[0]
  return owner !== undefined && owner !== '' && owner !== appName
}
