// The lab model: what a lab.yaml says once it has been read and checked (load.ts). Field names follow lab.yaml
// (schema/lab.schema.json); docs/labs.md explains them for instructors.
import type { HealthStatusCode } from '../cluster/health/index.ts'
import type { SyncPolicy } from '../sync/auto-sync.ts'
import type { OperationPhase, ResultCode, SyncPhase, TaskPhase } from '../sync/types.ts'

/** A file of a lab, its path relative to the lab's folder (`lab.yaml`, `repo/<path>/x.yaml`, `solution/<task>/x.yaml`). */
export interface LabFile {
  path: string
  text: string
}

export interface LabApp {
  /** The Application's name (`argocd app create <name>`). */
  name: string
  /** Its destination namespace. */
  namespace: string
  /** The folder of the lab's repo/ the application syncs (`--path`). */
  path: string
  syncPolicy?: SyncPolicy
  /** ARGOCD_SYNC_WAVE_DELAY, ms. */
  waveDelayMs?: number
  /** false: the lab starts with no application; the learner creates it (a `create-app` step). Default true. */
  exists?: boolean
}

/** One change to a file of the application's folder (paths relative to repo/<app.path>/). */
export type FileEdit =
  | { file: string; content: string }
  | { file: string; replace: string; with: string }
  | { file: string; delete: true }

/** A set of file changes: whole files from solution/<task>/[<pitfall>/] and inline edits, applied in that order. */
export interface EditSet {
  /** Paths relative to the edit set's folder, copied over the same path of the application's folder. */
  files: string[]
  edits: FileEdit[]
}

export interface Solution extends EditSet {
  /** Markdown: why this is the answer. */
  explanation?: string
}

/** `argocd app sync` options of a `sync` step. */
export interface SyncStep {
  sync: {
    prune?: boolean
    dryRun?: boolean
    /** Selective sync, argocd's GROUP:KIND:NAME (R53). */
    resources?: string[]
    /** `--strategy apply`: no hooks (R53). */
    applyStrategy?: boolean
  }
}

/** What the learner does, in order; the headless runner does the same. */
export type Step =
  | SyncStep
  /** The learner changes files: the solution's edits (or a pitfall's); nothing in start mode. */
  | { edit: { use?: string } }
  /** Commit and push the working tree: a new revision of the application's source. */
  | { commit: { message?: string } }
  /** Let time pass (virtual ms). */
  | { wait: number }
  /**
   * `argocd app create` (or the page's NEW APP) with the lab's path, namespace and sync policy; `name` defaults to
   * the lab's. The app's first revision is the last commit.
   */
  | { 'create-app': { name?: string } }
  /** `argocd app delete`; waits until the application is gone. */
  | { 'delete-app': { cascade?: boolean } }
  /** `kubectl delete <kind> <name>` in the destination namespace; waits until it is gone. */
  | { 'kubectl-delete': { kind: string; name: string } }
  /** `argocd app terminate-op`. */
  | { terminate: Record<string, never> }
  /** A command the learner types in the terminal (recorded for `command` checks; not run). Skipped in start mode. */
  | { command: string }

/** Names an object or event subject: an exact name or a prefix (generateName hooks). */
export interface NameMatch {
  name?: string
  namePrefix?: string
}

export interface TextMatch {
  /** The text must contain this. */
  contains?: string
  /** The text must not contain this. */
  notContains?: string
}

/** Which of the task's operations an expectation looks at. */
export type OperationSelector = 'last' | 'first' | 'any' | 'every' | number

export interface EventMatch extends NameMatch {
  type: 'apply' | 'delete' | 'hook' | 'gone' | 'created' | 'health' | 'phase' | 'operation' | 'app'
  kind?: string
  /** delete: HookSucceeded, HookFailed, BeforeHookCreation, Terminate, Prune, AppDeleted. */
  reason?: string
  syncPhase?: SyncPhase
  wave?: number
  /** apply: created, configured, unchanged, failed. */
  action?: string
  /** apply: a hook or a resource. */
  hook?: boolean
  /** hook: Running, Succeeded, Failed, Error. */
  hookPhase?: TaskPhase
  health?: HealthStatusCode
  /** operation: Running, Succeeded, ...; app: Deleting, Deleted, DeletionError. */
  phase?: string
  status?: string
}

export type Expectation =
  | { operation: { of?: OperationSelector; phase?: OperationPhase; message?: string; messageContains?: string;
      count?: number } }
  | { result: NameMatch & { of?: OperationSelector; kind: string; syncPhase?: SyncPhase; status?: ResultCode;
      hookPhase?: TaskPhase; hookType?: SyncPhase; messageContains?: string; absent?: boolean } }
  | { event: EventMatch & { count?: number; atLeast?: number } }
  | { 'no-event': EventMatch }
  | { order: EventMatch[] }
  | { delay: { from: EventMatch; to: EventMatch; atLeast?: number; atMost?: number } }
  | { exists: NameMatch & { kind: string; namespace?: string; count?: number } }
  | { absent: NameMatch & { kind: string; namespace?: string } }
  | { job: NameMatch & { namespace?: string; status: 'Complete' | 'Failed' | 'Running'; reason?: string } }
  | { log: TextMatch & { job?: string; jobPrefix?: string; pod?: string } }
  | { app: { sync?: 'Synced' | 'OutOfSync' | 'Unknown'; health?: HealthStatusCode; deleted?: boolean; history?: number } }
  /** A terminal command matching the regular expression was run in this task, before the event if one is given. */
  | { command: { matches: string; before?: EventMatch } }

export interface Pitfall extends EditSet {
  id: string
  title: string
  /** The learner's steps in this wrong attempt; the task's steps when absent. */
  steps?: Step[]
  /** What the learner sees instead (must hold); the task's check must fail. */
  check: Expectation[]
}

export interface LabTask {
  id: string
  title: string
  /** Markdown. */
  instructions: string
  /** Markdown, revealed one at a time. */
  hints: string[]
  /** false: the check passes without any file change (e.g. "sync the app"). */
  needsWork: boolean
  solution: Solution
  steps: Step[]
  check: Expectation[]
  pitfalls: Pitfall[]
}

/**
 * A marked moment of a run (lab.yaml `moments`): in instructor mode the clock stops at the first new event that
 * matches `when`, and `say` is shown (plain text, no Markdown).
 */
export interface Moment {
  id: string
  say: string
  when: EventMatch
}

export interface Lab {
  id: string
  title: string
  summary: string
  minutes: number
  app: LabApp
  /** Seed of the simulated cluster. */
  seed: string
  /** How long the cluster runs on after an operation before a check (lab.yaml `settle`; DEFAULT_SETTLE_MS). */
  settleMs: number
  tasks: LabTask[]
  /** Marked moments for instructor mode (empty when lab.yaml has none). */
  moments: Moment[]
  /** Every file of the lab folder, by path relative to it. */
  files: ReadonlyMap<string, string>
  /** The folder as shown in messages (e.g. `labs/01-resource-hooks`). */
  dir: string
}
