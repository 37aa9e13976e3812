// What the resource graph reads, taken from a ShownApp (the simulation's or a real cluster's) by the application
// view. The engine's answers about an object (health, hook settings, API group, YAML) come through here, so the
// graph's own modules, loaded apart from the page, import nothing of the engine. DOM-free.
import { stringify } from 'yaml'
import { getHealth, type HealthStatus, type HealthStatusCode } from '../../cluster/health/index.ts'
import { groupOf, type KubeObject } from '../../cluster/objects.ts'
import type { ResourceStatus, SyncStatusCode } from '../../sync/app-status.ts'
import type { RecordedEvent } from '../../sync/events.ts'
import { settingsOf } from '../../sync/task.ts'
import type { ResourceResult } from '../../sync/types.ts'
import type { ShownApp } from './shown-app.ts'

export interface ObjectFacts {
  group: string
  health?: HealthStatus
  /** Set when the object is a hook (R2): its types (R1, R3) and delete policies (R7, R32). */
  hook?: { types: string[]; deletePolicies: string[] }
}

export interface GraphSource {
  app: { name: string; namespace: string; sync: SyncStatusCode; health: HealthStatusCode }
  /** The objects the application tracks. */
  live: readonly KubeObject[]
  dependents(uid: string): KubeObject[]
  resources: readonly ResourceStatus[]
  /** The current operation's results (hook phases). */
  results: readonly ResourceResult[]
  events: readonly RecordedEvent[]
  /** Virtual time in the simulation, wall time on a real cluster: the events' clock. */
  now: number
  facts(obj: KubeObject): ObjectFacts
  /** The live object as `kubectl get -o yaml` prints it (without managedFields). */
  manifest(obj: KubeObject): string
}

export function graphSourceOf(shown: ShownApp): GraphSource {
  const app = shown.app
  const status = app.status()
  return {
    app: { name: app.name, namespace: app.namespace, sync: status.sync, health: status.health },
    live: [...app.live().values()],
    dependents: uid => shown.dependents(uid),
    resources: status.resources,
    results: app.currentOperation?.result().resources ?? [],
    events: app.events,
    now: app.cluster.clock.now(),
    facts: factsOf,
    manifest: manifestOf,
  }
}

// Objects are immutable (an update is a new object): what was worked out once for one holds.
const facts = new WeakMap<KubeObject, ObjectFacts>()
const manifests = new WeakMap<KubeObject, string>()

function factsOf(obj: KubeObject): ObjectFacts {
  let f = facts.get(obj)
  if (!f) {
    const health = getHealth(obj)
    const s = settingsOf(obj)
    f = { group: groupOf(obj.apiVersion), ...(health ? { health } : {}),
      ...(s.isHook ? { hook: { types: s.hookTypes, deletePolicies: s.deletePolicies } } : {}) }
    facts.set(obj, f)
  }
  return f
}

function manifestOf(obj: KubeObject): string {
  let text = manifests.get(obj)
  if (text === undefined) {
    const { managedFields: _, ...metadata } = obj.metadata as KubeObject['metadata'] & { managedFields?: unknown }
    text = stringify({ ...obj, metadata })
    manifests.set(obj, text)
  }
  return text
}
