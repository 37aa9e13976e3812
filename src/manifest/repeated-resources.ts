// The reader's warning for objects that appear more than once: Argo CD's RepeatedResourceWarning, "Resource
// <group>/<Kind>/<namespace>/<name> appeared <n> times among application resources." (AC controller/state.go
// DeduplicateTargetObjects). Loaded with the reader's Kubernetes types (check-types.ts); the engine syncs the last
// copy in any case (duplicates.ts withoutRepeated).
import type { KubeObject } from '../cluster/objects.ts'
import { duplicateKey } from './duplicates.ts'
import type { Diagnostic, ManifestSource } from './types.ts'

export interface Repeated {
  key: string
  /** Indexes into the input, in order; Argo CD syncs the last. */
  at: number[]
}

/** Each key that appears more than once, with where. */
export function repeatedResources(objects: readonly KubeObject[], destNamespace: string): Repeated[] {
  const byKey = new Map<string, number[]>()
  objects.forEach((obj, i) => {
    const key = duplicateKey(obj, destNamespace)
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), i])
  })
  return [...byKey].filter(([, at]) => at.length > 1).map(([key, at]) => ({ key, at }))
}

/** Argo CD's condition message. */
export function repeatedMessage(r: Repeated): string {
  return `Resource ${r.key} appeared ${r.at.length} times among application resources.`
}

/** A warning at every copy but the last (the one Argo CD syncs). */
export function repeatedResourceWarnings(manifests: ReadonlyArray<{ object: KubeObject; source: ManifestSource }>,
  namespace: string): Diagnostic[] {
  const out: Diagnostic[] = []
  for (const r of repeatedResources(manifests.map(m => m.object), namespace)) {
    const last = manifests[r.at[r.at.length - 1]!]!.source
    for (const i of r.at.slice(0, -1)) {
      const { file, document } = manifests[i]!.source
      out.push({ file, line: document.line, col: document.col, endLine: document.line, endCol: document.col,
        severity: 'warning', code: 'repeated-resource', message: `${repeatedMessage(r)} Argo CD syncs only the last ` +
        `one (${last.file}:${last.document.line}) and ignores this one.` })
    }
  }
  return out
}
