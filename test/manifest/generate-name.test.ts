import { describe, expect, it } from 'vitest'
import { codes, only, parse } from './helpers.ts'

const cm = (meta: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n${meta}data: {a: "1"}\n`

describe('R24 generateName on a resource that is not a hook', () => {
  it('R24 warns at metadata.generateName: kubectl apply refuses it, so the dry run fails', () => {
    const d = only(parse(cm('  generateName: cfg-\n')).diagnostics, 'generate-name-not-hook')
    expect(d).toMatchObject({ severity: 'warning', line: 4, col: 3 })
    expect(d.message).toContain('"from cfg-: cannot use generate name with apply"')
  })

  it('R24 no warning for a hook (Argo CD names it), a named object, or Replace=true (kubectl create takes it)', () => {
    const hook = cm('  generateName: cfg-\n  annotations:\n    argocd.argoproj.io/hook: PreSync\n')
    const named = cm('  name: cfg\n  generateName: cfg-\n')
    const replace = cm('  generateName: cfg-\n  annotations:\n    argocd.argoproj.io/sync-options: Replace=true\n')
    for (const text of [hook, named, replace]) expect(codes(parse(text).diagnostics)).not.toContain('generate-name-not-hook')
  })
})
