// `synclab sync` with the sync options that read the Application or the cluster: --ignore-difference with
// RespectIgnoreDifferences=true (R80), a --live object of another Application with FailOnSharedResource=true (R81),
// ServerSideApply=true (R78).
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseIgnoreDifference, UsageError } from '../../src/cli/sync-args.ts'
import { configMap, fixture, syncJson } from './helpers.ts'

const TRACKING = 'argocd.argoproj.io/tracking-id'

describe('synclab sync: application sync options', () => {
  it('R80 --ignore-difference with RespectIgnoreDifferences=true keeps the live value of the ignored field', async () => {
    const dir = fixture({ 'cm.yaml': configMap('cm', {}, 'k: "git"\n  other: "new"') })
    const live = fixture({ 'live.yaml': configMap('cm', {}, 'k: "hand-edited"') })
    const args = ['--live', join(live, 'live.yaml'), '--ignore-difference', ':ConfigMap=/data/k', dir]
    const kept = await syncJson('--sync-option', 'RespectIgnoreDifferences=true', ...args)
    expect(kept.code).toBe(0)
    expect(kept.doc.operations[0]!.resources[0]!.message).toBe('configmap/cm configured')
    const synced = await syncJson(...args)
    expect(synced.code).toBe(0)
  })

  it('R80 --ignore-difference: GROUP:KIND[:NAME]=PATH', () => {
    expect(parseIgnoreDifference('apps:Deployment:web=.spec.replicas')).toEqual({ group: 'apps', kind: 'Deployment',
      name: 'web', jqPathExpressions: ['.spec.replicas'] })
    expect(parseIgnoreDifference(':ConfigMap=/data/k')).toEqual({ group: '', kind: 'ConfigMap', jsonPointers: ['/data/k'] })
    expect(() => parseIgnoreDifference('Deployment=/spec/replicas')).toThrow(UsageError)
    expect(() => parseIgnoreDifference('apps:Deployment=spec.replicas')).toThrow(UsageError)
  })

  it('R81 a --live object tracked by another application fails the sync with FailOnSharedResource=true', async () => {
    const dir = fixture({ 'cm.yaml': configMap('shared') })
    const live = fixture({ 'live.yaml': configMap('shared', { [TRACKING]: 'billing:/ConfigMap:default/shared' }) })
    const r = await syncJson('--sync-option', 'FailOnSharedResource=true', '--live', join(live, 'live.yaml'), dir)
    expect(r.code).toBe(1)
    expect(r.doc.operations[0]).toMatchObject({ phase: 'Failed', resources: [],
      message: 'Shared resource found: ConfigMap/shared is part of applications synclab and billing' })
  })

  it('R78 ServerSideApply=true prints kubectl\'s serverside-applied', async () => {
    const dir = fixture({ 'cm.yaml': configMap('a') })
    const r = await syncJson('--sync-option', 'ServerSideApply=true', dir)
    expect(r.doc.operations[0]!.resources[0]!.message).toBe('configmap/a serverside-applied')
  })

  it('R83 a destination namespace the fresh cluster lacks fails the applies; stderr says how to create it', async () => {
    const dir = fixture({ 'cm.yaml': configMap('a') })
    const r = await syncJson('--dest-namespace', 'team-a', dir)
    expect(r.code).toBe(1)
    expect(r.doc.operations[0]).toMatchObject({ phase: 'Failed',
      message: 'one or more objects failed to apply, reason: namespaces "team-a" not found' })
    expect(r.err.split('\n').filter(l => l.includes('CreateNamespace=true'))).toEqual([
      'synclab: namespace "team-a" does not exist on the fresh cluster; create it with --sync-option ' +
      'CreateNamespace=true or give a Namespace "team-a" in --live (R82, R83)'])
  })

  it('R82 CreateNamespace=true creates it first; a Namespace in --live or in the manifests makes it exist', async () => {
    const dir = fixture({ 'cm.yaml': configMap('a') })
    const created = await syncJson('--dest-namespace', 'team-a', '--sync-option', 'CreateNamespace=true', dir)
    expect(created.code).toBe(0)
    expect(created.err).toBe('')
    expect(created.doc.operations[0]!.resources[0]).toMatchObject({ kind: 'Namespace', name: 'team-a',
      syncPhase: 'PreSync', message: 'namespace/team-a created' })
    const live = fixture({ 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n' })
    const given = await syncJson('--dest-namespace', 'team-a', '--live', join(live, 'ns.yaml'), dir)
    expect(given.code).toBe(0)
    expect(given.err).toBe('')
    const withNs = fixture({ 'cm.yaml': configMap('a'), 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n' })
    const managed = await syncJson('--dest-namespace', 'team-a', withNs)
    expect(managed.code).toBe(0)
    expect(managed.err).toBe('')
  })

  it('R98 --live objects have long been running when the sync starts: a pruned Pod takes its grace period', async () => {
    const dir = fixture({ 'cm.yaml': configMap('next', { 'argocd.argoproj.io/sync-wave': '1' }) })
    const live = fixture({ 'pod.yaml': ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: old', 'spec:',
      '  containers:', '    - name: main', '      image: busybox', '      command: ["sleep", "3600"]'].join('\n') + '\n' })
    const r = await syncJson('--prune', '--live', join(live, 'pod.yaml'), dir)
    expect(r.code).toBe(0)
    const events = r.doc.events as Array<{ t: number; type: string; name?: string; message?: string }>
    expect(events.filter(e => e.t >= 0 && e.type === 'created' && e.name === 'old')).toEqual([]) // not started now
    const gone = events.find(e => e.type === 'gone' && e.name === 'old')!
    expect(gone.t).toBeGreaterThanOrEqual(30_000)
    expect(events.some(e => e.type === 'operation' && e.message === 'waiting for deletion of /Pod/old')).toBe(true)
  })
})
