import { describe, expect, it } from 'vitest'
import { CREATE, terminal } from './helpers.ts'

describe('argocd app sync --sync-option ServerSideApply=true in the terminal (R78)', () => {
  it('R78 prints serverside-applied; kubectl get -o yaml hides managedFields as kubectl does', async () => {
    const t = await terminal()
    await t.type(CREATE)
    const sync = await t.type('argocd app sync argo-hook-learner --sync-option ServerSideApply=true')
    await t.runUntil(() => sync.exitCode !== undefined)
    expect(sync.lines.join('\n')).toContain('service/pre-post-sync-hook serverside-applied')
    const yaml = (await t.type('kubectl get service pre-post-sync-hook -o yaml')).lines.join('\n')
    expect(yaml).toContain('name: pre-post-sync-hook')
    expect(yaml).not.toContain('managedFields')
  })
})
