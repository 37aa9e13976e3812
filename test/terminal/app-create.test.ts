// `argocd app create` for a name that exists, as argo-cd's server (Create) and CLI (hasAppChanged) answer it: the
// same spec is `unchanged`, a different one fails without --upsert and is `updated` with it. And the seed lab's own
// command, pasted as written, next to the lab's app.
import { describe, expect, it } from 'vitest'
import { runCommand } from '../../src/terminal/index.ts'
import { CREATE, REPO_URL, terminal } from './helpers.ts'

const DIFFERENT = 'FATA[0000] rpc error: code = InvalidArgument desc = existing application spec is different, use upsert flag to force update'
const SEED_REPO = 'https://gitea.example.com/learner/argocd-training-examples.git'
const SEED_CREATE = `argocd app create argo-hook-learner --repo ${SEED_REPO} --path 'pre-post-sync-hook' ` +
  '--dest-server https://kubernetes.default.svc --dest-namespace learner'

const pathLine = (lines: string[]) => lines.find(l => l.startsWith('  Path:'))

describe('argocd app create on an existing app', () => {
  it('the same spec again: unchanged, with or without --upsert; the app is not touched', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const revision = t.sim.apps[0]!.revision
    expect((await t.type(CREATE)).lines).toEqual(["application 'argo-hook-learner' unchanged"])
    expect((await t.type(`${CREATE} --upsert`)).lines).toEqual(["application 'argo-hook-learner' unchanged"])
    expect(t.sim.apps[0]!.revision).toBe(revision)
  })

  it('a different spec fails without --upsert, with Argo CD\'s message', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const other = await t.type(CREATE.replace('--path pre-post-sync-hook', '--path pre-post-sync-hook/svc.yaml'))
    expect(other.lines).toEqual([DIFFERENT])
    expect(other.exitCode).toBe(1)
    expect((await t.type(`${CREATE} --sync-policy automated`)).lines).toEqual([DIFFERENT])
  })

  it('--upsert with a different spec: updated, and get shows the new source and policy', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const up = await t.type(`${CREATE.replace('--path pre-post-sync-hook', '--path pre-post-sync-hook/svc.yaml')} --upsert --sync-policy automated --auto-prune`)
    expect(up.lines).toEqual(["application 'argo-hook-learner' updated"])
    expect(up.exitCode).toBe(0)
    const get = (await t.type('argocd app get argo-hook-learner')).lines
    expect(pathLine(get)).toBe('  Path:             pre-post-sync-hook/svc.yaml')
    expect(get).toContain('Sync Policy:        Automated (Prune)')
    expect(t.sim.apps[0]!.revision!.manifests.map(m => m.kind)).toEqual(['Service'])
    // The namespace is the one thing the simulated Argo CD cannot move: it says so.
    const moved = await t.type(`${CREATE.replace('--dest-namespace learner', '--dest-namespace default')} --upsert`)
    expect(moved.lines[0]).toMatch(/^synclab: the simulated Argo CD cannot move 'argo-hook-learner' to another namespace/)
  })
})

describe('the lab\'s own app and the seed lab\'s command', () => {
  async function withLabApp() {
    const t = await terminal()
    await t.sim.createApp('argo-hook', 'learner')
    const ctx = { ...t.ctx, repoUrl: SEED_REPO, labApp: { name: 'argo-hook', path: 'pre-post-sync-hook' } }
    return { t, ctx }
  }

  it('argocd app get of the lab\'s app prints its Repo, Target and Path as printAppSummaryTable does', async () => {
    const { ctx } = await withLabApp()
    const lines = runCommand('argocd app get argo-hook', ctx).lines
    expect(lines.slice(0, 9)).toEqual([
      'Name:               argocd/argo-hook',
      'Project:            default',
      'Server:             https://kubernetes.default.svc',
      'Namespace:          learner',
      'URL:                https://localhost:8080/applications/argo-hook',
      'Source:',
      `- Repo:             ${SEED_REPO}`,
      '  Target:           ',
      '  Path:             pre-post-sync-hook',
    ])
  })

  it('the lab text\'s create command for the lab\'s app, pasted over three lines: unchanged', async () => {
    const { ctx } = await withLabApp()
    const pasted = `argocd app create argo-hook --repo ${SEED_REPO} \\\n  --path pre-post-sync-hook \\\n` +
      '  --dest-server https://kubernetes.default.svc --dest-namespace learner'
    expect(runCommand(pasted, ctx)).toEqual({ lines: ["application 'argo-hook' unchanged"], exitCode: 0 })
    expect(runCommand(pasted.replace(SEED_REPO, REPO_URL), ctx).lines).toEqual([DIFFERENT])
  })

  it('the seed\'s command (quoted path, gitea repository) makes a second app that syncs', async () => {
    const { t, ctx } = await withLabApp()
    const created = runCommand(SEED_CREATE, ctx)
    await created.pending
    expect(runCommand('argocd app list -o name', ctx).lines).toEqual(['argocd/argo-hook', 'argocd/argo-hook-learner'])
    const get = runCommand('argocd app get argo-hook-learner', ctx).lines
    expect(get).toContain(`- Repo:             ${SEED_REPO}`)
    expect(pathLine(get)).toBe('  Path:             pre-post-sync-hook')
    expect(runCommand(SEED_CREATE, ctx).lines).toEqual(["application 'argo-hook-learner' unchanged"])
    const sync = runCommand('argocd app sync argo-hook-learner --async', ctx)
    expect(sync.exitCode).toBe(0)
    await t.runUntil(() => !t.sim.apps.find(a => a.name === 'argo-hook-learner')!.operationRunning)
    expect(runCommand('argocd app get argo-hook-learner', ctx).lines).toContain('Health Status:      Healthy')
  })
})
