// The API server's strict decoding (kubectl sends fieldValidation=Strict unless `--validate=false`, R79): a field the
// kind's schema does not have fails the write with "strict decoding error: unknown field ...". With
// fieldValidation=Ignore (Argo CD's `Validate=false`) such fields are dropped silently. synclab knows the schema
// of the levels it models (object, metadata, the workload specs, Pod specs and containers); deeper levels and
// other kinds pass unchecked, as they would on a server that knows them.
import { isPlainObject } from './json.ts'
import type { KubeObject } from './objects.ts'

type Schema = { [field: string]: Schema | true }

/** Fields that are leaves here (not looked into), space-separated. */
const leaves = (names: string): Schema => Object.fromEntries(names.split(' ').map(f => [f, true]))

const META: Schema = leaves('name generateName namespace uid resourceVersion generation creationTimestamp deletionTimestamp ' +
  'deletionGracePeriodSeconds labels annotations finalizers ownerReferences managedFields selfLink')

const CONTAINER: Schema = leaves('name image command args workingDir ports envFrom env resources resizePolicy restartPolicy ' +
  'restartPolicyRules volumeMounts volumeDevices livenessProbe readinessProbe startupProbe ' +
  'lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext stdin ' +
  'stdinOnce tty')

const POD_SPEC: Schema = {
  ...leaves('volumes ephemeralContainers restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds ' +
  'dnsPolicy nodeSelector serviceAccountName serviceAccount automountServiceAccountToken nodeName ' +
  'hostNetwork hostPID hostIPC shareProcessNamespace securityContext imagePullSecrets hostname ' +
  'subdomain affinity schedulerName tolerations hostAliases priorityClassName priority dnsConfig ' +
  'readinessGates runtimeClassName enableServiceLinks preemptionPolicy overhead ' +
  'topologySpreadConstraints setHostnameAsFQDN os hostUsers schedulingGates resourceClaims ' +
  'resources hostnameOverride'),
  containers: { '[]': CONTAINER },
  initContainers: { '[]': CONTAINER },
}

const TEMPLATE: Schema = { metadata: META, spec: POD_SPEC }

const OBJECT = (spec: Schema | true): Schema => ({ apiVersion: true, kind: true, metadata: META, spec, status: true })

const KINDS: Record<string, Schema> = {
  Pod: OBJECT(POD_SPEC),
  Job: OBJECT({ ...leaves('parallelism completions activeDeadlineSeconds podFailurePolicy successPolicy backoffLimit ' +
  'backoffLimitPerIndex maxFailedIndexes selector manualSelector ttlSecondsAfterFinished ' +
  'completionMode suspend podReplacementPolicy managedBy'),
  template: TEMPLATE }),
  Deployment: OBJECT({ ...leaves('replicas selector strategy minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds'), template: TEMPLATE }),
  Service: OBJECT(leaves('ports selector clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP ' +
  'loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort ' +
  'publishNotReadyAddresses sessionAffinityConfig ipFamilies ipFamilyPolicy ' +
  'allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution')),
  ConfigMap: { ...leaves('apiVersion kind data binaryData immutable'), metadata: META },
  Secret: { ...leaves('apiVersion kind data stringData type immutable'), metadata: META },
  ServiceAccount: { ...leaves('apiVersion kind secrets imagePullSecrets automountServiceAccountToken'), metadata: META },
  Namespace: OBJECT(true),
}

/** The dotted paths of fields the kind's schema does not have ("spec.template.spec.containers[0].foo"). */
export function unknownFields(obj: KubeObject): string[] {
  const schema = KINDS[obj.kind]
  if (!schema) return []
  const out: string[] = []
  walk(obj, schema, [], out)
  return out
}

/** The object without the fields `unknownFields` names (fieldValidation=Ignore). */
export function withoutUnknownFields(obj: KubeObject): KubeObject {
  const schema = KINDS[obj.kind]
  return schema ? prune(obj, schema) as KubeObject : obj
}

/** `Job in version "v1" cannot be handled as a Job: strict decoding error: unknown field "spec.foo"` */
export function strictDecodingMessage(obj: KubeObject, fields: string[]): string {
  const version = obj.apiVersion.includes('/') ? obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1) : obj.apiVersion
  return `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: strict decoding error: ` +
    fields.map(f => `unknown field "${f}"`).join(', ')
}

/**
 * The path is kept as a stack of keys and indexes and written out only for an unknown field: every object the API
 * server decodes is walked, nearly always without finding one.
 */
function walk(value: unknown, schema: Schema | true, path: Array<string | number>, out: string[]): void {
  if (schema === true) return
  const items = schema['[]']
  if (items !== undefined) {
    if (!Array.isArray(value)) return
    for (let i = 0; i < value.length; i++) {
      path.push(i)
      walk(value[i], items, path, out)
      path.pop()
    }
    return
  }
  if (!isPlainObject(value)) return
  // for-in rather than Object.keys: no array of keys per object walked (JSON objects have no inherited keys).
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue
    const sub = schema[key]
    path.push(key)
    if (sub === undefined) out.push(dottedPath(path))
    else walk(value[key], sub, path, out)
    path.pop()
  }
}

/** "spec.template.spec.containers[0].foo" */
function dottedPath(path: Array<string | number>): string {
  let text = ''
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`
  return text
}

function prune(value: unknown, schema: Schema | true): unknown {
  if (schema === true) return value
  const items = schema['[]']
  if (items !== undefined) return Array.isArray(value) ? value.map(v => prune(v, items)) : value
  if (!isPlainObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const sub = schema[key]
    if (sub !== undefined) out[key] = prune(v, sub)
  }
  return out
}
