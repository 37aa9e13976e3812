// Multi-document YAML -> Manifest[] + Diagnostic[]. Never throws: every problem becomes a diagnostic.
import { LineCounter, isMap, isScalar, parseAllDocuments, type Tags, type YAMLError } from 'yaml'
import type { KubeObject } from '../cluster/objects.ts'
import { Locator } from './positions.ts'
import { readSyncSettings } from './sync-settings.ts'
import type { Diagnostic, FieldSpan, Manifest, ManifestSource, ParseResult, Severity, SourceFile, Span } from './types.ts'
import { describe, validateObject } from './validate.ts'
import { loadedChecks } from './schema/check-types.ts'
import { repeatedKeys } from './yaml-keys.ts'

/** limits.ts MAX_NESTING (limits.ts itself loads later, with the reader's Kubernetes types). */
const MAX_NESTING = 100

const TOO_DEEP = `this document nests deeper than ${MAX_NESTING} levels: the reader stops here (a Kubernetes ` +
  'object nests far less). Nothing is synced.'


/**
 * Argo CD reads manifests with Go's YAML 1.1 reader (sigs.k8s.io/yaml), so `name: no` is a boolean
 * there too. Go's reader has no implicit timestamps or base-60 numbers (`22:22`), so drop those tags.
 */
const yaml11AsGo = (tags: Tags): Tags =>
  tags.filter(t => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'))

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Explicit tags (!!binary, !!set, !!omap) give non-JSON values; map them as a JSON round trip would. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain)
  if (v instanceof Uint8Array) return btoa(Array.from(v, b => String.fromCharCode(b)).join('')) // runs in the browser too
  if (v instanceof Set) return [...v].map(plain)
  if (v instanceof Map) return plain(Object.fromEntries([...v].map(([k, x]) => [String(k), x])))
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString()
  if (!isRecord(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) {
    Object.defineProperty(out, k, { value: plain(x), enumerable: true, writable: true, configurable: true })
  }
  return out
}

export interface ParseOptions {
  /** The Application's destination namespace, for the duplicate check's keys (default `default`). */
  namespace?: string
}

export function parseManifests(files: readonly SourceFile[], opts: ParseOptions = {}): ParseResult {
  const result: ParseResult = { manifests: [], diagnostics: [] }
  for (const file of Array.isArray(files) ? files : []) {
    const path = typeof file?.path === 'string' ? file.path : '<unknown>'
    const diagnostics: Diagnostic[] = []
    try {
      result.manifests.push(...parseFile(path, typeof file?.text === 'string' ? file.text : '', diagnostics))
    } catch (e) {
      // Safety net only: a bug here must not take the editor or CLI down.
      diagnostics.push({ file: path, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'error', code: 'internal',
        message: `could not read this file: ${e instanceof Error ? e.message : String(e)}` })
    }
    diagnostics.sort((a, b) => a.line - b.line || a.col - b.col)
    result.diagnostics.push(...diagnostics)
  }
  result.diagnostics.push(...loadedChecks()?.repeatedResourceWarnings(result.manifests, opts.namespace ?? 'default') ?? [])
  return result
}

function parseFile(file: string, text: string, diagnostics: Diagnostic[]): Manifest[] {
  const lc = new LineCounter()
  // uniqueKeys: checked by repeatedKeys (limits.ts), in linear time.
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, version: '1.1', customTags: yaml11AsGo,
    uniqueKeys: false })
  const root = new Locator(lc, text, null, 0, 0)
  const push = (severity: Severity, code: string, message: string, at: Span): void => {
    diagnostics.push({ file, line: at.line, col: at.col, endLine: at.endLine, endCol: at.endCol, severity, code, message })
  }
  // The library's own positions (what prettyErrors puts in linePos): lc.linePos(e.pos).
  const yamlIssue = (severity: Severity) => (e: YAMLError): void => {
    // The YAML library reports its own stack overflow on very deep nesting as an error: say what it means.
    if (/call stack/i.test(e.message)) {
      push('error', 'too-deep', TOO_DEEP, root.span(e.pos[0], e.pos[1]))
      return
    }
    push(severity, severity === 'error' ? 'yaml-syntax' : 'yaml-warning', e.message, root.span(e.pos[0], e.pos[1]))
  }
  if ('empty' in docs) {
    docs.errors.forEach(yamlIssue('error'))
    docs.warnings.forEach(yamlIssue('warning'))
    return []
  }

  const manifests: Manifest[] = []
  docs.forEach((doc, docIndex) => {
    doc.errors.forEach(yamlIssue('error'))
    doc.warnings.forEach(yamlIssue('warning'))
    if (doc.errors.length > 0) return
    const contents = doc.contents
    const repeated = repeatedKeys(contents)
    for (const key of repeated) {
      push('error', 'yaml-syntax', `Map keys must be unique: "${String(isScalar(key) ? key.value : '')}" appears ` +
        'twice in this mapping (Argo CD\'s YAML reader refuses it)', root.nodeSpan(key) ?? root.document)
    }
    if (repeated.length > 0) return
    // Empty documents (`---` alone, comments only, or `null`) are skipped, as Argo CD does.
    if (contents === null || (isScalar(contents) && contents.value === null)) return
    const loc = new Locator(lc, text, contents, doc.range[0], doc.range[1])
    const deep = loadedChecks()?.tooDeep(contents)
    if (deep) {
      push('error', 'too-deep', TOO_DEEP, loc.nodeSpan(deep) ?? loc.document)
      return
    }
    let obj: unknown
    try {
      obj = plain(doc.toJS({ maxAliasCount: 100 }))
    } catch (e) {
      push('error', 'yaml-syntax', e instanceof Error ? e.message : String(e), loc.document)
      return
    }
    if (!isMap(contents) || !isRecord(obj)) {
      push('error', 'not-a-mapping', `this document is ${describe(obj)}, not a mapping: each YAML document must be ` +
        'one Kubernetes object (apiVersion, kind, metadata, ...). Argo CD cannot render the app, so nothing is synced.',
        loc.document)
      return
    }
    let errors = 0
    validateObject(obj, loc, (severity, code, message, at) => {
      if (severity === 'error') errors++
      push(severity, code, message, at)
    })

    // Kubernetes' types and synclab's capacity (loaded with the reader's types, check-types.ts).
    for (const issue of errors === 0 ? loadedChecks()?.objectIssues(obj) ?? [] : []) {
      errors++
      push('error', issue.code, issue.message, loc.at(issue.path))
    }

    const object = obj as KubeObject
    const { settings, warnings } = readSyncSettings(object)
    for (const w of warnings) {
      const path = ['metadata', 'annotations', w.annotation]
      if (w.code === 'annotation-key-typo') push('warning', w.code, w.message, loc.at(path, 'key'))
      else push('warning', w.code, `${w.annotation}: ${w.message}`, w.item ? loc.item(path, w.item) : loc.at(path))
    }
    if (errors > 0) return
    // R24: kubectl apply refuses an object that has only generateName; Argo CD names hooks itself, not others.
    const appliedWithGenerateName = settings.usesGenerateName && !settings.isHook && !settings.skip &&
      !settings.excludedFromSync && !settings.syncOptions.replace
    if (appliedWithGenerateName) {
      push('warning', 'generate-name-not-hook', `metadata.generateName without metadata.name on a resource that is ` +
        `not a hook: Argo CD leaves it nameless and kubectl apply refuses it ("from ${settings.generateName}: cannot ` +
        `use generate name with apply"), so the sync fails its dry run (R24). Give it a metadata.name, or make it a hook.`,
        loc.at(['metadata', 'generateName'], 'key'))
    }

    const annotations: Record<string, FieldSpan> = {}
    const annMap = isRecord(object.metadata) ? object.metadata.annotations : undefined
    for (const key of isRecord(annMap) ? Object.keys(annMap) : []) {
      const f = loc.field(['metadata', 'annotations', key])
      if (f) Object.defineProperty(annotations, key, { value: f, enumerable: true, writable: true, configurable: true })
    }
    const source: ManifestSource = {
      file, docIndex, document: loc.document,
      apiVersion: loc.field(['apiVersion']),
      kind: loc.field(['kind']),
      name: loc.field(['metadata', 'name']),
      generateName: loc.field(['metadata', 'generateName']),
      namespace: loc.field(['metadata', 'namespace']),
      annotations,
    }
    manifests.push({ object, source, settings })
  })
  return manifests
}
