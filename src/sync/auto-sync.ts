// Argo CD's automated sync policy (AC appcontroller autoSync): an OutOfSync application starts a sync by itself,
// once per revision; a revision whose automated sync failed is not tried again (R62); self-heal re-syncs the same
// revision when the live state drifts.
import type { AppStatus } from './app-status.ts'
import type { RetryStrategy, SyncOptions } from './operation.ts'

export interface SyncPolicy {
  automated?: { prune?: boolean; selfHeal?: boolean }
  retry?: RetryStrategy
  syncOptions?: SyncOptions
}

/** R62: automated syncs retry 5 times when the policy sets no retry. */
export const AUTOMATED_DEFAULT_RETRY: RetryStrategy = { limit: 5 }
/** How long self-heal waits after the last sync before it corrects drift (`--self-heal-timeout-seconds`). */
export const SELF_HEAL_TIMEOUT_MS = 5_000

export interface LastOperation {
  revision: string
  automated: boolean
  phase: string
  finishedAt?: number
}

export type AutoSyncDecision = { sync: true; reason: string } |
  { sync: false; reason: string; quiet?: boolean; retryAt?: number }

export function decideAutoSync(policy: SyncPolicy | undefined, status: AppStatus, revision: string,
  last: LastOperation | undefined, now: number): AutoSyncDecision {
  if (!policy?.automated) return { sync: false, reason: 'no automated sync policy', quiet: true }
  if (status.sync !== 'OutOfSync') return { sync: false, reason: 'application is Synced', quiet: true }
  const outOfSync = status.resources.filter(r => !r.hook && r.status === 'OutOfSync')
  if (!policy.automated.prune && outOfSync.every(r => r.requiresPruning)) {
    return { sync: false, reason: `Skipping sync attempt to ${revision}: need to prune extra resources only but automated prune is disabled` }
  }
  if (last && last.revision === revision && last.automated) {
    if (last.phase !== 'Succeeded') {
      return { sync: false, reason: `Skipping auto-sync: failed previous sync attempt to ${revision}` }
    }
    if (!policy.automated.selfHeal) {
      return { sync: false, reason: `Skipping auto-sync: most recent sync already to ${revision}`, quiet: true }
    }
    if (last.finishedAt !== undefined && now < last.finishedAt + SELF_HEAL_TIMEOUT_MS) {
      return { sync: false, reason: 'self-heal waits', quiet: true, retryAt: last.finishedAt + SELF_HEAL_TIMEOUT_MS }
    }
    return { sync: true, reason: `Initiated automated sync to '${revision}' (self-heal)` }
  }
  return { sync: true, reason: `Initiated automated sync to '${revision}'` }
}
