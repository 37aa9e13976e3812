// Shapes produced by the manifest reader. Positions are 1-based (line and column), as editors and
// `file:line:col` messages expect.
import type { KubeObject } from '../cluster/objects.ts'
import type { DeleteHookType, HookDeletePolicy, HookType, SyncPhase } from './annotations.ts'

export type Severity = 'error' | 'warning'

/** One problem found in the manifests. Errors: Argo CD could not render the app, nothing is synced. */
export interface Diagnostic {
  file: string
  line: number
  col: number
  /** End of the node the diagnostic points at (same as line/col when there is no extent). */
  endLine: number
  endCol: number
  severity: Severity
  code: string
  message: string
}

export interface SourceFile {
  path: string
  text: string
}

/** A range in a file; the end is the position just after the node. */
export interface Span {
  line: number
  col: number
  endLine: number
  endCol: number
}

export interface FieldSpan {
  key: Span
  value: Span
}

/** Where an object came from, down to the fields the sync reads. */
export interface ManifestSource {
  file: string
  /** 0-based index among all documents of the file, empty ones included. */
  docIndex: number
  document: Span
  apiVersion: FieldSpan | null
  kind: FieldSpan | null
  name: FieldSpan | null
  generateName: FieldSpan | null
  namespace: FieldSpan | null
  /** Keyed by annotation key. */
  annotations: Record<string, FieldSpan>
}

/** `argocd.argoproj.io/sync-options` on a resource, read as gitops-engine reads it (exact items). */
export interface ResourceSyncOptions {
  /** The trimmed, de-duplicated items, in order (R1 CSV rules). */
  items: string[]
  /** First `Prune=` value; Argo CD acts on 'false' (R52) and 'confirm'. */
  prune: string | null
  /** First `Delete=` value; Argo CD acts on 'false' and 'confirm'. */
  delete: string | null
  pruneLast: boolean // R50
  replace: boolean // R55
  force: boolean // R55
  /** `Validate=false` */
  disableValidation: boolean
  skipDryRunOnMissingResource: boolean
  /** true for `ServerSideApply=true`, false for `ServerSideApply=false`, null when not set. */
  serverSideApply: boolean | null
}

export interface SyncSettings {
  /** Recognised sync hook types, de-duplicated (R1, R3; Argo types override Helm types, R7). */
  hookTypes: HookType[]
  /** Which annotation the hook types came from. */
  hookTypeSource: 'argocd' | 'helm' | 'none'
  /** gitops-engine IsHook (R2). */
  isHook: boolean
  /** Only type is Skip: a managed resource that is never applied (R5). */
  skip: boolean
  /** Distinct sync phases this hook runs in, one task each (R6); empty for non-hooks. */
  phases: SyncPhase[]
  /** PreDelete / PostDelete (R10). */
  deleteHookTypes: DeleteHookType[]
  /** R10: a delete hook without a sync-phase type is removed before the sync. */
  excludedFromSync: boolean
  /** R4: reaches the sync, IsHook, but has no recognised type: silently dropped. */
  dropped: boolean
  /** Union of Argo and Helm policies (R7), or the default (R32). */
  deletePolicies: HookDeletePolicy[]
  deletePolicyDefaulted: boolean
  wave: number
  /** R7: sync-wave if it parses, else helm.sh/hook-weight if it parses, else 0. */
  waveSource: 'argocd' | 'helm' | 'default'
  /** metadata.name ('' when absent). */
  name: string
  /** metadata.generateName ('' when absent). */
  generateName: string
  /** No name but a generateName: hooks get a generated name (R24). */
  usesGenerateName: boolean
  syncOptions: ResourceSyncOptions
}

export interface Manifest {
  object: KubeObject
  source: ManifestSource
  settings: SyncSettings
}

export interface ParseResult {
  manifests: Manifest[]
  diagnostics: Diagnostic[]
}
