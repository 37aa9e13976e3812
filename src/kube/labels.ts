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
  const metadata = withoutOurLabels(obj.metadata)
  const last = readLastApplied(obj) as { metadata?: { labels?: Record<string, string> } } | undefined
  if (last && typeof last === 'object') {
    // Written as kubectl writes it (annotateLastApplied): the next apply compares the text.
    const text = JSON.stringify({ ...last, metadata: withoutOurLabels(last.metadata ?? {}) }) + '\n'
    metadata.annotations = { ...metadata.annotations, [LAST_APPLIED]: text }
  }
  return { ...obj, metadata }
}

/**
 * A copy of the metadata without synclab's labels (and without `labels` when none is left). Keys keep their order:
 * the last-applied text is compared as text.
 */
function withoutOurLabels<M extends { labels?: Record<string, string> }>(metadata: M): M {
  const copy = { ...metadata }
  const { [MANAGED_BY_LABEL]: _m, [APP_LABEL]: _a, ...others } = copy.labels ?? {}
  if (Object.keys(others).length > 0) copy.labels = others
  else delete copy.labels
  return copy
}

