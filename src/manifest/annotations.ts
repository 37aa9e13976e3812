// Annotation keys and the values Argo CD recognises, in one place so that the reader, the sync engine
// and the editor schema agree. Sources: gitops-engine sync/common/types.go, sync/hook/**, argo-cd
// controller/hook.go, docs sync-options.md.

export const ANNOTATION = {
  hook: 'argocd.argoproj.io/hook',
  hookDeletePolicy: 'argocd.argoproj.io/hook-delete-policy',
  syncWave: 'argocd.argoproj.io/sync-wave',
  syncOptions: 'argocd.argoproj.io/sync-options',
  helmHook: 'helm.sh/hook',
  helmHookDeletePolicy: 'helm.sh/hook-delete-policy',
  helmHookWeight: 'helm.sh/hook-weight',
} as const

export const ANNOTATION_KEYS: readonly string[] = Object.values(ANNOTATION)

/** Sync hook types, case-sensitive (R1). */
export const HOOK_TYPES = ['PreSync', 'Sync', 'PostSync', 'SyncFail', 'Skip'] as const
export type HookType = (typeof HOOK_TYPES)[number]

/** Phases in order (R11). */
export const SYNC_PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'] as const
export type SyncPhase = (typeof SYNC_PHASES)[number]

/** Application-deletion hooks, not sync hooks (R10). */
export const DELETE_HOOK_TYPES = ['PreDelete', 'PostDelete'] as const
export type DeleteHookType = (typeof DELETE_HOOK_TYPES)[number]

/** Every value `argocd.argoproj.io/hook` accepts (as a comma-separated list). */
export const ARGO_HOOK_VALUES: readonly string[] = [...HOOK_TYPES, ...DELETE_HOOK_TYPES]

/** Helm hook values that map to sync phases (R3). */
export const HELM_HOOK_TYPES: Readonly<Record<string, SyncPhase>> = {
  'pre-install': 'PreSync',
  'pre-upgrade': 'PreSync',
  'post-install': 'PostSync',
  'post-upgrade': 'PostSync',
}

/** Helm hook values Argo CD runs on Application deletion (R10). */
export const HELM_DELETE_HOOK_TYPES: Readonly<Record<string, DeleteHookType>> = {
  'pre-delete': 'PreDelete',
  'post-delete': 'PostDelete',
}

/** A `helm.sh/hook` with only this value is not a hook (R2). */
export const HELM_NOT_A_HOOK = 'crd-install'

/** Every value Helm defines for `helm.sh/hook`. */
export const HELM_HOOK_VALUES: readonly string[] = [
  ...Object.keys(HELM_HOOK_TYPES),
  ...Object.keys(HELM_DELETE_HOOK_TYPES),
  'pre-rollback', 'post-rollback', 'test', 'test-success', 'test-failure', HELM_NOT_A_HOOK,
]

export const DELETE_POLICIES = ['BeforeHookCreation', 'HookSucceeded', 'HookFailed'] as const
export type HookDeletePolicy = (typeof DELETE_POLICIES)[number]

/** Default when no recognised policy is given (R32). */
export const DEFAULT_DELETE_POLICY: HookDeletePolicy = 'BeforeHookCreation'

/** Helm delete policies and their Argo CD names (R7). */
export const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': 'BeforeHookCreation',
  'hook-succeeded': 'HookSucceeded',
  'hook-failed': 'HookFailed',
}

/**
 * Resource-level sync options (`argocd.argoproj.io/sync-options`) and the values Argo CD acts on;
 * any other value of a known key does nothing. Src: gitops-engine sync_context.go, argo-cd
 * controller/state.go, docs sync-options.md (R50, R52, R55).
 */
export const RESOURCE_SYNC_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  Prune: ['false', 'confirm'],
  Delete: ['false', 'confirm'],
  PruneLast: ['true'],
  Replace: ['true'],
  Force: ['true'],
  Validate: ['false'],
  SkipDryRunOnMissingResource: ['true'],
  ServerSideApply: ['true', 'false'],
}

/** Sync options that only work in the Application's `syncPolicy.syncOptions`, not on a resource. */
export const APP_ONLY_SYNC_OPTIONS: readonly string[] = [
  'ApplyOutOfSyncOnly', 'PrunePropagationPolicy', 'CreateNamespace', 'FailOnSharedResource',
  'RespectIgnoreDifferences', 'ClientSideApplyMigration',
]

/**
 * gitops-engine GetAnnotationCSVs (R1): split on commas, trim, drop empty items, de-duplicate
 * keeping the first occurrence.
 */
export function splitCsv(value: string | undefined): string[] {
  const out: string[] = []
  for (const raw of (value ?? '').split(',')) {
    const item = raw.trim()
    if (item !== '' && !out.includes(item)) out.push(item)
  }
  return out
}

/**
 * Go strconv.Atoi as used for sync-wave and hook-weight (R7): optional sign, ASCII digits, nothing
 * else (no spaces, no '1.0'), within the 64-bit int range. null when Go would return an error.
 */
export function parseGoInt(text: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null
  const negative = text.startsWith('-')
  const digits = text.replace(/^[+-]/, '')
  const big = BigInt(digits) * (negative ? -1n : 1n)
  if (big > 9223372036854775807n || big < -9223372036854775808n) return null
  const n = Number(big)
  return n === 0 ? 0 : n // never -0
}

/**
 * A recognised value that differs only in case or dashes/underscores ('postsync', 'post-sync',
 * 'hook-succeeded' for HookSucceeded), for "did you mean" hints.
 */
export function suggest(value: string, allowed: readonly string[]): string | null {
  let normalized = normalizedLists.get(allowed)
  if (!normalized) normalizedLists.set(allowed, (normalized = allowed.map(normalize)))
  const i = normalized.indexOf(normalize(value))
  return i < 0 ? null : allowed[i]!
}
const normalize = (s: string): string => s.toLowerCase().replace(/[-_\s]/g, '')
/** The normalized forms of a list of allowed values, kept per list (every object's annotations are checked). */
const normalizedLists = new WeakMap<readonly string[], string[]>()

/** 'A, B or C' */
export function listValues(values: readonly string[]): string {
  if (values.length <= 1) return values.join('')
  return `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`
}
