// The options of one simulated sync, as the library takes them (`simulate(manifests, options)`) and as the CLI's
// flags, an Application manifest (--app) and a sweep file's `sync:` give them. Types only: sync-options.ts
// checks and resolves them.
import type { WhatIfOutcome } from '../cluster/what-if.ts'

/** A duration: "500ms", "5s", "3m", "1h", "1m30s" (virtual time), or a number of seconds. */
export type Duration = string | number

/** One simulated sync's settings; every field is optional. Names follow `argocd app sync` and the Application spec. */
export interface SimulateOptions {
  /** The Application's name (default "synclab"). */
  appName?: string
  /** Its destination namespace (default "default"). */
  destNamespace?: string
  /** The revision synced (default a fixed 40-hex id). */
  revision?: string
  prune?: boolean
  dryRun?: boolean
  /** A selective sync: GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME (`:Service:web` for core kinds). */
  resources?: string[]
  /** KEY=VALUE, e.g. "PruneLast=true", "ApplyOutOfSyncOnly=true" (later ones win). */
  syncOptions?: string[]
  replace?: boolean
  force?: boolean
  applyOutOfSyncOnly?: boolean
  /** "apply" runs no hooks (default "hook"). */
  strategy?: 'hook' | 'apply'
  /** The operation's retry strategy (as in an Application's spec.syncPolicy.retry). A limit of 0 means none. */
  retry?: { limit: number; backoff?: { duration?: Duration; factor?: number; maxDuration?: Duration } }
  /** spec.syncPolicy.automated: the app syncs by itself; the first operation is that automated sync. */
  automated?: { prune?: boolean; selfHeal?: boolean }
  /** Request Terminate of the first operation this long after it started. */
  terminateAfter?: Duration
  /** ARGOCD_SYNC_WAVE_DELAY (default 2s). */
  waveDelay?: Duration
  /** This many syncs one after another on the same cluster (default 1). */
  repeat?: number
  /** How long the cluster runs on after each operation (default 30s). */
  settle?: Duration
  /** Give up waiting for an operation after this long (default 24h). */
  timeout?: Duration
  /** Seed for every random choice (default 1). */
  seed?: number | string
  /** How a workload's containers behave, by "Kind/name" (e.g. { "Job/before": "fails" }): succeeds, fails, slow, never-ready, bad-image. */
  whatIf?: Record<string, WhatIfOutcome>
  /** spec.ignoreDifferences: fields the app's comparison leaves out; with RespectIgnoreDifferences=true the sync keeps their live values too (R80). */
  ignoreDifferences?: Array<{ group: string; kind: string; name?: string; namespace?: string; jsonPointers?: string[];
    jqPathExpressions?: string[] }>
}

