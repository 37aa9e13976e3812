// The seed lab (acend "Resource hooks") typed in order: create, sync, `oc get pod --watch` during the sync, delete.
import { describe, expect, it } from 'vitest'
import { CREATE, terminal } from './helpers.ts'

const podName = (line: string) => line.split(/\s+/)[0]!
const status = (line: string) => line.split(/\s+/)[2]!

describe('the seed lab, command by command', () => {
  it('creates, syncs while watching pods, and deletes the application', async () => {
    const t = await terminal()

    // Task 3.1: create the application from the lab's repository.
    const created = await t.type(CREATE.replace('argo-hook-learner', 'argo-hook-$USER').replace('--dest-namespace learner', '--dest-namespace $USER'))
    expect(created.lines).toEqual(["application 'argo-hook-learner' created"])
    expect(created.exitCode).toBe(0)

    // The watch is started first (another terminal in the lab), then the sync.
    const watch = await t.type('oc get pod --namespace $USER --watch')
    expect(watch.lines).toEqual(['No resources found in learner namespace.'])
    const sync = await t.type('argocd app sync argo-hook-$USER')
    expect(sync.exitCode).toBeUndefined() // still waiting for the operation
    await t.runUntil(() => sync.exitCode !== undefined)
    await t.advance(10_000)
    expect(sync.exitCode).toBe(0)

    // kubectl get pod --watch: the header once, then one line per change.
    const rows = watch.lines.slice(1)
    expect(rows[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/)
    const pods = rows.slice(1)
    const before = pods.filter(l => /^before-[a-z0-9]{5}\s/.test(l))
    const after = pods.filter(l => /^after-[a-z0-9]{5}\s/.test(l))
    const web = pods.filter(l => l.startsWith('pre-post-sync-hook-'))
    expect(before.map(status).slice(0, 4)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed'])
    expect(after.map(status).slice(0, 4)).toEqual(['Pending', 'ContainerCreating', 'Running', 'Completed'])
    expect(web.map(status)).toEqual(['Pending', 'ContainerCreating', 'Running'])
    // PreSync before the Deployment's pod, PostSync after it is running.
    const firstIndex = (name: string) => pods.findIndex(l => l.startsWith(name))
    expect(firstIndex('before-')).toBeLessThan(firstIndex('pre-post-sync-hook-'))
    const webRunning = pods.findIndex(l => l.startsWith('pre-post-sync-hook-') && status(l) === 'Running')
    expect(webRunning).toBeLessThan(firstIndex('after-'))
    // READY column and AGE: 1/1 while running, 0/1 when completed; the before pod ran about 10 s.
    const beforeRunning = before.find(l => status(l) === 'Running')!
    expect(beforeRunning.split(/\s+/)[1]).toBe('1/1')
    expect(before.find(l => status(l) === 'Completed')!.split(/\s+/)[1]).toBe('0/1')
    // Every line is aligned with the header (kubectl remembers column widths while watching).
    const statusCol = rows[0]!.indexOf('STATUS')
    for (const l of pods.filter(l => podName(l).length <= 'pre-post-sync-hook-'.length)) expect(l.indexOf(status(l))).toBeGreaterThanOrEqual(statusCol)
    // HookSucceeded: both hook pods were deleted at the end (their last line repeats, as kubectl prints deletions).
    expect(t.sim.fake.store.list('Pod', 'learner').map(p => p.metadata.name)).toEqual([podName(web[0]!)])

    // argocd app sync: the streaming table, then summary, Operation block and the final table.
    const out = sync.lines
    expect(out[0]).toMatch(/^TIMESTAMP\s+GROUP\s+KIND\s+NAMESPACE\s+NAME\s+STATUS\s+HEALTH\s+HOOK\s+MESSAGE$/)
    expect(out[1]).toMatch(/^2025-01-01T00:00:00\+00:00\s+batch\s+Job\s+learner\s+before\s+Running\s+Synced\s+PreSync\s+job\.batch\/before created$/)
    expect(out).toContain('Name:               argocd/argo-hook-learner')
    expect(out).toContain('Sync Status:        Synced to  (a1b2c3d)')
    expect(out).toContain('Health Status:      Healthy')
    expect(out).toContain('Operation:          Sync')
    expect(out).toContain('Phase:              Succeeded')
    expect(out).toContain('Message:            successfully synced (no more tasks)')
    const table = out.indexOf(out.find(l => l.startsWith('GROUP  KIND'))!)
    expect(out.slice(table)).toEqual([
      'GROUP  KIND        NAMESPACE  NAME                STATUS     HEALTH   HOOK      MESSAGE',
      'batch  Job         learner    before              Succeeded  Synced   PreSync   Reached expected number of succeeded pods',
      '       Service     learner    pre-post-sync-hook  Synced     Healthy            service/pre-post-sync-hook created',
      'apps   Deployment  learner    pre-post-sync-hook  Synced     Healthy            deployment.apps/pre-post-sync-hook created',
      'batch  Job         learner    after               Succeeded  Synced   PostSync  Reached expected number of succeeded pods',
    ])

    // Task 3.3: delete the application (-y skips the question); the cascade removes its resources.
    const deleted = await t.type('argocd app delete argo-hook-$USER -y')
    expect(deleted.lines).toEqual(["application 'argo-hook-learner' deleted"])
    await t.advance(60_000)
    expect(watch.lines.at(-1)).toMatch(/^pre-post-sync-hook-\S+\s+0\/1\s+\S+/)
    watch.stop()
    expect((await t.type('kubectl get all -n learner')).lines).toEqual(['No resources found in learner namespace.'])
    expect((await t.type('argocd app get argo-hook-learner')).lines).toEqual([
      'FATA[0000] rpc error: code = NotFound desc = applications.argoproj.io "argo-hook-learner" not found'])
  })

  it('follows a new commit: the PostSync hook fails (Task 3.2 without changing the image)', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const post = t.files.find(f => f.path === 'pre-post-sync-hook/post-sync-job.yaml')!
    post.text = post.text.replace(/command: \[.*\]/, 'command: ["bash", "-eo", "pipefail", "-c", "curl https://acend.ch"]')
    t.ctx.headRevision = () => 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
    const sync = await t.type('argocd app sync argo-hook-learner')
    await t.runUntil(() => sync.exitCode !== undefined)
    expect(sync.exitCode).toBe(1)
    expect(sync.lines).toContain('Phase:              Failed')
    expect(sync.lines.at(-1)).toMatch(/^FATA\[\d{4}\] Operation has completed with phase: Failed$/)
    expect(sync.lines).toContain('Sync Revision:      bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')
    // The failed Job stays (HookSucceeded only).
    const jobs = await t.type('kubectl get jobs')
    expect(jobs.lines[0]).toMatch(/^NAME\s+STATUS\s+COMPLETIONS\s+DURATION\s+AGE$/)
    expect(jobs.lines.some(l => /^after\s+Failed\s+0\/1\s/.test(l))).toBe(true)
  })
})
