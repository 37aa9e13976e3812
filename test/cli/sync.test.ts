// `synclab sync`: every flag, the seed lab's Argo CD output, exit status, determinism (design.md, CLI contract).
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_REVISION, parseSyncArgs, UsageError } from '../../src/cli/sync-args.ts'
import { cli, configMap, failingSeedLab, fixture, job, SEED_LAB, syncJson } from './helpers.ts'

const bin = join(process.cwd(), 'bin/synclab.mjs')
const spawn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' })
const HOOK = 'argocd.argoproj.io/hook'
const POLICY = 'argocd.argoproj.io/hook-delete-policy'
const WAVE = 'argocd.argoproj.io/sync-wave'

/** What `argocd app sync` prints for the acend pre-post-sync-hook example (timestamps and duration masked). */
const SEED_LAB_OUTPUT = [
  'TIMESTAMP                  GROUP        KIND   NAMESPACE                  NAME    STATUS    HEALTH        HOOK  MESSAGE',
  '<ts>  batch         Job     default                before   Running    Synced     PreSync  job.batch/before created',
  '<ts>            Service     default    pre-post-sync-hook  OutOfSync  Missing              ',
  '<ts>   apps  Deployment     default    pre-post-sync-hook  OutOfSync  Missing              ',
  '<ts>  batch         Job     default                before  Succeeded   Synced         PreSync  Reached expected number of succeeded pods',
  '<ts>            Service     default    pre-post-sync-hook    Synced   Healthy                  service/pre-post-sync-hook created',
  '<ts>   apps  Deployment     default    pre-post-sync-hook    Synced   Progressing              deployment.apps/pre-post-sync-hook created',
  '<ts>   apps  Deployment     default    pre-post-sync-hook    Synced  Healthy              deployment.apps/pre-post-sync-hook created',
  '<ts>  batch         Job     default                 after   Running   Synced    PostSync  job.batch/after created',
  '<ts>  batch         Job     default                 after  Succeeded   Synced    PostSync  Reached expected number of succeeded pods',
  '',
  'Operation:          Sync',
  `Sync Revision:      ${DEFAULT_REVISION}`,
  'Phase:              Succeeded',
  'Start:              2025-01-01 00:00:00 +0000 UTC',
  'Finished:           <time> +0000 UTC',
  'Duration:           <d>',
  'Message:            successfully synced (no more tasks)',
  '',
  'GROUP  KIND        NAMESPACE  NAME                STATUS     HEALTH   HOOK      MESSAGE',
  'batch  Job         default    before              Succeeded  Synced   PreSync   Reached expected number of succeeded pods',
  '       Service     default    pre-post-sync-hook  Synced     Healthy            service/pre-post-sync-hook created',
  'apps   Deployment  default    pre-post-sync-hook  Synced     Healthy            deployment.apps/pre-post-sync-hook created',
  'batch  Job         default    after               Succeeded  Synced   PostSync  Reached expected number of succeeded pods',
  '',
].join('\n')

const mask = (text: string): string => text
  .replace(/^2025-01-01T\d\d:\d\d:\d\d\+00:00/gm, '<ts>')
  .replace(/^(Finished: +)2025-01-01 \d\d:\d\d:\d\d/m, '$1<time>')
  .replace(/^(Duration: +)\S+/m, '$1<d>')

describe('synclab sync: the seed lab (acend pre-post-sync-hook)', () => {
  it('prints what argocd app sync prints and exits 0', async () => {
    const r = await cli('sync', SEED_LAB)
    expect(r.code).toBe(0)
    expect(r.err).toBe('')
    expect(mask(r.out)).toBe(SEED_LAB_OUTPUT)
  })

  it('runs PreSync before, then the Service and Deployment, then PostSync after once the Deployment is Healthy; both hooks deleted (R18, R34)', async () => {
    const { code, doc } = await syncJson(SEED_LAB)
    expect(code).toBe(0)
    const [op] = doc.operations
    expect(op).toMatchObject({ phase: 'Succeeded', message: 'successfully synced (no more tasks)', startedAt: 0 })
    expect(op!.resources.map(r => `${r.syncPhase}:${r.kind}/${r.name}:${r.hookPhase}`)).toEqual([
      'PreSync:Job/before:Succeeded', 'Sync:Service/pre-post-sync-hook:Succeeded',
      'Sync:Deployment/pre-post-sync-hook:Succeeded', 'PostSync:Job/after:Succeeded'])
    const at = (pred: (e: Record<string, unknown>) => boolean) => doc.events.find(pred)!.t as number
    const healthy = at(e => e.type === 'health' && e.kind === 'Deployment' && e.health === 'Healthy')
    const afterApplied = at(e => e.type === 'apply' && e.name === 'after')
    expect(afterApplied).toBeGreaterThan(healthy)
    expect(doc.events.filter(e => e.type === 'delete').map(e => `${e.name}:${e.reason}`)).toEqual(
      ['before:HookSucceeded', 'after:HookSucceeded'])
    expect(doc.cluster.map(o => o.kind).sort()).toEqual(['Deployment', 'Pod', 'ReplicaSet', 'Service'])
    expect(doc.cluster.find(o => o.kind === 'Pod')).toMatchObject({ health: 'Healthy' })
  })

  it('lab 3.2: `curl` missing from example-web-go fails the PostSync hook: exit 1, Failed, `after` stays (R34, R39)', async () => {
    const dir = failingSeedLab()
    const human = await cli('sync', dir)
    expect(human.code).toBe(1)
    expect(human.out).toMatch(/^Phase: +Failed$/m)
    expect(human.out).toMatch(/^Message: +one or more synchronization tasks completed unsuccessfully$/m)
    expect(human.out).toMatch(/^batch +Job +default +after +Failed +Synced +PostSync +Job has reached the specified backoff limit$/m)
    expect(human.err).toContain('Operation has completed with phase: Failed')
    const { code, doc } = await syncJson(dir)
    expect(code).toBe(1)
    expect(doc.operations[0]!.phase).toBe('Failed')
    const after = doc.cluster.find(o => o.kind === 'Job' && o.name === 'after')
    expect(after).toEqual({ kind: 'Job', namespace: 'default', name: 'after', health: 'Degraded',
      conditions: expect.arrayContaining([{ type: 'Failed', reason: 'BackoffLimitExceeded' }]) as unknown })
    // R34: HookSucceeded hooks are not deleted when the operation fails, not even the one that succeeded.
    expect(doc.cluster.some(o => o.kind === 'Job' && o.name === 'before')).toBe(true)
    expect(doc.events.some(e => e.type === 'delete')).toBe(false)
  })
})

describe('synclab sync: input errors exit 2 and sync nothing', () => {
  it('invalid YAML: file:line:col: error: message', async () => {
    const dir = fixture({ 'bad.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [x\n' })
    const r = await cli('sync', dir)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/bad\.yaml:\d+:\d+: error: /)
  })

  it('a manifest error (no name) in a multi-file app stops the whole sync, even with --json', async () => {
    const dir = fixture({ 'a.yaml': configMap('fine'), 'b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: x\n' })
    const r = await cli('sync', '--json', dir)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/b\.yaml:3:\d+: error: /)
  })

  it('warnings go to stderr and the sync proceeds', async () => {
    const dir = fixture({ 'a.yaml': configMap('x', { [HOOK]: 'postsync' }) })
    const r = await cli('sync', dir)
    expect(r.code).toBe(0)
    expect(r.err).toMatch(/a\.yaml:\d+:\d+: warning: .*PostSync/)
  })

  it.each([
    [['--nope'], /Unknown option '--nope'/],
    [[], /name at least one file or directory/],
    [['--resource', 'Service:web'], /Resource should have GROUP:KIND:NAME, but instead got: Service:web/],
    [['--resource', ':Service:a/b/c'], /Resource with namespace should have GROUP:KIND:NAMESPACE\/NAME/],
    [['--resource', ':Service:nothing-like-this'], /No matching app resources found for resource filter: :Service:nothing-like-this/],
    [['--sync-option', 'PruneLats=true'], /unknown sync option "PruneLats=true"/],
    [['--sync-option', 'prunelast=true'], /unknown sync option "prunelast=true" \(did you mean PruneLast\?\)/],
    [['--sync-option', 'PrunePropagationPolicy=sideways'], /invalid value for sync option PrunePropagationPolicy: "sideways"/],
    [['--strategy', 'sideways'], /Unknown sync strategy: 'sideways'/],
    [['--settle', '5'], /invalid argument "5" for "--settle" flag: time: invalid duration/],
    [['--wave-delay', 'soon'], /invalid duration "soon"/],
    [['--repeat', '0'], /invalid argument "0" for "--repeat"/],
    [['--retry-limit', 'x'], /invalid argument "x" for "--retry-limit"/],
    [['--dest-namespace', 'Not_A_Namespace'], /DNS-1123/],
    [['--live', '/nonexistent/live.yaml'], /no such file or directory/],
  ])('%j is rejected', async (flags, message) => {
    const args = (flags as string[]).length === 0 ? [] : [...(flags as string[]), SEED_LAB]
    const r = await cli('sync', ...args)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(message as RegExp)
  })

  it('a --live file with an invalid document is reported as file:line:col', async () => {
    const dir = fixture({ 'live.yaml': 'kind: ConfigMap\nmetadata:\n  name: x\n' })
    const r = await cli('sync', '--live', join(dir, 'live.yaml'), SEED_LAB)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/live\.yaml:\d+:\d+: error: /)
  })

  it('--help prints the sync usage', async () => {
    const r = spawn('sync', '--help')
    expect(r.status).toBe(0)
    for (const flag of ['--json', '--live', '--dest-namespace', '--revision', '--prune', '--dry-run', '--resource',
      '--sync-option', '--retry-limit', '--retry-backoff-duration', '--retry-backoff-factor', '--retry-backoff-max-duration',
      '--terminate-after', '--wave-delay', '--repeat', '--settle', '--seed']) expect(r.stdout).toContain(flag)
  })
})

describe('synclab sync: flags', () => {
  it('--json prints one JSON document on stdout and nothing else; same seed gives byte-identical output', async () => {
    const a = await cli('sync', '--json', '--seed', '7', SEED_LAB)
    const b = await cli('sync', '--json', '--seed', '7', SEED_LAB)
    expect(a.out).toBe(b.out)
    expect(() => JSON.parse(a.out)).not.toThrow()
    expect(Object.keys(JSON.parse(a.out) as object)).toEqual(['operations', 'events', 'cluster'])
    expect(a.out.endsWith('}\n')).toBe(true)
  })

  it('--seed: another seed gives other generated names (R72), same shape', async () => {
    const pods = async (seed: string) => (await syncJson('--seed', seed, SEED_LAB)).doc.cluster
      .filter(o => o.kind === 'Pod').map(o => o.name)
    const [a, b] = [await pods('1'), await pods('2')]
    expect(a).toHaveLength(1)
    expect(b).toHaveLength(1)
    expect(a[0]).not.toBe(b[0])
  })

  it('--live + --prune: a tracked object missing from the manifests is pruned (R48, R51); without --prune it is skipped (R52)', async () => {
    const dir = fixture({ 'app.yaml': configMap('keep') })
    const live = fixture({ 'live.yaml': `${configMap('old')}---\n${configMap('keep', {}, 'a: "0"')}` })
    const liveFile = join(live, 'live.yaml')
    const skipped = await syncJson('--live', liveFile, dir)
    expect(skipped.code).toBe(0)
    expect(skipped.doc.operations[0]!.resources).toEqual([
      expect.objectContaining({ name: 'old', status: 'PruneSkipped', message: 'ignored (requires pruning)' }),
      expect.objectContaining({ name: 'keep', status: 'Synced', message: 'configmap/keep configured' }),
    ])
    expect(skipped.doc.cluster.map(o => o.name)).toEqual(['old', 'keep'])
    const pruned = await syncJson('--live', liveFile, '--prune', dir)
    expect(pruned.doc.operations[0]!.resources[0]).toMatchObject({ name: 'old', status: 'Pruned', message: 'pruned' })
    expect(pruned.doc.cluster.map(o => o.name)).toEqual(['keep'])
    // argocd's table: a pruned resource shows STATUS = hook phase and HEALTH = result code.
    const human = await cli('sync', '--live', liveFile, '--prune', dir)
    expect(human.out).toMatch(/^ +ConfigMap +default +old +Succeeded +Pruned +pruned$/m)
  })

  it('--live: a Job keeps the status it is given; an unchanged named hook that already Completed counts as Succeeded (R38)', async () => {
    const after = job('after', { [HOOK]: 'PostSync', [POLICY]: 'HookSucceeded' }, ['sleep', '10'])
    const complete = `${after}status:\n  succeeded: 1\n  conditions:\n    - type: Complete\n      status: "True"\n`
    const dir = fixture({ 'after.yaml': after, 'cm.yaml': configMap('cm') })
    const live = fixture({ 'live.yaml': complete })
    const { code, doc } = await syncJson('--live', join(live, 'live.yaml'), dir)
    expect(code).toBe(0)
    expect(doc.operations[0]!.resources.find(r => r.name === 'after')).toMatchObject({ hookPhase: 'Succeeded' })
    expect(doc.events.some(e => e.type === 'created' && e.kind === 'Pod')).toBe(false)
  })

  it('--dest-namespace: objects without a namespace go there (R25)', async () => {
    const { doc } = await syncJson('--dest-namespace', 'lab', SEED_LAB)
    expect(new Set(doc.operations[0]!.resources.map(r => r.namespace))).toEqual(new Set(['lab']))
    expect(doc.cluster.every(o => o.namespace === 'lab')).toBe(true)
  })

  it('--revision: shown as Sync Revision, and generateName hooks are named from it (R24)', async () => {
    const rev = 'abcdef0123456789abcdef0123456789abcdef01'
    const dir = fixture({ 'hook.yaml': job('', { [HOOK]: 'PreSync', [POLICY]: 'BeforeHookCreation' }, ['true'])
      .replace('  name: \n', '  generateName: migrate-\n') })
    const human = await cli('sync', '--revision', rev, dir)
    expect(human.out).toMatch(new RegExp(`^Sync Revision: +${rev}$`, 'm'))
    const { doc } = await syncJson('--revision', rev, dir)
    expect(doc.operations[0]!.resources[0]!.name).toBe(`migrate-abcdef0-presync-${Date.UTC(2025, 0, 1) / 1000}`)
  })

  it('--dry-run: nothing changes in the cluster, messages say (dry run), hooks count as Succeeded (R54)', async () => {
    const { code, doc } = await syncJson('--dry-run', SEED_LAB)
    expect(code).toBe(0)
    expect(doc.operations[0]!.phase).toBe('Succeeded')
    expect(doc.operations[0]!.resources.every(r => r.message.endsWith('(dry run)'))).toBe(true)
    expect(doc.cluster).toEqual([])
    expect(doc.events.filter(e => e.type === 'apply').every(e => e.dryRun === true)).toBe(true)
  })

  it('--resource: a selective sync applies only that resource and runs no hooks (R53)', async () => {
    const { code, doc } = await syncJson('--resource', ':Service:pre-post-sync-hook', SEED_LAB)
    expect(code).toBe(0)
    expect(doc.operations[0]!.resources.map(r => `${r.kind}/${r.name}`)).toEqual(['Service/pre-post-sync-hook'])
    expect(doc.cluster.map(o => o.kind)).toEqual(['Service'])
    const ns = await syncJson('--resource', 'apps:Deployment:default/pre-post-sync-hook', SEED_LAB)
    expect(ns.doc.operations[0]!.resources.map(r => r.kind)).toEqual(['Deployment'])
    // The table lists only the selected resources, as argocd filters it.
    const human = await cli('sync', '--resource', ':Service:pre-post-sync-hook', SEED_LAB)
    expect(human.out).not.toContain('Deployment')
  })

  it('--strategy apply runs no hooks (R53)', async () => {
    const { doc } = await syncJson('--strategy', 'apply', SEED_LAB)
    expect(doc.operations[0]!.resources.some(r => r.hookType)).toBe(false)
  })

  it('--sync-option PruneLast=true: the prune runs after the last Sync wave (R50)', async () => {
    const dir = fixture({ 'a.yaml': configMap('a', { [WAVE]: '1' }) })
    const live = fixture({ 'live.yaml': configMap('old') })
    const order = async (...flags: string[]) => (await syncJson('--prune', '--live', join(live, 'live.yaml'), ...flags, dir))
      .doc.events.filter(e => e.type === 'apply' || e.type === 'delete').map(e => e.name)
    expect(await order()).toEqual(['old', 'a'])
    expect(await order('--sync-option', 'PruneLast=true')).toEqual(['a', 'old'])
  })

  it('--sync-option Prune=false as the app default skips prunes (R52); Replace=true replaces (R55)', async () => {
    const dir = fixture({ 'a.yaml': configMap('keep') })
    const live = fixture({ 'live.yaml': `${configMap('old')}---\n${configMap('keep', {}, 'a: "0"')}` })
    const { doc } = await syncJson('--prune', '--sync-option', 'Prune=false', '--sync-option', 'Replace=true',
      '--live', join(live, 'live.yaml'), dir)
    expect(doc.operations[0]!.resources).toEqual([
      expect.objectContaining({ name: 'old', status: 'PruneSkipped', message: 'ignored (no prune)' }),
      expect.objectContaining({ name: 'keep', message: 'configmap/keep replaced' }),
    ])
    const replace = await syncJson('--replace', '--live', join(live, 'live.yaml'), dir)
    expect(replace.doc.operations[0]!.resources[1]).toMatchObject({ message: 'configmap/keep replaced' })
  })

  it('--sync-option: every option maps onto the operation request', () => {
    const args = parseSyncArgs(['x', '--sync-option', 'PruneLast=true', '--sync-option', 'ApplyOutOfSyncOnly=true',
      '--sync-option', 'Replace=true', '--sync-option', 'Force=true', '--sync-option', 'PrunePropagationPolicy=orphan',
      '--sync-option', 'SkipDryRunOnMissingResource=true', '--sync-option', 'CreateNamespace=true',
      '--sync-option', 'Prune=false'])
    expect(args.request.options).toEqual({ pruneLast: true, applyOutOfSyncOnly: true, replace: true, force: true,
      prunePropagationPolicy: 'orphan', skipDryRunOnMissingResource: true, createNamespace: true, pruneDisabled: true })
    // R77: --force is the operation's force; an app-level Force=true is accepted and not read.
    const forced = parseSyncArgs(['x', '--force', '--apply-out-of-sync-only']).request
    expect(forced.options).toEqual({ applyOutOfSyncOnly: true })
    expect(forced.force).toBe(true)
    expect(parseSyncArgs(['x', '--sync-option', 'ServerSideApply=true', '--sync-option', 'Validate=false',
      '--sync-option', 'RespectIgnoreDifferences=true', '--sync-option', 'FailOnSharedResource=true']).request.options)
      .toEqual({ serverSideApply: true, validateDisabled: true, respectIgnoreDifferences: true, failOnSharedResource: true })
    expect(() => parseSyncArgs(['x', '--sync-option', 'Validate=maybe'])).toThrow(UsageError)
  })

  it('defaults: revision, namespace, settle, repeat, no retry', () => {
    const args = parseSyncArgs(['x'])
    expect(args).toMatchObject({ revision: DEFAULT_REVISION, destNamespace: 'default', settleMs: 30_000, repeat: 1,
      seed: 1, json: false, request: {} })
    expect(args.request.retry).toBeUndefined()
    expect(parseSyncArgs(['x', '--retry-limit', '3', '--retry-backoff-duration', '500ms', '--retry-backoff-factor', '3',
      '--retry-backoff-max-duration', '1m30s']).request.retry)
      .toEqual({ limit: 3, backoff: { durationMs: 500, factor: 3, maxDurationMs: 90_000 } })
  })

  it('--retry-limit and --retry-backoff-*: a failed operation is retried, then fails "(retried N times)" (R61)', async () => {
    const dir = failingSeedLab()
    const retries = async (...flags: string[]) => {
      const { code, doc } = await syncJson('--retry-limit', '2', ...flags, dir)
      expect(code).toBe(1)
      expect(doc.operations[0]!.message).toBe('one or more synchronization tasks completed unsuccessfully (retried 2 times).')
      return doc.events.filter(e => e.type === 'operation' && /^Retrying operation/.test(String(e.message)))
        .map(e => e.t as number)
    }
    const base = await retries('--retry-backoff-duration', '1s')
    expect(base).toHaveLength(2)
    const slower = await retries('--retry-backoff-duration', '1s', '--retry-backoff-factor', '10')
    expect(slower[1]! - slower[0]!).toBeGreaterThan(base[1]! - base[0]! + 50_000)
    const capped = await retries('--retry-backoff-duration', '1s', '--retry-backoff-factor', '10',
      '--retry-backoff-max-duration', '3s')
    expect(capped).toEqual(base)
    const longer = await retries('--retry-backoff-duration', '20s')
    expect(longer[0]).toBeGreaterThan(base[0]!)
  })

  it('--terminate-after: the running operation is terminated (R60), exit 1', async () => {
    const dir = fixture({ 'hook.yaml': job('slow', { [HOOK]: 'PreSync' }, ['sleep', '60']), 'cm.yaml': configMap('cm') })
    const { code, doc } = await syncJson('--terminate-after', '10s', dir)
    expect(code).toBe(1)
    expect(doc.operations[0]).toMatchObject({ phase: 'Failed', message: 'Operation terminated' })
    expect(doc.operations[0]!.resources[0]).toMatchObject({ name: 'slow', hookPhase: 'Failed', message: 'Terminated' })
    expect(doc.operations[0]!.finishedAt).toBeGreaterThanOrEqual(10_000)
    expect(doc.events.some(e => e.type === 'delete' && e.reason === 'Terminate')).toBe(true)
    // After the hook finished it is too late to terminate: the operation ends as it would.
    expect((await syncJson('--terminate-after', '10m', SEED_LAB)).code).toBe(0)
  })

  it('--timeout: the CLI gives up waiting; phase Running, no finishedAt, exit 1', async () => {
    const dir = fixture({ 'hook.yaml': job('slow', { [HOOK]: 'PreSync' }, ['sleep', '600']) })
    const { code, doc, err } = await syncJson('--timeout', '20s', dir)
    expect(code).toBe(1)
    expect(doc.operations[0]!.phase).toBe('Running')
    expect(doc.operations[0]!.finishedAt).toBeUndefined()
    expect(err).toContain('timed out (20s)')
    const human = await cli('sync', '--timeout', '20', dir)
    expect(human.out).toMatch(/^Finished: +<nil>$/m)
    expect(human.out).toMatch(/^Duration: +20s$/m)
  })

  it('--wave-delay: the gap between waves (R20)', async () => {
    const dir = fixture({ 'a.yaml': configMap('a'), 'b.yaml': configMap('b', { [WAVE]: '1' }) })
    const waveStart = async (...flags: string[]) => (await syncJson(...flags, dir)).doc.events
      .find(e => e.type === 'phase' && e.wave === 1)!.t as number
    const fast = await waveStart('--wave-delay', '0s')
    const slow = await waveStart('--wave-delay', '12s')
    expect(slow).toBeGreaterThanOrEqual(12_000)
    expect(slow).toBeGreaterThan(fast)
  })

  it('--repeat and --settle: N operations on one cluster, each starting --settle after the previous ended', async () => {
    const { code, doc } = await syncJson('--repeat', '2', '--settle', '45s', SEED_LAB)
    expect(code).toBe(0)
    const [first, second] = doc.operations
    expect(second!.startedAt).toBe(first!.finishedAt! + 45_000)
    expect(second!.resources.find(r => r.kind === 'Service')!.message).toBe('service/pre-post-sync-hook unchanged')
    expect(new Set(doc.events.map(e => e.op))).toEqual(new Set([1, 2]))
    const human = await cli('sync', '--repeat', '2', SEED_LAB)
    expect(human.out.match(/^Operation: +Sync$/gm)).toHaveLength(2)
    expect(human.out.match(/^TIMESTAMP /gm)).toHaveLength(2)
  })

  it('exit 1 when any of several operations failed', async () => {
    const dir = failingSeedLab()
    const r = await cli('sync', '--repeat', '2', '--json', dir)
    expect(r.code).toBe(1)
    expect((JSON.parse(r.out) as { operations: unknown[] }).operations).toHaveLength(2)
  })
})

describe('synclab sync: end to end through bin/synclab.mjs', () => {
  it('the seed lab exits 0 and prints the table and Operation block', () => {
    const r = spawn('sync', SEED_LAB)
    expect(r.status).toBe(0)
    expect(mask(r.stdout)).toBe(SEED_LAB_OUTPUT)
  })

  it('lab 3.2 exits 1', () => {
    const r = spawn('sync', failingSeedLab())
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^Phase: +Failed$/m)
  })

  it('two processes with the same seed print byte-identical JSON', () => {
    const a = spawn('sync', '--json', '--seed', 'lab', SEED_LAB)
    const b = spawn('sync', '--json', '--seed', 'lab', SEED_LAB)
    expect(a.status).toBe(0)
    expect(a.stdout).toBe(b.stdout)
    expect(a.stderr).toBe('')
  }, 20_000) // two whole CLI runs one after the other: the default 5 s is too short on a busy machine

  it('invalid YAML exits 2 with file:line:col', () => {
    const dir = fixture({ 'bad.yaml': 'kind: ConfigMap\n  bad: indent\n' })
    const r = spawn('sync', dir)
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+: error: /)
  })
})
