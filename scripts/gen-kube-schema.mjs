// Generates, from one source, the Kubernetes types of the kinds synclab's API server serves, so the manifest reader
// and the editor check types against Kubernetes' own API, not a hand-written copy:
// - src/manifest/schema/kube-types.json: JSON Schema (draft-07 definitions) of every field, for the editor
//   (monaco-yaml validation and completion; loaded with the editor, not with the page);
// - src/manifest/schema/reader-types.json: the same types in a compact form, limited to the definitions the engine
//   reads (READER_TYPES), for the manifest reader, which loads with the page and must stay small. Source: the model classes of @kubernetes/client-node, which its authors generate
// from Kubernetes' OpenAPI spec (release-1.36 for 2.0.1); their attributeTypeMap keeps each field's OpenAPI type
// and format (int32, int64, int-or-string, date-time). The package is fetched with `npm pack` into a temporary
// folder, so it is not a dependency of synclab. Run: node scripts/gen-kube-schema.mjs
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const PACKAGE = '@kubernetes/client-node@2.0.1'
const OUT = new URL('../src/manifest/schema/kube-types.json', import.meta.url)
const READER_OUT = new URL('../src/manifest/schema/reader-types.json', import.meta.url)

/**
 * The definitions whose fields the engine reads (src/cluster: store, controllers, kubelet, health; src/sync), by
 * their Kubernetes name less the group. A reference to any other definition is not checked by the reader.
 */
const READER_TYPES = new Set(`ObjectMeta OwnerReference LabelSelector LabelSelectorRequirement Condition
  Namespace Pod PodSpec PodTemplateSpec Container EnvVar ContainerPort Probe ExecAction HTTPGetAction HTTPHeader
  TCPSocketAction GRPCAction ResourceRequirements ContainerResizePolicy Lifecycle LifecycleHandler SleepAction
  PodStatus ContainerStatus ContainerState ContainerStateRunning ContainerStateTerminated ContainerStateWaiting
  PodCondition Job JobSpec JobStatus JobCondition PodFailurePolicy PodFailurePolicyRule
  PodFailurePolicyOnExitCodesRequirement PodFailurePolicyOnPodConditionsPattern UncountedTerminatedPods
  Deployment DeploymentSpec DeploymentStrategy RollingUpdateDeployment DeploymentStatus DeploymentCondition
  ReplicaSet ReplicaSetSpec ReplicaSetStatus ReplicaSetCondition StatefulSet StatefulSetSpec
  StatefulSetUpdateStrategy RollingUpdateStatefulSetStrategy StatefulSetStatus StatefulSetCondition
  StatefulSetOrdinals StatefulSetPersistentVolumeClaimRetentionPolicy DaemonSet DaemonSetSpec
  DaemonSetUpdateStrategy RollingUpdateDaemonSet DaemonSetStatus DaemonSetCondition Service ServiceSpec
  ServicePort ServiceStatus LoadBalancerStatus LoadBalancerIngress PortStatus ConfigMap Secret ServiceAccount
  PersistentVolumeClaim PersistentVolumeClaimStatus PersistentVolumeClaimCondition HorizontalPodAutoscaler
  HorizontalPodAutoscalerStatus HorizontalPodAutoscalerCondition Ingress IngressStatus IngressLoadBalancerStatus
  IngressLoadBalancerIngress IngressPortStatus APIService APIServiceStatus APIServiceCondition`.split(/\s+/))

/** apiVersion, kind -> client-node class: every kind of src/cluster/kinds.ts. */
const KINDS = [
  ['v1', 'Namespace'], ['v1', 'Pod'], ['v1', 'Service'], ['v1', 'ConfigMap'], ['v1', 'Secret'],
  ['v1', 'ServiceAccount'], ['v1', 'PersistentVolumeClaim'], ['v1', 'PersistentVolume'], ['v1', 'LimitRange'],
  ['v1', 'ResourceQuota'], ['v1', 'ReplicationController'], ['v1', 'Endpoints'],
  ['batch/v1', 'Job'], ['batch/v1', 'CronJob'],
  ['apps/v1', 'Deployment'], ['apps/v1', 'ReplicaSet'], ['apps/v1', 'StatefulSet'], ['apps/v1', 'DaemonSet'],
  ['rbac.authorization.k8s.io/v1', 'Role'], ['rbac.authorization.k8s.io/v1', 'RoleBinding'],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole'], ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding'],
  ['networking.k8s.io/v1', 'NetworkPolicy'], ['networking.k8s.io/v1', 'Ingress'],
  ['networking.k8s.io/v1', 'IngressClass'], ['autoscaling/v2', 'HorizontalPodAutoscaler'],
  ['policy/v1', 'PodDisruptionBudget'], ['storage.k8s.io/v1', 'StorageClass'],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition'], ['apiregistration.k8s.io/v1', 'APIService'],
]

/** Types of k8s.io/apimachinery's meta/v1 (client-node names them like core types). */
const META = new Set(['ObjectMeta', 'OwnerReference', 'ManagedFieldsEntry', 'LabelSelector',
  'LabelSelectorRequirement', 'Condition', 'ListMeta', 'Status', 'StatusDetails', 'StatusCause'])

/**
 * Fields of type resource.Quantity: the OpenAPI spec says string, and Kubernetes also reads a number (`cpu: 1`);
 * client-node's generator flattens them to string, so they are named here.
 */
const QUANTITY = {
  V1ResourceRequirements: ['limits', 'requests'], V1VolumeResourceRequirements: ['limits', 'requests'],
  V1EmptyDirVolumeSource: ['sizeLimit'], V1PodSpec: ['overhead'], V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'], V1PersistentVolumeSpec: ['capacity'],
  V1PersistentVolumeClaimStatus: ['allocatedResources', 'capacity'], V1ContainerStatus: ['allocatedResources'],
  V1LimitRangeItem: ['default', 'defaultRequest', 'max', 'maxLimitRequestRatio', 'min'],
  V1NodeStatus: ['allocatable', 'capacity'], V1PodStatus: [], V1CSIPersistentVolumeSource: [],
}

function fetchModels() {
  const dir = mkdtempSync(join(tmpdir(), 'kube-types-'))
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', dir], { encoding: 'utf8' }).trim()
  execFileSync('tar', ['xzf', join(dir, tgz.split('\n').pop()), '-C', dir])
  return { dir, models: join(dir, 'package', 'dist', 'gen', 'models') }
}

/** A client-node model class: V1Job, V2HorizontalPodAutoscaler, ApiregistrationV1ServiceReference. */
const CLASS = /\b(?:[A-Z][a-z]+)?V\d+(?:(?:alpha|beta)\d+)?[A-Z]\w*\b/g
const groupOf = apiVersion => (apiVersion.includes('/') ? apiVersion.split('/')[0] : 'core')
/** io.k8s.api.<group>.<version>.<Name>, as Kubernetes' OpenAPI names its definitions. */
function kubeName(cls, group) {
  const m = /^(?:[A-Z][a-z]+)?V(\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/.exec(cls)
  const version = `v${m[1]}`
  const name = m[2]
  if (META.has(name)) return `io.k8s.apimachinery.pkg.apis.meta.${version}.${name}`
  if (group === 'apiextensions.k8s.io') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${version}.${name}`
  if (group === 'apiregistration.k8s.io') return `io.k8s.kube-aggregator.pkg.apis.apiregistration.${version}.${name}`
  const short = group === 'core' ? 'core' : group.replace(/\.k8s\.io$/, '')
  return `io.k8s.api.${short}.${version}.${name}`
}

async function main() {
  const { dir, models } = fetchModels()
  try {
    const load = async cls => (await import(pathToFileURL(join(models, `${cls}.js`)).href))[cls]
    const required = cls => {
      const dts = readFileSync(join(models, `${cls}.d.ts`), 'utf8')
      return [...dts.matchAll(/^\s+'([^']+)': /gm)].map(m => m[1])
    }
    // Each type's group: core when a core kind reaches it (a Job's PodTemplateSpec), else its first kind's group.
    const group = new Map()
    const ordered = [...KINDS].sort((a, b) => (groupOf(a[0]) === 'core' ? 0 : 1) - (groupOf(b[0]) === 'core' ? 0 : 1))
    const classOf = ([apiVersion, kind]) => `${apiVersion.endsWith('/v2') ? 'V2' : 'V1'}${kind}`
    for (const k of ordered) {
      const stack = [classOf(k)]
      while (stack.length > 0) {
        const cls = stack.pop()
        if (group.has(cls)) continue
        group.set(cls, groupOf(k[0]))
        for (const a of (await load(cls)).attributeTypeMap) {
          for (const m of a.type.matchAll(CLASS)) stack.push(m[0])
        }
      }
    }
    const ref = cls => ({ $ref: `#/definitions/${kubeName(cls, group.get(cls))}` })
    const typeOf = (t, format, quantity) => {
      if (t === 'number') return format === 'double' ? { type: 'number', format } : { type: 'integer', ...(format ? { format } : {}) }
      if (t === 'string') return quantity ? { type: ['string', 'number'], format: 'quantity' } : format ? { type: 'string', format } : { type: 'string' }
      if (t === 'boolean') return { type: 'boolean' }
      if (t === 'Date') return { type: 'string', format: 'date-time' }
      if (t === 'IntOrString') return { type: ['integer', 'string'], format: 'int-or-string' }
      if (t === 'any') return {}
      let m = /^Array<(.*)>$/.exec(t)
      if (m) return { type: 'array', items: typeOf(m[1], '', quantity) }
      m = /^\{ \[key: string\]: (.*); \}$/.exec(t)
      if (m) return { type: 'object', additionalProperties: typeOf(m[1], '', quantity) }
      if (new RegExp(`^${CLASS.source}$`).test(t)) return ref(t)
      throw new Error(`unknown client-node type ${t}`)
    }
    const definitions = {}
    for (const cls of [...group.keys()].sort()) {
      const quantity = new Set(QUANTITY[cls] ?? [])
      const properties = {}
      for (const a of (await load(cls)).attributeTypeMap) properties[a.baseName] = typeOf(a.type, a.format, quantity.has(a.baseName))
      const req = required(cls).filter(f => f in properties)
      definitions[kubeName(cls, group.get(cls))] = { type: 'object', properties, ...(req.length > 0 ? { required: req } : {}) }
    }
    const kinds = Object.fromEntries(KINDS.map(k => [`${k[0]}/${k[1]}`, kubeName(classOf(k), groupOf(k[0]))]))
    const doc = {
      $comment: `Generated by scripts/gen-kube-schema.mjs from ${PACKAGE} (Kubernetes OpenAPI release-1.36). Do not edit.`,
      kinds, definitions,
    }
    writeFileSync(OUT, `${JSON.stringify(doc)}\n`)
    writeFileSync(READER_OUT, `${JSON.stringify(readerTypes(doc))}\n`)
    console.log(`${Object.keys(definitions).length} definitions, ${KINDS.length} kinds -> ${OUT.pathname}`)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const shortName = name => name.slice(name.lastIndexOf('.') + 1)

/**
 * The compact form the reader walks: type name -> field -> code. Codes: string, int32, int64, number, boolean,
 * int-or-string, quantity, date-time, any, a type name, `[]<code>` (a list), `{}<code>` (a map of string keys).
 */
function readerTypes(doc) {
  const kept = name => READER_TYPES.has(shortName(name))
  const code = s => {
    if (s.$ref) {
      const name = s.$ref.slice('#/definitions/'.length)
      return kept(name) ? name : 'any'
    }
    if (s.type === 'array') return `[]${code(s.items)}`
    if (s.type === 'object') return `{}${code(s.additionalProperties)}`
    if (s.format === 'int-or-string' || s.format === 'quantity' || s.format === 'date-time') return s.format
    if (s.type === 'integer') return s.format === 'int32' ? 'int32' : 'int64'
    return s.type ?? 'any'
  }
  const types = {}
  for (const [name, def] of Object.entries(doc.definitions)) {
    if (!kept(name)) continue
    types[name] = Object.fromEntries(Object.entries(def.properties).map(([field, s]) => [field, code(s)]))
  }
  return {
    $comment: doc.$comment,
    kinds: Object.fromEntries(Object.entries(doc.kinds).filter(([, name]) => kept(name))),
    types,
  }
}

await main()
