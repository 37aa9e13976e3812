// The API server's validation for the fields synclab models, with its own messages: a learner who meets
// one of these in synclab meets the same words on a real cluster.
import { deepEqual } from './json.ts'
import type { KindInfo } from './kinds.ts'
import type { Container, DeploymentSpec, JobSpec, KubeObject, PodSpec } from './objects.ts'

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** Whether `name` can name a namespace: an RFC 1123 label (lower-case letters, digits, '-'), at most 63 characters. */
export function isNamespaceName(name: string): boolean {
  return name.length <= 63 && dns1123Label.test(name)
}

/** Field errors of a new or updated object; empty when valid. */
export function validateObject(obj: KubeObject, info: KindInfo): string[] {
  const errors: string[] = []
  const name = obj.metadata.name ?? ''
  if (!name) errors.push('metadata.name: Required value: name or generateName is required')
  else if (name.length > 253 || !dns1123Subdomain.test(name)) {
    errors.push(`metadata.name: Invalid value: "${name}": a lowercase RFC 1123 subdomain must consist of lower case ` +
      `alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. ` +
      `'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`)
  }
  if (info.namespaced && !obj.metadata.namespace) errors.push('metadata.namespace: Required value')
  const check = kindChecks[obj.kind]
  if (check) check(obj, errors)
  return errors
}

const kindChecks: Record<string, (obj: KubeObject, errors: string[]) => void> = {
  Pod: (obj, errors) => checkPodSpec(obj.spec as PodSpec | undefined, 'spec', errors),
  Job: (obj, errors) => {
    const spec = obj.spec as JobSpec | undefined
    if (!spec?.template) {
      errors.push('spec.template.spec.containers: Required value')
      return
    }
    checkPodSpec(spec.template.spec, 'spec.template.spec', errors)
    const policy = spec.template.spec?.restartPolicy
    if (policy !== 'Never' && policy !== 'OnFailure') {
      // R76: kubernetes pkg/apis/batch/validation validateJobSpec words it as a Required value.
      errors.push('spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"')
    }
    else if (spec.podFailurePolicy && policy !== 'Never') { // R84
      errors.push(`spec.template.spec.restartPolicy: Invalid value: "${policy}": only "Never" is supported when podFailurePolicy is specified`)
    }
    if (spec.backoffLimit !== undefined && spec.backoffLimit < 0) {
      errors.push(`spec.backoffLimit: Invalid value: ${spec.backoffLimit}: must be greater than or equal to 0`)
    }
  },
  Deployment: (obj, errors) => checkWorkload(obj, errors, 'ReplicaSet'),
  ReplicaSet: (obj, errors) => checkWorkload(obj, errors, 'ReplicaSet'),
  StatefulSet: (obj, errors) => checkWorkload(obj, errors, 'StatefulSet'),
  DaemonSet: (obj, errors) => checkWorkload(obj, errors, 'DaemonSet'),
}

/** Deployment, ReplicaSet, StatefulSet and DaemonSet: a selector that matches the template's labels. */
function checkWorkload(obj: KubeObject, errors: string[], podOwner: string): void {
  const spec = obj.spec as DeploymentSpec | undefined
  if (!spec?.selector) errors.push('spec.selector: Required value')
  if (!spec?.template) {
    errors.push('spec.template.spec.containers: Required value')
    return
  }
  checkPodSpec(spec.template.spec, 'spec.template.spec', errors)
  // R86: a Pod deadline makes no sense for Pods that are meant to run for ever (apps validation).
  const deadline = spec.template.spec?.activeDeadlineSeconds
  if (deadline !== undefined) {
    errors.push(podOwner === 'StatefulSet'
      ? `spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported`
      : `spec.template.spec.activeDeadlineSeconds: Invalid value: ${deadline}: activeDeadlineSeconds in ${podOwner} is not Supported`)
  }
  const labels = spec.template.metadata?.labels ?? {}
  const wanted = spec.selector?.matchLabels ?? {}
  if (spec.selector && !Object.entries(wanted).every(([k, v]) => labels[k] === v)) {
    errors.push(`spec.template.metadata.labels: Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``)
  }
}

function checkPodSpec(spec: PodSpec | undefined, path: string, errors: string[]): void {
  const containers = spec?.containers
  if (!Array.isArray(containers) || containers.length === 0) {
    errors.push(`${path}.containers: Required value`)
    return
  }
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]
    if (!c?.name) errors.push(`${path}.containers[${i}].name: Required value`)
    if (!c?.image) errors.push(`${path}.containers[${i}].image: Required value`)
    if (hasProbe(c)) checkProbes(c, `${path}.containers[${i}]`, false, errors)
  }
  const inits = Array.isArray(spec?.initContainers) ? spec.initContainers : []
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]
    if (hasProbe(c)) checkProbes(c, `${path}.initContainers[${i}]`, c?.restartPolicy !== 'Always', errors)
  }
}

const PROBE_KINDS = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const
const PROBE_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const

/** Whether checkProbes has anything to look at (most containers have no probe: no path is built for them). */
function hasProbe(c: Container | undefined): boolean {
  return c !== undefined && c !== null && PROBE_KINDS.some(kind => { const p = c[kind]; return !!p && typeof p === 'object' })
}

/** R89, as kubernetes pkg/apis/core/validation validateProbe words it. */
function checkProbes(c: Container | undefined, path: string, regularInit: boolean, errors: string[]): void {
  for (const kind of PROBE_KINDS) {
    const probe = c?.[kind]
    if (!probe || typeof probe !== 'object') continue
    if (regularInit) {
      errors.push(`${path}.${kind}: Forbidden: may not be set for init containers without restartPolicy=Always`)
      continue
    }
    const handlers = PROBE_HANDLERS.filter(h => probe[h] !== undefined && probe[h] !== null)
    if (handlers.length === 0) errors.push(`${path}.${kind}: Required value: must specify a handler type`)
    else if (handlers.length > 1) errors.push(`${path}.${kind}.${handlers[1]}: Forbidden: may not specify more than 1 handler type`)
    for (const field of PROBE_FIELDS) {
      const v = probe[field]
      if (typeof v === 'number' && v < 0) errors.push(`${path}.${kind}.${field}: Invalid value: ${v}: must be greater than or equal to 0`)
    }
    if (kind !== 'readinessProbe' && typeof probe.successThreshold === 'number' && probe.successThreshold > 1) {
      errors.push(`${path}.${kind}.successThreshold: Invalid value: ${probe.successThreshold}: must be 1`)
    }
  }
}

function goMap(m: Record<string, string>): string {
  const body = Object.entries(m).map(([k, v]) => `"${k}":"${v}"`).join(', ')
  return `map[string]string{${body}}`
}

/** Fields the API server refuses to change on update (R73), as `path` → message. */
export function immutableFieldErrors(kind: string, oldObj: KubeObject, newObj: KubeObject): string[] {
  const paths = immutablePaths[kind] ?? []
  const errors: string[] = []
  for (const path of paths) {
    if (!deepEqual(at(oldObj, path), at(newObj, path))) {
      const typeName = path === 'spec.template' ? 'core.PodTemplateSpec{...}' : JSON.stringify(at(newObj, path)) ?? 'null'
      errors.push(`${path}: Invalid value: ${typeName}: field is immutable`)
    }
  }
  return errors
}

const immutablePaths: Record<string, string[]> = {
  Job: ['spec.selector', 'spec.template'],
  Service: ['spec.clusterIP'],
}

function at(obj: unknown, path: string): unknown {
  let cur: unknown = obj
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<string, unknown>)[part]
  }
  return cur
}
