// A Pod made from a controller's template (Job, ReplicaSet): named <owner>-<5 chars>, labelled as the template
// says, owned by the controller (which blocks its owner's foreground deletion until it is gone).
import type { EventRecorder } from './events.ts'
import type { KubeObject, Pod, PodTemplate } from './objects.ts'
import type { ObjectStore } from './store.ts'

export function createPodFromTemplate(store: ObjectStore, events: EventRecorder, owner: KubeObject,
  template: PodTemplate, source: string): Pod {
  const pod = store.create({
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      generateName: `${owner.metadata.name}-`, namespace: owner.metadata.namespace!,
      labels: { ...template.metadata?.labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name!,
        uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: template.spec,
  }, { handOver: true }) as Pod
  events.record(owner, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, source)
  return pod
}
