// `synclab sync -` (manifests on standard input, as `helm template … | synclab sync -` gives them) and
// `--app FILE` (an Argo CD Application manifest supplies the app's settings; flags override it).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from '../../src/cli/main.ts'
import type { SyncDocument } from '../../src/cli/sync.ts'
import { configMap, fixture, job, SEED_LAB } from './helpers.ts'

async function run(argv: string[], stdin?: string) {
  let out = ''
  let err = ''
  const code = await main(argv, { out: t => { out += t }, err: t => { err += t },
    ...(stdin !== undefined ? { stdin: async () => stdin } : {}) })
  return { code, out, err }
}

const seedLabText = ['pre-sync-job.yaml', 'svc.yaml', 'deployment.yaml', 'post-sync-job.yaml']
  .map(f => readFileSync(join(SEED_LAB, f), 'utf8')).join('\n---\n')

const application = (spec: string, name = 'shop') => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  namespace: argocd
spec:
  project: default
  source: { repoURL: https://example.com/charts.git, path: shop }
${spec}`

describe('synclab sync - (standard input)', () => {
  it('syncs what helm template pipes in, as the same files would sync', async () => {
    const piped = await run(['sync', '--json', '-'], seedLabText)
    const files = await run(['sync', '--json', SEED_LAB])
    expect(piped.code).toBe(0)
    expect(JSON.parse(piped.out)).toEqual(JSON.parse(files.out))
  })

  it('names standard input <stdin> in problems (file:line:col) and exits 2', async () => {
    const r = await run(['sync', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [oops\n')
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^<stdin>:\d+:\d+: error: /m)
  })

  it('mixes standard input with files, and refuses "-" twice', async () => {
    const dir = fixture({ 'cm.yaml': configMap('extra') })
    const r = await run(['sync', '--json', '-', dir], seedLabText)
    expect(r.code).toBe(0)
    expect((JSON.parse(r.out) as SyncDocument).cluster.some(c => c.kind === 'ConfigMap' && c.name === 'extra')).toBe(true)
    const twice = await run(['sync', '-', '-'], seedLabText)
    expect(twice.code).toBe(2)
    expect(twice.err).toContain('"-" (standard input) can be named once')
  })
})

describe('synclab sync --app (an Argo CD Application manifest)', () => {
  it('takes the app name and the destination namespace from it', async () => {
    const dir = fixture({ 'app.yaml': application('  destination: { server: https://kubernetes.default.svc, namespace: shop-prod }') })
    // The fresh cluster has no namespace shop-prod: CreateNamespace=true makes it (R82, R83).
    const r = await run(['sync', '--json', '--app', join(dir, 'app.yaml'), '--sync-option', 'CreateNamespace=true', SEED_LAB])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out) as SyncDocument
    expect(doc.operations[0]!.resources.filter(x => x.kind !== 'Namespace').every(x => x.namespace === 'shop-prod')).toBe(true)
    // Argo CD labels what it applies with the app's name (tracking label app.kubernetes.io/instance).
    expect(doc.events.some(e => e['type'] === 'apply')).toBe(true)
  })

  it('a flag overrides it: --dest-namespace wins over spec.destination.namespace', async () => {
    const dir = fixture({ 'app.yaml': application('  destination: { namespace: shop-prod }') })
    const r = await run(['sync', '--json', '--app', join(dir, 'app.yaml'), '--dest-namespace', 'staging', SEED_LAB])
    expect((JSON.parse(r.out) as SyncDocument).operations[0]!.resources.every(x => x.namespace === 'staging')).toBe(true)
  })

  it('syncPolicy.syncOptions apply to the sync: PruneLast=true prunes after the last wave (R50)', async () => {
    const live = fixture({ 'live.yaml': configMap('old') })
    const app = fixture({ 'app.yaml': application('  destination: { namespace: default }\n  syncPolicy:\n    syncOptions: [PruneLast=true]') })
    const r = await run(['sync', '--json', '--prune', '--live', join(live, 'live.yaml'), '--app', join(app, 'app.yaml'), SEED_LAB])
    expect(r.code).toBe(0)
    const doc = JSON.parse(r.out) as SyncDocument
    const pruned = doc.operations[0]!.resources.find(x => x.name === 'old')!
    expect(pruned.status).toBe('Pruned')
    // PruneLast: the prune runs in a wave of its own after the last wave of the Sync phase.
    const lastWave = doc.events.find(e => e['type'] === 'phase' && e['syncPhase'] === 'Sync' && e['wave'] === 1)!
    const prune = doc.events.find(e => e['type'] === 'delete' && e['name'] === 'old')!
    expect(prune['t']).toBe(lastWave['t'])
  })

  it('syncPolicy.retry retries a failing sync; automated makes the first operation the app\'s own (R62)', async () => {
    const dir = fixture({
      'job.yaml': job('check', { 'argocd.argoproj.io/hook': 'PreSync' }, ['sh', '-c', 'exit 1']),
      'cm.yaml': configMap('settings'), // an app of hooks only is Synced and never auto-syncs
      'app.yaml': application('  destination: { namespace: default }\n  syncPolicy:\n    automated: { prune: true }\n' +
        '    retry: { limit: 1, backoff: { duration: 1s, factor: 2, maxDuration: 10s } }'),
    })
    const r = await run(['sync', '--json', '--app', join(dir, 'app.yaml'), join(dir, 'job.yaml'), join(dir, 'cm.yaml')])
    expect(r.code).toBe(1)
    const doc = JSON.parse(r.out) as SyncDocument
    expect(doc.operations).toHaveLength(1)
    expect(doc.events.some(e => e['type'] === 'autosync' && e['action'] === 'started')).toBe(true)
    // retry limit 1: the PreSync hook runs twice before the operation fails.
    expect(doc.events.filter(e => e['type'] === 'apply' && e['name'] === 'check').length).toBe(2)
    expect(doc.operations[0]!.message).toMatch(/retried 1 times/)
  })

  it('errors point at the field: kind, an unknown sync option, a bad duration (file:line:col), exit 2', async () => {
    const dir = fixture({
      'notapp.yaml': configMap('x'),
      'badopt.yaml': application('  syncPolicy:\n    syncOptions:\n      - CreateNamespace=true\n      - Validat=false'),
      'baddur.yaml': application('  syncPolicy:\n    retry:\n      limit: 2\n      backoff: { duration: soon }'),
    })
    const kind = await run(['sync', '--app', join(dir, 'notapp.yaml'), SEED_LAB])
    expect(kind.code).toBe(2)
    expect(kind.err).toMatch(/notapp\.yaml:2:7: error: --app: expected kind: Application/)
    const opt = await run(['sync', '--app', join(dir, 'badopt.yaml'), SEED_LAB])
    expect(opt.code).toBe(2)
    expect(opt.err).toMatch(/badopt\.yaml:12:9: error: spec\.syncPolicy\.syncOptions\[1\]: unknown sync option "Validat=false"/)
    const dur = await run(['sync', '--app', join(dir, 'baddur.yaml'), SEED_LAB])
    expect(dur.code).toBe(2)
    expect(dur.err).toMatch(/baddur\.yaml:12:\d+: error: spec\.syncPolicy\.retry\.backoff\.duration: invalid argument "soon"/)
    const missing = await run(['sync', '--app', join(dir, 'nope.yaml'), SEED_LAB])
    expect(missing.code).toBe(2)
    expect(missing.err).toContain('nope.yaml: no such file')
  })
})
