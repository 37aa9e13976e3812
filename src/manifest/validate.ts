// Structural checks on one parsed document. Errors: Argo CD could not render the app, so nothing is
// synced. Warnings: Argo CD renders and syncs it, but the API server refuses the object at apply time.
import { listValues, suggest } from './annotations.ts'
import type { Locator } from './positions.ts'
import { checkProbes } from './probes.ts'
import type { Severity, Span } from './types.ts'

export type Report = (severity: Severity, code: string, message: string, at: Span) => void

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** 'the number 1', 'the boolean false' … with a YAML 1.1 hint where it explains the surprise. */
export function describe(v: unknown): string {
  if (v === null) return 'null (an empty value)'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'a mapping'
  if (typeof v === 'boolean') return `the boolean ${v} (YAML reads yes/no/on/off/true/false as booleans)`
  return `the ${typeof v} ${String(v)}`
}

/** Pod restart policies the API server accepts, per kind that holds a Pod spec (R70). */
const RESTART_POLICIES: Readonly<Record<string, readonly string[]>> = {
  Pod: ['Always', 'OnFailure', 'Never'],
  Job: ['Never', 'OnFailure'],
  Deployment: ['Always'],
  ReplicaSet: ['Always'],
  StatefulSet: ['Always'],
  DaemonSet: ['Always'],
}

export function validateObject(obj: Record<string, unknown>, loc: Locator, report: Report): void {
  const error = (code: string, message: string, at: Span): void => report('error', code, message, at)
  const warning = (code: string, message: string, at: Span): void => report('warning', code, message, at)
  const cannotRender = 'Argo CD cannot render the app, so nothing is synced'

  for (const [field, example] of [['apiVersion', 'v1 or batch/v1'], ['kind', 'Job']] as const) {
    const v = obj[field]
    if (v === undefined || v === null || v === '') {
      error(`missing-${field}`, `missing ${field} (e.g. ${example}): ${cannotRender}.`, loc.at([field], 'key'))
    } else if (typeof v !== 'string') {
      error('invalid-field', `${field} must be a string, not ${describe(v)}: ${cannotRender}.`, loc.at([field]))
    }
  }

  const meta = obj.metadata
  if (meta !== undefined && meta !== null && !isRecord(meta)) {
    error('invalid-metadata', `metadata must be a mapping, not ${describe(meta)}: ${cannotRender}.`, loc.at(['metadata']))
    return
  }
  const m = isRecord(meta) ? meta : {}
  for (const f of ['name', 'generateName', 'namespace'] as const) {
    const v = m[f]
    if (v !== undefined && v !== null && typeof v !== 'string') {
      error('invalid-field', `metadata.${f} must be a string, not ${describe(v)}; quote it: ${cannotRender}.`,
        loc.at(['metadata', f]))
    }
  }
  // Absent, null or '' (a non-string was reported above).
  const unset = (v: unknown): boolean => v === undefined || v === null || v === ''
  if (unset(m.name) && unset(m.generateName)) {
    error('missing-name', `missing metadata.name (or metadata.generateName): ${cannotRender}.`,
      loc.at(['metadata', 'name'], 'key'))
  }

  // Annotations: Argo CD reads them all as strings; one non-string fails manifest generation
  // ("contains non-string value in the map under key"). Labels: the API server refuses them.
  for (const [field, severity, consequence] of [
    ['annotations', 'error', cannotRender],
    ['labels', 'warning', 'the API server will refuse the object at apply time'],
  ] as const) {
    const map = m[field]
    if (map === undefined || map === null) continue
    const what = field.slice(0, -1)
    if (!isRecord(map)) {
      report(severity, `invalid-${field}`, `metadata.${field} must be a mapping of strings, not ${describe(map)}: ` +
        `${consequence}.`, loc.at(['metadata', field]))
      continue
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v === 'string') continue
      const quoted = v === null ? '""' : `"${String(v)}"`
      report(severity, `non-string-${what}`, `${what} "${k}" must be a string, not ${describe(v)}; quote it ` +
        `(${quoted}): ${consequence}.`, loc.at(['metadata', field, k]))
    }
  }

  // Pod specs (R70): checked only where the kind is one we model; the API server does the same.
  const kind = typeof obj.kind === 'string' ? obj.kind : ''
  const allowed = Object.hasOwn(RESTART_POLICIES, kind) ? RESTART_POLICIES[kind] : undefined
  if (!allowed) return
  const spec = isRecord(obj.spec) ? obj.spec : undefined
  let podSpec: unknown = spec
  let path = ['spec']
  if (kind !== 'Pod') {
    const template = spec?.template
    if (!isRecord(template)) {
      warning('missing-pod-template', `${kind} has no spec.template: the API server will refuse it at apply time ` +
        `(it needs a Pod template with at least one container${kind === 'Job' ? ' and restartPolicy Never or OnFailure' : ''}).`,
        loc.at(['spec', 'template'], 'key'))
      return
    }
    podSpec = template.spec
    path = ['spec', 'template', 'spec']
  }
  const where = kind === 'Pod' ? 'Pod' : `${kind} Pod template`
  const ps = isRecord(podSpec) ? podSpec : {}
  const containers = ps.containers
  // A non-list is a type error (schema/check-types.ts); only a missing or empty list is this warning.
  if (containers === undefined || containers === null || (Array.isArray(containers) && containers.length === 0)) {
    warning('no-containers', `${where} has no containers: the API server will refuse it at apply time ` +
      `(${path.join('.')}.containers needs at least one container).`, loc.at([...path, 'containers'], 'key'))
  }
  checkProbes(ps, path, loc, warning)
  const rp = ps.restartPolicy
  if (rp === undefined || rp === null) {
    if (kind === 'Job') {
      warning('invalid-restart-policy', `Job Pod template has no restartPolicy: it defaults to Always, which the ` +
        `API server refuses for a Job at apply time. Allowed values: ${listValues(allowed)} (R70).`,
        loc.at([...path, 'restartPolicy'], 'key'))
    }
  } else if (typeof rp === 'string' && !allowed.includes(rp)) { // a non-string is a type error (check-types.ts)
    const s = suggest(rp, allowed)
    warning('invalid-restart-policy', `restartPolicy "${rp}" is not ` +
      `valid for a ${where}: the API server will refuse it at apply time.${s ? ` Did you mean "${s}"?` : ''} ` +
      `Allowed values: ${listValues(allowed)}${kind === 'Job' ? ' (R70)' : ''}.`, loc.at([...path, 'restartPolicy']))
  }
}
