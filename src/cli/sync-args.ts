// `synclab sync` flags -> what the run needs. Flag names follow `argocd app sync` / `argocd app create` (design.md,
// "The CLI contract"); every mistake is a UsageError (exit 2), worded as argocd words it where argocd has the check.
import { parseArgs } from 'node:util'
import { isNamespaceName } from '../cluster/validation.ts'
import type { SyncOptions, SyncRequest } from '../sync/operation.ts'
import type { IgnoreDifference } from '../sync/options/respect-ignore-differences.ts'
import type { ResourceKey } from '../sync/types.ts'
import { listValues, suggest } from '../manifest/index.ts'

export class UsageError extends Error {}

/** The fixed revision synced when --revision is not given (40 hex, like a git commit id). */
export const DEFAULT_REVISION = '5f3c2a9e8d7b6c5a4f3e2d1c0b9a8f7e6d5c4b3a'
export const DEFAULT_SETTLE_MS = 30_000
/** How long (virtual) the CLI waits for one operation when --timeout is not given. */
export const DEFAULT_TIMEOUT_MS = 24 * 3_600_000
export const APP_NAME = 'synclab'

export interface SyncArgs {
  paths: string[]
  json: boolean
  live?: string
  destNamespace: string
  revision: string
  request: SyncRequest
  terminateAfterMs?: number
  waveDelayMs?: number
  repeat: number
  settleMs: number
  timeoutMs: number
  seed: number | string
  /** --cluster: the API server (a `kubectl proxy` URL) to sync on instead of a simulated cluster. */
  cluster?: string
  /** --yes: do not ask before acting on --cluster. */
  yes: boolean
  /** --speed: virtual seconds per wall second of synclab's own delays on --cluster (match `synclab serve --speed`). */
  speed: number
  /** --compare: after the run on --cluster, run the same on the simulated cluster and show both side by side. */
  compare: boolean
  /** --fail-on-difference: with --compare, exit 1 when the runs differ in order, outcome or deletions. */
  failOnDifference: boolean
  /** --ignore-difference: the Application's spec.ignoreDifferences (RespectIgnoreDifferences=true reads them, R80). */
  ignoreDifferences: IgnoreDifference[]
}

export const SYNC_USAGE = `Usage:
  synclab sync <file-or-dir>... [flags]

Syncs the manifests as one Argo CD Application on a fresh simulated cluster and prints what \`argocd app sync\`
prints (or, with --json, one JSON document: operations, events, cluster).

Flags:
      --json                              print one JSON document on stdout and nothing else
      --live FILE                         objects already in the cluster, tracked by the app, before the first sync
      --dest-namespace NS                 the Application's destination namespace (default "default")
      --revision SHA                      the revision synced (default ${DEFAULT_REVISION})
      --prune                             allow deleting unexpected resources
      --dry-run                           preview apply without affecting the cluster
      --resource GROUP:KIND:NAME          sync only this resource (GROUP:KIND:NAMESPACE/NAME too); repeatable
      --sync-option KEY=VALUE             e.g. PruneLast=true, ApplyOutOfSyncOnly=true, Replace=true,
                                          ServerSideApply=true, Validate=false, CreateNamespace=true,
                                          RespectIgnoreDifferences=true, FailOnSharedResource=true; repeatable
      --ignore-difference G:K[:NAME]=PATH the app's spec.ignoreDifferences entry, PATH a JSON pointer (/spec/replicas)
                                          or a jq path (.spec.replicas), e.g. apps:Deployment=/spec/replicas; repeatable
      --replace | --apply-out-of-sync-only   as the sync options Replace, ApplyOutOfSyncOnly
      --force                             use a force apply (R55, R77; an app-level Force=true option is not read)
      --strategy apply|hook               the apply strategy runs no hooks (default hook)
      --retry-limit N                     max number of allowed sync retries (default 0)
      --retry-backoff-duration D          retry backoff base duration (default 5s)
      --retry-backoff-factor N            factor multiplies the base duration after each failed retry (default 2)
      --retry-backoff-max-duration D      max retry backoff duration (default 3m)
      --terminate-after D                 request Terminate of the first operation D after it started
      --wave-delay D                      delay between sync waves, ARGOCD_SYNC_WAVE_DELAY (default 2s)
      --repeat N                          N syncs one after another on the same cluster (default 1)
      --settle D                          how long the cluster runs on after each operation (default 30s)
      --timeout D                         give up waiting for an operation after D (seconds or a duration; default 24h)
      --seed S                            seed for every random choice (default 1)

Real cluster (through \`kubectl proxy\`, which does the authentication; synclab reads no credentials):
      --cluster URL                       sync on this API server instead, e.g. http://127.0.0.1:8001; needs
                                          --dest-namespace, the one namespace synclab touches
      --yes                               do not ask "Continue? [y/N]" before acting
      --speed X                           run synclab's own delays (wave delay, retries, ticks) X times faster; only
                                          to match \`synclab serve --speed X\` (default 1)
      --compare                           then run the same manifests and flags on the simulated cluster (--seed)
                                          and print both timelines side by side ("Compared with the simulation")
                                          with the differences in order, outcome and deletions (timing is not
                                          one); --json adds a "comparison" object. Differences do not change the
                                          exit status unless --fail-on-difference is given
      --fail-on-difference                with --compare: exit 1 when the two runs differ

Durations: 500ms, 5s, 3m, 1h, 1m30s (virtual time). Exit status: 0 every operation Succeeded, 1 an operation
Failed, Errored or did not finish (or, with --fail-on-difference, the simulation differs), 2 invalid input (or,
with --cluster, not confirmed).`

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

function parseInteger(text: string, flag: string, min: number): number {
  if (!/^[+-]?\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: ${min > 0 ? 'expected a whole number ' +
      `of at least ${min}` : 'strconv.ParseInt: parsing "' + text + '": invalid syntax'}`)
  }
  return Number(text)
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

/** `--ignore-difference GROUP:KIND[:NAME]=PATH` -> an ignoreDifferences entry (R80). */
export function parseIgnoreDifference(text: string): IgnoreDifference {
  const eq = text.indexOf('=')
  const fields = (eq < 0 ? '' : text.slice(0, eq)).split(':')
  const path = eq < 0 ? '' : text.slice(eq + 1)
  if (fields.length < 2 || fields.length > 3 || !fields[1] || !(path.startsWith('/') || path.startsWith('.'))) {
    throw new UsageError(`--ignore-difference "${text}": expected GROUP:KIND[:NAME]=PATH, PATH a JSON pointer ` +
      '(/spec/replicas) or a jq path (.spec.replicas); the group is empty for core kinds (:ConfigMap=/data/k)')
  }
  const [group = '', kind = '', name] = fields
  return { group, kind, ...(name ? { name } : {}),
    ...(path.startsWith('/') ? { jsonPointers: [path] } : { jqPathExpressions: [path] }) }
}

export function parseSyncArgs(argv: string[]): SyncArgs {
  let parsed
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        json: { type: 'boolean', default: false },
        live: { type: 'string' },
        'dest-namespace': { type: 'string' },
        revision: { type: 'string', default: DEFAULT_REVISION },
        prune: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        resource: { type: 'string', multiple: true, default: [] },
        'sync-option': { type: 'string', multiple: true, default: [] },
        'ignore-difference': { type: 'string', multiple: true, default: [] },
        replace: { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        'apply-out-of-sync-only': { type: 'boolean', default: false },
        strategy: { type: 'string', default: 'hook' },
        'retry-limit': { type: 'string', default: '0' },
        'retry-backoff-duration': { type: 'string', default: '5s' },
        'retry-backoff-factor': { type: 'string', default: '2' },
        'retry-backoff-max-duration': { type: 'string', default: '3m' },
        'terminate-after': { type: 'string' },
        'wave-delay': { type: 'string' },
        repeat: { type: 'string', default: '1' },
        settle: { type: 'string', default: '30s' },
        timeout: { type: 'string' },
        seed: { type: 'string', default: '1' },
        cluster: { type: 'string' },
        yes: { type: 'boolean', default: false },
        speed: { type: 'string' },
        compare: { type: 'boolean', default: false },
        'fail-on-difference': { type: 'boolean', default: false },
      },
    })
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const { values: v, positionals } = parsed
  if (positionals.length === 0) throw new UsageError('sync: name at least one file or directory')
  if (v.cluster !== undefined) checkClusterFlags(v.cluster, v['dest-namespace'], v.live)
  else if (v.yes || v.speed !== undefined) throw new UsageError('--yes and --speed apply only with --cluster URL')
  if (v.compare && v.cluster === undefined) {
    throw new UsageError('--compare applies only with --cluster URL: it compares a real run with the simulation')
  }
  if (v['fail-on-difference'] && !v.compare) throw new UsageError('--fail-on-difference applies only with --compare')
  const speed = v.speed === undefined ? 1 : Number(v.speed)
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`invalid argument "${v.speed}" for "--speed" flag: expected a positive number`)
  const destNamespace = v['dest-namespace'] ?? 'default'
  if (!isNamespaceName(destNamespace)) {
    throw new UsageError(`--dest-namespace "${destNamespace}": a namespace name must be a DNS-1123 label`)
  }
  if (v.revision === '') throw new UsageError('--revision must not be empty')

  const options: SyncOptions = {}
  if (v.replace) options.replace = true
  if (v['apply-out-of-sync-only']) options.applyOutOfSyncOnly = true
  for (const o of v['sync-option']) parseSyncOption(o, options)
  if (v.strategy !== 'hook' && v.strategy !== 'apply') throw new UsageError(`Unknown sync strategy: '${v.strategy}'`)

  const request: SyncRequest = {}
  if (v.prune) request.prune = true
  if (v['dry-run']) request.dryRun = true
  if (v.force) request.force = true // R77: the operation's force, not a sync option
  const resources = v.resource.map(parseResource)
  if (resources.length > 0) request.resources = resources
  if (v.strategy === 'apply') request.applyStrategy = true
  if (Object.keys(options).length > 0) request.options = options
  const retryLimit = parseInteger(v['retry-limit'], 'retry-limit', Number.MIN_SAFE_INTEGER)
  const backoff = {
    durationMs: parseDuration(v['retry-backoff-duration'], 'retry-backoff-duration'),
    factor: parseInteger(v['retry-backoff-factor'], 'retry-backoff-factor', Number.MIN_SAFE_INTEGER),
    maxDurationMs: parseDuration(v['retry-backoff-max-duration'], 'retry-backoff-max-duration'),
  }
  // argocd app sync sends a retry strategy only when --retry-limit > 0.
  if (retryLimit > 0) request.retry = { limit: retryLimit, backoff }

  const out: SyncArgs = {
    paths: positionals, json: v.json, destNamespace, revision: v.revision, request,
    repeat: parseInteger(v.repeat, 'repeat', 1),
    settleMs: parseDuration(v.settle, 'settle'),
    timeoutMs: v.timeout === undefined || v.timeout === '0' ? DEFAULT_TIMEOUT_MS
      : /^\d+$/.test(v.timeout) ? Number(v.timeout) * 1000 : parseDuration(v.timeout, 'timeout'),
    seed: /^-?\d+$/.test(v.seed) ? Number(v.seed) : v.seed,
    yes: v.yes, speed, compare: v.compare, failOnDifference: v['fail-on-difference'],
    ignoreDifferences: v['ignore-difference'].map(parseIgnoreDifference),
  }
  if (v.cluster !== undefined) out.cluster = v.cluster.replace(/\/+$/, '')
  if (v.live !== undefined) out.live = v.live
  if (v['terminate-after'] !== undefined) out.terminateAfterMs = parseDuration(v['terminate-after'], 'terminate-after')
  if (v['wave-delay'] !== undefined) out.waveDelayMs = parseDuration(v['wave-delay'], 'wave-delay')
  return out
}

/** --cluster URL: an http(s) URL, an explicit --dest-namespace (synclab acts in that one namespace), no --live. */
function checkClusterFlags(url: string, namespace: string | undefined, live: string | undefined): void {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new UsageError(`--cluster "${url}": expected the URL of an API server, e.g. http://127.0.0.1:8001 (kubectl proxy)`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`--cluster "${url}": expected an http:// or https:// URL, e.g. http://127.0.0.1:8001 (kubectl proxy)`)
  }
  if (namespace === undefined) {
    throw new UsageError('--cluster needs --dest-namespace NS: synclab works in exactly one namespace, which you name')
  }
  if (live !== undefined) throw new UsageError('--live is for the simulated cluster; with --cluster the live objects are the real ones')
}
