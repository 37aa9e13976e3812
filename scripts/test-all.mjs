// Runs every test: type check, unit and property tests (vitest), the production build, and the end-to-end
// tests in Debian's chromium. Ends with one line "tests: N passed, N failed" over all of them.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, existsSync } from 'node:fs'

mkdirSync('test-artifacts', { recursive: true })
const node = process.execPath
let passed = 0
let failed = 0
let ok = true

function run(title, cmd, args) {
  console.log(`\n== ${title}`)
  const r = spawnSync(cmd, args, { stdio: 'inherit' })
  if (r.status !== 0) ok = false
  return r.status === 0
}

run('tools (chromium, kubectl)', 'bash', ['scripts/ensure-tools.sh'])
if (!run('type check', node, ['node_modules/typescript/bin/tsc', '--noEmit'])) failed++
else passed++

run('unit and property tests', node, ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default',
  '--reporter=json', '--outputFile.json=test-artifacts/vitest.json'])
if (existsSync('test-artifacts/vitest.json')) {
  const report = JSON.parse(readFileSync('test-artifacts/vitest.json', 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
} else failed++

if (run('build', node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'])) {
  passed++
  run('end-to-end tests', 'timeout', ['1500', node, 'test/e2e/run.mjs'])
  if (existsSync('test-artifacts/e2e.json')) {
    const report = JSON.parse(readFileSync('test-artifacts/e2e.json', 'utf8'))
    passed += report.passed
    failed += report.failed
  } else failed++
} else failed++

console.log(`\ntests: ${passed} passed, ${failed} failed`)
process.exit(ok && failed === 0 ? 0 : 1)
