// `synclab sync --app FILE`: an Argo CD Application manifest supplies the app's settings: metadata.name,
// spec.destination.namespace and spec.syncPolicy (automated with prune/selfHeal, syncOptions, retry). Problems are
// Diagnostics at the field they are about (file:line:col); the flags of the command line override what it says.
import { readFileSync } from 'node:fs'
import { isMap, isNode, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml'
import type { Diagnostic } from '../manifest/index.ts'
import { parseDuration, parseSyncOption, type SimulateOptions, UsageError } from '../lib/sync-options.ts'

export interface ApplicationSettings {
  /** Undefined when the manifest has an error. */
  options?: SimulateOptions
  diagnostics: Diagnostic[]
}

export function readApplicationFile(file: string): ApplicationSettings {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new UsageError(`--app ${file}: no such file`)
  }
  return readApplication(text, file)
}

type Path = Array<string | number>

/** Reads an Application manifest (one YAML document) into the options it sets. */
export function readApplication(text: string, file: string): ApplicationSettings {
  const lc = new LineCounter()
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false })
  const diagnostics: Diagnostic[] = []
  const at = (offset: number) => {
    const p = lc.linePos(offset)
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) }
  }
  const report = (node: Node | undefined, message: string, fallback = 0): void => {
    const [start, end] = node?.range ?? [fallback, fallback]
    const s = at(start)
    const e = at(end)
    diagnostics.push({ file, ...s, endLine: e.line, endCol: e.col, severity: 'error', code: 'app-manifest', message })
  }
  const list = Array.isArray(docs) ? docs : [docs]
  for (const d of list) for (const err of d.errors) report(undefined, err.message, err.pos[0])
  if (diagnostics.length > 0) return { diagnostics }
  const real = list.filter(d => d.contents !== null)
  if (real.length !== 1) {
    report(real[1]?.contents ?? undefined, `--app: expected one Application manifest, found ${real.length} documents`)
    return { diagnostics }
  }
  const doc = real[0]!
  const node = (path: Path): Node | undefined => {
    const n = doc.getIn(path, true)
    return isNode(n) ? n : undefined
  }
  const js = doc.toJS() as unknown
  const value = (path: Path): unknown => path.reduce<unknown>((v, k) =>
    v !== null && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined, js)
  const nearest = (path: Path): Node | undefined => {
    for (let i = path.length; i >= 0; i--) {
      const n = node(path.slice(0, i))
      if (n) return n
    }
    return undefined
  }
  readFields(doc, value, node, nearest, report)
  if (diagnostics.length > 0) return { diagnostics }
  return { options: optionsOf(value), diagnostics }
}

type Report = (node: Node | undefined, message: string) => void

function readFields(doc: Document, value: (p: Path) => unknown, node: (p: Path) => Node | undefined,
  nearest: (p: Path) => Node | undefined, report: Report): void {
  if (!isMap(doc.contents)) return report(doc.contents ?? undefined, '--app: expected an Application manifest (a YAML mapping)')
  const kind = value(['kind'])
  const apiVersion = value(['apiVersion'])
  if (kind !== 'Application' || typeof apiVersion !== 'string' || !apiVersion.startsWith('argoproj.io/')) {
    return report(node(['kind']) ?? doc.contents,
      `--app: expected kind: Application (apiVersion argoproj.io/v1alpha1), found ${String(kind)} (${String(apiVersion)})`)
  }
  const name = value(['metadata', 'name'])
  if (typeof name !== 'string' || name === '') report(nearest(['metadata', 'name']), 'metadata.name: the Application needs a name')
  const ns = value(['spec', 'destination', 'namespace'])
  if (ns !== undefined && typeof ns !== 'string') report(node(['spec', 'destination', 'namespace']), 'spec.destination.namespace: must be a string')
  const automated = node(['spec', 'syncPolicy', 'automated'])
  if (automated && !isMap(automated) && value(['spec', 'syncPolicy', 'automated']) !== null) {
    report(automated, 'spec.syncPolicy.automated: must be a mapping (prune, selfHeal)')
  }
  for (const flag of ['prune', 'selfHeal']) {
    const v = value(['spec', 'syncPolicy', 'automated', flag])
    if (v !== undefined && typeof v !== 'boolean') report(node(['spec', 'syncPolicy', 'automated', flag]), `spec.syncPolicy.automated.${flag}: must be true or false`)
  }
  const syncOptions = node(['spec', 'syncPolicy', 'syncOptions'])
  if (syncOptions && !isSeq(syncOptions)) report(syncOptions, 'spec.syncPolicy.syncOptions: must be a list of KEY=VALUE')
  if (isSeq(syncOptions)) {
    syncOptions.items.forEach((item, i) => {
      const text = isNode(item) ? (item as { toJSON(): unknown }).toJSON() : item
      try {
        if (typeof text !== 'string') throw new UsageError('must be a string KEY=VALUE')
        parseSyncOption(text, {})
      } catch (e) {
        if (!(e instanceof UsageError)) throw e
        report(isNode(item) ? item : syncOptions, `spec.syncPolicy.syncOptions[${i}]: ${e.message}`)
      }
    })
  }
  const limit = value(['spec', 'syncPolicy', 'retry', 'limit'])
  if (limit !== undefined && !Number.isInteger(limit)) report(node(['spec', 'syncPolicy', 'retry', 'limit']), 'spec.syncPolicy.retry.limit: must be a whole number')
  for (const key of ['duration', 'maxDuration']) {
    const d = value(['spec', 'syncPolicy', 'retry', 'backoff', key])
    if (d === undefined) continue
    try {
      if (typeof d !== 'string') throw new UsageError('expected a duration such as 5s or 3m')
      parseDuration(d, `spec.syncPolicy.retry.backoff.${key}`)
    } catch (e) {
      if (!(e instanceof UsageError)) throw e
      report(node(['spec', 'syncPolicy', 'retry', 'backoff', key]), `spec.syncPolicy.retry.backoff.${key}: ${e.message}`)
    }
  }
  const factor = value(['spec', 'syncPolicy', 'retry', 'backoff', 'factor'])
  if (factor !== undefined && !Number.isInteger(factor)) report(node(['spec', 'syncPolicy', 'retry', 'backoff', 'factor']), 'spec.syncPolicy.retry.backoff.factor: must be a whole number')
}

/** The settings a checked Application manifest gives. */
function optionsOf(value: (p: Path) => unknown): SimulateOptions {
  const o: SimulateOptions = { appName: value(['metadata', 'name']) as string }
  const ns = value(['spec', 'destination', 'namespace'])
  if (typeof ns === 'string' && ns !== '') o.destNamespace = ns
  const policy = ['spec', 'syncPolicy']
  const automated = value([...policy, 'automated'])
  // `automated: {}` (or `automated:` with nothing under it) turns automated sync on.
  if (automated !== undefined) {
    const a = (automated ?? {}) as { prune?: boolean; selfHeal?: boolean }
    o.automated = { ...(a.prune !== undefined ? { prune: a.prune } : {}), ...(a.selfHeal !== undefined ? { selfHeal: a.selfHeal } : {}) }
  }
  const syncOptions = value([...policy, 'syncOptions'])
  if (Array.isArray(syncOptions)) o.syncOptions = syncOptions.map(String)
  const limit = value([...policy, 'retry', 'limit'])
  if (typeof limit === 'number') {
    const backoff = (value([...policy, 'retry', 'backoff']) ?? {}) as { duration?: string; factor?: number; maxDuration?: string }
    o.retry = { limit, backoff: { ...(backoff.duration !== undefined ? { duration: backoff.duration } : {}),
      ...(backoff.factor !== undefined ? { factor: backoff.factor } : {}),
      ...(backoff.maxDuration !== undefined ? { maxDuration: backoff.maxDuration } : {}) } }
  }
  return o
}
