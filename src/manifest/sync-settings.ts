// Reads an object's Argo CD / Helm annotations into typed sync settings, exactly as gitops-engine and
// the Argo CD controller interpret them, plus warnings for values Argo CD silently ignores.
// Pure over the object (no positions), so the sync engine can also use it on live objects (R48).
import type { KubeObject } from '../cluster/objects.ts'
import {
  ANNOTATION, ANNOTATION_KEYS, APP_ONLY_SYNC_OPTIONS, ARGO_HOOK_VALUES, DEFAULT_DELETE_POLICY, DELETE_POLICIES,
  HELM_DELETE_HOOK_TYPES, HELM_DELETE_POLICIES, HELM_HOOK_TYPES, HELM_HOOK_VALUES, HELM_NOT_A_HOOK, HOOK_TYPES,
  RESOURCE_SYNC_OPTIONS, SYNC_PHASES, listValues, parseGoInt, splitCsv, suggest,
  type DeleteHookType, type HookDeletePolicy, type HookType,
} from './annotations.ts'
import type { ResourceSyncOptions, SyncSettings } from './types.ts'

/** A problem with one annotation (and, for CSV values, one item of it). */
export interface SettingsWarning {
  code: string
  message: string
  annotation: string
  item: string | null
}

export interface SettingsResult {
  settings: SyncSettings
  warnings: SettingsWarning[]
}

const own = <T>(rec: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(rec, key) ? rec[key] : undefined

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * Like unstructured GetAnnotations: a non-map, or any non-string value, yields no annotations at all.
 * (The manifest reader reports such objects as errors; Argo CD cannot render them.)
 */
function annotationsOf(object: KubeObject): Record<string, string> {
  const meta: unknown = isRecord(object) ? object.metadata : undefined
  const ann = isRecord(meta) ? meta.annotations : undefined
  if (!isRecord(ann)) return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(ann)) {
    if (typeof v !== 'string') return {}
    Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true })
  }
  return out
}

function stringField(object: KubeObject, field: 'name' | 'generateName'): string {
  const meta: unknown = isRecord(object) ? object.metadata : undefined
  const v = isRecord(meta) ? meta[field] : undefined
  return typeof v === 'string' ? v : ''
}

const uniq = <T>(xs: readonly T[]): T[] => xs.filter((x, i) => xs.indexOf(x) === i)

export function readSyncSettings(object: KubeObject): SettingsResult {
  const ann = annotationsOf(object)
  const get = (key: string): string | undefined => own(ann, key)
  const warnings: SettingsWarning[] = []
  const warn = (code: string, annotation: string, item: string | null, message: string): void => {
    warnings.push({ code, message, annotation, item })
  }

  // Hook types: Argo values if any is recognised, else Helm's (R1, R3, R7).
  const argoValue = get(ANNOTATION.hook)
  const helmValue = get(ANNOTATION.helmHook)
  const argoItems = splitCsv(argoValue)
  const helmItems = splitCsv(helmValue)
  const argoTypes = argoItems.filter((i): i is HookType => (HOOK_TYPES as readonly string[]).includes(i))
  const helmTypes = uniq(helmItems.flatMap(i => own(HELM_HOOK_TYPES, i) ?? []))
  const hookTypes: HookType[] = argoTypes.length > 0 ? argoTypes : helmTypes
  const hookTypeSource = argoTypes.length > 0 ? 'argocd' : helmTypes.length > 0 ? 'helm' : 'none'
  const skip = hookTypes.length === 1 && hookTypes[0] === 'Skip' // R5
  // R2: the Argo key alone makes a hook (unless Skip); Helm's key unless it is exactly crd-install.
  const isHook = argoValue !== undefined ? !skip : helmValue !== undefined && helmValue !== HELM_NOT_A_HOOK
  // R10: matched per item on either key, independent of the rules above (argo-cd controller/hook.go).
  const deleteHookTypes = uniq([
    ...argoItems.filter((i): i is DeleteHookType => i === 'PreDelete' || i === 'PostDelete'),
    ...helmItems.flatMap(i => own(HELM_DELETE_HOOK_TYPES, i) ?? []),
  ])
  const phases = isHook ? SYNC_PHASES.filter(p => hookTypes.includes(p)) : [] // R6
  const excludedFromSync = deleteHookTypes.length > 0 && !hookTypes.some(t => t !== 'Skip')
  const dropped = !excludedFromSync && isHook && hookTypes.length === 0 // R4

  const consequence = dropped
    ? 'Argo CD drops this object from the sync without any error: it is never applied, pruned or health-checked (R4)'
    : phases.length > 0 ? `Argo CD ignores this value; the object runs as ${listValues(phases)}`
    : 'Argo CD ignores this value'
  const before = warnings.length
  for (const item of argoItems) {
    if (ARGO_HOOK_VALUES.includes(item)) continue
    const s = suggest(item, ARGO_HOOK_VALUES)
    warn('unknown-hook-type', ANNOTATION.hook, item, `unknown hook type "${item}": ${consequence}.` +
      (s ? ` Did you mean "${s}"? Hook types are case-sensitive.` : '') +
      ` Allowed values: ${listValues(ARGO_HOOK_VALUES)}.`)
  }
  for (const item of helmItems) {
    if (HELM_HOOK_VALUES.includes(item)) continue
    const s = suggest(item, HELM_HOOK_VALUES)
    warn('unknown-helm-hook', ANNOTATION.helmHook, item, `unknown Helm hook "${item}": ${consequence}.` +
      (s ? ` Did you mean "${s}"?` : '') + ` Allowed values: ${listValues(HELM_HOOK_VALUES)}.`)
  }
  if (dropped && warnings.length === before) {
    if (argoValue !== undefined) {
      warn('hook-dropped', ANNOTATION.hook, null, `empty hook annotation: the object counts as a hook with no ` +
        `type, so ${consequence}. Allowed values: ${listValues(ARGO_HOOK_VALUES)}.`)
    } else {
      warn('hook-dropped', ANNOTATION.helmHook, null, `Helm hook "${helmValue ?? ''}" is not run by an Argo CD ` +
        `sync: ${consequence}. Argo CD runs pre-install and pre-upgrade as PreSync, post-install and post-upgrade ` +
        `as PostSync (R3).`)
    }
  }

  // Delete policies: union of Argo and Helm (R7), default BeforeHookCreation (R32).
  const argoPolicies = splitCsv(get(ANNOTATION.hookDeletePolicy))
  const helmPolicies = splitCsv(get(ANNOTATION.helmHookDeletePolicy))
  const recognised = uniq<HookDeletePolicy>([
    ...argoPolicies.filter((p): p is HookDeletePolicy => (DELETE_POLICIES as readonly string[]).includes(p)),
    ...helmPolicies.flatMap(p => own(HELM_DELETE_POLICIES, p) ?? []),
  ])
  const deletePolicyDefaulted = recognised.length === 0
  const deletePolicies = deletePolicyDefaulted ? [DEFAULT_DELETE_POLICY] : recognised
  const policyConsequence = deletePolicyDefaulted
    ? `Argo CD ignores it, and with no recognised policy the hook gets the default ${DEFAULT_DELETE_POLICY} (R32)`
    : `Argo CD ignores it; the hook's policies are ${listValues(deletePolicies)}`
  const policyWarning = (key: string, items: string[], allowed: readonly string[]): void => {
    for (const item of items) {
      if (allowed.includes(item)) continue
      const s = suggest(item, allowed)
      warn('unknown-delete-policy', key, item, `unknown delete policy "${item}": ${policyConsequence}.` +
        (s ? ` Did you mean "${s}"?` : '') + ` Allowed values: ${listValues(allowed)}.`)
    }
  }
  policyWarning(ANNOTATION.hookDeletePolicy, argoPolicies, DELETE_POLICIES)
  policyWarning(ANNOTATION.helmHookDeletePolicy, helmPolicies, Object.keys(HELM_DELETE_POLICIES))

  // Wave (R7): sync-wave if it parses as a Go int, else helm.sh/hook-weight if it parses, else 0.
  const waveText = get(ANNOTATION.syncWave)
  const weightText = get(ANNOTATION.helmHookWeight)
  const argoWave = waveText === undefined ? null : parseGoInt(waveText)
  const helmWeight = weightText === undefined ? null : parseGoInt(weightText)
  const wave = argoWave ?? helmWeight ?? 0
  const waveSource = argoWave !== null ? 'argocd' : helmWeight !== null ? 'helm' : 'default'
  const intHint = (text: string): string => {
    const n = Number(text.trim())
    return Number.isInteger(n) && text.trim() !== '' ? ` Write "${n}".` : ' Write an integer such as "1" or "-1".'
  }
  if (waveText !== undefined && argoWave === null) {
    warn('invalid-sync-wave', ANNOTATION.syncWave, null, `sync wave "${waveText}" is not an integer ` +
      `(optional sign and digits only, no spaces or decimals), so Argo CD uses ` +
      (helmWeight !== null ? `helm.sh/hook-weight (${helmWeight})` : 'wave 0') + ` (R7).${intHint(waveText)}`)
  }
  if (weightText !== undefined && helmWeight === null) {
    warn('invalid-hook-weight', ANNOTATION.helmHookWeight, null, `hook weight "${weightText}" is not an integer, ` +
      `so Argo CD ignores it and uses ${argoWave !== null ? `sync wave ${argoWave}` : 'wave 0'} (R7).${intHint(weightText)}`)
  }

  // Sync options: exact items, as gitops-engine HasAnnotationOption / GetAnnotationOptionValue read them.
  const items = splitCsv(get(ANNOTATION.syncOptions))
  const known = (): string[] => Object.entries(RESOURCE_SYNC_OPTIONS).flatMap(([k, vs]) => vs.map(v => `${k}=${v}`))
  for (const item of items) {
    const eq = item.indexOf('=')
    const key = eq < 0 ? item : item.slice(0, eq)
    const allowed = own(RESOURCE_SYNC_OPTIONS, key)
    if (allowed) {
      if (eq >= 0 && allowed.includes(item.slice(eq + 1))) continue
      warn('ineffective-sync-option', ANNOTATION.syncOptions, item, `sync option "${item}" does nothing: Argo CD ` +
        `only acts on ${listValues(allowed.map(v => `${key}=${v}`))} (case-sensitive).`)
    } else if (APP_ONLY_SYNC_OPTIONS.includes(key)) {
      warn('app-only-sync-option', ANNOTATION.syncOptions, item, `sync option "${key}" only works in the ` +
        `Application's syncPolicy.syncOptions; Argo CD ignores it on a resource. Resource options: ${listValues(known())}.`)
    } else {
      const s = suggest(key, [...Object.keys(RESOURCE_SYNC_OPTIONS), ...APP_ONLY_SYNC_OPTIONS])
      warn('unknown-sync-option', ANNOTATION.syncOptions, item, `unknown sync option "${item}": Argo CD ignores ` +
        `it.${s ? ` Did you mean "${s}"?` : ''} Resource options: ${listValues(known())}.`)
    }
  }
  const valueOf = (key: string): string | null => {
    const hit = items.find(i => i.startsWith(`${key}=`))
    return hit === undefined ? null : hit.slice(key.length + 1)
  }
  const syncOptions: ResourceSyncOptions = {
    items,
    prune: valueOf('Prune'),
    delete: valueOf('Delete'),
    pruneLast: items.includes('PruneLast=true'),
    replace: items.includes('Replace=true'),
    force: items.includes('Force=true'),
    disableValidation: items.includes('Validate=false'),
    skipDryRunOnMissingResource: items.includes('SkipDryRunOnMissingResource=true'),
    // ServerSideApply=false wins over =true (gitops-engine shouldUseServerSideApply).
    serverSideApply: items.includes('ServerSideApply=false') ? false : items.includes('ServerSideApply=true') ? true : null,
  }

  // A near miss of a known key ('argocd.argoproj.io/Hook', '.../syncwave') is just another annotation.
  for (const key of Object.keys(ann)) {
    if (ANNOTATION_KEYS.includes(key)) continue
    const s = suggest(key, ANNOTATION_KEYS)
    if (s) warn('annotation-key-typo', key, null, `annotation "${key}" is not "${s}": keys are exact, so Argo CD ignores it.`)
  }

  const name = stringField(object, 'name')
  const generateName = stringField(object, 'generateName')
  return {
    settings: {
      hookTypes, hookTypeSource, isHook, skip, phases, deleteHookTypes, excludedFromSync, dropped,
      deletePolicies, deletePolicyDefaulted, wave, waveSource,
      name, generateName, usesGenerateName: name === '' && generateName !== '',
      syncOptions,
    },
    warnings,
  }
}
