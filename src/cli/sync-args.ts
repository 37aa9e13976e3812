// `synclab sync` flags -> what the run needs. Flag names follow `argocd app sync` / `argocd app create` (design.md,
// "The CLI contract"). The flags become SimulateOptions, the library's options (src/lib/sync-options.ts), merged
// over what an Argo CD Application manifest (--app) says; every mistake is a UsageError (exit 2).
import { parseArgs } from 'node:util'
import { DEFAULT_REVISION, type ResolvedSync, resolveSimulateOptions, type SimulateOptions, parseDuration,
  UsageError } from '../lib/sync-options.ts'
import type { IgnoreDifference } from '../sync/options/respect-ignore-differences.ts'

export { APP_NAME, DEFAULT_REVISION, DEFAULT_SETTLE_MS, DEFAULT_TIMEOUT_MS, parseDuration, parseResource, parseSyncOption,
  UsageError } from '../lib/sync-options.ts'

/** What the command line says beside the sync's options: where manifests come from, how to print, where to run. */
export interface SyncCommandFlags {
  /** Files and folders of manifests; "-" is standard input. */
  paths: string[]
  json: boolean
  live?: string
  /** --app FILE: an Argo CD Application manifest that supplies the app's settings. */
  app?: string
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
}

export interface SyncArgs extends ResolvedSync, SyncCommandFlags {}

export const SYNC_USAGE = `Usage:
  synclab sync <file-or-dir>... [flags]
  helm template my-chart | synclab sync - [flags]

Syncs the manifests as one Argo CD Application on a fresh simulated cluster and prints what \`argocd app sync\`
prints (or, with --json, one JSON document: operations, events, cluster).

Flags:
      --json                              print one JSON document on stdout and nothing else
      --live FILE                         objects already in the cluster, tracked by the app, before the first sync
      --app FILE                          an Argo CD Application manifest: its name, destination namespace and
                                          syncPolicy (automated, prune, selfHeal, syncOptions, retry); flags given
                                          here override it. With automated, the first operation is the app's own
                                          automated sync
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

/** The command line -> its own flags and the sync's options (only those given, so they can override --app's). */
export function parseSyncFlags(argv: string[]): { flags: SyncCommandFlags; options: SimulateOptions } {
  let parsed
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true, strict: true,
      options: {
        json: { type: 'boolean', default: false },
        live: { type: 'string' },
        app: { type: 'string' },
        'dest-namespace': { type: 'string' },
        revision: { type: 'string' },
        prune: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        resource: { type: 'string', multiple: true },
        'sync-option': { type: 'string', multiple: true },
        'ignore-difference': { type: 'string', multiple: true },
        replace: { type: 'boolean' },
        force: { type: 'boolean' },
        'apply-out-of-sync-only': { type: 'boolean' },
        strategy: { type: 'string' },
        'retry-limit': { type: 'string' },
        'retry-backoff-duration': { type: 'string' },
        'retry-backoff-factor': { type: 'string' },
        'retry-backoff-max-duration': { type: 'string' },
        'terminate-after': { type: 'string' },
        'wave-delay': { type: 'string' },
        repeat: { type: 'string' },
        settle: { type: 'string' },
        timeout: { type: 'string' },
        seed: { type: 'string' },
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
  if (positionals.length === 0) throw new UsageError('sync: name at least one file or directory ("-" reads standard input)')
  if (positionals.filter(p => p === '-').length > 1) throw new UsageError('sync: "-" (standard input) can be named once')
  if (v.cluster !== undefined) checkClusterFlags(v.cluster, v['dest-namespace'], v.live)
  else if (v.yes || v.speed !== undefined) throw new UsageError('--yes and --speed apply only with --cluster URL')
  if (v.compare && v.cluster === undefined) {
    throw new UsageError('--compare applies only with --cluster URL: it compares a real run with the simulation')
  }
  if (v['fail-on-difference'] && !v.compare) throw new UsageError('--fail-on-difference applies only with --compare')
  const speed = v.speed === undefined ? 1 : Number(v.speed)
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`invalid argument "${v.speed}" for "--speed" flag: expected a positive number`)

  const flags: SyncCommandFlags = { paths: positionals, json: v.json, yes: v.yes, speed, compare: v.compare,
    failOnDifference: v['fail-on-difference'] }
  if (v.cluster !== undefined) flags.cluster = v.cluster.replace(/\/+$/, '')
  if (v.live !== undefined) flags.live = v.live
  if (v.app !== undefined) flags.app = v.app

  const o: SimulateOptions = {}
  if (v['dest-namespace'] !== undefined) o.destNamespace = v['dest-namespace']
  if (v.revision !== undefined) o.revision = v.revision
  if (v.prune !== undefined) o.prune = v.prune
  if (v['dry-run'] !== undefined) o.dryRun = v['dry-run']
  if (v.resource !== undefined) o.resources = v.resource
  if (v['sync-option'] !== undefined) o.syncOptions = v['sync-option']
  if (v['ignore-difference'] !== undefined) o.ignoreDifferences = v['ignore-difference'].map(parseIgnoreDifference)
  if (v.replace !== undefined) o.replace = v.replace
  if (v.force !== undefined) o.force = v.force
  if (v['apply-out-of-sync-only'] !== undefined) o.applyOutOfSyncOnly = v['apply-out-of-sync-only']
  if (v.strategy !== undefined) o.strategy = v.strategy as 'hook' | 'apply'
  const backoff = {
    ...(v['retry-backoff-duration'] !== undefined ? { duration: checked(v['retry-backoff-duration'], 'retry-backoff-duration') } : {}),
    ...(v['retry-backoff-factor'] !== undefined
      ? { factor: parseInteger(v['retry-backoff-factor'], 'retry-backoff-factor', Number.MIN_SAFE_INTEGER) } : {}),
    ...(v['retry-backoff-max-duration'] !== undefined
      ? { maxDuration: checked(v['retry-backoff-max-duration'], 'retry-backoff-max-duration') } : {}),
  }
  if (v['retry-limit'] !== undefined) {
    o.retry = { limit: parseInteger(v['retry-limit'], 'retry-limit', Number.MIN_SAFE_INTEGER), backoff }
  } else if (Object.keys(backoff).length > 0) o.retry = { limit: 0, backoff }
  if (v['terminate-after'] !== undefined) o.terminateAfter = checked(v['terminate-after'], 'terminate-after')
  if (v['wave-delay'] !== undefined) o.waveDelay = checked(v['wave-delay'], 'wave-delay')
  if (v.repeat !== undefined) o.repeat = parseInteger(v.repeat, 'repeat', 1)
  if (v.settle !== undefined) o.settle = checked(v.settle, 'settle')
  if (v.timeout !== undefined) o.timeout = v.timeout
  if (v.seed !== undefined) o.seed = v.seed
  return { flags, options: o }
}

/** A duration flag as given (Go's time.ParseDuration forms; a bare number is not one). */
function checked(text: string, flag: string): string {
  parseDuration(text, flag)
  return text
}

/**
 * The sync's options: the Application manifest's (--app), then the flags over them. Sync options add up (a flag's
 * value for the same key wins); a flag's retry backoff fills in the manifest's retry.
 */
export function mergeOptions(app: SimulateOptions, flags: SimulateOptions): SimulateOptions {
  const merged: SimulateOptions = { ...app, ...flags }
  if (app.syncOptions || flags.syncOptions) merged.syncOptions = [...app.syncOptions ?? [], ...flags.syncOptions ?? []]
  if (app.retry && flags.retry) {
    merged.retry = { limit: flags.retry.limit > 0 ? flags.retry.limit : app.retry.limit,
      backoff: { ...app.retry.backoff, ...flags.retry.backoff } }
  }
  return merged
}

/** `synclab sync` argv -> the run's settings, with `app` (an Application manifest's settings) under the flags. */
export function parseSyncArgs(argv: string[], app: SimulateOptions = {}): SyncArgs {
  const { flags, options } = parseSyncFlags(argv)
  return { ...flags, ...resolveSimulateOptions(mergeOptions(app, options)) }
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

/** An integer flag; a bad one is worded as argocd's flag parser (pflag) words it. */
function parseInteger(text: string, flag: string, min: number): number {
  if (!/^[+-]?\d+$/.test(text) || Number(text) < min) {
    throw new UsageError(`invalid argument "${text}" for "--${flag}" flag: ${min > 0 ? 'expected a whole number ' +
      `of at least ${min}` : 'strconv.ParseInt: parsing "' + text + '": invalid syntax'}`)
  }
  return Number(text)
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
