// Kubernetes' protobuf encoding of the objects kubectl's typed clients create. `kubectl create configmap|secret|
// namespace|service|deployment|job|cronjob` sends its object as application/vnd.kubernetes.protobuf and never
// falls back to JSON: client-go retries in JSON only after a 415 to a CBOR request (rest/client.go
// requestClientContentConfigProvider.UnsupportedMediaType); "generated clients accessing built-in kube resources
// are forced to protobuf". So the server decodes it, as the API server does.
//
// The envelope (k8s.io/apimachinery runtime/serializer/protobuf): the 4 bytes "k8s\0", then a runtime.Unknown
// message { typeMeta = 1 { apiVersion = 1, kind = 2 }, raw = 2 (the object's message), contentEncoding = 3,
// contentType = 4 }. The object's message follows the field numbers of k8s.io/api's generated.proto; the table
// below holds the messages those commands send. A field this table does not know is refused (415) when it holds
// a value, rather than dropped, so nothing a client sent is silently lost: such an object can be sent as JSON.
//
// The generated Go marshallers write every non-pointer field, set or not, so zero values (empty strings, 0,
// false, empty messages) are dropped again, as the JSON encoder's omitempty would; the fields marked `keep` are
// pointers in Go, present only when set, and keep their zero.
import protobuf from 'protobufjs/minimal.js'
import { HttpError } from './http-error.ts'
import type { KindInfo } from '../cluster/kinds.ts'

type Scalar = 'string' | 'bytes' | 'bool' | 'int32' | 'int64' | 'quantity' | 'intOrString' | 'time'
type FieldType = Scalar | { message: string } | { map: Scalar | { message: string } }
interface Field { name: string; type: FieldType; repeated?: boolean; keep?: boolean }
type Message = Record<number, Field>

const f = (name: string, type: FieldType, extra: Partial<Field> = {}): Field => ({ name, type, ...extra })
const msg = (message: string): FieldType => ({ message })
const list = (name: string, type: FieldType): Field => ({ name, type, repeated: true })
const keep = { keep: true }

const MESSAGES: Record<string, Message> = {
  ObjectMeta: { 1: f('name', 'string'), 2: f('generateName', 'string'), 3: f('namespace', 'string'),
    4: f('selfLink', 'string'), 5: f('uid', 'string'), 6: f('resourceVersion', 'string'), 7: f('generation', 'int64'),
    8: f('creationTimestamp', 'time'), 9: f('deletionTimestamp', 'time'), 10: f('deletionGracePeriodSeconds', 'int64', keep),
    11: f('labels', { map: 'string' }), 12: f('annotations', { map: 'string' }),
    13: list('ownerReferences', msg('OwnerReference')), 14: list('finalizers', 'string') },
  OwnerReference: { 1: f('kind', 'string'), 3: f('name', 'string'), 4: f('uid', 'string'), 5: f('apiVersion', 'string'),
    6: f('controller', 'bool', keep), 7: f('blockOwnerDeletion', 'bool', keep) },
  LabelSelector: { 1: f('matchLabels', { map: 'string' }), 2: list('matchExpressions', msg('LabelSelectorRequirement')) },
  LabelSelectorRequirement: { 1: f('key', 'string'), 2: f('operator', 'string'), 3: list('values', 'string') },
  ConfigMap: { 1: f('metadata', msg('ObjectMeta')), 2: f('data', { map: 'string' }), 3: f('binaryData', { map: 'bytes' }),
    4: f('immutable', 'bool', keep) },
  Secret: { 1: f('metadata', msg('ObjectMeta')), 2: f('data', { map: 'bytes' }), 3: f('type', 'string'),
    4: f('stringData', { map: 'string' }), 5: f('immutable', 'bool', keep) },
  Namespace: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('NamespaceSpec')), 3: f('status', msg('NamespaceStatus')) },
  NamespaceSpec: { 1: list('finalizers', 'string') },
  NamespaceStatus: { 1: f('phase', 'string') },
  Service: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('ServiceSpec')), 3: f('status', msg('Empty')) },
  ServiceSpec: { 1: list('ports', msg('ServicePort')), 2: f('selector', { map: 'string' }), 3: f('clusterIP', 'string'),
    4: f('type', 'string'), 5: list('externalIPs', 'string'), 7: f('sessionAffinity', 'string'),
    10: f('externalName', 'string'), 11: f('externalTrafficPolicy', 'string'), 18: list('clusterIPs', 'string'),
    19: list('ipFamilies', 'string'), 17: f('ipFamilyPolicy', 'string') },
  ServicePort: { 1: f('name', 'string'), 2: f('protocol', 'string'), 3: f('port', 'int32'), 4: f('targetPort', 'intOrString'),
    5: f('nodePort', 'int32'), 6: f('appProtocol', 'string') },
  Empty: {},
  PodTemplateSpec: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('PodSpec')) },
  PodSpec: { 1: list('volumes', msg('Volume')), 2: list('containers', msg('Container')), 3: f('restartPolicy', 'string'),
    4: f('terminationGracePeriodSeconds', 'int64', keep), 5: f('activeDeadlineSeconds', 'int64', keep),
    6: f('dnsPolicy', 'string'), 7: f('nodeSelector', { map: 'string' }), 8: f('serviceAccountName', 'string'),
    9: f('serviceAccount', 'string'), 14: f('securityContext', msg('Empty')), 19: f('schedulerName', 'string'),
    20: list('initContainers', msg('Container')), 21: f('automountServiceAccountToken', 'bool', keep) },
  Volume: { 1: f('name', 'string') },
  Container: { 1: f('name', 'string'), 2: f('image', 'string'), 3: list('command', 'string'), 4: list('args', 'string'),
    5: f('workingDir', 'string'), 6: list('ports', msg('ContainerPort')), 7: list('env', msg('EnvVar')),
    8: f('resources', msg('ResourceRequirements')), 9: list('volumeMounts', msg('VolumeMount')),
    13: f('terminationMessagePath', 'string'), 14: f('imagePullPolicy', 'string'), 18: f('tty', 'bool'),
    16: f('stdin', 'bool'), 17: f('stdinOnce', 'bool'), 20: f('terminationMessagePolicy', 'string') },
  ContainerPort: { 1: f('name', 'string'), 2: f('hostPort', 'int32'), 3: f('containerPort', 'int32'), 4: f('protocol', 'string'),
    5: f('hostIP', 'string') },
  EnvVar: { 1: f('name', 'string'), 2: f('value', 'string') },
  ResourceRequirements: { 1: f('limits', { map: 'quantity' }), 2: f('requests', { map: 'quantity' }) },
  VolumeMount: { 1: f('name', 'string'), 2: f('readOnly', 'bool'), 3: f('mountPath', 'string'), 4: f('subPath', 'string') },
  Deployment: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('DeploymentSpec')), 3: f('status', msg('Empty')) },
  DeploymentSpec: { 1: f('replicas', 'int32', keep), 2: f('selector', msg('LabelSelector')), 3: f('template', msg('PodTemplateSpec')),
    4: f('strategy', msg('DeploymentStrategy')), 5: f('minReadySeconds', 'int32'), 6: f('revisionHistoryLimit', 'int32', keep),
    7: f('paused', 'bool'), 9: f('progressDeadlineSeconds', 'int32', keep) },
  DeploymentStrategy: { 1: f('type', 'string'), 2: f('rollingUpdate', msg('RollingUpdateDeployment')) },
  RollingUpdateDeployment: { 1: f('maxUnavailable', 'intOrString'), 2: f('maxSurge', 'intOrString') },
  Job: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('JobSpec')), 3: f('status', msg('Empty')) },
  JobSpec: { 1: f('parallelism', 'int32', keep), 2: f('completions', 'int32', keep), 3: f('activeDeadlineSeconds', 'int64', keep),
    4: f('selector', msg('LabelSelector')), 5: f('manualSelector', 'bool', keep), 6: f('template', msg('PodTemplateSpec')),
    7: f('backoffLimit', 'int32', keep), 8: f('ttlSecondsAfterFinished', 'int32', keep), 9: f('completionMode', 'string'),
    10: f('suspend', 'bool', keep) },
  CronJob: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('CronJobSpec')), 3: f('status', msg('Empty')) },
  CronJobSpec: { 1: f('schedule', 'string'), 2: f('startingDeadlineSeconds', 'int64', keep), 3: f('concurrencyPolicy', 'string'),
    4: f('suspend', 'bool', keep), 5: f('jobTemplate', msg('JobTemplateSpec')), 6: f('successfulJobsHistoryLimit', 'int32', keep),
    7: f('failedJobsHistoryLimit', 'int32', keep), 8: f('timeZone', 'string') },
  JobTemplateSpec: { 1: f('metadata', msg('ObjectMeta')), 2: f('spec', msg('JobSpec')) },
  TypeMeta: { 1: f('apiVersion', 'string'), 2: f('kind', 'string') },
  Unknown: { 1: f('typeMeta', msg('TypeMeta')), 2: f('raw', 'bytes'), 3: f('contentEncoding', 'string'), 4: f('contentType', 'string') },
}

/** The kinds whose protobuf this server decodes. */
export const PROTOBUF_KINDS = ['ConfigMap', 'Secret', 'Namespace', 'Service', 'Deployment', 'Job', 'CronJob']

const MAGIC = Buffer.from('k8s\0', 'latin1')
type Reader = protobuf.Reader

class DecodeError extends Error {}

/** The object of a protobuf request body, as the JSON the client would have sent. */
export function decodeProtobufObject(body: Buffer, info: KindInfo): Record<string, unknown> {
  const refuse = (why: string): HttpError => new HttpError(415, 'UnsupportedMediaType',
    `the body of the request was in an unknown format - ${why}; send the object as application/json`)
  if (!body.subarray(0, 4).equals(MAGIC)) throw refuse('a protobuf body starts with "k8s\\0"')
  if (!PROTOBUF_KINDS.includes(info.kind)) {
    throw refuse(`this server decodes protobuf only for ${PROTOBUF_KINDS.join(', ')}, not ${info.kind}`)
  }
  try {
    const unknown = decode(body.subarray(4), 'Unknown', true)
    const typeMeta = (unknown['typeMeta'] ?? {}) as { apiVersion?: string; kind?: string }
    if (unknown['contentEncoding']) throw new DecodeError(`content encoding "${String(unknown['contentEncoding'])}"`)
    const raw = Buffer.from(String(unknown['raw'] ?? ''), 'base64')
    const kind = typeMeta.kind || info.kind
    if (!MESSAGES[kind] || !PROTOBUF_KINDS.includes(kind)) throw new DecodeError(`kind "${kind}"`)
    return { apiVersion: typeMeta.apiVersion ?? '', kind, ...decode(raw, kind) }
  } catch (e) {
    if (e instanceof DecodeError) throw refuse(`cannot decode ${e.message}`)
    throw refuse(`malformed protobuf: ${(e as Error).message}`)
  }
}

function decode(bytes: Uint8Array, name: string, keepAll = false): Record<string, unknown> {
  const reader = protobuf.Reader.create(bytes)
  const out: Record<string, unknown> = {}
  const message = MESSAGES[name]!
  while (reader.pos < reader.len) {
    const tag = reader.uint32()
    const field = message[tag >>> 3]
    if (!field) {
      skipZero(reader, tag, name)
      continue
    }
    if (typeof field.type === 'object' && 'map' in field.type) {
      const [key, value] = mapEntry(reader, field.type.map)
      const map = (out[field.name] ??= {}) as Record<string, unknown>
      Object.defineProperty(map, key, { value, enumerable: true, writable: true, configurable: true })
      continue
    }
    const value = read(reader, field.type, tag & 7)
    if (field.repeated) ((out[field.name] ??= []) as unknown[]).push(value)
    else if (keepAll || field.keep || !isZero(value)) out[field.name] = value
  }
  return out
}

/**
 * A field the table does not name: Go writes every non-pointer field, so an unset one arrives as its zero value
 * (empty string or message, 0, false) and is skipped; a field with a value is refused.
 */
function skipZero(reader: Reader, tag: number, name: string): void {
  const wire = tag & 7
  const zero = wire === 0 ? reader.uint64().toString() === '0'
    : wire === 2 ? reader.bytes().length === 0
      : (reader.skipType(wire), false)
  if (!zero) throw new DecodeError(`field ${tag >>> 3} of ${name}, which this server does not know`)
}

function mapEntry(reader: Reader, valueType: Scalar | { message: string }): [string, unknown] {
  const end = reader.uint32() + reader.pos
  let key = ''
  let value: unknown = valueType === 'string' || valueType === 'bytes' ? '' : undefined
  while (reader.pos < end) {
    const tag = reader.uint32()
    if (tag >>> 3 === 1) key = reader.string()
    else if (tag >>> 3 === 2) value = read(reader, valueType, tag & 7)
    else throw new DecodeError(`field ${tag >>> 3} of a map entry`)
  }
  return [key, value]
}

function read(reader: Reader, type: FieldType, wire: number): unknown {
  if (typeof type === 'object') {
    if ('map' in type) throw new DecodeError('a nested map')
    return decode(reader.bytes(), type.message)
  }
  switch (type) {
    case 'string': return reader.string()
    case 'bytes': return Buffer.from(reader.bytes()).toString('base64')
    case 'bool': return reader.bool()
    case 'int32': return reader.int32()
    case 'int64': return Number(reader.int64().toString())
    case 'quantity': return String(decode(reader.bytes(), 'Quantity')['string'] ?? '')
    case 'intOrString': {
      const v = decode(reader.bytes(), 'IntOrString', true)
      return Number(v['type'] ?? 0) === 1 ? String(v['strVal'] ?? '') : Number(v['intVal'] ?? 0)
    }
    case 'time': {
      const t = decode(reader.bytes(), 'Time', true)
      const seconds = Number(t['seconds'] ?? 0)
      return seconds === 0 ? undefined : new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z')
    }
  }
  throw new DecodeError(`wire type ${wire}`)
}

MESSAGES['Quantity'] = { 1: f('string', 'string') }
MESSAGES['IntOrString'] = { 1: f('type', 'int64'), 2: f('intVal', 'int32'), 3: f('strVal', 'string') }
MESSAGES['Time'] = { 1: f('seconds', 'int64'), 2: f('nanos', 'int32') }

function isZero(v: unknown): boolean {
  if (v === undefined || v === '' || v === 0 || v === false) return true
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0
}
