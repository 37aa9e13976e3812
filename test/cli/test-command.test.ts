// `synclab test FILE [--junit OUT.xml]`: tests of your own manifests in the language of labs (docs/labs.md): exit 0
// when all hold, 1 when one does not (the test, the expectation and what happened instead), 2 for an invalid file.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli, SEED_LAB } from './helpers.ts'

/** A temp folder with the seed lab's manifests in app/ and the given test file as tests.yaml. */
function suite(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'synclab-test-'))
  cpSync(SEED_LAB, join(dir, 'app'), { recursive: true })
  writeFileSync(join(dir, 'tests.yaml'), text)
  return join(dir, 'tests.yaml')
}

const PASSING = `manifests: app
app: { name: shop, namespace: shop }
tests:
  - name: hooks run around the Deployment and are deleted (R34)
    steps: [ { sync: {} } ]
    check:
      - operation: { phase: Succeeded }
      - order:
          - { type: hook, kind: Job, name: before, hookPhase: Succeeded }
          - { type: apply, kind: Deployment, name: pre-post-sync-hook }
          - { type: apply, kind: Job, name: after }
      - absent: { kind: Job, name: before }
      - app: { sync: Synced, health: Healthy }
  - name: each test starts on a fresh cluster
    steps: [ { wait: 10s } ]
    check:
      - operation: { count: 0 }
      - absent: { kind: Deployment, name: pre-post-sync-hook }
  - name: deleting the app removes what it made
    steps: [ { sync: {} }, { delete-app: {} } ]
    check:
      - app: { deleted: true }
      - absent: { kind: Service, name: pre-post-sync-hook }
`

describe('synclab test', () => {
  it('exits 0 when every test holds, and says so per test', async () => {
    const r = await cli('test', suite(PASSING))
    expect(r.err).toBe('')
    expect(r.out).toBe([
      '✓ hooks run around the Deployment and are deleted (R34)',
      '✓ each test starts on a fresh cluster',
      '✓ deleting the app removes what it made',
      '3 passed, 0 failed', ''].join('\n'))
    expect(r.code).toBe(0)
  })

  it('exits 1 when one does not: the test, the expectation at file:line:col, and what happened instead', async () => {
    const file = suite(`manifests: app
tests:
  - name: the PreSync hook is kept
    steps: [ { sync: {} } ]
    check:
      - operation: { phase: Succeeded }
      - exists: { kind: Job, name: before }
`)
    const r = await cli('test', file)
    expect(r.code).toBe(1)
    expect(r.out).toContain('✗ the PreSync hook is kept\n')
    expect(r.out).toContain(`    ${file}:7:9: check[1] Job/before exists: no such Job\n`)
    expect(r.out).toContain('0 passed, 1 failed')
  })

  it('a step that cannot be done fails its test', async () => {
    const r = await cli('test', suite(`manifests: app
tests:
  - name: delete a Job that is not there
    steps: [ { kubectl-delete: { kind: Job, name: nope } } ]
    check: [ { operation: { count: 0 } } ]
`))
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/tests\.yaml:3:11: a step failed: kubectl delete job nope: /)
  })

  it('--junit writes JUnit XML with a failure element for the failed test', async () => {
    const file = suite(`${PASSING}  - name: a wrong "expectation" <here>
    steps: [ { sync: {} } ]
    check: [ { operation: { phase: Failed } } ]
`)
    const out = join(file, '..', 'junit.xml')
    const r = await cli('test', file, '--junit', out)
    expect(r.code).toBe(1)
    const xml = readFileSync(out, 'utf8')
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="synclab" tests="4" failures="1" errors="0" time="[\d.]+">/)
    expect(xml).toContain('<testcase name="each test starts on a fresh cluster" classname=')
    expect(xml).toMatch(/<testcase name="a wrong &quot;expectation&quot; &lt;here&gt;" [^>]+>\n      <failure message="[^"]+check\[0\] the last operation is Failed: it is Succeeded/)
    expect(xml.match(/<failure /g)).toHaveLength(1)
  })

  it('an automated app syncs its first revision by itself; the test sees that operation', async () => {
    const r = await cli('test', suite(`manifests: app
app: { syncPolicy: { automated: { prune: true } } }
tests:
  - name: automated
    steps: []
    check: [ { operation: { phase: Succeeded, count: 1 } }, { exists: { kind: Deployment, name: pre-post-sync-hook } } ]
`))
    expect(r.out).toContain('✓ automated')
    expect(r.code).toBe(0)
  })
})

describe('synclab test: invalid files exit 2 at file:line:col', () => {
  const invalid = async (text: string) => {
    const file = suite(text)
    const r = await cli('test', file)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    return r.err.replaceAll(file, 'tests.yaml')
  }

  it('YAML that does not parse', async () => {
    expect(await invalid('manifests: app\ntests: [\n')).toMatch(/^tests\.yaml:\d+:\d+: error: /)
  })

  it('an unknown step, an unknown expectation field, a missing field', async () => {
    const err = await invalid(`manifests: app
tests:
  - name: x
    steps: [ { rollback: {} } ]
    check: [ { operation: { phaze: Failed } } ]
  - steps: []
    check: [ { operation: {} } ]
`)
    expect(err).toContain('tests.yaml:4:16: error: tests.0.steps.0: unknown field "rollback"')
    expect(err).toContain('tests.yaml:5:29: error: tests.0.check.0.operation: unknown field "phaze"')
    expect(err).toContain('tests.yaml:6:5: error: tests.1: missing required field "name"')
  })

  it('the lab-only steps edit and command', async () => {
    expect(await invalid('manifests: app\ntests:\n  - name: x\n    steps: [ { edit: {} } ]\n    check: [ { app: { sync: Synced } } ]\n'))
      .toContain('tests.yaml:4:14: error: tests.0.steps.0: "edit" belongs to labs')
  })

  it('an expectation the lab checker refuses (exists needs name or namePrefix)', async () => {
    expect(await invalid('manifests: app\ntests:\n  - name: x\n    steps: []\n    check: [ { exists: { kind: Job } } ]\n'))
      .toContain('tests.yaml:5:24: error: tests.0.check.0.exists: give exactly one of name, namePrefix')
  })

  it('manifests that are missing, or that do not read', async () => {
    expect(await invalid('manifests: nowhere\ntests:\n  - { name: x, steps: [], check: [ { app: { sync: Synced } } ] }\n'))
      .toMatch(/^tests\.yaml:1:12: error: manifests: .*nowhere: no such file or directory/)
    const file = suite('manifests: app\ntests:\n  - { name: x, steps: [], check: [ { app: { sync: Synced } } ] }\n')
    writeFileSync(join(file, '..', 'app', 'broken.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [x }\n')
    const r = await cli('test', file)
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/app\/broken\.yaml:\d+:\d+: error: /)
  })

  it('usage: no file, a file that is not there', async () => {
    expect((await cli('test')).code).toBe(2)
    const r = await cli('test', '/nonexistent/tests.yaml')
    expect(r.code).toBe(2)
    expect(r.err).toContain('/nonexistent/tests.yaml: no such file')
  })
})
