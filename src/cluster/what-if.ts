// The "what if" settings: make a workload's containers behave otherwise than their command says, without editing
// its manifest (the page's What-if panel, `synclab sync`'s library option `whatIf`, `synclab sweep`'s `whatIf`
// dimension). DOM-free, so the page and the CLI share one table.
import type { ContainerOverride, OverrideLookup } from './kubelet.ts'
import type { KubeObject } from './objects.ts'

/** The page's names for the settings ('normal': the command as written). */
export type WhatIf = 'normal' | 'fail' | 'slow' | 'never-ready' | 'missing-image'

export const WHAT_IF_OVERRIDES: Record<Exclude<WhatIf, 'normal'>, ContainerOverride> = {
  'fail': { exitCode: 1 },
  'slow': { extraMs: 30_000 },
  'never-ready': { neverReady: true },
  'missing-image': { missingImage: true },
}

/** The CLI's and the library's names for the same settings: outcomes, as a chart author thinks of them. */
export const WHAT_IF_OUTCOMES = {
  'succeeds': 'normal', 'fails': 'fail', 'slow': 'slow', 'never-ready': 'never-ready', 'bad-image': 'missing-image',
} as const satisfies Record<string, WhatIf>

export type WhatIfOutcome = keyof typeof WHAT_IF_OUTCOMES

export function isWhatIfOutcome(value: unknown): value is WhatIfOutcome {
  return typeof value === 'string' && Object.hasOwn(WHAT_IF_OUTCOMES, value)
}

/** "Job/after" for a Job's Pod, "Deployment/web" for a Deployment's (through its ReplicaSet), else the Pod. */
export function workloadOf(pod: KubeObject, byUid: (uid: string) => KubeObject | undefined): string {
  const owner = pod.metadata.ownerReferences?.find(o => o.controller)
  if (!owner) return `Pod/${pod.metadata.name}`
  if (owner.kind !== 'ReplicaSet') return `${owner.kind}/${owner.name}`
  const rs = byUid(owner.uid)
  const top = rs?.metadata.ownerReferences?.find(o => o.controller)
  return top ? `${top.kind}/${top.name}` : `ReplicaSet/${owner.name}`
}

/**
 * The kubelet's override lookup for fixed settings by workload ("Job/before" -> 'fails'). `byUid` reads the live
 * store (a Deployment's Pods are owned through a ReplicaSet).
 */
export function whatIfLookup(settings: Readonly<Record<string, WhatIfOutcome>>,
  byUid: (uid: string) => KubeObject | undefined): OverrideLookup | undefined {
  if (Object.keys(settings).length === 0) return undefined
  return pod => {
    const outcome = settings[workloadOf(pod, byUid)]
    const setting = outcome === undefined ? 'normal' : WHAT_IF_OUTCOMES[outcome]
    return setting === 'normal' ? undefined : WHAT_IF_OVERRIDES[setting]
  }
}
