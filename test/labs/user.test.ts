import { readdirSync, readFileSync } from 'node:fs'
import * as shell from '../../src/terminal/interpreter.ts'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { loadLabDir } from '../../src/labs/load.ts'
import { repoFiles, USER_PLACEHOLDER, userNameProblem } from '../../src/labs/parse.ts'
import { validateLabSchema } from '../../src/labs/schema-validator.ts'
import type { Lab } from '../../src/labs/types.ts'
import { Session } from '../../src/ui/session/session.ts'

/** Every string the parsed lab holds: its fields, checks, steps and files. */
function strings(lab: Lab): string {
  return JSON.stringify({ ...lab, files: [...lab.files] })
}

describe('lab user: +username+ becomes the learner\'s name', () => {
  it('parses lab 01 for ana: namespace, text and commands name ana, no placeholder left', () => {
    const { lab, diagnostics } = loadLabDir('labs/01-resource-hooks', undefined, { user: 'ana' })
    expect(diagnostics).toEqual([])
    expect(lab!.app.namespace).toBe('ana')
    const first = lab!.tasks[0]!
    expect(lab!.app.name).toBe('argo-hook-ana')
    expect(first.instructions).toContain('argocd app create argo-hook-ana ')
    expect(first.instructions).toContain('--dest-namespace ana')
    expect(first.instructions).toContain('oc get pod --namespace ana --watch')
    expect(first.hints.join('\n')).toContain('argocd app sync argo-hook-ana')
    expect(strings(lab!)).not.toContain(USER_PLACEHOLDER)
    expect(strings(lab!)).not.toMatch(/namespace:? `?learner\b/)
  })

  it('uses learner by default, and the lab file itself keeps the placeholder', () => {
    const { lab } = loadLabDir('labs/01-resource-hooks')
    expect(lab!.app.namespace).toBe('learner')
    expect(lab!.tasks[0]!.instructions).toContain('--namespace learner --watch')
    expect(strings(lab!)).not.toContain(USER_PLACEHOLDER)
  })

  it('refuses a name that is not a namespace name (RFC 1123 label, at most 63 characters)', () => {
    for (const bad of ['', 'Ana', 'ana_b', '-ana', 'ana-', 'a.b', 'x'.repeat(64)]) {
      expect(userNameProblem(bad), bad).toBeDefined()
      const { lab, diagnostics } = loadLabDir('labs/01-resource-hooks', undefined, { user: bad })
      expect(lab).toBeUndefined()
      expect(diagnostics[0]).toMatchObject({ code: 'lab-user', severity: 'error' })
      expect(diagnostics[0]!.message).toMatch(/not a valid namespace name|longer than 63|empty/)
    }
    for (const good of ['ana', 'a', 'ana-2', 'x'.repeat(63)]) expect(userNameProblem(good), good).toBeUndefined()
  })

  it('the page\'s session for ana: the namespace ana exists and the terminal\'s user is ana', async () => {
    const lab = loadLabDir('labs/01-resource-hooks', undefined, { user: 'ana' }).lab!
    const labFiles = [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text }))
    const s = new Session({ seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, labFiles,
      storageKey: 'synclab:01-resource-hooks:ana' })
    await s.whenReady()
    const ctx = s.terminalContext()
    expect(ctx.user).toBe('ana')
    const result = s.runCommand('kubectl get namespace ana', ctx, shell)
    expect(result.exitCode).toBe(0)
    expect(result.lines.join('\n')).toContain('ana')
  })
})

describe('lab.yaml as an editor sees it (yaml-language-server modeline, placeholder not yet filled)', () => {
  const labsDir = join(import.meta.dirname, '../../labs')
  it.each(readdirSync(labsDir).filter(d => /^\d\d-/.test(d)))('%s names the schema and validates raw', lab => {
    const text = readFileSync(join(labsDir, lab, 'lab.yaml'), 'utf8')
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../schema/lab.schema.json')
    expect(validateLabSchema(parseYaml(text))).toEqual([])
  })
})
