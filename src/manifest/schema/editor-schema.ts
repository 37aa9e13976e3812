// The JSON Schema (draft-07) monaco-yaml validates the editor's manifests with and builds completion and hover
// from. Field types are Kubernetes' own (kube-types.json, generated from Kubernetes' OpenAPI with the reader's
// types by scripts/gen-kube-schema.mjs); the text below adds what synclab explains on top. The manifest reader
// (src/manifest) decides what is an error, and the editor shows its diagnostics as markers. Every annotation and every value it accepts explains itself with the rule number from
// docs/semantics.md, so a hover in the editor points the learner at the rule.
// The value lists come from src/manifest/annotations.ts, the kinds from src/cluster/kinds.ts and the image
// names from src/cluster/images.ts, so the editor never disagrees with the simulator.
import type { JSONSchema } from 'monaco-yaml'
import kubeTypes from './kube-types.json' with { type: 'json' }
import { IMAGE_NAMES, IMAGES } from '../../cluster/images.ts'
import { KindRegistry } from '../../cluster/kinds.ts'
import {
  ANNOTATION, APP_ONLY_SYNC_OPTIONS, ARGO_HOOK_VALUES, DEFAULT_DELETE_POLICY, DELETE_POLICIES,
  HELM_DELETE_HOOK_TYPES, HELM_DELETE_POLICIES, HELM_HOOK_TYPES, HELM_HOOK_VALUES, HELM_NOT_A_HOOK,
  RESOURCE_SYNC_OPTIONS,
  type DeleteHookType, type HookDeletePolicy, type HookType,
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
// What each annotation value means, for a learner. Keyed by the exact value; every text cites its rule.

export const HOOK_VALUE_DOCS: Readonly<Record<HookType | DeleteHookType, string>> = {
  PreSync: '**PreSync** — runs before anything else is applied (phase order PreSync < Sync < PostSync < SyncFail, ' +
    'R11). The Sync phase starts only when every PreSync hook has succeeded (R16); if one fails, no Sync-phase ' +
    'resource is applied and the sync fails (R39). Typical use: a database migration Job.',
  Sync: '**Sync** — runs in the Sync phase together with the ordinary resources, ordered by sync wave and kind ' +
    '(R11, R12). Its group waits for it to finish before the next wave starts (R16).',
  PostSync: '**PostSync** — runs after every Sync-phase hook succeeded and every Sync-phase resource is Healthy ' +
    '(R18). Typical use: smoke tests or a notification. It never runs if an earlier phase failed (R39).',
  SyncFail: '**SyncFail** — runs only when the sync operation fails (R42): all SyncFail hooks start together, ' +
    'their waves are not sequenced. Never runs on success (R42).',
  Skip: '**Skip** — not a hook: Argo CD skips this resource, it is never applied and never pruned (R5). ' +
    'Combined with another type (`Skip,PreSync`) the other type wins (R5).',
  PreDelete: '**PreDelete** — not a sync hook: it runs only when the Application itself is deleted, before ' +
    'its resources are deleted (R10, R64). A sync ignores it unless it also lists a sync phase (R10).',
  PostDelete: '**PostDelete** — not a sync hook: it runs only when the Application is deleted, after all its ' +
    'resources are gone (R10, R65).',
}

export const DELETE_POLICY_DOCS: Readonly<Record<HookDeletePolicy, string>> = {
  BeforeHookCreation: '**BeforeHookCreation** — the default (R32): when the hook\'s group runs again, an ' +
    'existing object with the same name is deleted and the new one is created on a later tick (R33). A hook ' +
    'with `generateName` gets a new name each sync, so old copies are never deleted and accumulate (R33).',
  HookSucceeded: '**HookSucceeded** — deleted when the whole sync operation succeeds (R34), not when the hook ' +
    'itself succeeds: a PreSync hook survives until PostSync is done. If the sync fails, it is kept, even if ' +
    'the hook succeeded (R34). The docs say otherwise (R36).',
  HookFailed: '**HookFailed** — deleted when the sync operation fails (R35), including hooks that themselves ' +
    'succeeded. If the sync succeeds it is never deleted (R35). The docs say "when the hook failed" (R36).',
}

const helmMapping = (value: string): string => {
  const phase = HELM_HOOK_TYPES[value]
  if (phase !== undefined) {
    return `Argo CD runs it as a **${phase}** hook (R3). If the object also has \`${ANNOTATION.hook}\`, ` +
      'the Argo CD types win (R7).'
  }
  const del = HELM_DELETE_HOOK_TYPES[value]
  if (del !== undefined) {
    return `Argo CD runs it as a **${del}** hook, only when the Application is deleted, never in a sync (R10).`
  }
  if (value === HELM_NOT_A_HOOK) return 'Not a hook at all: the object is an ordinary resource (R2).'
  return 'Argo CD has no sync phase for it: alone, the object counts as a hook with no type and is silently ' +
    'dropped from the sync — never applied, pruned or health-checked (R3, R4).'
}

export const HELM_HOOK_VALUE_DOCS: Readonly<Record<string, string>> = Object.fromEntries(
  HELM_HOOK_VALUES.map(v => [v, `**${v}** (Helm) — ${helmMapping(v)}`]))

export const HELM_DELETE_POLICY_DOCS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(HELM_DELETE_POLICIES).map(([helm, argo]) =>
    [helm, `**${helm}** (Helm) — the same as Argo CD's \`${argo}\` (R7). ${DELETE_POLICY_DOCS[argo]}`]))

const SYNC_OPTION_DOCS: Readonly<Record<string, string>> = {
  'Prune=false': 'never pruned: when it leaves Git the sync reports it "ignored (no prune)" and the app stays ' +
    'OutOfSync (R52).',
  'Prune=confirm': 'pruning it waits for a manual confirmation; the sync stays Running until then (R52).',
  'Delete=false': 'kept in the cluster when the Application is deleted (Application deletion, R64–R65).',
  'Delete=confirm': 'deleting the Application waits for a manual confirmation before deleting it (Application ' +
    'deletion, R64–R65).',
  'PruneLast=true': 'pruned after all Sync waves, just before PostSync (R50).',
  'Replace=true': 'applied with create/replace instead of kubectl apply (R27, R55).',
  'Force=true': 'deleted and re-created when it changed (R55).',
  'Validate=false': 'applied without schema validation (kubectl --validate=false) (R55).',
  'SkipDryRunOnMissingResource=true': 'skips the first-tick dry run when its kind is not known yet, e.g. a CR ' +
    'whose CRD comes in the same sync (R45, R55).',
  'ServerSideApply=true': 'applied with server-side apply (R55).',
  'ServerSideApply=false': 'applied with client-side apply even if the Application uses server-side apply (R55).',
}

/** Every resource-level sync option item Argo CD acts on, `Key=value`. */
export const SYNC_OPTION_ITEMS: readonly string[] =
  Object.entries(RESOURCE_SYNC_OPTIONS).flatMap(([k, vs]) => vs.map(v => `${k}=${v}`))

export const SYNC_OPTION_DOCS_BY_ITEM: Readonly<Record<string, string>> = Object.fromEntries(
  SYNC_OPTION_ITEMS.map(item => [item, `**${item}** — ${SYNC_OPTION_DOCS[item] ?? 'see sync-options.md (R55).'}`]))

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
function csvAnnotation(title: string, markdownDescription: string, values: readonly string[],
  docs: Readonly<Record<string, string>>, errorHint: string): JSONSchema {
  return {
    type: 'string',
    title,
    markdownDescription,
    pattern: csvPattern(values),
    patternErrorMessage: `${errorHint} Allowed: a comma-separated list of ${values.join(', ')} (exact, ` +
      'case-sensitive).',
    ...suggestValues(values, values.map(v => docs[v] ?? '')),
  }
}

export const ANNOTATION_SCHEMAS: Readonly<Record<string, JSONSchema>> = {
  [ANNOTATION.hook]: csvAnnotation('Argo CD resource hook',
    'Makes this object an Argo CD **resource hook** (R1, R2): instead of being synced as an ordinary resource ' +
    'it runs in the phase you name. A comma-separated list, case-sensitive (R1); `PreSync,PostSync` runs the ' +
    'same manifest twice, once per phase (R6). An unknown value such as `postsync` makes Argo CD silently drop ' +
    'the object from the sync (R4). Hooks are never pruned (R8).',
    ARGO_HOOK_VALUES, HOOK_VALUE_DOCS,
    'Unknown hook type: Argo CD silently drops the object from the sync (R4).'),
  [ANNOTATION.hookDeletePolicy]: csvAnnotation('Argo CD hook delete policy',
    'When Argo CD deletes this hook object (R32–R35). A comma-separated list; policies from ' +
    `\`${ANNOTATION.helmHookDeletePolicy}\` are added to these (R7). Without any recognised policy the hook gets ` +
    `**${DEFAULT_DELETE_POLICY}** (R32).`,
    DELETE_POLICIES, DELETE_POLICY_DOCS,
    `Unknown delete policy: Argo CD ignores it (and uses ${DEFAULT_DELETE_POLICY} if none is left, R32).`),
  [ANNOTATION.syncWave]: {
    type: 'string',
    title: 'Argo CD sync wave',
    pattern: GO_INT_PATTERN,
    patternErrorMessage: 'A sync wave is an integer in quotes, e.g. "1" or "-1" (R7).',
    markdownDescription: 'The **sync wave**: inside a phase, lower waves are applied first (sort key phase, wave, ' +
      'kind, name — R12), one wave per tick (R14), and the next wave waits until this one is healthy or ' +
      'its hooks are done (R16), plus a 2 s delay (R20). An integer as a **string** (quote it: `"-1"`); ' +
      'default 0, may be negative. Anything that is not an integer is ignored and wave 0 is used (R7).',
    examples: ['-1'],
  },
  [ANNOTATION.syncOptions]: csvAnnotation('Argo CD sync options',
    'Per-resource **sync options**, a comma-separated list of `Key=value` items (R50, R52, R55). Only the exact ' +
    'values listed act; anything else is ignored. Options such as ' +
    `${APP_ONLY_SYNC_OPTIONS.slice(0, 3).map(o => `\`${o}\``).join(', ')} work only in the Application's ` +
    '`syncPolicy.syncOptions`, not here.',
    SYNC_OPTION_ITEMS, SYNC_OPTION_DOCS_BY_ITEM,
    'Argo CD ignores this item on a resource (R55).'),
  [ANNOTATION.helmHook]: csvAnnotation('Helm hook',
    'A **Helm hook**. Argo CD maps `pre-install`/`pre-upgrade` to PreSync and `post-install`/`post-upgrade` to ' +
    `PostSync (R3); the other values do not run in a sync (R3, R4, R10). If \`${ANNOTATION.hook}\` is also set, ` +
    'its types win (R7). A comma-separated list.',
    HELM_HOOK_VALUES, HELM_HOOK_VALUE_DOCS, 'Unknown Helm hook: Argo CD ignores it (R3, R4).'),
  [ANNOTATION.helmHookWeight]: {
    type: 'string',
    title: 'Helm hook weight',
    pattern: GO_INT_PATTERN,
    patternErrorMessage: 'A hook weight is an integer in quotes, e.g. "1" or "-5" (R7).',
    markdownDescription: 'The **Helm hook weight**. Argo CD uses it as the sync wave when ' +
      `\`${ANNOTATION.syncWave}\` is missing or not an integer (R7) — on any object, not only hooks. ` +
      'An integer as a string.',
    examples: ['-5'],
  },
  [ANNOTATION.helmHookDeletePolicy]: csvAnnotation('Helm hook delete policy',
    'The **Helm hook delete policy**. Argo CD maps each value to its own policy and adds them to ' +
    `\`${ANNOTATION.hookDeletePolicy}\` (R7). A comma-separated list.`,
    Object.keys(HELM_DELETE_POLICIES), HELM_DELETE_POLICY_DOCS, 'Unknown Helm delete policy: Argo CD ignores it (R7).'),
}

// ---------------------------------------------------------------------------------------------------------
// Kinds

/** The kinds synclab's fake cluster simulates with behaviour (controllers, health), with what they do. */
export const SIMULATED_KINDS: Readonly<Record<string, string>> = {
  Job: '**Job** (batch/v1) — runs Pods until enough succeed (R71); the usual hook kind. Health: Progressing ' +
    'while running, Healthy when Complete, Degraded when Failed (R29).',
  Pod: '**Pod** (v1) — one or more containers. A hook Pod is Healthy when Succeeded and Degraded when Failed ' +
    '(R30).',
  Deployment: '**Deployment** (apps/v1) — keeps `replicas` Pods running. Healthy when all replicas are updated ' +
    'and available; paused means Suspended (R31).',
  Service: '**Service** (v1) — a stable address for Pods. Always Healthy, except type LoadBalancer without an ' +
    'ingress, which stays Progressing and can block a multi-wave sync forever (R16, R31).',
  ConfigMap: '**ConfigMap** (v1) — configuration data. No health check: as a hook it counts as Succeeded as ' +
    'soon as it is created (R28).',
  Secret: '**Secret** (v1) — like a ConfigMap, for credentials; no health check (R28). Sorted before ' +
    'ConfigMaps in a wave (R12).',
  ServiceAccount: '**ServiceAccount** (v1) — an identity for Pods; no health check (R28).',
  Namespace: '**Namespace** (v1) — applied first in its wave (R12) and moved just before the first resource ' +
    'that lives in it (R13).',
}

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
        markdownDescription: 'Containers that run one after another, to completion, before the main containers.',
      },
      restartPolicy: restartPolicy(restartPolicies, extra),
      serviceAccountName: str('The ServiceAccount the Pod runs as (default `default`).'),
      activeDeadlineSeconds: int('Seconds the Pod may run before it is failed.', 1),
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
      progressDeadlineSeconds: int('Seconds without progress before the Deployment is Degraded ' +
        '(ProgressDeadlineExceeded, R31); default 600.', 1),
      minReadySeconds: int('Seconds a Pod must be ready before it counts as available.'),
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
