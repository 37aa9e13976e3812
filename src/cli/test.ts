// `synclab test FILE [--junit OUT.xml]`: runs a test file's tests (src/labs/test-file.ts) on fresh simulated
// clusters and says which hold. Exit status: 0 every test holds, 1 one does not (the test, the expectation and
// what happened instead are printed), 2 an invalid file (file:line:col) or usage.
import { statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { formatDiagnostic, hasErrors, parseManifests } from '../manifest/index.ts'
import { formatFailure } from '../labs/check.ts'
import { parseTestFile, type TestSuite, testLab } from '../labs/test-file.ts'
import { type TestResult, runTests } from '../labs/test-run.ts'
import { validateTestSchema } from '../labs/test-schema-validator.ts'
import { readManifestFiles } from './files.ts'
import { type JUnitCase, junitXml } from './junit.ts'
import { readOneFile } from './one-file.ts'
import type { Output } from './sync.ts'

export const TEST_USAGE = `Usage:
  synclab test FILE [--junit OUT.xml]

Runs the tests of FILE, each on a fresh simulated cluster. FILE is YAML:
  manifests: chart/rendered        # a file or folder of manifests, relative to FILE
  app: { name: my-app, namespace: prod, syncPolicy: { automated: { prune: true } } }   # optional
  tests:
    - name: the migration hook is deleted after a good sync
      steps: [ { sync: {} } ]       # sync, commit, wait, delete-app, kubectl-delete, terminate
      check:                        # expectations, all must hold (docs/labs.md)
        - operation: { phase: Succeeded }
        - absent: { kind: Job, name: migrate }

  --junit OUT.xml   also write the results as JUnit XML

Exit status: 0 every test holds, 1 a test does not, 2 an invalid file or usage.`

export async function testCommand(argv: string[], io: Output): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true,
      options: { junit: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } } })
  } catch (e) {
    io.err(`synclab test: ${(e as Error).message}\n\n${TEST_USAGE}\n`)
    return 2
  }
  if (parsed.values.help) {
    io.out(`${TEST_USAGE}\n`)
    return 0
  }
  const input = readOneFile('test', parsed.positionals, TEST_USAGE, io)
  if (!input) return 2
  const { file, text } = input
  const { suite, diagnostics } = parseTestFile(text, file, validateTestSchema)
  for (const d of diagnostics) io.err(`${formatDiagnostic(d)}\n`)
  if (!suite) return 2
  const manifests = readSuiteManifests(suite, io)
  if (!manifests) return 2
  const results = await runTests(testLab(suite, manifests), suite.tests)
  for (const r of results) io.out(resultText(suite, r))
  const failed = results.filter(r => !r.ok).length
  io.out(`${results.length - failed} passed, ${failed} failed\n`)
  if (parsed.values.junit !== undefined) writeFileSync(parsed.values.junit, junitXml(file, results.map(junitCase.bind(null, suite))))
  return failed > 0 ? 1 : 0
}

/** The manifests the suite names, with paths relative to their folder (the app's folder); undefined after errors. */
function readSuiteManifests(suite: TestSuite, io: Output): Array<{ path: string; text: string }> | undefined {
  const where = `${suite.file}:${suite.manifestsAt.line}:${suite.manifestsAt.col}`
  const path = join(dirname(suite.file), suite.manifests)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) {
    io.err(`${where}: error: manifests: ${path}: no such file or directory\n`)
    return undefined
  }
  const files = readManifestFiles([path])
  if (files.length === 0) {
    io.err(`${where}: error: manifests: no *.yaml or *.yml files in ${path}\n`)
    return undefined
  }
  const read = parseManifests(files)
  for (const d of read.diagnostics) io.err(`${formatDiagnostic(d)}\n`)
  if (hasErrors(read.diagnostics)) return undefined
  const root = stat.isDirectory() ? path : dirname(path)
  return files.map(f => ({ path: stat.isDirectory() ? relative(root, join(process.cwd(), f.path)) || basename(f.path) : basename(path),
    text: f.text }))
}

function failureLines(suite: TestSuite, r: TestResult): string[] {
  return [
    ...(r.error !== undefined ? [`${suite.file}:${r.test.at.line}:${r.test.at.col}: a step failed: ${r.error}`] : []),
    ...r.failures.map(f => {
      const at = r.test.checkAt[f.index]!
      return `${suite.file}:${at.line}:${at.col}: ${formatFailure(f)}`
    }),
  ]
}

function resultText(suite: TestSuite, r: TestResult): string {
  if (r.ok) return `✓ ${r.test.name}\n`
  return `✗ ${r.test.name}\n${failureLines(suite, r).map(l => `    ${l}\n`).join('')}`
}

function junitCase(suite: TestSuite, r: TestResult): JUnitCase {
  if (r.ok) return { name: r.test.name, ms: r.ms }
  const lines = failureLines(suite, r)
  return { name: r.test.name, ms: r.ms, failure: { message: lines[0] ?? 'failed', details: lines.join('\n') } }
}
