// `synclab sweep FILE`: the same manifests under every combination of the file's dimensions, one row each. The
// delete-policy sweep of examples/hooks is checked row by row against the rules R33–R35 (semantics.md).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { SweepRow } from '../../src/lib/sweep.ts'
import { cli } from './helpers.ts'

const EXAMPLE = 'examples/hooks/sweep.yaml'
const POLICY = 'Job/migrate argocd.argoproj.io/hook-delete-policy'
const OUTCOME = 'Job/migrate what-if'

/** What the rules say one row must be: the hook's policy and outcome, two syncs on one cluster. */
function expectedRow(policy: string, outcome: string): Omit<SweepRow, 'vars'> {
  const ok = outcome === 'succeeds'
  const phase = ok ? 'Succeeded' : 'Failed'
  const deleted: SweepRow['deleted'] = []
  for (const op of [1, 2]) {
    // R33: BeforeHookCreation deletes the hook left by the last sync just before creating it again (sync 2 only).
    if (policy === 'BeforeHookCreation' && op === 2) deleted.push({ op, kind: 'Job', name: 'migrate', reason: 'BeforeHookCreation' })
    // R34: HookSucceeded deletes when the operation succeeds; R35: HookFailed when it fails, never otherwise.
    if (policy === 'HookSucceeded' && ok) deleted.push({ op, kind: 'Job', name: 'migrate', reason: 'HookSucceeded' })
    if (policy === 'HookFailed' && !ok) deleted.push({ op, kind: 'Job', name: 'migrate', reason: 'HookFailed' })
  }
  const hookLeft = policy === 'BeforeHookCreation' || (policy === 'HookSucceeded' && !ok) || (policy === 'HookFailed' && ok)
  // A failed PreSync hook ends the operation before the Sync phase: the Deployment is never applied.
  const left = [...(ok ? ['Deployment/web'] : []), ...(hookLeft ? ['Job/migrate'] : [])]
  return { operations: [{ phase, message: '' }, { phase, message: '' }], deleted, left }
}

function sweepFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-sweep-'))
  writeFileSync(join(dir, 'app.yaml'), readFileSync('examples/hooks/rendered/app.yaml', 'utf8'))
  writeFileSync(join(dir, 'sweep.yaml'), text)
  return join(dir, 'sweep.yaml')
}

describe('synclab sweep: 3 delete policies × 2 hook outcomes × 2 syncs (R33–R35)', () => {
  it('runs every combination and each row is what the delete policy rules say', async () => {
    const r = await cli('sweep', EXAMPLE, '--json')
    expect(r.code).toBe(0)
    const { rows } = JSON.parse(r.out) as { rows: SweepRow[] }
    expect(rows.map(row => [row.vars[POLICY], row.vars[OUTCOME]])).toEqual([
      ['HookSucceeded', 'succeeds'], ['HookSucceeded', 'fails'], ['HookFailed', 'succeeds'], ['HookFailed', 'fails'],
      ['BeforeHookCreation', 'succeeds'], ['BeforeHookCreation', 'fails']])
    for (const row of rows) {
      const want = expectedRow(row.vars[POLICY] as string, row.vars[OUTCOME] as string)
      expect(row.operations.map(o => o.phase), JSON.stringify(row.vars)).toEqual(want.operations.map(o => o.phase))
      expect(row.deleted, JSON.stringify(row.vars)).toEqual(want.deleted)
      expect([...row.left].sort(), JSON.stringify(row.vars)).toEqual([...want.left].sort())
      expect(Object.keys(row)).toEqual(['vars', 'operations', 'deleted', 'left'])
    }
  })

  it('prints a table by default, and CSV or Markdown when asked', async () => {
    const table = await cli('sweep', EXAMPLE)
    expect(table.out.split('\n')[0]).toMatch(/^Job\/migrate argocd\.argoproj\.io\/hook-delete-policy +Job\/migrate what-if +operations +deleted +left$/)
    expect(table.out).toMatch(/^HookFailed +fails +Failed, Failed +HookFailed: Job\/migrate@1 Job\/migrate@2 +-$/m)
    const csv = await cli('sweep', EXAMPLE, '--csv')
    expect(csv.out.split('\n')).toContain('HookSucceeded,succeeds,"Succeeded, Succeeded",HookSucceeded: Job/migrate@1 Job/migrate@2,Deployment/web')
    const md = await cli('sweep', EXAMPLE, '--markdown')
    expect(md.out.split('\n').slice(0, 2)).toEqual([
      `| ${POLICY} | ${OUTCOME} | operations | deleted | left |`, '| --- | --- | --- | --- | --- |'])
    expect(md.out.trim().split('\n')).toHaveLength(8)
  })

  it('--html writes a report with each row\'s timeline as SVG', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'synclab-sweep-html-')), 'report.html')
    expect((await cli('sweep', EXAMPLE, '--html', out)).code).toBe(0)
    const html = readFileSync(out, 'utf8')
    expect(html.match(/<svg /g)).toHaveLength(6)
    expect(html).toContain('<title>op 1: deleted (HookFailed)')
    expect(html).toMatch(/<tr class="timeline">/)
    // HookSucceeded, the hook succeeds: Job/migrate exists twice (deleted after sync 1, created again in sync 2).
    const first = html.split('<tr class="timeline">')[1]!.split('</svg>')[0]!
    expect(first.match(/<title>Job\/migrate: gone at \d+s<\/title>/g)).toHaveLength(2)
  })

  it('a field dimension sets a dotted path; sync options apply to every run', async () => {
    const file = sweepFile(`manifests: app.yaml
sync: { prune: true, settle: 10s }
vary:
  - field: { kind: Job, name: migrate, path: spec.template.spec.containers.0.command, values: [["sh", "-c", "exit 0"], ["sh", "-c", "exit 3"]] }
  - field: { kind: Deployment, name: web, path: spec.replicas, values: [1, 2] }
`)
    const { rows } = JSON.parse((await cli('sweep', file, '--json')).out) as { rows: SweepRow[] }
    expect(rows).toHaveLength(4)
    expect(rows.map(r => r.operations[0]!.phase)).toEqual(['Succeeded', 'Succeeded', 'Failed', 'Failed'])
    expect(rows[1]!.vars['Deployment/web spec.replicas']).toBe(2)
  })
})

describe('synclab sweep: invalid files exit 2 at file:line:col', () => {
  const invalid = async (text: string) => {
    const file = sweepFile(text)
    const r = await cli('sweep', file)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    return r.err.replaceAll(file, 'sweep.yaml')
  }

  it('an object the manifests do not have', async () => {
    expect(await invalid('manifests: app.yaml\nvary:\n  - whatIf: { kind: Job, name: migrate, values: [fails] }\n  - annotation: { kind: Job, name: nope, key: a, values: [b] }\n'))
      .toBe('sweep.yaml:4:5: error: vary[1]: no Job named "nope" in the manifests\n')
  })

  it('an unknown what-if outcome, an unknown dimension, a missing field', async () => {
    const err = await invalid('manifests: app.yaml\nvary:\n  - whatIf: { kind: Job, name: migrate, values: [explodes] }\n  - label: {}\n  - field: { kind: Job, name: migrate, values: [1] }\n')
    expect(err).toContain('sweep.yaml:3:50: error: vary.0.whatIf.values.0: must be one of "succeeds", "fails", "slow", "never-ready", "bad-image", not "explodes"')
    expect(err).toContain('sweep.yaml:4:5: error: vary.1: unknown field "label"')
    expect(err).toContain('sweep.yaml:5:12: error: vary.2.field: missing required field "path"')
  })

  it('sync options that do not make sense', async () => {
    expect(await invalid('manifests: app.yaml\nsync: { syncOptions: [Bogus=true] }\nvary:\n  - whatIf: { kind: Job, name: migrate, values: [fails] }\n'))
      .toMatch(/^sweep\.yaml:2:7: error: sync: unknown sync option "Bogus=true"/)
    expect(await invalid('manifests: app.yaml\nsync: { repeat: 0 }\nvary:\n  - whatIf: { kind: Job, name: migrate, values: [fails] }\n'))
      .toMatch(/^sweep\.yaml:2:17: error: sync\.repeat: /)
  })

  it('YAML that does not parse, manifests that are not there', async () => {
    expect(await invalid('manifests: app.yaml\nvary: [\n')).toMatch(/^sweep\.yaml:\d+:\d+: error: /)
    expect(await invalid('manifests: gone.yaml\nvary:\n  - whatIf: { kind: Job, name: migrate, values: [fails] }\n'))
      .toMatch(/^sweep\.yaml:1:12: error: manifests: .*gone\.yaml: no such file or directory/)
  })

  it('usage: two output forms, no file', async () => {
    expect((await cli('sweep', EXAMPLE, '--json', '--csv')).code).toBe(2)
    expect((await cli('sweep')).code).toBe(2)
  })
})
