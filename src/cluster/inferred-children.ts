// Children that Argo CD's resource tree shows under an object without an owner reference: a StatefulSet's
// PersistentVolumeClaims, named `<template>-<sts>-<ordinal>` (GE cache/references.go isStatefulSetChild and the
// cluster cache's getPVCOwnerRefs). The claims are retained apart from their StatefulSet by default, so Kubernetes
// gives them no owner; the tree still draws them as its children.
import type { KubeObject, StatefulSet } from './objects.ts'

/** The objects to draw under `owner`: its dependents by owner reference, then the inferred ones. */
export function treeChildren(owner: KubeObject | undefined, owned: KubeObject[],
  list: (kind: string, namespace: string) => KubeObject[]): KubeObject[] {
  if (owner?.kind !== 'StatefulSet') return owned
  const sts = owner as StatefulSet
  const templates = (sts.spec?.volumeClaimTemplates ?? []).map(t => t.metadata?.name ?? '')
  if (templates.length === 0) return owned
  const already = new Set(owned.map(o => o.metadata.uid))
  const claims = list('PersistentVolumeClaim', sts.metadata.namespace ?? '').filter(claim =>
    !already.has(claim.metadata.uid) && templates.some(t => isClaimOf(claim.metadata.name ?? '', t, sts.metadata.name ?? '')))
  return claims.length === 0 ? owned : [...owned, ...claims]
}

function isClaimOf(claimName: string, template: string, sts: string): boolean {
  const prefix = `${template}-${sts}-`
  return claimName.startsWith(prefix) && /^(0|[1-9]\d*)$/.test(claimName.slice(prefix.length))
}
