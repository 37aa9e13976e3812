// What each Argo CD and Helm annotation, and each of its values, means for a learner: the editor's hover and
// completion (src/manifest/schema/editor-schema.ts) and `kubectl explain` in the terminal show the same texts.
// Every text cites its rule in docs/semantics.md.
import {
  ANNOTATION, APP_ONLY_SYNC_OPTIONS, DEFAULT_DELETE_POLICY,
  HELM_DELETE_HOOK_TYPES, HELM_DELETE_POLICIES, HELM_HOOK_TYPES, HELM_HOOK_VALUES, HELM_NOT_A_HOOK,
  RESOURCE_SYNC_OPTIONS,
  type DeleteHookType, type HookDeletePolicy, type HookType,
} from './annotations.ts'

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
  'Replace=true': 'applied with kubectl create/replace instead of kubectl apply ("replaced"); a live Namespace or ' +
    'CRD is only updated; beats ServerSideApply (R27, R55, R77).',
  'Force=true': 'kubectl apply --force: deleted and re-created only when the patch is refused (an immutable ' +
    'field); with Replace=true, kubectl replace --force: always deleted, then created (R55, R77).',
  'Validate=false': 'applied with kubectl --validate=false: unknown fields are dropped instead of failing the ' +
    'apply; the dry run is not affected (R79).',
  'SkipDryRunOnMissingResource=true': 'skips the first-tick dry run when its kind is not known yet, e.g. a CR ' +
    'whose CRD comes in the same sync (R45, R55).',
  'ServerSideApply=true': 'applied with kubectl apply --server-side --force-conflicts as argocd-controller ' +
    '("serverside-applied"); the dry run stays client-side (R78).',
  'ServerSideApply=false': 'applied with client-side apply even if the Application uses server-side apply (R78).',
}

/** Every resource-level sync option item Argo CD acts on, `Key=value`. */
export const SYNC_OPTION_ITEMS: readonly string[] =
  Object.entries(RESOURCE_SYNC_OPTIONS).flatMap(([k, vs]) => vs.map(v => `${k}=${v}`))

export const SYNC_OPTION_DOCS_BY_ITEM: Readonly<Record<string, string>> = Object.fromEntries(
  SYNC_OPTION_ITEMS.map(item => [item, `**${item}** — ${SYNC_OPTION_DOCS[item] ?? 'see sync-options.md (R55).'}`]))

// What each annotation does, as a whole.

export interface AnnotationDoc {
  title: string
  /** Markdown. */
  description: string
}

export const ANNOTATION_DOCS: Readonly<Record<string, AnnotationDoc>> = {
  [ANNOTATION.hook]: {
    title: 'Argo CD resource hook',
    description:
      'Makes this object an Argo CD **resource hook** (R1, R2): instead of being synced as an ordinary resource ' +
      'it runs in the phase you name. A comma-separated list, case-sensitive (R1); `PreSync,PostSync` runs the ' +
      'same manifest twice, once per phase (R6). An unknown value such as `postsync` makes Argo CD silently drop ' +
      'the object from the sync (R4). Hooks are never pruned (R8).',
  },
  [ANNOTATION.hookDeletePolicy]: {
    title: 'Argo CD hook delete policy',
    description:
      'When Argo CD deletes this hook object (R32–R35). A comma-separated list; policies from ' +
      `\`${ANNOTATION.helmHookDeletePolicy}\` are added to these (R7). Without any recognised policy the hook gets ` +
      `**${DEFAULT_DELETE_POLICY}** (R32).`,
  },
  [ANNOTATION.syncOptions]: {
    title: 'Argo CD sync options',
    description:
      'Per-resource **sync options**, a comma-separated list of `Key=value` items (R50, R52, R55). Only the exact ' +
      'values listed act; anything else is ignored. Options such as ' +
      `${APP_ONLY_SYNC_OPTIONS.slice(0, 3).map(o => `\`${o}\``).join(', ')} work only in the Application's ` +
      '`syncPolicy.syncOptions`, not here.',
  },
  [ANNOTATION.helmHook]: {
    title: 'Helm hook',
    description:
      'A **Helm hook**. Argo CD maps `pre-install`/`pre-upgrade` to PreSync and `post-install`/`post-upgrade` to ' +
      `PostSync (R3); the other values do not run in a sync (R3, R4, R10). If \`${ANNOTATION.hook}\` is also set, ` +
      'its types win (R7). A comma-separated list.',
  },
  [ANNOTATION.helmHookDeletePolicy]: {
    title: 'Helm hook delete policy',
    description:
      'The **Helm hook delete policy**. Argo CD maps each value to its own policy and adds them to ' +
      `\`${ANNOTATION.hookDeletePolicy}\` (R7). A comma-separated list.`,
  },
  [ANNOTATION.syncWave]: {
    title: 'Argo CD sync wave',
    description:
      'The **sync wave**: inside a phase, lower waves are applied first (sort key phase, wave, ' +
      'kind, name — R12), one wave per tick (R14), and the next wave waits until this one is healthy or ' +
      'its hooks are done (R16); the 2 s delay between waves (R20) starts when a wave is applied, so it runs ' +
      'while the wave gets healthy. An integer as a **string** (quote it: `"-1"`); ' +
      'default 0, may be negative. Anything that is not an integer is ignored and wave 0 is used (R7).',
  },
  [ANNOTATION.helmHookWeight]: {
    title: 'Helm hook weight',
    description:
      'The **Helm hook weight**. Argo CD uses it as the sync wave when ' +
      `\`${ANNOTATION.syncWave}\` is missing or not an integer (R7) — on any object, not only hooks. ` +
      'An integer as a string.',
  },
}
