// Reads a lab from its files: lab.yaml checked against schema/lab.schema.json (ajv), then the rules the schema
// cannot say (ids, files that must exist, edits that must apply, manifests that must parse). Pure over
// `{path, text}[]`, so the page can feed it `import.meta.glob` output; load.ts reads folders for Node.
// Every problem is a Diagnostic pointing at the YAML node it is about (`file:line:col: error: message`).
import type { ErrorObject } from 'ajv'
import { isMap, isNode, isPair, isScalar, LineCounter, parseDocument, type Document, type Node } from 'yaml'
import { byteCompare } from '../cluster/byte-order.ts'
import { isNamespaceName } from '../cluster/validation.ts'
import { parseManifests } from '../manifest/index.ts'
import type { Diagnostic } from '../manifest/index.ts'
import type { SyncPolicy } from '../sync/auto-sync.ts'
import { DEFAULT_SETTLE_MS } from './settle.ts'
import type { EditSet, EventMatch, Expectation, FileEdit, Lab, LabFile, LabTask, Moment, Pitfall, Step } from './types.ts'

export const LAB_FILE = 'lab.yaml'

export interface ParseLabResult {
  lab?: Lab
  diagnostics: Diagnostic[]
}

/**
 * Checks lab.yaml against schema/lab.schema.json and returns ajv's errors. Passed in, so that the page, which only
 * opens the labs the project ships (checked by the test suite), does not carry a JSON Schema validator.
 */
export type SchemaValidator = (value: unknown) => ErrorObject[]

export type Path = Array<string | number>

/** Where each value of lab.yaml is: JSON-pointer-like paths -> YAML nodes -> line:col. */
export class Positions {
  constructor(private doc: Document, private lc: LineCounter, private text: string) {}

  private pos(offset: number): { line: number; col: number } {
    const p = this.lc.linePos(Math.max(0, Math.min(offset, this.text.length)))
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) }
  }

  span(range: readonly [number, number, ...number[]] | undefined | null) {
    const [start, end] = range ?? [0, 0]
    const s = this.pos(start)
    const e = this.pos(Math.max(start, end))
    return { line: s.line, col: s.col, endLine: e.line, endCol: e.col }
  }

  /** The deepest node along `path` (the value at the path, or the nearest existing parent). */
  node(path: Path): Node | undefined {
    let node: unknown = this.doc.contents
    for (const key of path) {
      const child = isNode(node) && 'get' in node ? (node as { get(k: unknown, keep: true): unknown }).get(key, true) : undefined
      if (!isNode(child)) break
      node = child
    }
    return isNode(node) ? node : undefined
  }

  /** The key node of `key` in the map at `path` (for unknown fields). */
  key(path: Path, key: string): Node | undefined {
    const map = this.node(path)
    if (!isMap(map)) return undefined
    const pair = map.items.find(p => isPair(p) && isScalar(p.key) && String(p.key.value) === key)
    return pair && isNode(pair.key) ? pair.key : undefined
  }
}

const pointerToPath = (pointer: string): Path => pointer === '' ? [] : pointer.slice(1).split('/')
  .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~')).map(s => /^\d+$/.test(s) ? Number(s) : s)

const list = (values: unknown): string => Array.isArray(values) ? values.map(v => JSON.stringify(v)).join(', ') : ''

/** ajv's error -> a message a lab author understands, and the path/key it is about. */
export function describeError(e: ErrorObject): { path: Path; key?: string; message: string } {
  const path = pointerToPath(e.instancePath)
  const where = path.length > 0 ? path.join('.') : 'lab.yaml'
  const p = e.params as Record<string, unknown>
  const names = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {})
  switch (e.keyword) {
    case 'required':
      return { path, message: `${where}: missing required field "${String(p.missingProperty)}"` }
    case 'additionalProperties': {
      const key = String(p.additionalProperty)
      return { path, key, message: `${where}: unknown field "${key}" (expected one of: ${names.join(', ')})` }
    }
    case 'minProperties':
    case 'maxProperties':
      return { path, message: `${where}: must have exactly one of: ${names.join(', ')}` }
    case 'enum':
      return { path, message: `${where}: must be one of ${list(p.allowedValues)}, not ${JSON.stringify(e.data)}` }
    case 'const':
      return { path, message: `${where}: must be ${JSON.stringify(p.allowedValue)}` }
    case 'type':
      return { path, message: `${where}: must be ${p.type === 'integer' ? 'a whole number' : `a${/^[aeiou]/.test(String(p.type)) ? 'n' : ''} ${String(p.type)}`}` }
    case 'pattern':
      return { path, message: `${where}: ${JSON.stringify(e.data)} is not valid (${(e.parentSchema as { description?: string }).description ?? `pattern ${String(p.pattern)}`})` }
    case 'anyOf':
      return { path, message: `${where}: invalid value ${JSON.stringify(e.data)}: ${(e.parentSchema as { description?: string }).description ?? 'no alternative matches'}` }
    default:
      return { path, message: `${where}: ${e.message ?? e.keyword}` }
  }
}

/** Drops the branch errors under an anyOf that itself failed (they only repeat it). */
export function withoutAnyOfBranches(errors: ErrorObject[]): ErrorObject[] {
  const anyOf = errors.filter(e => e.keyword === 'anyOf')
  return errors.filter(e => e.keyword === 'anyOf' || !anyOf.some(a => a.instancePath === e.instancePath &&
    e.schemaPath.startsWith(`${a.schemaPath}/`)))
}

/** The placeholder a lab writes where the learner's name belongs (the namespace, the text, the commands). */
export const USER_PLACEHOLDER = '+username+'
/** The name when the learner has not chosen one. */
export const DEFAULT_USER = 'learner'

export interface ParseLabOptions {
  /** The learner's name, put in place of `+username+`; a Kubernetes namespace name. Default `learner`. */
  user?: string | undefined
}

/** Why `name` cannot be the learner's name (it becomes a namespace: an RFC 1123 label), or undefined if it can. */
export function userNameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty'
  if (name.length > 63) return `the name ${JSON.stringify(name)} is longer than 63 characters`
  if (!isNamespaceName(name)) {
    return `the name ${JSON.stringify(name)} is not a valid namespace name: lower-case letters, digits and '-', ` +
      'starting and ending with a letter or digit'
  }
  return undefined
}

/** Puts `user` in place of every `+username+` in the strings of a parsed YAML value (keys included). */
function withUser(value: unknown, user: string): unknown {
  if (typeof value === 'string') return value.split(USER_PLACEHOLDER).join(user)
  if (Array.isArray(value)) return value.map(v => withUser(v, user))
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withUser(k, user) as string, withUser(v, user)]))
  }
  return value
}

/**
 * Parses one lab. `files` have paths relative to the lab folder; `dir` is that folder as messages show it.
 * `+username+` in lab.yaml's values and in the other files becomes `opts.user` before anything reads them.
 */
export function parseLab(files: readonly LabFile[], dir: string, validate?: SchemaValidator,
  opts: ParseLabOptions = {}): ParseLabResult {
  const diagnostics: Diagnostic[] = []
  const fileName = `${dir}/${LAB_FILE}`
  const user = opts.user ?? DEFAULT_USER
  const userProblem = userNameProblem(user)
  if (userProblem !== undefined) {
    return { diagnostics: [{ file: fileName, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'error', code: 'lab-user',
      message: `cannot open the lab for this user: ${userProblem}` }] }
  }
  const labFile = files.find(f => f.path === LAB_FILE)
  files = files.map(f => ({ path: f.path, text: f.text.split(USER_PLACEHOLDER).join(user) }))
  if (!labFile) {
    return { diagnostics: [{ file: fileName, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'error', code: 'lab-missing',
      message: `no ${LAB_FILE} in ${dir}` }] }
  }
  const lc = new LineCounter()
  const doc = parseDocument(labFile.text, { lineCounter: lc, prettyErrors: false })
  const at = new Positions(doc, lc, labFile.text)
  const push: Push = (code, message, node, file = fileName, span) => {
    const s = span ?? at.span(node?.range ?? null)
    diagnostics.push({ file, line: s.line, col: s.col, endLine: s.endLine, endCol: s.endCol, severity: 'error', code, message })
  }
  for (const e of doc.errors) {
    const s = at.span(e.pos)
    diagnostics.push({ file: fileName, ...s, severity: 'error', code: 'yaml-syntax', message: e.message })
  }
  if (diagnostics.length > 0) return { diagnostics }
  // Substituted in the values, not the text, so that diagnostics still point at the right columns.
  const raw = withUser(doc.toJS(), user)

  const seen = new Set<string>()
  for (const e of withoutAnyOfBranches(validate?.(raw) ?? [])) {
    const d = describeError(e)
    const node = d.key !== undefined ? at.key(d.path, d.key) ?? at.node(d.path) : at.node(d.path)
    const k = `${node?.range?.[0] ?? 0}:${d.message}`
    if (seen.has(k)) continue
    seen.add(k)
    push(`schema-${e.keyword}`, d.message, node)
  }
  if (diagnostics.length > 0) return { diagnostics: sorted(diagnostics) }

  const lab = normalize(raw as RawLab, files, dir)
  checkRules(lab, raw as RawLab, at, push)
  return diagnostics.length > 0 ? { diagnostics: sorted(diagnostics) } : { lab, diagnostics: [] }
}

function sorted(d: Diagnostic[]): Diagnostic[] {
  return d.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col)
}

// ---- lab.yaml as the schema allows it -> the model

export type Duration = string | number
interface RawEditSet { files?: string[]; edits?: Array<{ file: string; content?: string; replace?: string; with?: string; delete?: true }> }
export type RawStep = Record<string, unknown>
interface RawPitfall extends RawEditSet { id: string; title: string; steps?: RawStep[]; check: RawExpectation[] }
export type RawExpectation = Record<string, Record<string, unknown> | Array<Record<string, unknown>>>
interface RawTask {
  id: string; title: string; needsWork?: boolean; instructions: string; hints?: string[]
  solution?: RawEditSet & { explanation?: string }; steps: RawStep[]; check: RawExpectation[]; pitfalls?: RawPitfall[]
}
interface RawLab {
  id: string; title: string; summary: string; minutes: number; seed?: string; settle?: Duration
  app: { name: string; namespace: string; path: string; syncPolicy?: SyncPolicy; waveDelay?: Duration; exists?: boolean }
  tasks: RawTask[]
  moments?: Array<{ id: string; say: string; when: Record<string, unknown> }>
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }

/** "500ms", "5s", "1m30s" or a number of seconds -> ms (the schema already checked the form). */
export function durationMs(d: Duration): number {
  if (typeof d === 'number') return Math.round(d * 1000)
  let total = 0
  for (const m of d.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * UNIT_MS[m[2]!]!
  return Math.round(total)
}

function editSet(raw: RawEditSet | undefined): EditSet {
  const edits: FileEdit[] = (raw?.edits ?? []).map(e => e.delete ? { file: e.file, delete: true }
    : e.replace !== undefined ? { file: e.file, replace: e.replace, with: e.with ?? '' }
      : { file: e.file, content: e.content ?? '' })
  return { files: [...(raw?.files ?? [])], edits }
}

export function step(raw: RawStep): Step {
  const [name, value] = Object.entries(raw)[0]!
  if (name === 'wait') return { wait: durationMs(value as Duration) }
  return { [name]: value ?? {} } as Step
}

export function expectation(raw: RawExpectation): Expectation {
  const [name, value] = Object.entries(raw)[0]!
  if (name === 'delay') {
    const { atLeast, atMost, ...rest } = value as Record<string, unknown>
    return { delay: { ...rest, ...(atLeast !== undefined ? { atLeast: durationMs(atLeast as Duration) } : {}),
      ...(atMost !== undefined ? { atMost: durationMs(atMost as Duration) } : {}) } } as Expectation
  }
  return { [name]: value } as Expectation
}

function normalize(raw: RawLab, files: readonly LabFile[], dir: string): Lab {
  const tasks = raw.tasks.map((t): LabTask => ({
    id: t.id, title: t.title, instructions: t.instructions, hints: t.hints ?? [], needsWork: t.needsWork ?? true,
    solution: { ...editSet(t.solution), ...(t.solution?.explanation !== undefined ? { explanation: t.solution.explanation } : {}) },
    steps: t.steps.map(step), check: t.check.map(expectation),
    pitfalls: (t.pitfalls ?? []).map((p): Pitfall => ({ id: p.id, title: p.title, ...editSet(p),
      ...(p.steps ? { steps: p.steps.map(step) } : {}), check: p.check.map(expectation) })),
  }))
  const { waveDelay, exists, ...app } = raw.app
  return {
    id: raw.id, title: raw.title, summary: raw.summary, minutes: raw.minutes, seed: raw.seed ?? raw.id,
    settleMs: raw.settle !== undefined ? durationMs(raw.settle) : DEFAULT_SETTLE_MS,
    app: { ...app, exists: exists ?? true, ...(waveDelay !== undefined ? { waveDelayMs: durationMs(waveDelay) } : {}) },
    tasks, moments: (raw.moments ?? []).map((m): Moment => ({ id: m.id, say: m.say, when: { ...m.when } as unknown as EventMatch })),
    files: new Map(files.map(f => [f.path, f.text])), dir,
  }
}

// ---- the rules the schema cannot say

/** The application's files at the start: repo/<path>/**, keyed by path relative to that folder. */
export function repoFiles(lab: Lab): Map<string, string> {
  const prefix = `repo/${lab.app.path}/`
  const out = new Map<string, string>()
  for (const [path, text] of [...lab.files].sort(([a], [b]) => byteCompare(a, b))) {
    if (path.startsWith(prefix) && /\.ya?ml$/i.test(path)) out.set(path.slice(prefix.length), text)
  }
  return out
}

/** The application's files as the learner starts: the lab repo's folder, with the hooks first when it has them. */
export function labStartFiles(lab: Lab): Array<{ path: string; text: string }> {
  const files = [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text }))
  const hookFirst = (f: { text: string }) => (/argocd\.argoproj\.io\/hook:\s*PreSync/.test(f.text) ? 0 : 1)
  return files.sort((a, b) => hookFirst(a) - hookFirst(b))
}

/** Where an edit set's whole files live: solution/<task>/ or solution/<task>/<pitfall>/. */
export function editSetFolder(task: LabTask, pitfall?: Pitfall): string {
  return pitfall ? `solution/${task.id}/${pitfall.id}/` : `solution/${task.id}/`
}

export interface EditProblem {
  field: 'files' | 'edits'
  index: number
  message: string
}

/** Applies an edit set to a working tree; returns the problems (a missing file, text not found). */
export function applyEdits(lab: Lab, tree: Map<string, string>, set: EditSet, folder: string): EditProblem[] {
  const problems: EditProblem[] = []
  set.files.forEach((file, index) => {
    const text = lab.files.get(folder + file)
    if (text === undefined) problems.push({ field: 'files', index, message: `${folder}${file} does not exist` })
    else tree.set(file, text)
  })
  set.edits.forEach((e, index) => {
    const problem = (message: string) => problems.push({ field: 'edits', index, message })
    if ('delete' in e) {
      if (!tree.delete(e.file)) problem(`${e.file} does not exist`)
    } else if ('replace' in e) {
      const text = tree.get(e.file)
      if (text === undefined) problem(`${e.file} does not exist`)
      else if (!text.includes(e.replace)) problem(`${e.file} does not contain ${JSON.stringify(e.replace)}`)
      else tree.set(e.file, text.replace(e.replace, e.with))
    } else tree.set(e.file, e.content)
  })
  return problems
}

export const formatEditProblem = (p: EditProblem): string => `${p.field}[${p.index}]: ${p.message}`

type Span = { line: number; col: number; endLine: number; endCol: number }
export type Push = (code: string, message: string, node?: Node | null, file?: string, span?: Span) => void

function checkRules(lab: Lab, raw: RawLab, at: Positions, push: Push): void {
  const folder = lab.dir.split('/').filter(Boolean).at(-1)
  if (folder !== undefined && /^\d\d-/.test(folder) && folder !== lab.id) {
    push('lab-id', `id: "${lab.id}" must be the lab's folder name "${folder}"`, at.node(['id']))
  }
  const tree = repoFiles(lab)
  if (tree.size === 0) push('lab-repo', `app.path: no YAML files under repo/${lab.app.path}/`, at.node(['app', 'path']))
  for (const d of parseManifests([...tree].map(([path, text]) => ({ path: `${lab.dir}/repo/${lab.app.path}/${path}`, text }))).diagnostics) {
    if (d.severity === 'error') push(`manifest-${d.code}`, d.message, null, d.file, d)
  }

  const momentIds = new Set<string>()
  lab.moments.forEach((m, mi) => {
    if (momentIds.has(m.id)) push('lab-moment-id', `moments.${mi}.id: duplicate moment id "${m.id}"`, at.node(['moments', mi, 'id']))
    momentIds.add(m.id)
    if (m.when.name !== undefined && m.when.namePrefix !== undefined) {
      push('lab-moment-when', `moments.${mi}.when: give name or namePrefix, not both`, at.node(['moments', mi, 'when']))
    }
  })

  // A lab that starts without its application must make it before a step needs it.
  if (lab.app.exists === false && !lab.tasks.some(t => t.steps.some(st => 'create-app' in st))) {
    push('lab-create-app', 'app.exists is false: a task needs a create-app step (the learner creates the application)',
      at.node(['app', 'exists']))
  }

  const taskIds = new Set<string>()
  lab.tasks.forEach((task, ti) => {
    const base: Path = ['tasks', ti]
    if (taskIds.has(task.id)) push('lab-task-id', `tasks.${ti}.id: duplicate task id "${task.id}"`, at.node([...base, 'id']))
    taskIds.add(task.id)
    const hasEdits = task.solution.files.length + task.solution.edits.length > 0
    const editSteps = task.steps.filter(s => 'edit' in s)
    if (hasEdits && editSteps.length === 0) {
      push('lab-edit-step', `tasks.${ti}.steps: the task has a solution but no "edit" step applies it`, at.node([...base, 'steps']))
    }
    // The learner's work is a file change (a solution) or a command typed in the terminal (a `command` step).
    if (task.needsWork && !hasEdits && !task.steps.some(st => 'command' in st)) {
      push('lab-needs-work', `tasks.${ti}: a task that needs work has a solution (files or edits) or a command step; ` +
        'otherwise set needsWork: false',
        at.node([...base, 'id']))
    }
    task.steps.forEach((s, si) => {
      if ('edit' in s && s.edit.use !== undefined) {
        push('lab-edit-use', `tasks.${ti}.steps.${si}.edit.use: only a pitfall's steps may name an edit set`,
          at.node([...base, 'steps', si, 'edit', 'use']))
      }
    })
    checkEditShapes(raw.tasks[ti]!.solution?.edits ?? [], [...base, 'solution', 'edits'], at, push)
    const pitfallIds = new Set<string>()
    task.pitfalls.forEach((p, pi) => {
      const pbase: Path = [...base, 'pitfalls', pi]
      if (pitfallIds.has(p.id)) push('lab-pitfall-id', `${pbase.join('.')}.id: duplicate pitfall id "${p.id}"`, at.node([...pbase, 'id']))
      pitfallIds.add(p.id)
      checkEditShapes(raw.tasks[ti]!.pitfalls?.[pi]?.edits ?? [], [...pbase, 'edits'], at, push)
      ;(p.steps ?? []).forEach((s, si) => {
        if ('edit' in s && s.edit.use !== undefined && s.edit.use !== 'solution' && !task.pitfalls.some(x => x.id === s.edit.use)) {
          push('lab-edit-use', `${pbase.join('.')}.steps.${si}.edit.use: no edit set "${s.edit.use}" (use "solution" or a pitfall id)`,
            at.node([...pbase, 'steps', si, 'edit', 'use']))
        }
      })
      p.check.forEach((x, xi) => checkExpectation(x, [...pbase, 'check', xi], at, push))
      // A pitfall's edits must apply on top of the state the task starts from.
      const ptree = new Map(tree)
      for (const problem of applyEdits(lab, ptree, p, editSetFolder(task, p))) {
        push('lab-edit', `${pbase.join('.')}.${formatEditProblem(problem)}`, at.node([...pbase, problem.field, problem.index]))
      }
    })
    task.check.forEach((x, xi) => checkExpectation(x, [...base, 'check', xi], at, push))
    // The solution carries the working tree on to the next task; it must apply and give valid manifests.
    for (const problem of applyEdits(lab, tree, task.solution, editSetFolder(task))) {
      push('lab-edit', `tasks.${ti}.solution.${formatEditProblem(problem)}`, at.node([...base, 'solution', problem.field, problem.index]))
    }
    if (hasEdits) {
      // A broken manifest is reported where it came from: the solution file, or the inline edit that wrote it.
      const touched = new Set([...task.solution.files, ...task.solution.edits.map(e => e.file)])
      const { diagnostics } = parseManifests([...tree].filter(([path]) => touched.has(path)).map(([path, text]) => ({ path, text })))
      for (const d of diagnostics.filter(x => x.severity === 'error')) {
        const edit = task.solution.edits.findLastIndex(e => e.file === d.file)
        if (edit >= 0) {
          push('lab-solution-manifest', `tasks.${ti}.solution.edits[${edit}]: ${d.file}:${d.line}:${d.col}: ${d.message}`,
            at.node([...base, 'solution', 'edits', edit]))
        } else push(`manifest-${d.code}`, d.message, null, `${lab.dir}/${editSetFolder(task)}${d.file}`, d)
      }
    }
  })
}

function checkEditShapes(edits: NonNullable<RawEditSet['edits']>, path: Path, at: Positions, push: Push): void {
  edits.forEach((e, i) => {
    const kinds = ['content', 'replace', 'delete'].filter(k => k in e)
    if (kinds.length !== 1) {
      push('lab-edit-shape', `${[...path, i].join('.')}: an edit has exactly one of content, replace (+ with), delete`, at.node([...path, i]))
    } else if (kinds[0] === 'replace' && !('with' in e)) {
      push('lab-edit-shape', `${[...path, i].join('.')}: replace needs "with"`, at.node([...path, i]))
    } else if (kinds[0] !== 'replace' && 'with' in e) {
      push('lab-edit-shape', `${[...path, i].join('.')}: "with" only goes with replace`, at.node([...path, i, 'with']))
    }
  })
}

export function checkExpectation(x: Expectation, path: Path, at: Positions, push: Push): void {
  const [name, value] = Object.entries(x)[0]! as [string, Record<string, unknown>]
  const where = [...path, name].join('.')
  const node = at.node([...path, name])
  const names = ['name', 'namePrefix'].filter(k => k in value)
  if (['result', 'exists', 'absent', 'job'].includes(name) && names.length !== 1) {
    push('lab-check-name', `${where}: give exactly one of name, namePrefix`, node)
  }
  if (name === 'log') {
    const whose = ['job', 'jobPrefix', 'pod'].filter(k => k in value)
    if (whose.length !== 1) push('lab-check-log', `${where}: give exactly one of job, jobPrefix, pod`, node)
    if (!('contains' in value) && !('notContains' in value)) push('lab-check-log', `${where}: give contains or notContains`, node)
  }
  if (name === 'app' && Object.keys(value).length === 0) push('lab-check-app', `${where}: say what to check (sync, health, deleted, history)`, node)
  if (name === 'event' && 'count' in value && 'atLeast' in value) push('lab-check-event', `${where}: give count or atLeast, not both`, node)
}

/** Groups files by lab folder: `<anything>/labs/<id>/<rest>` (as `import.meta.glob` returns them). */
export function labsFromFiles(files: readonly LabFile[]): Map<string, LabFile[]> {
  const out = new Map<string, LabFile[]>()
  for (const f of files) {
    const m = /(?:^|\/)labs\/([^/]+)\/(.+)$/.exec(f.path)
    if (!m) continue
    const [, id, rest] = m as unknown as [string, string, string]
    if (!out.has(id)) out.set(id, [])
    out.get(id)!.push({ path: rest, text: f.text })
  }
  return out
}
