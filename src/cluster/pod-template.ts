// A Pod made from a controller's template (Job, ReplicaSet, StatefulSet, DaemonSet): named <owner>-<5 chars> unless
// the controller names it (a StatefulSet's <name>-<ordinal>), labelled as the template says plus the controller's
// own labels, owned by the controller (which blocks its owner's foreground deletion until it is gone).
import type { EventRecorder } from './events.ts'
import type { KubeObject, Pod, PodSpec, PodTemplate } from './objects.ts'
import type { ObjectStore } from './store.ts'

export interface PodExtras {
  /** A fixed name instead of generateName. */
  name?: string
  labels?: Record<string, string>
  /** Fields the controller adds to the template's spec (hostname, node affinity). */
  spec?: Partial<PodSpec>
}

export function createPodFromTemplate(store: ObjectStore, events: EventRecorder, owner: KubeObject,
  template: PodTemplate, source: string, extras: PodExtras = {}): Pod {
  const pod = store.create({
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      ...(extras.name ? { name: extras.name } : { generateName: `${owner.metadata.name}-` }),
      namespace: owner.metadata.namespace!,
      labels: { ...template.metadata?.labels, ...extras.labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!,
        uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: extras.spec ? { ...template.spec, ...extras.spec } : template.spec,
  }, { handOver: true }) as Pod
  events.record(owner, 'Normal', 'SuccessfulCreate', extras.name
    ? `create Pod ${pod.metadata.name} in StatefulSet ${owner.metadata.name} successful`
    : `Created pod: ${pod.metadata.name}`, source)
  return pod
}
