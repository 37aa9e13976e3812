// A test file (`synclab test FILE`, schema/test.schema.json): your own manifests, an optional app, and tests in the
// language of lab files: each test's `steps` and `check` are read by the lab parser's own functions and run by the
// lab runner (run.ts), so labs and tests share one parser and one checker. Pure over the file's text; the
// manifests it names are read by the caller (src/cli/test.ts) and handed to testLab().
import { LineCounter, parseDocument } from 'yaml'
import type { Diagnostic } from '../manifest/index.ts'
import type { SyncPolicy } from '../sync/auto-sync.ts'
import { checkExpectation, describeError, type Duration, durationMs, expectation, Positions, type Push,
  type RawExpectation, type RawStep, type SchemaValidator, step, withoutAnyOfBranches } from './parse.ts'
import { DEFAULT_SETTLE_MS } from './settle.ts'
import type { Expectation, Lab, LabTask, Step } from './types.ts'

/** The app's folder inside the lab a test file becomes (repo/<path>/). */
const APP_PATH = 'manifests'

export interface TestCase {
  name: string
  steps: Step[]
  check: Expectation[]
  /** Where each expectation of `check` is written, for failure messages (file:line:col). */
  checkAt: Array<{ line: number; col: number }>
  /** Where the test's name is written. */
  at: { line: number; col: number }
}

export interface TestSuite {
  file: string
  /** The manifests' file or folder, relative to the test file. */
  manifests: string
  /** Where `manifests` is written (for "no such file"). */
  manifestsAt: { line: number; col: number }
  app: { name: string; namespace: string; syncPolicy?: SyncPolicy; waveDelayMs?: number }
  seed: string
  settleMs: number
  tests: TestCase[]
}

interface RawTestFile {
  manifests: string
  app?: { name?: string; namespace?: string; syncPolicy?: SyncPolicy; waveDelay?: Duration }
  seed?: string
  settle?: Duration
  tests: Array<{ name: string; steps: RawStep[]; check: RawExpectation[] }>
}

/** Steps of the lab language that need a lab's solution or a learner's terminal: not in a test file. */
const LAB_ONLY_STEPS = ['edit', 'command']

export function parseTestFile(text: string, file: string, validate: SchemaValidator): { suite?: TestSuite; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = []
  const lc = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false })
  const at = new Positions(doc, lc, text)
  const push: Push = (code, message, node) => {
    const s = at.span(node?.range ?? null)
    diagnostics.push({ file, ...s, severity: 'error', code, message })
  }
  for (const e of doc.errors) diagnostics.push({ file, ...at.span(e.pos), severity: 'error', code: 'yaml-syntax', message: e.message })
  if (diagnostics.length > 0) return { diagnostics }
  const raw = doc.toJS() as unknown
  for (const e of withoutAnyOfBranches(validate(raw))) {
    const d = describeError(e)
    const message = d.message.replace(/^lab\.yaml:/, 'test file:')
    push(`schema-${e.keyword}`, message, d.key !== undefined ? at.key(d.path, d.key) ?? at.node(d.path) : at.node(d.path))
  }
  if (diagnostics.length > 0) return { diagnostics: sorted(diagnostics) }
  const r = raw as RawTestFile
  const tests = r.tests.map((t, ti): TestCase => {
    t.steps.forEach((s, si) => {
      const name = Object.keys(s)[0]!
      if (LAB_ONLY_STEPS.includes(name)) {
        push('test-step', `tests.${ti}.steps.${si}: "${name}" belongs to labs (a learner's edits or typed commands); ` +
          'a test has sync, commit, wait, delete-app, kubectl-delete, terminate', at.node(['tests', ti, 'steps', si]))
      }
    })
    const check = t.check.map(expectation)
    check.forEach((x, xi) => checkExpectation(x, ['tests', ti, 'check', xi], at, push))
    const pos = (path: Array<string | number>) => {
      const s = at.span(at.node(path)?.range ?? null)
      return { line: s.line, col: s.col }
    }
    return { name: t.name, steps: t.steps.map(step), check, at: pos(['tests', ti, 'name']),
      checkAt: t.check.map((_, xi) => pos(['tests', ti, 'check', xi])) }
  })
  if (diagnostics.length > 0) return { diagnostics: sorted(diagnostics) }
  const app = r.app ?? {}
  const m = at.span(at.node(['manifests'])?.range ?? null)
  return {
    suite: {
      file, manifests: r.manifests, manifestsAt: { line: m.line, col: m.col }, tests,
      app: { name: app.name ?? 'synclab', namespace: app.namespace ?? 'default',
        ...(app.syncPolicy ? { syncPolicy: app.syncPolicy } : {}),
        ...(app.waveDelay !== undefined ? { waveDelayMs: durationMs(app.waveDelay) } : {}) },
      seed: r.seed ?? file.split('/').at(-1)!, settleMs: r.settle !== undefined ? durationMs(r.settle) : DEFAULT_SETTLE_MS,
    },
    diagnostics: [],
  }
}

function sorted(d: Diagnostic[]): Diagnostic[] {
  return d.sort((a, b) => a.line - b.line || a.col - b.col)
}

/**
 * The suite as a lab the lab runner can play: the manifests are the app's folder (paths relative to it), each test
 * a task that needs no work. Every test starts its own session, so each begins on a fresh cluster.
 */
export function testLab(suite: TestSuite, manifests: ReadonlyArray<{ path: string; text: string }>): Lab {
  const tasks = suite.tests.map((t, i): LabTask => ({
    id: `test-${i + 1}`, title: t.name, instructions: '', hints: [], needsWork: false,
    solution: { files: [], edits: [] }, steps: t.steps, check: t.check, pitfalls: [],
  }))
  return {
    id: 'test', title: suite.file, summary: '', minutes: 0, seed: suite.seed, settleMs: suite.settleMs,
    app: { ...suite.app, path: APP_PATH }, tasks, moments: [], dir: suite.file,
    files: new Map(manifests.map(f => [`repo/${APP_PATH}/${f.path}`, f.text])),
  }
}
