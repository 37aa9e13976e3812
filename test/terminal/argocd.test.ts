// argocd app …: output formats from argo-cd cmd/argocd/commands/app.go, errors as the CLI prints them (logrus FATA).
import { describe, expect, it } from 'vitest'
import { CREATE, REPO_URL, terminal } from './helpers.ts'

describe('argocd app create / get / list', () => {
  it('create prints the confirmation, get prints the summary and the OutOfSync/Missing table', async () => {
    const t = await terminal()
    expect((await t.type(CREATE)).lines).toEqual(["application 'argo-hook-learner' created"])
    expect((await t.type(CREATE)).lines).toEqual(["application 'argo-hook-learner' unchanged"])
    const get = await t.type('argocd app get argo-hook-learner')
    expect(get.lines).toEqual([
      'Name:               argocd/argo-hook-learner',
      'Project:            default',
      'Server:             https://kubernetes.default.svc',
      'Namespace:          learner',
      'URL:                https://localhost:8080/applications/argo-hook-learner',
      'Source:',
      `- Repo:             ${REPO_URL}`,
      '  Target:           ',
      '  Path:             pre-post-sync-hook',
      'SyncWindow:         Sync Allowed',
      'Sync Policy:        Manual',
      'Sync Status:        OutOfSync from  (a1b2c3d)',
      'Health Status:      Missing',
      '',
      'GROUP  KIND        NAMESPACE  NAME                STATUS     HEALTH   HOOK  MESSAGE',
      '       Service     learner    pre-post-sync-hook  OutOfSync  Missing        ',
      'apps   Deployment  learner    pre-post-sync-hook  OutOfSync  Missing        ',
    ])
    const list = await t.type('argocd app list')
    expect(list.lines[0]).toMatch(/^NAME\s+CLUSTER\s+NAMESPACE\s+PROJECT\s+STATUS\s+HEALTH\s+SYNCPOLICY\s+CONDITIONS\s+REPO\s+PATH\s+TARGET$/)
    expect(list.lines[1]).toMatch(/^argocd\/argo-hook-learner\s+https:\/\/kubernetes\.default\.svc\s+learner\s+default\s+OutOfSync\s+Missing\s+Manual\s+<none>/)
    const yaml = await t.type('argocd app get argo-hook-learner -o yaml')
    expect(yaml.lines).toContain('kind: Application')
  })

  it('several applications; create errors as the API server reports them', async () => {
    const t = await terminal()
    await t.type(CREATE)
    await t.type(CREATE.replace('argo-hook-learner', 'second').replace('--dest-namespace learner', '--dest-namespace default'))
    expect((await t.type('argocd app list -o name')).lines).toEqual(['argocd/argo-hook-learner', 'argocd/second'])
    expect((await t.type(`argocd app create x --repo ${REPO_URL} --path nope --dest-server https://kubernetes.default.svc --dest-namespace learner`)).lines)
      .toEqual(['FATA[0000] rpc error: code = InvalidArgument desc = application spec for x is invalid: InvalidSpecError: ' +
        'Unable to generate manifests in nope: rpc error: code = Unknown desc = nope: app path does not exist'])
    expect((await t.type(`argocd app create x --repo ${REPO_URL} --path pre-post-sync-hook --dest-server https://other --dest-namespace learner`)).lines[0])
      .toContain('unable to find destination server: there are no clusters with this URL: https://other')
    expect((await t.type(CREATE.replace('pre-post-sync-hook', 'pre-post-sync-hook/deployment.yaml').replace('--repo', '--revision main --repo'))).lines[0])
      .toBe('FATA[0000] rpc error: code = InvalidArgument desc = existing application spec is different, use upsert flag to force update')
    const unknown = await t.type('argocd app create x --foo')
    expect(unknown.lines).toEqual(['Error: unknown flag: --foo', "Run 'argocd app create --help' for usage."])
    expect(unknown.exitCode).toBe(1)
    expect((await t.type('argocd app frobnicate')).lines[0]).toBe('Error: unknown command "frobnicate" for "argocd app"')
    expect((await t.type('argocd app get nope')).lines).toEqual([
      'FATA[0000] rpc error: code = NotFound desc = applications.argoproj.io "nope" not found'])
  })
})

describe('argocd app sync / history / terminate-op / wait', () => {
  it('--async returns at once; another sync is refused while it runs; terminate-op stops it', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const sync = await t.type('argocd app sync argo-hook-learner --async')
    expect(sync.lines).toEqual([])
    expect(sync.exitCode).toBe(0)
    expect((await t.type('argocd app sync argo-hook-learner')).lines).toEqual([
      'FATA[0000] rpc error: code = FailedPrecondition desc = another operation is already in progress'])
    await t.advance(3_000)
    const wait = await t.type('argocd app wait argo-hook-learner')
    expect((await t.type('argocd app terminate-op argo-hook-learner')).lines).toEqual([
      "Application 'argo-hook-learner' operation terminating"])
    await t.runUntil(() => !t.sim.apps[0]!.operationRunning)
    const get = await t.type('argocd app get argo-hook-learner --show-operation')
    expect(get.lines).toContain('Phase:              Failed')
    expect(get.lines).toContain('Message:            Operation terminated')
    expect((await t.type('argocd app terminate-op argo-hook-learner')).lines).toEqual([
      'FATA[0000] rpc error: code = InvalidArgument desc = Unable to terminate operation. No operation is in progress'])
    wait.stop()
    expect((await t.type('argocd app history argo-hook-learner')).lines).toEqual(['ID  DATE  REVISION'])
  })

  it('history lists successful syncs; wait returns once synced and healthy', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const sync = await t.type('argocd app sync argo-hook-learner')
    await t.runUntil(() => sync.exitCode !== undefined)
    const history = await t.type('argocd app history argo-hook-learner')
    expect(history.lines[0]).toMatch(/^ID\s+DATE\s+REVISION$/)
    expect(history.lines[1]).toMatch(/^0\s+2025-01-01 00:00:\d\d \+0000 UTC\s+\(a1b2c3d\)$/)
    const wait = await t.type('argocd app wait argo-hook-learner')
    expect(wait.exitCode).toBe(0)
    expect(wait.lines).toContain('Sync Status:        Synced to  (a1b2c3d)')
    expect((await t.type('argocd app diff argo-hook-learner')).exitCode).toBe(0)
  })

  it('selective sync with --resource; an unknown filter is refused', async () => {
    const t = await terminal()
    await t.type(CREATE)
    expect((await t.type('argocd app sync argo-hook-learner --resource apps:Deployment:nope')).lines).toEqual([
      'FATA[0000] No matching app resources found for resource filter: apps:Deployment:nope'])
    const sync = await t.type('argocd app sync argo-hook-learner --resource :Service:pre-post-sync-hook')
    await t.runUntil(() => sync.exitCode !== undefined)
    expect(sync.exitCode).toBe(0)
    expect(t.sim.fake.store.list('Job', 'learner')).toEqual([]) // hooks do not run in a selective sync
    expect(t.sim.fake.store.list('Service', 'learner').length).toBe(1)
  })
})

describe('argocd app diff / manifests / resources / delete', () => {
  it('diff shows missing objects in argocd style and exits 1', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const diff = await t.type('argocd app diff argo-hook-learner')
    expect(diff.exitCode).toBe(1)
    expect(diff.lines).toContain('===== /Service learner/pre-post-sync-hook ======')
    expect(diff.lines).toContain('===== apps/Deployment learner/pre-post-sync-hook ======')
    expect(diff.lines.some(l => /^0a1,\d+$/.test(l))).toBe(true)
    expect(diff.lines).toContain('> kind: Service')
    const manifests = await t.type('argocd app manifests argo-hook-learner')
    expect(manifests.lines.filter(l => l === '---').length).toBe(4)
    const resources = await t.type('argocd app resources argo-hook-learner')
    expect(resources.lines).toEqual([
      'GROUP  KIND        NAMESPACE  NAME                ORPHANED',
      '       Service     learner    pre-post-sync-hook  No',
      'apps   Deployment  learner    pre-post-sync-hook  No',
    ])
  })

  it('delete asks first; n cancels, anything else asks again, y deletes', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const asked = await t.type('argocd app delete argo-hook-learner')
    expect(asked.result.prompt?.question).toBe("Are you sure you want to delete 'argo-hook-learner' and all its resources? [y/n] ")
    const no = await asked.answer('n')
    expect(no.lines).toEqual(["The command to delete 'argo-hook-learner' was cancelled."])
    const again = await t.type('argocd app delete argo-hook-learner')
    const maybe = await again.answer('maybe')
    expect(maybe.result.prompt).toBeDefined()
    const yes = await maybe.answer('y')
    expect(yes.lines).toEqual(["application 'argo-hook-learner' deleted"])
    await t.advance(5_000)
    expect((await t.type('argocd app list -o name')).lines).toEqual([])
  })
})
