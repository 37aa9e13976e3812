// `synclab sync --cluster` and `synclab cleanup` against `synclab serve`'s server, started in-process on a random
// loopback port (no HTTP mocks). The server and synclab's own delays run at SPEED so a seed-lab sync takes ~1 s.
import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { main } from '../../src/cli/main.ts'
import type { SyncDocument } from '../../src/cli/sync.ts'
import { APP_LABEL, MANAGED_BY_LABEL } from '../../src/kube/kube-cluster.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { call, configMap as configMapObject, serve } from '../server/helpers.ts'
import { cli, configMap, fixture, job, SEED_LAB } from './helpers.ts'

const SPEED = 100
let s: RunningServer
const requests: string[] = []

beforeAll(async () => {
  s = await serve({ speed: SPEED, namespaces: ['lab', 'asked', 'json', 'dry', 'clean', 'other'],
    onRequest: line => requests.push(line) })
})
afterAll(async () => {
  await s.close()
})

/** `synclab sync <paths> --cluster <served> --dest-namespace NS --speed SPEED ...flags`. */
const clusterSync = (namespace: string, ...argv: string[]) =>
  cli('sync', ...argv, '--cluster', s.url, '--dest-namespace', namespace, '--speed', String(SPEED))

const names = async (namespace: string, plural: string, group = ''): Promise<string[]> => {
  const base = group ? `/apis/${group}` : '/api/v1'
  return ((await call(s, 'GET', `${base}/namespaces/${namespace}/${plural}`)).body.items as Array<{ metadata: { name: string } }>)
    .map(o => o.metadata.name)
}

const writes = (namespace: string): string[] =>
  requests.filter(r => !r.startsWith('GET ') && r.includes(`/namespaces/${namespace}/`))

describe('synclab sync --cluster', () => {
  it('syncs the seed lab with --yes: names the namespace first, argocd-style output, exit 0', async () => {
    const { code, out, err } = await clusterSync('lab', SEED_LAB, '--yes')
    expect(err).toBe(`synclab will sync 4 objects into namespace lab on ${s.url} (app synclab)\n`)
    expect(code).toBe(0)
    // The streaming table, the Operation block and the final resource table, as for a simulated sync.
    expect(out).toMatch(/^TIMESTAMP {2,}GROUP {2,}KIND {2,}NAMESPACE {2,}NAME {2,}STATUS {2,}HEALTH {2,}HOOK {2,}MESSAGE\n/)
    expect(out).toMatch(/^\S+ +batch +Job +lab +before +Running +Synced +PreSync +job\.batch\/before created$/m)
    expect(out).toMatch(/^Operation: {10}Sync\nSync Revision: {6}[0-9a-f]{40}\nPhase: {14}Succeeded\n/m)
    expect(out).toContain('Message:            successfully synced (no more tasks)\n')
    expect(out).toMatch(/^GROUP +KIND +NAMESPACE +NAME +STATUS +HEALTH +HOOK +MESSAGE$/m)
    expect(out).toMatch(/^ +Service +lab +pre-post-sync-hook +Synced +Healthy +service\/pre-post-sync-hook created$/m)
    expect(out).toMatch(/^apps +Deployment +lab +pre-post-sync-hook +Synced +Healthy +deployment\.apps\/pre-post-sync-hook created$/m)
    expect(out).toMatch(/^batch +Job +lab +after +Succeeded +Synced +PostSync +Reached expected number of succeeded pods$/m)

    // The server-side dry run of every object (?dryRun=All) comes before the first real write.
    const w = writes('lab')
    const firstReal = w.findIndex(r => !r.includes('dryRun=All'))
    expect(firstReal).toBeGreaterThan(0)
    const dry = w.slice(0, firstReal)
    expect(dry.every(r => r.includes('dryRun=All'))).toBe(true)
    for (const path of ['/batch/v1/namespaces/lab/jobs', '/v1/namespaces/lab/services', '/apps/v1/namespaces/lab/deployments']) {
      expect(dry.some(r => r.startsWith('POST ') && r.includes(path))).toBe(true)
    }
    // What it created carries synclab's labels.
    const dep = (await call(s, 'GET', '/apis/apps/v1/namespaces/lab/deployments/pre-post-sync-hook')).body
    expect(dep.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'synclab' })
  })

  it('refuses without --yes when stdin is not a terminal (exit 2), before writing anything', async () => {
    const before = writes('asked').length
    const { code, out, err } = await clusterSync('asked', SEED_LAB)
    expect(code).toBe(2)
    expect(out).toBe('')
    expect(err).toContain(`synclab will sync 4 objects into namespace asked on ${s.url} (app synclab)\n`)
    expect(err).toMatch(/stdin is not a terminal, so synclab cannot ask for confirmation; nothing was changed.*--yes/)
    expect(writes('asked').length).toBe(before)
    expect(await names('asked', 'services')).toEqual([])
  })

  it('asks "Continue? [y/N]": anything but y leaves the cluster alone; y syncs', async () => {
    const dir = fixture({ 'cm.yaml': configMap('asked-cm') })
    const argv = ['sync', dir, '--cluster', s.url, '--dest-namespace', 'asked', '--speed', String(SPEED)]
    const run = async (answer: string | undefined) => {
      const questions: string[] = []
      let out = ''
      let err = ''
      const code = await main(argv, { out: t => { out += t }, err: t => { err += t },
        ask: async q => { questions.push(q); return answer } })
      return { code, out, err, questions }
    }
    for (const answer of ['', 'n', 'no way', undefined]) {
      const r = await run(answer)
      expect(r.questions).toEqual(['Continue? [y/N] '])
      expect(r.code).toBe(2)
      expect(r.err).toContain('synclab: not confirmed; nothing was changed')
      expect(await names('asked', 'configmaps')).not.toContain('asked-cm')
    }
    const yes = await run('y')
    expect(yes.code).toBe(0)
    expect(yes.out).toMatch(/^ +ConfigMap +asked +asked-cm +Synced +configmap\/asked-cm created$/m)
    expect(await names('asked', 'configmaps')).toContain('asked-cm')
  })

  it('--json: the simulated sync\'s document; cluster lists the live objects synclab manages there', async () => {
    const { code, out, err } = await clusterSync('json', SEED_LAB, '--yes', '--json')
    expect(err).toBe(`synclab will sync 4 objects into namespace json on ${s.url} (app synclab)\n`)
    expect(code).toBe(0)
    const doc = JSON.parse(out) as SyncDocument
    const schema = JSON.parse(readFileSync('schema/sync-output.schema.json', 'utf8')) as object
    const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema)
    validate(doc)
    expect(validate.errors ?? []).toEqual([])
    expect(doc.operations.map(o => o.phase)).toEqual(['Succeeded'])
    const phases = doc.events.filter(e => e['type'] === 'phase').map(e => e['syncPhase'])
    expect(phases).toEqual(['PreSync', 'Sync', 'PostSync'])
    const kinds = doc.cluster.map(c => `${c.kind}/${c.name.replace(/-[a-z0-9]{5,10}(-[a-z0-9]{5})?$/, '-*')}`).sort()
    expect(kinds).toEqual(expect.arrayContaining(['Deployment/pre-post-sync-hook', 'ReplicaSet/pre-post-sync-hook-*',
      'Service/pre-post-sync-hook']))
    expect(doc.cluster.every(c => c.namespace === 'json')).toBe(true)
  })

  it('a server-side dry-run refusal fails the operation and applies nothing (exit 1)', async () => {
    const dir = fixture({ 'a.yaml': configMap('fine'), 'b.yaml': configMap('elsewhere').replace('  name: elsewhere',
      '  name: elsewhere\n  namespace: other') })
    const { code, out, err } = await clusterSync('dry', dir, '--yes')
    expect(code).toBe(1)
    expect(out).toContain('Phase:              Failed')
    expect(out).toContain('one or more objects failed to apply (dry run)')
    expect(out).toMatch(/ConfigMap +other +elsewhere .*synclab is confined to namespace "dry": refusing ConfigMap "elsewhere" in namespace "other"/)
    expect(err).toContain('Operation has completed with phase: Failed')
    expect(await names('dry', 'configmaps')).not.toContain('fine')
    expect(await names('other', 'configmaps')).not.toContain('elsewhere')
    expect(writes('dry').every(r => r.includes('dryRun=All'))).toBe(true)
  })

  it('flag mistakes are usage errors (exit 2)', async () => {
    const needNs = await cli('sync', SEED_LAB, '--cluster', s.url, '--yes')
    expect(needNs.code).toBe(2)
    expect(needNs.err).toContain('--cluster needs --dest-namespace NS')
    const live = await cli('sync', SEED_LAB, '--cluster', s.url, '--dest-namespace', 'lab', '--live', SEED_LAB)
    expect(live.code).toBe(2)
    expect(live.err).toContain('--live is for the simulated cluster')
    const yes = await cli('sync', SEED_LAB, '--yes')
    expect(yes.code).toBe(2)
    expect(yes.err).toContain('--yes and --speed apply only with --cluster URL')
    const url = await cli('sync', SEED_LAB, '--cluster', 'localhost:8001', '--dest-namespace', 'lab')
    expect(url.code).toBe(2)
    expect(url.err).toContain('expected an http:// or https:// URL')
    const missing = await cli('sync', SEED_LAB, '--cluster', s.url, '--dest-namespace', 'nope', '--yes')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('namespace "nope" does not exist')
  })

  it('a failing hook gives exit 1 as the simulated sync does', async () => {
    const dir = fixture({ 'h.yaml': job('broken', { 'argocd.argoproj.io/hook': 'PreSync' }, ['curl', 'https://acend.ch']),
      'c.yaml': configMap('after-broken') })
    const { code, out, err } = await clusterSync('dry', dir, '--yes')
    expect(code).toBe(1)
    expect(out).toContain('Phase:              Failed')
    expect(err).toContain('synclab: operation 1: Operation has completed with phase: Failed')
    expect(await names('dry', 'configmaps')).not.toContain('after-broken')
  })
})

describe('synclab cleanup', () => {
  it('deletes exactly what synclab labelled, leaves an unlabelled object; asks first', async () => {
    expect((await call(s, 'POST', '/api/v1/namespaces/clean/configmaps', configMapObject('theirs', { keep: 'me' }))).status).toBe(201)
    const synced = await clusterSync('clean', SEED_LAB, '--yes')
    expect(synced.code).toBe(0)
    // The hooks are deleted fire-and-forget after the operation (HookSucceeded): wait until they are gone.
    await vi.waitFor(async () => expect(await names('clean', 'jobs', 'batch/v1')).toEqual([]), { timeout: 5000, interval: 20 })

    // Without --yes on a non-TTY: the list is named, nothing is deleted (the listing only reads).
    const refused = await cli('cleanup', '--cluster', s.url, '--dest-namespace', 'clean')
    expect(refused.code).toBe(2)
    expect(refused.err).toContain(`synclab will delete 2 objects it created in namespace clean on ${s.url}:\n` +
      '  Service/pre-post-sync-hook\n  Deployment/pre-post-sync-hook\n')
    expect(refused.err).toContain('stdin is not a terminal')
    expect(await names('clean', 'services')).toEqual(['pre-post-sync-hook'])
    expect(await names('clean', 'deployments', 'apps/v1')).toEqual(['pre-post-sync-hook'])

    const done = await cli('cleanup', '--cluster', s.url, '--dest-namespace', 'clean', '--yes')
    expect(done.code).toBe(0)
    expect(done.out.split('\n').filter(Boolean).sort()).toEqual(['Deployment/pre-post-sync-hook deleted',
      'Service/pre-post-sync-hook deleted'])
    expect(await names('clean', 'services')).toEqual([])
    await vi.waitFor(async () => expect(await names('clean', 'deployments', 'apps/v1')).toEqual([]), { timeout: 5000, interval: 20 })
    expect(await names('clean', 'configmaps')).toContain('theirs')
    // Only in its namespace: the other namespaces' synclab objects are still there.
    expect(await names('lab', 'services')).toEqual(['pre-post-sync-hook'])

    const again = await cli('cleanup', '--cluster', s.url, '--dest-namespace', 'clean', '--yes')
    expect(again.code).toBe(0)
    expect(again.out).toBe('')
    expect(again.err).toContain('nothing to clean up')
  })

  it('deletes exactly the list it showed: what is labelled or re-created while it asks is left alone', async () => {
    const labels = { [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'synclab' }
    const cm = (name: string, data: Record<string, string> = {}) => configMapObject(name, data, { labels })
    const CM = '/api/v1/namespaces/other/configmaps'
    for (const name of ['listed', 'swapped']) expect((await call(s, 'POST', CM, cm(name))).status).toBe(201)
    let out = ''
    let err = ''
    const code = await main(['cleanup', '--cluster', s.url, '--dest-namespace', 'other'], {
      out: t => { out += t }, err: t => { err += t },
      // While the user reads the list: a new labelled object appears, and one listed is deleted and re-created.
      ask: async () => {
        expect((await call(s, 'POST', CM, cm('late'))).status).toBe(201)
        expect((await call(s, 'DELETE', `${CM}/swapped`)).status).toBe(200)
        expect((await call(s, 'POST', CM, cm('swapped', { new: 'object' }))).status).toBe(201)
        return 'y'
      },
    })
    expect(code).toBe(0)
    expect(err).toContain('  ConfigMap/listed\n  ConfigMap/swapped\n')
    expect(err).not.toContain('ConfigMap/late')
    expect(out).toBe('ConfigMap/listed deleted\n')
    expect(err).toContain('ConfigMap/swapped not deleted: it was deleted and re-created since the list')
    expect((await names('other', 'configmaps')).sort()).toEqual(['late', 'swapped'])
    expect((await call(s, 'GET', `${CM}/swapped`)).body.data).toEqual({ new: 'object' })
  })

  it('takes off only Argo CD\'s hook finalizer: a finalizer of another controller stays, and the object waits for it', async () => {
    const labels = { [MANAGED_BY_LABEL]: 'synclab', [APP_LABEL]: 'synclab' }
    const CM = '/api/v1/namespaces/asked/configmaps'
    expect((await call(s, 'POST', CM, configMapObject('guarded', {}, { labels,
      finalizers: ['example.com/keep', 'argocd.argoproj.io/hook-finalizer'] }))).status).toBe(201)
    const done = await cli('cleanup', '--cluster', s.url, '--dest-namespace', 'asked', '--yes')
    expect(done.code).toBe(0)
    expect(done.out).toContain('ConfigMap/guarded deleted (it waits for its finalizers example.com/keep)\n')
    const live = (await call(s, 'GET', `${CM}/guarded`)).body
    expect(live.metadata.finalizers).toEqual(['example.com/keep'])
    expect(live.metadata.deletionTimestamp).toBeDefined()
    // Its owner's controller lets it go.
    const patched = await call(s, 'PATCH', `${CM}/guarded`, { metadata: { finalizers: null } }, 'application/merge-patch+json')
    expect(patched.status).toBe(200)
    expect((await call(s, 'GET', `${CM}/guarded`)).status).toBe(404)
  })

  it('needs --cluster and --dest-namespace', async () => {
    expect((await cli('cleanup', '--cluster', s.url)).code).toBe(2)
    expect((await cli('cleanup', '--dest-namespace', 'clean')).code).toBe(2)
    const missing = await cli('cleanup', '--cluster', s.url, '--dest-namespace', 'nope', '--yes')
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('namespace "nope" does not exist')
  })
})
