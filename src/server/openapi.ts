// The smallest OpenAPI v3 discovery kubectl needs to use server-side field validation (kubectl apply's default
// --validate=strict): per group version, each resource's PATCH operation with its group-version-kind and the
// fieldValidation parameter. Without it kubectl falls back to client-side validation, which needs the full
// OpenAPI v2 schema.
import type { KindRegistry } from '../cluster/kinds.ts'
import { groupVersion } from './discovery.ts'

const HASH = 'synclab'

function gvPath(gv: string): string {
  return gv.includes('/') ? `apis/${gv}` : `api/${gv}`
}

export function openApiRoot(kinds: KindRegistry): Record<string, unknown> {
  const paths: Record<string, { serverRelativeURL: string }> = {}
  for (const k of kinds.all()) {
    const p = gvPath(groupVersion(k))
    paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${HASH}` }
  }
  return { paths }
}

/** `/openapi/v3/api/v1`, `/openapi/v3/apis/batch/v1`… or undefined. */
export function openApiGroupVersion(kinds: KindRegistry, path: string): Record<string, unknown> | undefined {
  const served = kinds.all().filter(k => gvPath(groupVersion(k)) === path)
  if (served.length === 0) return undefined
  const paths: Record<string, unknown> = {}
  const params = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map(n =>
    ({ name: n, in: 'query', schema: { type: n === 'force' ? 'boolean' : 'string', uniqueItems: true } }))
  for (const k of served) {
    const base = `/${gvPath(groupVersion(k))}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}/{name}`
    const gvk = { group: k.group, version: k.version, kind: k.kind }
    paths[base] = {
      patch: { operationId: `patch${k.kind}`, 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk,
        parameters: params, responses: { '200': { description: 'OK' } } },
      put: { operationId: `replace${k.kind}`, 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk,
        parameters: params, responses: { '200': { description: 'OK' } } },
    }
    paths[base.replace(/\/\{name\}$/, '')] = {
      post: { operationId: `create${k.kind}`, 'x-kubernetes-action': 'post', 'x-kubernetes-group-version-kind': gvk,
        parameters: params, responses: { '201': { description: 'Created' } } },
    }
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths, components: { schemas: {} } }
}
