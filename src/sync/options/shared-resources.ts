// R81 FailOnSharedResource=true: Argo CD's comparison gives the Application a SharedResourceWarning condition when a
// live object it would manage carries another Application's tracking id; with the option the operation then fails
// before any task runs (no dry run, no results, no SyncFail hooks). Argo CD controller/state.go CompareAppState,
// controller/sync.go hasSharedResourceCondition.
// No runtime imports: the page loads it only when the option is set.
import type { KubeObject } from '../../cluster/objects.ts'
import type { Cluster } from '../cluster.ts'

const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id' // tracking.ts

/** "Shared resource found: <Kind>/<name> is part of applications <app> and <other>", or undefined. */
export async function sharedResourceMessage(cluster: Cluster, appName: string, namespace: string,
  targets: readonly KubeObject[], isManaged: (obj: KubeObject) => boolean): Promise<string | undefined> {
  for (const target of targets) {
    if (!isManaged(target) || !target.metadata.name) continue
    const info = cluster.kindInfo(target.apiVersion, target.kind)
    if (!info) continue
    const ref = { kind: target.kind, namespace: info.namespaced ? target.metadata.namespace || namespace : '',
      name: target.metadata.name }
    const live = await cluster.get(ref)
    const owner = live?.metadata.annotations?.[TRACKING_ANNOTATION]?.split(':')[0]
    if (owner && owner !== appName) {
      return `Shared resource found: ${target.kind}/${target.metadata.name} is part of applications ${appName} and ${owner}`
    }
  }
  return undefined
}
