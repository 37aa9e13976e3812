// The options of one simulated sync, as the library takes them (`simulate(manifests, options)`) and as
// `synclab sync`'s flags, an Argo CD Application manifest (--app) and a sweep file's `sync:` give them; resolved
// here, in one place, into what the run needs. Every mistake is a UsageError (exit 2 in the CLI), worded as argocd
// words it where argocd has the check.
import type { IgnoreDifference } from '../sync/options/respect-ignore-differences.ts'
import { isNamespaceName } from '../cluster/validation.ts'
import { isWhatIfOutcome, WHAT_IF_OUTCOMES, type WhatIfOutcome } from '../cluster/what-if.ts'
import { listValues, suggest } from '../manifest/index.ts'
import type { SyncPolicy } from '../sync/auto-sync.ts'
import type { SyncOptions, SyncRequest } from '../sync/operation.ts'
import type { ResourceKey } from '../sync/types.ts'

import { UsageError } from './usage-error.ts'
import type { Duration, SimulateOptions } from './options.ts'

export { UsageError } from './usage-error.ts'
export type { Duration, SimulateOptions } from './options.ts'

/** The fixed revision synced when --revision is not given (40 hex, like a git commit id). */
export const DEFAULT_REVISION = '5f3c2a9e8d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a'
export const DEFAULT_SETTLE_MS = 30_000
/** How long (virtual) the CLI waits for one operation when --timeout is not given. */
export const DEFAULT_TIMEOUT_MS = 24 * 3_600_000
/** The Application's name when neither --app nor `appName` names one. */
export const APP_NAME = 'synclab'

/** What a simulated run needs, resolved from SimulateOptions. */
export interface ResolvedSync {
  appName: string
  destNamespace: string
  revision: string
  request: SyncRequest
  /** The Application's own policy (automated, its sync options and retry), when one was given. */
  syncPolicy?: SyncPolicy
  terminateAfterMs?: number
  waveDelayMs?: number
  repeat: number
  settleMs: number
  timeoutMs: number
  seed: number | string
  whatIf: Record<string, WhatIfOutcome>
  /** The Application's spec.ignoreDifferences (RespectIgnoreDifferences=true reads them, R80). */
  ignoreDifferences?: IgnoreDifference[]
}

/** Application-level sync options and how each sets SyncOptions (R50–R55). Values are Argo CD's. */
const SYNC_OPTIONS: Record<string, { values: readonly string[]; set: (o: SyncOptions, v: string) => void }> = {
  PruneLast: { values: ['true', 'false'], set: (o, v) => { o.pruneLast = v === 'true' } },
  ApplyOutOfSyncOnly: { values: ['true', 'false'], set: (o, v) => { o.applyOutOfSyncOnly = v === 'true' } },
  Replace: { values: ['true', 'false'], set: (o, v) => { o.replace = v === 'true' } },
  Force: { values: ['true', 'false'], set: (o, v) => { o.force = v === 'true' } },
  PrunePropagationPolicy: { values: ['foreground', 'background', 'orphan'],
    set: (o, v) => { o.prunePropagationPolicy = v as NonNullable<SyncOptions['prunePropagationPolicy']> } },
  SkipDryRunOnMissingResource: { values: ['true', 'false'], set: (o, v) => { o.skipDryRunOnMissingResource = v === 'true' } },
  CreateNamespace: { values: ['true', 'false'], set: (o, v) => { o.createNamespace = v === 'true' } },
  Prune: { values: ['false', 'true'], set: (o, v) => { o.pruneDisabled = v === 'false' } },
  ServerSideApply: { values: ['true', 'false'], set: (o, v) => { o.serverSideApply = v === 'true' } },
  Validate: { values: ['false', 'true'], set: (o, v) => { o.validateDisabled = v === 'false' } },
  RespectIgnoreDifferences: { values: ['true', 'false'], set: (o, v) => { o.respectIgnoreDifferences = v === 'true' } },
  FailOnSharedResource: { values: ['true', 'false'], set: (o, v) => { o.failOnSharedResource = v === 'true' } },
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** "500ms", "5s", "3m", "1h", "1m30s" (Go time.ParseDuration without µs/ns) -> milliseconds. */
export function parseDuration(text: string, flag: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy
  let total = 0
  let matched = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!
    matched = re.lastIndex
  }
  if (text === '' || matched !== text.length) {
    throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: time: invalid duration "${text}" ` +
      '(use e.g. 500ms, 5s, 3m)')
  }
  return Math.round(total)
}

/** argocd parseSelectedResources: GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME. */
export function parseResource(text: string): ResourceKey {
  const fields = text.split(':')
  if (fields.length !== 3) throw new UsageError(`Resource should have GROUP:KIND:NAME, but instead got: ${text}`)
  const [group, kind, last] = fields as [string, string, string]
  let namespace = ''
  let name = last
  if (last.includes('/')) {
    const parts = last.split('/')
    if (parts.length !== 2) {
      throw new UsageError(`Resource with namespace should have GROUP:KIND:NAMESPACE/NAME, but instead got: ${text}`)
    }
    namespace = parts[0]!
    name = parts[1]!
  }
  if (group.startsWith('!') || [group, kind, namespace, name].includes('*')) {
    throw new UsageError(`--resource ${text}: exclusions ('!') and wildcards ('*') are not supported by synclab`)
  }
  return { group, kind, namespace, name }
}

/** `--sync-option KEY=VALUE` -> SyncOptions; unknown keys or values are rejected. */
export function parseSyncOption(text: string, into: SyncOptions): void {
  const eq = text.indexOf('=')
  const key = eq < 0 ? text : text.slice(0, eq)
  const value = eq < 0 ? '' : text.slice(eq + 1)
  const known = Object.keys(SYNC_OPTIONS)
  const option = SYNC_OPTIONS[key]
  if (!option) {
    const s = suggest(key, known)
    throw new UsageError(`unknown sync option "${text}"${s ? ` (did you mean ${s}?)` : ''}; known options: ` +
      listValues(known))
  }
  if (!option.values.includes(value)) {
    throw new UsageError(`invalid value for sync option ${key}: "${value}" (expected ${listValues(option.values)})`)
  }
  option.set(into, value)
}

/** A duration option: a number is seconds (as in lab files), a string as parseDuration reads it. */
function durationOption(value: Duration, flag: string): number {
  if (typeof value === 'number') {
    if (!(value >= 0) || !Number.isFinite(value)) throw new UsageError(`--${flag}: expected a duration, not ${value}`)
    return Math.round(value * 1000)
  }
  return /^\d+$/.test(value) ? Number(value) * 1000 : parseDuration(value, flag)
}

function wholeNumber(value: number | undefined, flag: string, min: number, fallback: number): number {
  if (value === undefined) return fallback
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${flag}: expected a whole number of at least ${min}, not ${value}`)
  return value
}

const DEFAULT_BACKOFF = { duration: '5s', factor: 2, maxDuration: '3m' } as const

/** Checks and resolves the options of one simulated sync (the library's, the CLI's after its flags are read). */
export function resolveSimulateOptions(o: SimulateOptions): ResolvedSync {
  const destNamespace = o.destNamespace ?? 'default'
  if (!isNamespaceName(destNamespace)) {
    throw new UsageError(`--dest-namespace "${destNamespace}": a namespace name must be a DNS-1123 label`)
  }
  const appName = o.appName ?? APP_NAME
  if (!isNamespaceName(appName)) throw new UsageError(`application name "${appName}": must be a DNS-1123 label`)
  const revision = o.revision ?? DEFAULT_REVISION
  if (revision === '') throw new UsageError('--revision must not be empty')
  const strategy = o.strategy ?? 'hook'
  if (strategy !== 'hook' && strategy !== 'apply') throw new UsageError(`Unknown sync strategy: '${String(strategy)}'`)

  const options: SyncOptions = {}
  if (o.replace) options.replace = true
  if (o.applyOutOfSyncOnly) options.applyOutOfSyncOnly = true
  for (const text of o.syncOptions ?? []) parseSyncOption(text, options)

  const request: SyncRequest = {}
  if (o.prune) request.prune = true
  if (o.dryRun) request.dryRun = true
  if (o.force) request.force = true // R77: the operation's force (argocd app sync --force), not a sync option
  const resources = (o.resources ?? []).map(parseResource)
  if (resources.length > 0) request.resources = resources
  if (strategy === 'apply') request.applyStrategy = true
  if (Object.keys(options).length > 0) request.options = options
  // argocd app sync sends a retry strategy only when --retry-limit > 0.
  if (o.retry && o.retry.limit > 0) {
    const b = { ...DEFAULT_BACKOFF, ...o.retry.backoff }
    request.retry = { limit: wholeNumber(o.retry.limit, 'retry-limit', 1, 0), backoff: {
      durationMs: durationOption(b.duration, 'retry-backoff-duration'),
      factor: wholeNumber(b.factor, 'retry-backoff-factor', Number.MIN_SAFE_INTEGER, 2),
      maxDurationMs: durationOption(b.maxDuration, 'retry-backoff-max-duration') } }
  }
  for (const [target, outcome] of Object.entries(o.whatIf ?? {})) {
    if (!/^[A-Za-z]+\/[^/]+$/.test(target)) throw new UsageError(`whatIf "${target}": name a workload as Kind/name, e.g. Job/before`)
    if (!isWhatIfOutcome(outcome)) {
      throw new UsageError(`whatIf "${target}": "${String(outcome)}" is not one of ${listValues(Object.keys(WHAT_IF_OUTCOMES))}`)
    }
  }

  const out: ResolvedSync = {
    appName, destNamespace, revision, request,
    repeat: wholeNumber(o.repeat, 'repeat', 1, 1),
    settleMs: o.settle === undefined ? DEFAULT_SETTLE_MS : durationOption(o.settle, 'settle'),
    timeoutMs: o.timeout === undefined || o.timeout === 0 || o.timeout === '0' ? DEFAULT_TIMEOUT_MS : durationOption(o.timeout, 'timeout'),
    seed: o.seed === undefined ? 1 : typeof o.seed === 'string' && /^-?\d+$/.test(o.seed) ? Number(o.seed) : o.seed,
    whatIf: { ...o.whatIf },
  }
  if (o.automated) {
    out.syncPolicy = { automated: { prune: o.automated.prune ?? false, selfHeal: o.automated.selfHeal ?? false },
      ...(request.retry ? { retry: request.retry } : {}), ...(request.options ? { syncOptions: request.options } : {}) }
  }
  if (o.ignoreDifferences?.length) out.ignoreDifferences = o.ignoreDifferences
  if (o.terminateAfter !== undefined) out.terminateAfterMs = durationOption(o.terminateAfter, 'terminate-after')
  if (o.waveDelay !== undefined) out.waveDelayMs = durationOption(o.waveDelay, 'wave-delay')
  return out
}
