// Small helpers shared by the per-kind checks. Go reads objects through typed structs, so absent fields are
// zero values (0, '', nil); these helpers reproduce that on plain JSON.
import type { KubeObject } from '../objects.ts'
import { groupOf, versionOf } from '../objects.ts'
import type { HealthStatus, HealthStatusCode } from './types.ts'

/** Builds a HealthStatus, dropping an empty message (Go `omitempty`). */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status }
}

/** A Go int field: absent or non-numeric reads as 0. */
export function int(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0
}

/** A Go *int32 field: absent stays undefined (nil), so checks guarded by `!= nil` are skipped. */
export function optInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

/** A Go string field: absent or non-string reads as ''. */
export function str(value: unknown): string {
  return typeof value === 'string' ? value : ''
}

export function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {}
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : []
}

/** `metadata.generation` as Go's ObjectMeta.Generation (0 when absent). */
export function generationOf(obj: KubeObject): number {
  return int(obj.metadata.generation)
}

/** Go's `%q` for the DNS-style names Kubernetes allows (JSON quoting coincides for them). */
export function quote(s: string): string {
  return JSON.stringify(s)
}

/**
 * Each typed check accepts only the API versions gitops-engine converts; any other version makes the check return
 * an error ("unsupported <Kind> GVK: <group>/<version>, Kind=<Kind>", Go's GroupVersionKind.String()), which
 * GetResourceHealth turns into Unknown with that message.
 */
export function versionIn(obj: KubeObject, versions: readonly string[]): boolean {
  return versions.includes(versionOf(obj.apiVersion))
}

export function unsupported(label: string, obj: KubeObject): HealthStatus {
  const gvk = `${groupOf(obj.apiVersion)}/${versionOf(obj.apiVersion)}, Kind=${obj.kind}`
  return health('Unknown', `unsupported ${label} GVK: ${gvk}`)
}
