// A StatefulSet's volumeClaimTemplates: before each Pod, one PersistentVolumeClaim per template, named
// `<template>-<sts>-<ordinal>`, labelled with the StatefulSet's selector, and the Pod's volume of the template's
// name pointed at it (kubernetes stateful_pod_control.go createPersistentVolumeClaims, stateful_set_utils.go
// getPersistentVolumeClaims / updateStorage). The claims outlive the StatefulSet unless its retention policy says
// Delete: whenDeleted Delete makes the StatefulSet their owner, whenScaled Delete the Pod (k8s 1.27+ defaults: Retain).
import type { EventRecorder } from './events.ts'
import type { ObjectMeta, OwnerReference, Pod, PodSpec, StatefulSet } from './objects.ts'
import type { ObjectStore } from './store.ts'

const SOURCE = 'statefulset-controller'

export function claimName(template: string, sts: StatefulSet, ordinal: number): string {
  return `${template}-${sts.metadata.name}-${ordinal}`
}

/** Creates the claims of one ordinal that do not exist yet; false when one could not be created. */
export function ensureClaims(store: ObjectStore, events: EventRecorder, sts: StatefulSet, ordinal: number): boolean {
  const podName = `${sts.metadata.name}-${ordinal}`
  for (const template of sts.spec.volumeClaimTemplates ?? []) {
    const name = claimName(template.metadata?.name ?? '', sts, ordinal)
    if (store.get({ kind: 'PersistentVolumeClaim', namespace: sts.metadata.namespace!, name })) continue
    const meta: ObjectMeta = {
      name, namespace: sts.metadata.namespace!,
      labels: { ...template.metadata?.labels, ...sts.spec.selector?.matchLabels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ...(sts.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete' ? { ownerReferences: [ownerRef(sts)] } : {}),
    }
    try {
      store.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: meta, spec: structuredClone(template.spec ?? {}) })
    } catch (e) {
      events.record(sts, 'Warning', 'FailedCreate', `create Claim ${name} for Pod ${podName} in StatefulSet ` +
        `${sts.metadata.name} failed error: ${e instanceof Error ? e.message : String(e)}`, SOURCE)
      return false
    }
    events.record(sts, 'Normal', 'SuccessfulCreate',
      `create Claim ${name} Pod ${podName} in StatefulSet ${sts.metadata.name} success`, SOURCE)
  }
  return true
}

/** The Pod's spec with a volume per claim template, replacing a template volume of the same name (updateStorage). */
export function withClaimVolumes(spec: PodSpec, sts: StatefulSet, ordinal: number): PodSpec {
  const templates = sts.spec.volumeClaimTemplates ?? []
  if (templates.length === 0) return spec
  const names = new Set(templates.map(t => t.metadata?.name ?? ''))
  const volumes = (spec.volumes ?? []).filter(v => !names.has(v.name))
  for (const t of templates) {
    const name = t.metadata?.name ?? ''
    volumes.push({ name, persistentVolumeClaim: { claimName: claimName(name, sts, ordinal) } })
  }
  return { ...spec, volumes }
}

/**
 * whenScaled Delete: before a scale-down removes a Pod, its claims get the Pod as owner, so the garbage collector
 * deletes them after it (stateful_set_utils.go updateClaimOwnerRefForSetAndPod).
 */
export function handClaimsToPod(store: ObjectStore, sts: StatefulSet, pod: Pod, ordinal: number): void {
  if (sts.spec.persistentVolumeClaimRetentionPolicy?.whenScaled !== 'Delete') return
  const owner: OwnerReference = { apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name!, uid: pod.metadata.uid! }
  for (const template of sts.spec.volumeClaimTemplates ?? []) {
    const ref = { kind: 'PersistentVolumeClaim', namespace: sts.metadata.namespace!, name: claimName(template.metadata?.name ?? '', sts, ordinal) }
    const claim = store.get(ref)
    if (!claim || claim.metadata.ownerReferences?.some(o => o.uid === owner.uid)) continue
    store.updateMetadata(ref, meta => { meta.ownerReferences = [...(meta.ownerReferences ?? []), owner] })
  }
}

function ownerRef(sts: StatefulSet): OwnerReference {
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', name: sts.metadata.name!, uid: sts.metadata.uid! }
}
