// The labels synclab puts on everything it creates on a real cluster: it changes, prunes and deletes only what
// carries them (confinement), and a cleanup finds its objects by them.
import { LAST_APPLIED, readLastApplied } from '../cluster/kubectl-apply.ts'
import type { KubeObject } from '../cluster/objects.ts'

export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by'
export const MANAGED_BY_VALUE = 'synclab'
export const APP_LABEL = 'synclab.dev/app'

/**
 * The object without the labels synclab adds on a real cluster (also out of its last-applied configuration): as
 * the simulated cluster would hold it, where nothing adds them.
 */
export function withoutSynclabLabels(obj: KubeObject): KubeObject {
  const strip = (labels: Record<string, string> | undefined): Record<string, string> | undefined => {
    if (!labels) return labels
    const { [MANAGED_BY_LABEL]: _m, [APP_LABEL]: _a, ...rest } = labels
    return Object.keys(rest).length > 0 ? rest : undefined
  }
  const metadata = { ...obj.metadata }
  const labels = strip(metadata.labels)
  if (labels) metadata.labels = labels
  else delete metadata.labels
  const last = readLastApplied(obj) as { metadata?: { labels?: Record<string, string> } } | undefined
  if (last && typeof last === 'object') {
    const lastMeta = { ...last.metadata }
    const lastLabels = strip(lastMeta.labels)
    if (lastLabels) lastMeta.labels = lastLabels
    else delete lastMeta.labels
    // Written as kubectl writes it (annotateLastApplied): the next apply compares the text.
    metadata.annotations = { ...metadata.annotations, [LAST_APPLIED]: JSON.stringify({ ...last, metadata: lastMeta }) + '\n' }
  }
  return { ...obj, metadata }
}

