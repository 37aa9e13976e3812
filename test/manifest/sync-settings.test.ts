import { describe, expect, it } from 'vitest'
import { ANNOTATION, parseGoInt, readSyncSettings, splitCsv } from '../../src/manifest/index.ts'
import type { KubeObject } from '../../src/cluster/objects.ts'
import { objectWith } from './helpers.ts'

const read = (ann: Record<string, unknown>) => readSyncSettings(objectWith(ann))
const settings = (ann: Record<string, unknown>) => read(ann).settings
const H = ANNOTATION

describe('hook types (R1-R6)', () => {
  it('R1 the hook annotation is a CSV list, trimmed and de-duplicated', () => {
    expect(splitCsv(' PreSync , PreSync,,PostSync ')).toEqual(['PreSync', 'PostSync'])
    expect(settings({ [H.hook]: ' PreSync , PreSync,PostSync' }).hookTypes).toEqual(['PreSync', 'PostSync'])
  })

  it('R1 hook types are case-sensitive: "presync" is not recognised', () => {
    const s = settings({ [H.hook]: 'presync' })
    expect(s.hookTypes).toEqual([])
    expect(s.dropped).toBe(true)
  })

  it('R2 an object with the Argo hook key is a hook; without annotations it is not', () => {
    expect(settings({ [H.hook]: 'Sync' }).isHook).toBe(true)
    expect(settings({}).isHook).toBe(false)
    expect(settings({}).hookTypeSource).toBe('none')
  })

  it('R2 helm.sh/hook makes a hook unless it is exactly crd-install', () => {
    expect(settings({ [H.helmHook]: 'pre-install' }).isHook).toBe(true)
    const crd = settings({ [H.helmHook]: 'crd-install' })
    expect(crd.isHook).toBe(false)
    expect(crd.dropped).toBe(false)
  })

  it('R3 Helm pre-install,pre-upgrade map to one PreSync type, post-install to PostSync', () => {
    const pre = settings({ [H.helmHook]: 'pre-install,pre-upgrade' })
    expect(pre).toMatchObject({ hookTypes: ['PreSync'], phases: ['PreSync'], hookTypeSource: 'helm', isHook: true })
    expect(settings({ [H.helmHook]: 'post-install' }).hookTypes).toEqual(['PostSync'])
    expect(settings({ [H.helmHook]: 'post-upgrade, pre-install' }).phases).toEqual(['PreSync', 'PostSync'])
  })

  it('R7 Argo hook types override Helm hook types on the same object', () => {
    const s = settings({ [H.hook]: 'PostSync', [H.helmHook]: 'pre-install' })
    expect(s).toMatchObject({ hookTypes: ['PostSync'], hookTypeSource: 'argocd' })
  })

  it('R7 Helm types are used when no Argo value is recognised (e.g. hook: Foo)', () => {
    const { settings: s, warnings } = read({ [H.hook]: 'Foo', [H.helmHook]: 'pre-install' })
    expect(s).toMatchObject({ hookTypes: ['PreSync'], hookTypeSource: 'helm', isHook: true, dropped: false })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]?.message).toContain('the object runs as PreSync')
    expect(warnings[0]?.message).not.toContain('drops')
  })

  it('R4 an unknown hook type "postsync" warns that Argo CD drops the object and suggests PostSync', () => {
    const { settings: s, warnings } = read({ [H.hook]: 'postsync' })
    expect(s).toMatchObject({ isHook: true, hookTypes: [], dropped: true, phases: [] })
    expect(warnings).toEqual([expect.objectContaining({ code: 'unknown-hook-type', annotation: H.hook, item: 'postsync' })])
    const msg = warnings[0]?.message ?? ''
    expect(msg).toContain('drops this object')
    expect(msg).toContain('Did you mean "PostSync"')
    expect(msg).toContain('PreSync, Sync, PostSync, SyncFail, Skip, PreDelete or PostDelete')
  })

  it('R4 an unknown hook type "Foo" is dropped and the warning names the allowed values', () => {
    const { settings: s, warnings } = read({ [H.hook]: 'Foo' })
    expect(s.dropped).toBe(true)
    expect(warnings[0]?.message).toMatch(/^unknown hook type "Foo": Argo CD drops this object.*Allowed values: PreSync/)
    expect(warnings[0]?.message).not.toContain('Did you mean')
  })

  it('R4 "post-sync" suggests "PostSync"', () => {
    expect(read({ [H.hook]: 'post-sync' }).warnings[0]?.message).toContain('Did you mean "PostSync"')
  })

  it('R4 an unknown type next to a known one is ignored, the object is not dropped', () => {
    const { settings: s, warnings } = read({ [H.hook]: 'PreSync,Foo' })
    expect(s).toMatchObject({ hookTypes: ['PreSync'], dropped: false })
    expect(warnings[0]?.message).toContain('Argo CD ignores this value; the object runs as PreSync')
  })

  it('R4 an empty hook annotation makes a hook with no type: dropped, with a warning', () => {
    const { settings: s, warnings } = read({ [H.hook]: ' ' })
    expect(s).toMatchObject({ isHook: true, dropped: true })
    expect(warnings.map(w => w.code)).toEqual(['hook-dropped'])
  })

  it('R4 helm.sh/hook: test is a hook with no sync type: dropped, with a warning', () => {
    const { settings: s, warnings } = read({ [H.helmHook]: 'test' })
    expect(s).toMatchObject({ isHook: true, dropped: true, hookTypeSource: 'none' })
    expect(warnings).toEqual([expect.objectContaining({ code: 'hook-dropped', annotation: H.helmHook })])
  })

  it('R4 an unknown Helm hook value warns and names the Helm values', () => {
    const { warnings } = read({ [H.helmHook]: 'pre-instal' })
    expect(warnings[0]).toMatchObject({ code: 'unknown-helm-hook', item: 'pre-instal' })
    expect(warnings[0]?.message).toContain('pre-install')
  })

  it('R5 Skip alone is a non-hook managed resource with no task', () => {
    const s = settings({ [H.hook]: 'Skip' })
    expect(s).toMatchObject({ skip: true, isHook: false, phases: [], dropped: false, hookTypes: ['Skip'] })
  })

  it('R5 Skip,PreSync behaves as PreSync', () => {
    const s = settings({ [H.hook]: 'Skip,PreSync' })
    expect(s).toMatchObject({ skip: false, isHook: true, phases: ['PreSync'] })
  })

  it('R6 PreSync,PostSync runs in two phases', () => {
    expect(settings({ [H.hook]: 'PreSync,PostSync' }).phases).toEqual(['PreSync', 'PostSync'])
    expect(settings({ [H.hook]: 'SyncFail, Sync' }).phases).toEqual(['Sync', 'SyncFail'])
  })
})

describe('delete hooks (R10)', () => {
  it('R10 hook: PreDelete is a delete hook, removed from the sync, not reported as unknown', () => {
    const { settings: s, warnings } = read({ [H.hook]: 'PreDelete' })
    expect(s).toMatchObject({ deleteHookTypes: ['PreDelete'], excludedFromSync: true, dropped: false })
    expect(warnings).toEqual([])
  })

  it('R10 Helm post-delete is a PostDelete hook', () => {
    expect(settings({ [H.helmHook]: 'post-delete' })).toMatchObject({ deleteHookTypes: ['PostDelete'], excludedFromSync: true, dropped: false })
    expect(settings({ [H.helmHook]: 'pre-delete' }).deleteHookTypes).toEqual(['PreDelete'])
  })

  it('R10 a delete hook that also lists a sync type stays in the sync', () => {
    const s = settings({ [H.hook]: 'PostDelete,PreSync' })
    expect(s).toMatchObject({ deleteHookTypes: ['PostDelete'], excludedFromSync: false, phases: ['PreSync'] })
  })

  it('R10 Skip does not count as a sync type', () => {
    expect(settings({ [H.hook]: 'PreDelete,Skip' }).excludedFromSync).toBe(true)
  })
})

describe('delete policies (R7, R32)', () => {
  it('R32 a hook without a policy gets BeforeHookCreation, recorded as defaulted', () => {
    expect(settings({ [H.hook]: 'PreSync' })).toMatchObject({ deletePolicies: ['BeforeHookCreation'], deletePolicyDefaulted: true })
  })

  it('R7 policies are the union of Argo and Helm policies, Helm names mapped', () => {
    const s = settings({ [H.hookDeletePolicy]: 'HookSucceeded', [H.helmHookDeletePolicy]: 'hook-failed,hook-succeeded' })
    expect(s).toMatchObject({ deletePolicies: ['HookSucceeded', 'HookFailed'], deletePolicyDefaulted: false })
    expect(settings({ [H.helmHookDeletePolicy]: 'before-hook-creation' }).deletePolicies).toEqual(['BeforeHookCreation'])
  })

  it('R7 Argo policy CSV is trimmed', () => {
    expect(settings({ [H.hookDeletePolicy]: ' HookFailed , BeforeHookCreation' }).deletePolicies).toEqual(['HookFailed', 'BeforeHookCreation'])
  })

  it('R32 an unknown policy warns, and with nothing recognised the default applies', () => {
    const { settings: s, warnings } = read({ [H.hookDeletePolicy]: 'hook-succeeded' })
    expect(s).toMatchObject({ deletePolicies: ['BeforeHookCreation'], deletePolicyDefaulted: true })
    expect(warnings[0]).toMatchObject({ code: 'unknown-delete-policy', item: 'hook-succeeded' })
    expect(warnings[0]?.message).toContain('Did you mean "HookSucceeded"')
    expect(warnings[0]?.message).toContain('default BeforeHookCreation')
    expect(warnings[0]?.message).toContain('BeforeHookCreation, HookSucceeded or HookFailed')
  })

  it('R7 an unknown Helm policy names the Helm values', () => {
    const { warnings } = read({ [H.helmHookDeletePolicy]: 'HookSucceeded', [H.hookDeletePolicy]: 'HookFailed' })
    expect(warnings[0]?.message).toContain('Did you mean "hook-succeeded"')
    expect(warnings[0]?.message).toContain("the hook's policies are HookFailed")
  })
})

describe('sync wave (R7, Go strconv.Atoi)', () => {
  it('R7 parseGoInt follows strconv.Atoi', () => {
    expect(parseGoInt('5')).toBe(5)
    expect(parseGoInt('-2')).toBe(-2)
    expect(parseGoInt('+1')).toBe(1)
    expect(parseGoInt('007')).toBe(7)
    expect(Object.is(parseGoInt('-0'), 0)).toBe(true)
    for (const bad of [' 1', '1 ', '1.0', '', '+', '1e3', '0x10', '1_000', '１', '9223372036854775808']) {
      expect(parseGoInt(bad), bad).toBeNull()
    }
    expect(parseGoInt('-9223372036854775808')).toBe(-9223372036854775808)
  })

  it('R7 the wave is sync-wave when it parses', () => {
    expect(settings({ [H.syncWave]: '-3', [H.helmHookWeight]: '5' })).toMatchObject({ wave: -3, waveSource: 'argocd' })
  })

  it('R7 an invalid sync-wave falls back to helm.sh/hook-weight and says so', () => {
    const { settings: s, warnings } = read({ [H.syncWave]: '1.0', [H.helmHookWeight]: '5' })
    expect(s).toMatchObject({ wave: 5, waveSource: 'helm' })
    expect(warnings[0]).toMatchObject({ code: 'invalid-sync-wave' })
    expect(warnings[0]?.message).toContain('Argo CD uses helm.sh/hook-weight (5)')
    expect(warnings[0]?.message).toContain('Write "1"')
  })

  it('R7 a sync-wave with a space falls back to 0 and says so', () => {
    const { settings: s, warnings } = read({ [H.syncWave]: ' 1' })
    expect(s).toMatchObject({ wave: 0, waveSource: 'default' })
    expect(warnings[0]?.message).toContain('Argo CD uses wave 0')
  })

  it('R7 the fallback applies to non-hooks too, and a bad hook-weight warns', () => {
    expect(settings({ [H.helmHookWeight]: '+2' })).toMatchObject({ wave: 2, waveSource: 'helm', isHook: false })
    const { settings: s, warnings } = read({ [H.syncWave]: '4', [H.helmHookWeight]: 'high' })
    expect(s.wave).toBe(4)
    expect(warnings[0]).toMatchObject({ code: 'invalid-hook-weight' })
    expect(warnings[0]?.message).toContain('uses sync wave 4')
  })

  it('R7 no wave annotations give wave 0', () => {
    expect(settings({})).toMatchObject({ wave: 0, waveSource: 'default' })
  })
})

describe('sync options (R50, R52, R55)', () => {
  it('R50 PruneLast=true is read from the resource annotation', () => {
    expect(settings({ [H.syncOptions]: 'PruneLast=true' }).syncOptions.pruneLast).toBe(true)
  })

  it('R52 Prune=false and Prune=confirm are read (first Prune= wins)', () => {
    expect(settings({ [H.syncOptions]: 'Prune=false' }).syncOptions.prune).toBe('false')
    expect(settings({ [H.syncOptions]: 'Prune=confirm, Prune=false' }).syncOptions.prune).toBe('confirm')
    expect(settings({ [H.syncOptions]: 'Delete=confirm' }).syncOptions.delete).toBe('confirm')
  })

  it('R55 Replace, Force, Validate, SkipDryRunOnMissingResource and ServerSideApply', () => {
    const o = settings({ [H.syncOptions]: 'Force=true, Replace=true,Validate=false,SkipDryRunOnMissingResource=true' }).syncOptions
    expect(o).toMatchObject({ force: true, replace: true, disableValidation: true, skipDryRunOnMissingResource: true, serverSideApply: null })
    expect(o.items).toEqual(['Force=true', 'Replace=true', 'Validate=false', 'SkipDryRunOnMissingResource=true'])
    expect(settings({ [H.syncOptions]: 'ServerSideApply=true' }).syncOptions.serverSideApply).toBe(true)
    expect(settings({ [H.syncOptions]: 'ServerSideApply=true,ServerSideApply=false' }).syncOptions.serverSideApply).toBe(false)
  })

  it('R55 an unknown sync option warns and lists the known ones', () => {
    const { warnings } = read({ [H.syncOptions]: 'Prunelast=true' })
    expect(warnings[0]).toMatchObject({ code: 'unknown-sync-option', item: 'Prunelast=true' })
    expect(warnings[0]?.message).toContain('Did you mean "PruneLast"')
    expect(warnings[0]?.message).toContain('PruneLast=true, Replace=true')
  })

  it('R50 PruneLast=True does nothing (values are exact) and warns', () => {
    const { settings: s, warnings } = read({ [H.syncOptions]: 'PruneLast=True' })
    expect(s.syncOptions.pruneLast).toBe(false)
    expect(warnings[0]).toMatchObject({ code: 'ineffective-sync-option' })
    expect(warnings[0]?.message).toContain('only acts on PruneLast=true')
  })

  it('R55 CreateNamespace on a resource is an Application-only option', () => {
    expect(read({ [H.syncOptions]: 'CreateNamespace=true' }).warnings[0]?.code).toBe('app-only-sync-option')
  })
})

describe('names and robustness', () => {
  it('R24 generateName is recorded and used when name is empty', () => {
    expect(readSyncSettings(objectWith({}, { generateName: 'job-' })).settings)
      .toMatchObject({ name: '', generateName: 'job-', usesGenerateName: true })
    expect(readSyncSettings(objectWith({}, { name: 'a', generateName: 'job-' })).settings.usesGenerateName).toBe(false)
  })

  it('R1 a near miss of an annotation key warns that Argo CD ignores it', () => {
    const { settings: s, warnings } = read({ 'argocd.argoproj.io/Hook': 'PreSync', 'argocd.argoproj.io/syncwave': '1' })
    expect(s.isHook).toBe(false)
    expect(warnings.map(w => w.code)).toEqual(['annotation-key-typo', 'annotation-key-typo'])
    expect(warnings[0]?.message).toContain('"argocd.argoproj.io/hook"')
  })

  it('R2 like unstructured GetAnnotations, a non-string value hides all annotations', () => {
    expect(settings({ [H.hook]: 'PreSync', [H.syncWave]: 1 }).isHook).toBe(false)
  })

  it('R2 readSyncSettings never throws on malformed objects', () => {
    for (const o of [{}, { metadata: null }, { metadata: { annotations: [] } }, { metadata: 'x' }, null, 3]) {
      expect(() => readSyncSettings(o as unknown as KubeObject)).not.toThrow()
    }
    expect(readSyncSettings({ metadata: { annotations: { constructor: 'x', __proto__: 'y' } } } as unknown as KubeObject).settings.isHook).toBe(false)
  })
})
