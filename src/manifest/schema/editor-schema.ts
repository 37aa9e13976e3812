// The JSON Schema (draft-07) monaco-yaml validates the editor's manifests with and builds completion and hover
// from. Field types are Kubernetes' own (kube-types.json, generated from Kubernetes' OpenAPI with the reader's
// types by scripts/gen-kube-schema.mjs); the text below adds what synclab explains on top. The manifest reader
// (src/manifest) decides what is an error, and the editor shows its diagnostics as markers. Every annotation and
// every value it accepts explains itself with the rule number from docs/semantics.md, so a hover in the editor
// points the learner at the rule.
// The value lists come from src/manifest/annotations.ts, their texts from src/manifest/annotation-docs.ts (which
// `kubectl explain` in the terminal shows too), the kinds from src/cluster/kinds.ts and the image
// names from src/cluster/images.ts, so the editor never disagrees with the simulator.
import type { JSONSchema } from 'monaco-yaml'
import kubeTypes from './kube-types.json' with { type: 'json' }
import { IMAGE_NAMES, IMAGES } from '../../cluster/images.ts'
import { SIMULATED_KINDS } from '../../cluster/kind-docs.ts'
import { KindRegistry } from '../../cluster/kinds.ts'
import {
  ANNOTATION_DOCS, DELETE_POLICY_DOCS, HELM_DELETE_POLICY_DOCS, HELM_HOOK_VALUE_DOCS, HOOK_VALUE_DOCS,
  SYNC_OPTION_DOCS_BY_ITEM, SYNC_OPTION_ITEMS,
} from '../annotation-docs.ts'
import {
  ANNOTATION, ARGO_HOOK_VALUES, DEFAULT_DELETE_POLICY, DELETE_POLICIES, HELM_DELETE_POLICIES, HELM_HOOK_VALUES,
} from '../annotations.ts'

/** Where monaco-yaml files the schema (shown as the source in hovers). */
export const SCHEMA_URI = 'inmemory://synclab/manifest.schema.json'
/** Model URIs (file:///<path>) these globs match get the schema. */
export const SCHEMA_FILE_MATCH: readonly string[] = ['**/*.yaml', '**/*.yml']

// ---------------------------------------------------------------------------------------------------------
// Comma-separated annotation values (R1: split on commas, trim, drop empty items).

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/**
 * A pattern for a comma-separated list of `values` as gitops-engine GetAnnotationCSVs reads it (R1): items are
 * trimmed and empty items dropped, so `PreSync, PostSync` and `PreSync,PostSync,` are fine, but at least one
 * item must be there and every item must be one of `values` exactly (case-sensitive).
 */
export function csvPattern(values: readonly string[]): string {
  const v = `(?:${[...values].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})`
  return `^[ \\t]*(?:,[ \\t]*)*${v}(?:[ \\t]*,(?:[ \\t]*${v})?)*[ \\t]*$`
}

/** Go strconv.Atoi (R7): optional sign and ASCII digits, nothing else. */
export const GO_INT_PATTERN = '^[+-]?[0-9]+$'

// ---------------------------------------------------------------------------------------------------------
// Annotations

/**
 * Completion offers each value with its explanation, without restricting anything: exactly one branch always
 * matches. (Not anyOf: yaml-language-server's hover replaces the property's description with the branches'
 * descriptions when every anyOf branch matched.)
 */
export function suggestValues(values: readonly string[], docs?: readonly string[]): JSONSchema {
  return {
    oneOf: [
      { type: 'string', enum: [...values], ...(docs ? { markdownEnumDescriptions: [...docs] } : {}) },
      { not: { enum: [...values] } },
    ],
  }
}

/** An annotation holding a comma-separated list of known values: the pattern validates (R1), the oneOf offers
 * each value with its explanation for completion and hover. */
function csvAnnotation(key: string, values: readonly string[], docs: Readonly<Record<string, string>>,
  errorHint: string): JSONSchema {
  return {
    type: 'string',
    title: ANNOTATION_DOCS[key]!.title,
    markdownDescription: ANNOTATION_DOCS[key]!.description,
    pattern: csvPattern(values),
    patternErrorMessage: `${errorHint} Allowed: a comma-separated list of ${values.join(', ')} (exact, ` +
      'case-sensitive).',
    ...suggestValues(values, values.map(v => docs[v] ?? '')),
  }
}

export const ANNOTATION_SCHEMAS: Readonly<Record<string, JSONSchema>> = {
  [ANNOTATION.hook]: csvAnnotation(ANNOTATION.hook,
    ARGO_HOOK_VALUES, HOOK_VALUE_DOCS,
    'Unknown hook type: Argo CD silently drops the object from the sync (R4).'),
  [ANNOTATION.hookDeletePolicy]: csvAnnotation(ANNOTATION.hookDeletePolicy,
    DELETE_POLICIES, DELETE_POLICY_DOCS,
    `Unknown delete policy: Argo CD ignores it (and uses ${DEFAULT_DELETE_POLICY} if none is left, R32).`),
  [ANNOTATION.syncWave]: {
    type: 'string',
    title: ANNOTATION_DOCS[ANNOTATION.syncWave]!.title,
    pattern: GO_INT_PATTERN,
    patternErrorMessage: 'A sync wave is an integer in quotes, e.g. "1" or "-1" (R7).',
    markdownDescription: ANNOTATION_DOCS[ANNOTATION.syncWave]!.description,
    examples: ['-1'],
  },
  [ANNOTATION.syncOptions]: csvAnnotation(ANNOTATION.syncOptions,
    SYNC_OPTION_ITEMS, SYNC_OPTION_DOCS_BY_ITEM,
    'Argo CD ignores this item on a resource (R55).'),
  [ANNOTATION.helmHook]: csvAnnotation(ANNOTATION.helmHook,
    HELM_HOOK_VALUES, HELM_HOOK_VALUE_DOCS, 'Unknown Helm hook: Argo CD ignores it (R3, R4).'),
  [ANNOTATION.helmHookWeight]: {
    type: 'string',
    title: ANNOTATION_DOCS[ANNOTATION.helmHookWeight]!.title,
    pattern: GO_INT_PATTERN,
    patternErrorMessage: 'A hook weight is an integer in quotes, e.g. "1" or "-5" (R7).',
    markdownDescription: ANNOTATION_DOCS[ANNOTATION.helmHookWeight]!.description,
    examples: ['-5'],
  },
  [ANNOTATION.helmHookDeletePolicy]: csvAnnotation(ANNOTATION.helmHookDeletePolicy,
    Object.keys(HELM_DELETE_POLICIES), HELM_DELETE_POLICY_DOCS, 'Unknown Helm delete policy: Argo CD ignores it (R7).'),
}

// ---------------------------------------------------------------------------------------------------------
// Kinds

const registry = new KindRegistry()
const groupVersion = (group: string, version: string): string => (group === '' ? version : `${group}/${version}`)

/** apiVersion for each kind the simulated API server serves (kind -> groupVersions). */
export const KIND_API_VERSIONS: Readonly<Record<string, readonly string[]>> = (() => {
  const out: Record<string, string[]> = {}
  for (const info of registry.all()) (out[info.kind] ??= []).push(groupVersion(info.group, info.version))
  return out
})()

// ---------------------------------------------------------------------------------------------------------
// Definitions

const str = (markdownDescription: string): JSONSchema => ({ type: 'string', markdownDescription })
const int = (markdownDescription: string, minimum = 0): JSONSchema => ({ type: 'integer', minimum, markdownDescription })
const stringMap = (markdownDescription: string): JSONSchema =>
  ({ type: 'object', markdownDescription, additionalProperties: { type: 'string' } })
const ref = (name: string): JSONSchema => ({ $ref: `#/definitions/${name}` })

const RESTART_POLICY_DOCS: Readonly<Record<string, string>> = {
  Always: '**Always** — restart the container whenever it exits. The default; not allowed in a Job (R70).',
  OnFailure: '**OnFailure** — restart the container in the same Pod when it fails; restarts count towards the ' +
    'Job\'s backoffLimit (R67, R70).',
  Never: '**Never** — a failed container fails the Pod; a Job then creates a new Pod, after a backoff delay ' +
    '(R68, R70).',
}

function restartPolicy(values: readonly string[], extra: string): JSONSchema {
  return {
    type: 'string',
    enum: [...values],
    markdownEnumDescriptions: values.map(v => RESTART_POLICY_DOCS[v] ?? ''),
    markdownDescription: `What the kubelet does when a container exits (R70).${extra}`,
  }
}

function podSpec(restartPolicies: readonly string[], extra: string): JSONSchema {
  return {
    type: 'object',
    markdownDescription: 'The Pod specification: its containers and how they are restarted.',
    properties: {
      containers: {
        type: 'array', minItems: 1, items: ref('Container'),
        markdownDescription: 'The containers of the Pod; at least one.',
      },
      initContainers: {
        type: 'array', items: ref('Container'),
        markdownDescription: 'Containers that run one after another, to completion, before the main containers ' +
          '(R87); one with `restartPolicy: Always` is a sidecar that keeps running beside them (R88).',
      },
      restartPolicy: restartPolicy(restartPolicies, extra),
      serviceAccountName: str('The ServiceAccount the Pod runs as (default `default`).'),
      activeDeadlineSeconds: int('Seconds the Pod may run (from its start, init containers included) before it ' +
        'fails with DeadlineExceeded (R86). Bare Pods and Job templates only.', 1),
      terminationGracePeriodSeconds: int('Seconds between SIGTERM and SIGKILL when the Pod is deleted (default ' +
        '30, R75).'),
      nodeSelector: stringMap('Labels a node must have to run the Pod.'),
    },
  }
}

function objectMeta(): JSONSchema {
  return {
    type: 'object',
    markdownDescription: 'Name, namespace, labels and annotations. Argo CD reads its sync settings from the ' +
      'annotations.',
    properties: {
      name: {
        type: 'string',
        markdownDescription: 'The object\'s name. A hook with a name is re-created each sync under its default ' +
          'delete policy BeforeHookCreation (R33, R38).',
      },
      generateName: {
        type: 'string',
        markdownDescription: 'A name prefix, used when `name` is empty. For a hook Argo CD itself appends ' +
          'revision, phase and time, so each sync makes a new object and old ones are not deleted by ' +
          'BeforeHookCreation (R24, R33).',
      },
      namespace: str('The namespace; without one the Application\'s destination namespace is used (R25).'),
      labels: stringMap('Labels: string keys and string values (quote numbers and booleans).'),
      annotations: {
        type: 'object',
        markdownDescription: 'Annotations: string values only, so quote numbers (`"1"`). Argo CD reads hooks, ' +
          'delete policies, sync waves and sync options from here (R1, R7, R32, R50).',
        properties: { ...ANNOTATION_SCHEMAS },
        additionalProperties: { type: 'string' },
      },
    },
  }
}

const definitions: Record<string, JSONSchema> = {
  ObjectMeta: objectMeta(),
  Container: {
    type: 'object',
    markdownDescription: 'A container: which image it runs and with which command.',
    properties: {
      name: str('The container name, unique in the Pod.'),
      restartPolicy: { type: 'string', enum: ['Always'],
        markdownDescription: 'Init containers only: `Always` makes it a sidecar, started in order and kept running (R88).' },
      image: {
        type: 'string',
        markdownDescription: 'The image to run. synclab\'s simulated kubelet knows only the images offered ' +
          'here; any other image fails to pull (ErrImagePull).',
        ...suggestValues(IMAGE_NAMES, IMAGES.map(i => `${i.description} (\`${i.repository}\`)`)),
      },
      command: {
        type: 'array', items: { type: 'string' },
        markdownDescription: 'Replaces the image\'s ENTRYPOINT, e.g. `["sh", "-c", "echo hi; sleep 5"]`.',
      },
      args: {
        type: 'array', items: { type: 'string' },
        markdownDescription: 'Replaces the image\'s CMD (the arguments given to the command).',
      },
      env: {
        type: 'array',
        markdownDescription: 'Environment variables.',
        items: {
          type: 'object',
          properties: { name: str('Variable name.'), value: str('Value (a string: quote numbers).') },
        },
      },
      ports: {
        type: 'array',
        markdownDescription: 'Ports the container listens on (informational).',
        items: {
          type: 'object',
          properties: {
            containerPort: int('Port number.', 1),
            name: str('Port name, usable as a Service targetPort.'),
            protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] },
          },
        },
      },
      imagePullPolicy: { type: 'string', enum: ['Always', 'IfNotPresent', 'Never'] },
      workingDir: str('Working directory of the command.'),
      readinessProbe: { ...ref('Probe'), markdownDescription: 'Checked every `periodSeconds` while the container ' +
        'runs: failing, the container is not Ready (READY 0/1, no restart), so its Deployment or StatefulSet counts ' +
        'no ready replica and a sync wave waits (R90, R16). Without one the container is Ready once started.' },
      livenessProbe: { ...ref('Probe'), markdownDescription: 'Failing `failureThreshold` times in a row, the ' +
        'kubelet kills the container and restarts it with back-off: RESTARTS, then CrashLoopBackOff (R90).' },
      startupProbe: { ...ref('Probe'), markdownDescription: 'Holds the readiness and liveness probes until it ' +
        'passes; failing `failureThreshold` times, it restarts the container like liveness (R90).' },
    },
  },
  Probe: {
    type: 'object',
    markdownDescription: 'A container probe (R89): one handler (`exec`, `httpGet`, `tcpSocket` or `grpc`), first run ' +
      '`initialDelaySeconds` after the start, then every `periodSeconds`.',
    properties: {
      exec: { type: 'object', markdownDescription: 'Runs a command in the container: exit 0 passes. It sees the ' +
        'files the container wrote (`touch /tmp/ready`).',
        properties: { command: { type: 'array', items: { type: 'string' }, markdownDescription: 'The command, ' +
          'e.g. `["cat", "/tmp/healthy"]` (no shell unless you run `sh -c`).' } } },
      httpGet: { type: 'object', markdownDescription: 'An HTTP GET to the Pod\'s IP: passes when the image\'s ' +
        'server listens on `port` (nginx: 80; example-web-go and example-web-python: 5000; postgres: 5432) and ' +
        'answers the path with 200.',
        properties: { path: str('The path, default `/`.'), port: { type: ['integer', 'string'],
          markdownDescription: 'Port number or the name of one of the container\'s ports.' },
        scheme: { type: 'string', enum: ['HTTP', 'HTTPS'] }, host: str('Host to connect to; default the Pod IP.') } },
      tcpSocket: { type: 'object', markdownDescription: 'Opens a TCP connection: passes when the image\'s server ' +
        'listens on `port`.',
        properties: { port: { type: ['integer', 'string'], markdownDescription: 'Port number or name.' },
          host: str('Host to connect to; default the Pod IP.') } },
      grpc: { type: 'object', markdownDescription: 'A gRPC health check. synclab cannot speak gRPC: it passes ' +
        'when the port is served, as tcpSocket would (the reader warns).',
        properties: { port: int('Port number.', 1), service: str('The service name sent in the check.') } },
      initialDelaySeconds: int('Seconds after the container starts before the first run (default 0, R89).'),
      periodSeconds: int('Seconds between runs (default 10, R89).', 1),
      timeoutSeconds: int('Seconds a run may take before it counts as failed (default 1, R89).', 1),
      failureThreshold: int('Failed runs in a row that fail the probe (default 3, R89).', 1),
      successThreshold: int('Passing runs in a row that pass it again (default 1; must be 1 for liveness and ' +
        'startup, R89).', 1),
      terminationGracePeriodSeconds: int('Grace period when a failed liveness or startup probe kills the container ' +
        '(default the Pod\'s, R90).', 1),
    },
  },
  PodSpec: podSpec(['Always', 'OnFailure', 'Never'], ''),
  JobPodSpec: podSpec(['Never', 'OnFailure'], ' A Job needs **Never** or **OnFailure**; without one it ' +
    'defaults to Always and the API server refuses the Job (R70).'),
  PodTemplate: {
    type: 'object',
    markdownDescription: 'The template of the Pods this controller creates.',
    properties: {
      metadata: { type: 'object', properties: { labels: stringMap('Labels of the Pods.'), annotations: stringMap('') } },
      spec: ref('PodSpec'),
    },
  },
  JobPodTemplate: {
    type: 'object',
    markdownDescription: 'The template of the Job\'s Pods; needs `restartPolicy: Never` or `OnFailure` (R70).',
    properties: {
      metadata: { type: 'object', properties: { labels: stringMap('Labels of the Pods.'), annotations: stringMap('') } },
      spec: ref('JobPodSpec'),
    },
  },
  JobSpec: {
    type: 'object',
    properties: {
      backoffLimit: int('Failed Pods (or container restarts) allowed before the Job fails; default **6** (R67). ' +
        'Use `0` to fail on the first error.'),
      completions: int('Pods that must succeed for the Job to be Complete; default 1 (R71).', 1),
      parallelism: int('Pods that may run at the same time; default 1.'),
      podFailurePolicy: {
        type: 'object',
        markdownDescription: 'Rules checked in order on each failed Pod; the first match decides: **FailJob** fails the ' +
          'Job at once, **Ignore** does not count the failure, **Count** counts it (R84, R85). Needs restartPolicy Never.',
        properties: { rules: { type: 'array', items: { type: 'object', properties: {
          action: { type: 'string', enum: ['FailJob', 'Ignore', 'Count', 'FailIndex'] },
          onExitCodes: { type: 'object', properties: { containerName: { type: 'string' },
            operator: { type: 'string', enum: ['In', 'NotIn'] }, values: { type: 'array', items: { type: 'integer' } } } },
          onPodConditions: { type: 'array', items: { type: 'object', properties: { type: { type: 'string' },
            status: { type: 'string', enum: ['True', 'False', 'Unknown'] } } } },
        } } } },
      },
      activeDeadlineSeconds: int('Seconds the Job may run (from its start) before it fails with ' +
        'DeadlineExceeded; wins over backoffLimit (R69).', 1),
      ttlSecondsAfterFinished: int('Seconds after finishing when Kubernetes deletes the Job (R74). While Argo ' +
        'CD\'s hook finalizer is on, the deletion only marks it (R26).'),
      suspend: { type: 'boolean', markdownDescription: 'A suspended Job runs no Pods; its health is Suspended (R29).' },
      template: { ...ref('JobPodTemplate'), markdownDescription: 'The Pod template; immutable once the Job ' +
        'exists, so changing it fails the apply unless the old Job is deleted first (R73, R38).' },
    },
  },
  DeploymentSpec: {
    type: 'object',
    properties: {
      replicas: int('How many Pods to keep running (default 1). Healthy when all are updated and available (R31).'),
      selector: {
        type: 'object',
        markdownDescription: 'Which Pods belong to the Deployment; must match the template labels.',
        properties: { matchLabels: stringMap('Labels the Pods must have.') },
      },
      template: ref('PodTemplate'),
      paused: { type: 'boolean', markdownDescription: 'A paused Deployment is Suspended and can block a sync (R16, R31).' },
      progressDeadlineSeconds: int('Seconds without progress (more updated, ready or available Pods) before the ' +
        'condition Progressing turns False with ProgressDeadlineExceeded: Argo CD health Degraded (R31, R92), so a ' +
        'sync waiting on it fails. Default 600.', 1),
      minReadySeconds: int('Seconds a Pod must be Ready before it counts as available; the Deployment is Healthy ' +
        'only when every updated Pod is available (R91, R31).'),
    },
  },
  StatefulSetSpec: {
    type: 'object',
    properties: {
      replicas: int('How many Pods (`<name>-0` … `<name>-(n-1)`); default 1 (R93).'),
      serviceName: str('The headless Service that gives each Pod its DNS name (`<pod>.<serviceName>`).'),
      selector: {
        type: 'object',
        markdownDescription: 'Which Pods belong to the StatefulSet; must match the template labels.',
        properties: { matchLabels: stringMap('Labels the Pods must have.') },
      },
      template: ref('PodTemplate'),
      podManagementPolicy: {
        type: 'string', enum: ['OrderedReady', 'Parallel'],
        markdownEnumDescriptions: ['**OrderedReady** — one Pod at a time, each Running and Ready before the next (R93).',
          '**Parallel** — all Pods created or removed at once (R93).'],
      },
      updateStrategy: {
        type: 'object',
        markdownDescription: 'How a new template reaches the Pods (R94).',
        properties: {
          type: { type: 'string', enum: ['RollingUpdate', 'OnDelete'],
            markdownEnumDescriptions: ['**RollingUpdate** — Pods replaced from the highest ordinal down, one at a time.',
              '**OnDelete** — only Pods you delete get the new template.'] },
          rollingUpdate: {
            type: 'object',
            properties: { partition: int('Only ordinals >= partition are updated (default 0, R94, R95).') },
          },
        },
      },
      minReadySeconds: int('Seconds a Pod must be ready before it counts as available (R91).'),
      volumeClaimTemplates: { type: 'array', markdownDescription: 'PersistentVolumeClaims per Pod (not simulated).' },
    },
  },
  DaemonSetSpec: {
    type: 'object',
    properties: {
      selector: {
        type: 'object',
        markdownDescription: 'Which Pods belong to the DaemonSet; must match the template labels.',
        properties: { matchLabels: stringMap('Labels the Pods must have.') },
      },
      template: ref('PodTemplate'),
      updateStrategy: {
        type: 'object',
        markdownDescription: 'How a new template reaches the nodes (R96).',
        properties: {
          type: { type: 'string', enum: ['RollingUpdate', 'OnDelete'] },
          rollingUpdate: {
            type: 'object',
            properties: { maxUnavailable: { type: ['integer', 'string'],
              markdownDescription: 'Nodes updated at a time: a number or a percentage (default 1, R96).' } },
          },
        },
      },
      minReadySeconds: int('Seconds a Pod must be ready before it counts as available (R91).'),
    },
  },
  ServiceSpec: {
    type: 'object',
    properties: {
      type: {
        type: 'string',
        enum: ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'],
        markdownDescription: 'How the Service is exposed. A **LoadBalancer** without an ingress address stays ' +
          'Progressing (R31), which blocks a multi-wave sync forever (R16).',
      },
      selector: stringMap('Labels of the Pods the Service sends traffic to.'),
      ports: {
        type: 'array',
        markdownDescription: 'The ports the Service exposes.',
        items: {
          type: 'object',
          properties: {
            name: str('Port name.'),
            port: int('The Service port.', 1),
            targetPort: {
              type: ['integer', 'string'],
              markdownDescription: 'The container port (number or name); defaults to `port`.',
            },
            protocol: { type: 'string', enum: ['TCP', 'UDP', 'SCTP'] },
            nodePort: int('Node port for NodePort/LoadBalancer Services.', 1),
          },
        },
      },
    },
  },
}

const specByKind: Record<string, JSONSchema> = {
  Job: ref('JobSpec'),
  Pod: ref('PodSpec'),
  Deployment: ref('DeploymentSpec'),
  StatefulSet: ref('StatefulSetSpec'),
  DaemonSet: ref('DaemonSetSpec'),
  Service: ref('ServiceSpec'),
}

const extraByKind: Record<string, Record<string, JSONSchema>> = {
  ConfigMap: {
    data: stringMap('Configuration as string keys and string values (quote numbers and booleans).'),
    binaryData: stringMap('Base64-encoded binary values.'),
    immutable: { type: 'boolean' },
  },
  Secret: {
    data: stringMap('Base64-encoded values.'),
    stringData: stringMap('Plain-text values, encoded into `data` by the API server.'),
    type: { type: 'string', examples: ['Opaque', 'kubernetes.io/basic-auth', 'kubernetes.io/tls'] },
    immutable: { type: 'boolean' },
  },
  ServiceAccount: {
    automountServiceAccountToken: { type: 'boolean' },
  },
}

// if kind == K then apiVersion must be K's and spec has K's shape (only kinds the fake API server serves).
const perKind: JSONSchema[] = Object.entries(KIND_API_VERSIONS).map(([kind, versions]) => {
  const properties: Record<string, JSONSchema> = {
    apiVersion: {
      type: 'string',
      enum: [...versions],
      markdownDescription: `The API group/version of a ${kind}: \`${versions.join('` or `')}\`.`,
    },
    ...extraByKind[kind],
  }
  const spec = specByKind[kind]
  if (spec !== undefined) properties['spec'] = spec
  // Kubernetes' own type of the kind (the version synclab serves first), under synclab's explanations.
  const kube = (kubeTypes.kinds as Record<string, string>)[`${versions[0]}/${kind}`]
  return {
    // doNotSuggest: yaml-language-server merges `if` schemas into completion; without it, an empty document
    // would offer `kind` once per kind.
    if: { properties: { kind: { const: kind, doNotSuggest: true } }, required: ['kind'] },
    then: { properties, ...(kube ? { allOf: [{ $ref: `#/definitions/${kube}` }] } : {}) },
  }
})

const simulated = Object.keys(SIMULATED_KINDS)
const otherKinds = Object.keys(KIND_API_VERSIONS).filter(k => !simulated.includes(k))

const snippet = (label: string, markdownDescription: string, bodyText: string):
  NonNullable<JSONSchema['defaultSnippets']>[number] => ({ label, markdownDescription, bodyText })

/** One Kubernetes object (monaco-yaml applies it to every document of a file). */
export const manifestSchema: JSONSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: SCHEMA_URI,
  type: 'object',
  markdownDescription: 'A Kubernetes object that Argo CD syncs. Documents are separated by `---`.',
  properties: {
    apiVersion: {
      type: 'string',
      markdownDescription: 'The API group/version, e.g. `v1`, `apps/v1`, `batch/v1`; it must match the kind.',
      ...suggestValues([...new Set(Object.values(KIND_API_VERSIONS).flat())]),
    },
    kind: {
      type: 'string',
      markdownDescription: 'The object\'s kind. Inside a wave Argo CD applies kinds in a fixed order: ' +
        'Namespace, … ServiceAccount, Secret, ConfigMap, … Service, Pod, Deployment, … Job, … (R12).',
      // Any CamelCase kind: a custom resource's kind is fine too (R12: sorted after every built-in kind).
      pattern: '^[A-Z][A-Za-z0-9]*$',
      patternErrorMessage: 'A kind is CamelCase, e.g. Job, ConfigMap, Deployment.',
      oneOf: [
        { type: 'string', enum: simulated, markdownEnumDescriptions: simulated.map(k => SIMULATED_KINDS[k] ?? '') },
        { type: 'string', enum: otherKinds },
        { not: { enum: [...simulated, ...otherKinds] } },
      ],
    },
    metadata: ref('ObjectMeta'),
  },
  allOf: perKind,
  definitions: { ...(kubeTypes.definitions as Record<string, JSONSchema>), ...definitions },
  defaultSnippets: [
    snippet('PreSync hook Job', 'A Job that Argo CD runs before the sync (R11) and deletes when the whole sync ' +
      'succeeds (R34).', [
      'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: ${1:migrate}', '  annotations:',
      `    ${ANNOTATION.hook}: \${2:PreSync}`, `    ${ANNOTATION.hookDeletePolicy}: \${3:HookSucceeded}`,
      'spec:', '  backoffLimit: 0', '  template:', '    spec:', '      restartPolicy: Never', '      containers:',
      '        - name: ${1:migrate}', '          image: ${4:busybox}',
      '          command: ["sh", "-c", "${5:echo migrating; sleep 5}"]', ''].join('\n')),
    snippet('ConfigMap in a sync wave', 'A ConfigMap applied in wave -1, before the resources of wave 0 ' +
      '(R12, R14).', [
      'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: ${1:settings}', '  annotations:',
      `    ${ANNOTATION.syncWave}: "\${2:-1}"`, 'data:', '  ${3:key}: "${4:value}"', ''].join('\n')),
    snippet('Deployment', 'A Deployment; Healthy when all its replicas are available (R31).', [
      'apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: ${1:web}', 'spec:', '  replicas: 1',
      '  selector:', '    matchLabels:', '      app: ${1:web}', '  template:', '    metadata:', '      labels:',
      '        app: ${1:web}', '    spec:', '      containers:', '        - name: ${1:web}',
      '          image: ${2:nginx}', ''].join('\n')),
  ],
}
