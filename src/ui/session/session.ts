// The page's controller: the learner's repository (repository.ts), the learner's actions and the simulation they
// drive, played in virtual time at a chosen speed (time-travel.ts) and kept in the browser (persistence.ts). It
// holds no Argo CD rule: every answer comes from the engine. Listeners are told after every change (the React view
// subscribes).
import type { SourceFile } from '../../manifest/index.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import type { CommandResult, TerminalContext } from '../../contract/terminal.ts'
import { type AppNotice, appNotice } from './app-notice.ts'
import { type NewAppSpec, newAppSpec } from './new-app.ts'
import { loadShell, type Shell } from './shell.ts'
import type { SessionAction, WhatIf } from './actions.ts'
import { type CommandHost, runTypedCommand } from './typed-commands.ts'
import type { readSource, SourceRevision } from './revisions.ts'
import { Repository } from './repository.ts'
import { Run, type RunSetup } from './run.ts'
import { Persistence, restoredHistory, type StorageSetup } from './persistence.ts'
import { type Speed, TimeTravel } from './time-travel.ts'
import { labRepoURL } from '../../labs/learner-app.ts'
import { terminalContext } from './terminal-context.ts'

export type { Speed } from './time-travel.ts'
export type { AppNotice } from './app-notice.ts'

/** What creating an application answered: the lines `argocd app create` printed. */
export interface CreateOutcome {
  ok: boolean
  lines: string[]
}

export interface SessionOptions extends RunSetup, StorageSetup {
  /** The lab's files: the starting point, and what Reset restores. */
  labFiles: SourceFile[]
  /** The lab's files as read at build time (catalog.ts startSource): the session then reads no YAML to start. */
  labSource?: ReturnType<typeof readSource> | undefined
  /** How long "To the end" runs on after the operation ended: the lab's settle time (DEFAULT_SETTLE_MS). */
  settleMs?: number | undefined
}

export class Session extends Repository {
  actions: SessionAction[] = []
  /** What the learner typed in the terminal, with the virtual time (labs can check it). */
  commands: Array<{ t: number; line: string }> = []
  /** The application the page shows and its buttons act on, by name; undefined: the first one that exists. */
  selected: string | undefined
  /** Why the last Sync did nothing, until the learner does something else. */
  notice: AppNotice | undefined
  /** The live run; `view` is a rebuilt past moment while the learner scrubs the timeline (time-travel.ts). */
  live!: Run
  version = 0
  /** Moves on when the learner does something (edit, commit, action, play state), not when time merely passes. */
  stateVersion = 0
  private listeners = new Set<() => void>()
  private ready: Promise<void>
  readonly opts: SessionOptions
  private readonly time = new TimeTravel(this, saveNow => this.changed(saveNow))
  private readonly persistence: Persistence

  constructor(opts: SessionOptions) {
    super(opts.labSource)
    // Every run this session builds shows the selected application.
    this.opts = { ...opts, selectedApp: () => this.selected }
    this.persistence = new Persistence(this, this.opts)
    const loaded = this.persistence.load()
    const saved = loaded?.session
    this.restoreNotice = loaded?.dropped ?? []
    this.selected = saved ? saved.selected : this.labAppName()
    this.open(saved?.files ?? opts.labFiles.map(f => ({ ...f })), saved?.folders ?? [], saved?.active ?? '',
      !saved && opts.labSource ? opts.labSource : undefined)
    if (saved) {
      const restored = restoredHistory(saved)
      this.revisions = restored.revisions
      this.commands = restored.commands
      this.actions = restored.actions
      this.restoreNotice.push(...restored.dropped)
      if (this.revisions.length === 0) this.initialCommit(opts.labFiles) // the lab's files, not the edits
    }
    else this.initialCommit()
    this.ready = this.rebuildLive(saved?.now ?? 0).catch(e => this.replayFailed(e))
    void this.ready.then(() => { this.started = true }, () => {})
  }

  /** Whether the session's cluster has started (whenReady resolved). */
  started = false

  /** What could not be restored from the browser's storage (a notice tells the learner), until dismissed. */
  restoreNotice: string[]

  dismissRestoreNotice(): void {
    this.restoreNotice = []
    this.changed(false)
  }

  /**
   * The saved actions could not be replayed (a damaged or foreign saved run): the files and commits stay, the run
   * starts again without those actions, and the notice says so.
   */
  private async replayFailed(e: unknown): Promise<void> {
    const lost = this.actions.filter(a => a.type !== 'commit').length
    this.restoreNotice = [...this.restoreNotice, `Replaying the saved run failed (${(e as Error)?.message ?? e}): ` +
      `${lost === 1 ? 'its 1 action was' : `its ${lost} actions were`} dropped; your files and commits are kept.`]
    this.actions = this.actions.filter(a => a.type === 'commit').map(a => ({ ...a, t: 0 }))
    await this.rebuildLive(0)
  }

  whenReady(): Promise<void> {
    return this.ready
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The run the page shows: the scrubbed past moment, or the live run. */
  get shown(): Run {
    return this.time.shown
  }

  /** "Commit": the edited files become a new revision, unless they cannot be read (errors keep the learner's text). */
  commit(message = 'Update manifests'): SourceRevision | undefined {
    const revision = this.addRevision(message)
    if (!revision) {
      this.changed()
      return undefined
    }
    this.act({ type: 'commit', t: this.live.now, revision: revision.id })
    return revision
  }

  // Operations.

  /**
   * Syncs the selected application. When there is none, or it is gone or being deleted, nothing is synced and
   * `notice` says why (the page offers to create it again).
   */
  sync(request: SyncRequest = {}): boolean {
    const app = this.live.app
    this.notice = appNotice(app, this.live, this.actions, this.repoURL)
    if (this.notice || !app) {
      this.changed()
      return false
    }
    if (!this.head) this.commit('Initial commit')
    if (!this.head) return false
    this.act({ type: 'sync', t: this.live.now, app: app.name, request })
    if (!this.playing) this.play(this.speed)
    return true
  }

  terminate(): void {
    const app = this.live.app
    if (app) this.act({ type: 'terminate', t: this.live.now, app: app.name })
  }

  deleteApp(): void {
    const app = this.live.app
    if (!app || app.deletion) return
    this.act({ type: 'delete', t: this.live.now, app: app.name })
    if (!this.playing) this.play(this.speed)
  }

  // Applications.

  /** Shows the application of that name; the page's buttons act on it. */
  select(name: string): void {
    this.selected = name
    this.notice = undefined
    this.changed()
  }

  /** The NEW APP form as the lab fills it in. */
  labAppSpec(): NewAppSpec {
    return newAppSpec({ name: this.opts.appName, namespace: this.opts.namespace, path: this.opts.appPath,
      repoURL: this.repoURL, syncPolicy: this.opts.syncPolicy })
  }

  /**
   * Creates an application with the request `argocd app create` sends (the same checks answer); it joins the action
   * log like a typed command, and the page shows it.
   */
  async createApp(spec: NewAppSpec): Promise<CreateOutcome> {
    const [shell, { createCommand }] = await Promise.all([loadShell(), import('./create-command.ts')])
    const ctx = { ...this.terminalContext(), onActivity: () => { if (!this.playing) this.play() } }
    const result = this.runCommand(createCommand(spec), ctx, shell)
    const lines = [...result.lines]
    let code = result.exitCode
    if (result.watch) {
      code = await new Promise<number>(resolve => result.watch!.start(line => lines.push(line), resolve))
    }
    await result.pending
    const ok = code === 0
    if (ok) this.notice = undefined
    this.changed()
    return { ok, lines }
  }

  /** What the page's terminal acts on: the live run, the latest commit (the host adds `onActivity`, `onTime`). */
  terminalContext(): TerminalContext {
    return terminalContext({ namespace: this.opts.namespace, repoURL: this.opts.repoURL, simulation: () => this.live.sim,
      head: () => this.head, uncommitted: () => this.files })
  }

  private get repoURL(): string {
    return this.opts.repoURL ?? labRepoURL(this.opts.namespace)
  }

  private labAppName(): string | undefined {
    return this.opts.appExists === false ? undefined : this.opts.appName
  }

  /**
   * Runs a line typed in the terminal on the live run; one that may change the cluster joins the action log, so
   * that a rebuilt run replays it (typed-commands.ts). `shell` is the interpreter, which comes with the terminal.
   */
  runCommand(line: string, ctx: TerminalContext, shell: Pick<Shell, 'runCommand' | 'changesCluster'>): CommandResult {
    return runTypedCommand(this.typed, line, ctx, shell)
  }

  private readonly typed: CommandHost = {
    live: () => this.live,
    selected: () => this.selected,
    select: name => this.select(name),
    log: action => {
      this.actions.push(action)
      this.changed()
    },
  }

  /** A line typed in the terminal. */
  recordCommand(line: string): void {
    this.commands.push({ t: this.live.now, line })
    this.persistence.save()
  }

  /** A "what if" simulation setting for a workload; it applies to Pods started from now on. */
  setWhatIf(target: string, setting: WhatIf): void {
    this.act({ type: 'whatif', t: this.live.now, target, setting })
  }

  /** Back to the lab's files and a fresh cluster. */
  async reset(): Promise<void> {
    this.open(this.opts.labFiles.map(f => ({ ...f })), [], '')
    this.revisions = []
    this.actions = []
    this.commands = []
    this.selected = this.labAppName()
    this.notice = undefined
    this.restoreNotice = []
    this.initialCommit()
    this.time.stop()
    this.setAside('before-reset')
    await this.rebuildLive(0)
  }

  /** Whether this tab edits the lab (another tab may: tab-lease.ts); if not, nothing it does is saved. */
  get editable(): boolean {
    return this.persistence.editable
  }

  /** The saved session is kept under `<key>:<why>` and the key cleared: set aside, not lost. */
  setAside(why: string): void {
    this.persistence.setAside(why)
  }

  // Time (time-travel.ts): the clock, and the cursor within the recorded run.

  get playing(): boolean {
    return this.time.playing
  }

  get speed(): Speed {
    return this.time.speed
  }

  /** A rebuilt past moment while the learner scrubs the timeline; undefined: the live run is shown. */
  get view(): Run | undefined {
    return this.time.view
  }

  /** Reasons for "To the end" to stop on the way (instructor mode's moments). */
  get holds(): Set<(run: Run) => boolean> {
    return this.time.holds
  }

  /** How long "To the end" runs on after the operation ended (the lab's settle time). */
  get settleMs(): number {
    return this.time.settleMs
  }

  play(speed: Speed = this.speed): void {
    this.time.play(speed)
  }

  pause(): void {
    this.time.pause()
  }

  /** Plays the shown past run forward from its own time; on reaching the live run's time, the live run plays on. */
  replay(speed: Speed = this.speed): void {
    this.time.replay(speed)
  }

  /**
   * Called by the page's animation loop with the wall time that passed. `budgetMs`: the most wall time the
   * simulation may take (a frame's share, Run.advanceTo); virtual time then runs slower than the speed chosen.
   */
  tick(wallMs: number, budgetMs?: number): Promise<void> {
    return this.time.tick(wallMs, budgetMs)
  }

  /** To the next moment anything happens; from a past moment, the next one of the recorded run. */
  step(): Promise<void> {
    return this.time.step()
  }

  /** Until the running operation (or deletion) has ended, then the lab's settle time on (a hold stops it sooner). */
  toEnd(limitMs?: number): Promise<void> {
    return this.time.toEnd(limitMs)
  }

  /** Shows the run as it was at `t`, back or forward within the recorded run (at or past its end: the live run). */
  seek(t: number): Promise<void> {
    return this.time.seek(t)
  }

  private act(action: SessionAction): void {
    this.time.leavePast()
    this.notice = undefined
    this.actions.push(action)
    void this.live.advanceTo(this.live.now, this.actions, this.revisions).then(() => this.changed())
    this.changed()
  }

  private async rebuildLive(t: number): Promise<void> {
    const run = await Run.start(this.opts)
    await run.advanceTo(t, this.actions, this.revisions)
    this.live?.dispose()
    this.live = run
    this.changed()
  }

  /** The lab's repository as the learner finds it: its files are the application's first revision. */
  private initialCommit(files: SourceFile[] = this.files): void {
    const revision = this.addRevision('Initial commit', files)
    if (revision) this.actions.unshift({ type: 'commit', t: 0, revision: revision.id })
  }

  /**
   * Tells the listeners; saves to the browser's storage at once after the learner did something, at most once a
   * second while time merely passes.
   */
  protected changed(saveNow = true): void {
    this.version++
    if (saveNow) {
      this.stateVersion++
      this.persistence.save()
    }
    else this.persistence.saveSoon()
    for (const l of this.listeners) l()
  }
}
