// The page's controller: the edited files, the revisions committed from them, the learner's actions and the
// simulation they drive, played in virtual time at a chosen speed. It holds no Argo CD rule: every answer comes
// from the engine. Listeners are told after every change (the React view subscribes).
import type { Diagnostic, SourceFile } from '../../manifest/index.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import type { CommandResult, TerminalContext } from '../../contract/terminal.ts'
import type { Application } from '../../sync/application.ts'
import { appSources } from '../../sync/app-source.ts'
import { type NewAppSpec, newAppSpec, specOfApp } from './new-app.ts'
import { loadShell, type Shell } from './shell.ts'
import type { CommandAction, SessionAction, WhatIf } from './actions.ts'
import { revisionId } from '../../manifest/revision-id.ts'
import { checkPath, emptyFolders, isWithin, movedPath, parentOf } from './file-paths.ts'
import { readSource, type SourceRevision } from './revisions.ts'
import { DEFAULT_SETTLE_MS } from '../../labs/settle.ts'
import { activityEnded, Run, type RunSetup } from './run.ts'
import { loadSession, saveSession, saveSessionTime, timeKey } from './storage.ts'
import type { CheckedSession } from './saved-check.ts'
import { labRepoURL } from '../../labs/learner-app.ts'
import { terminalContext } from './terminal-context.ts'

export type Speed = 1 | 5 | 20

/** Why a Sync did nothing: no application exists, or the selected one is gone or going (it can be made again). */
export type AppNotice =
  | { kind: 'no-app' }
  | { kind: 'gone'; app: string; spec: NewAppSpec }
  | { kind: 'deleting'; app: string }

/** What creating an application answered: the lines `argocd app create` printed. */
export interface CreateOutcome {
  ok: boolean
  lines: string[]
}

export interface SessionOptions extends RunSetup {
  /** The lab's files: the starting point, and what Reset restores. */
  labFiles: SourceFile[]
  /** The lab's files as read at build time (catalog.ts startSource): the session then reads no YAML to start. */
  labSource?: ReturnType<typeof readSource> | undefined
  /** How long "To the end" runs on after the operation ended: the lab's settle time (DEFAULT_SETTLE_MS). */
  settleMs?: number | undefined
  storageKey: string
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined
  /** Whether this session may write its storage now (false while another tab edits the lab: tab-lease.ts). */
  canSave?: (() => boolean) | undefined
}

export class Session {
  files: SourceFile[]
  /** Folders the learner made that hold no file yet: git keeps no empty folder, the file tree and storage do. */
  folders: string[]
  active: string
  diagnostics: Diagnostic[] = []
  revisions: SourceRevision[] = []
  actions: SessionAction[] = []
  /** What the learner typed in the terminal, with the virtual time (labs can check it). */
  commands: Array<{ t: number; line: string }> = []
  playing = false
  speed: Speed = 1
  /** The application the page shows and its buttons act on, by name; undefined: the first one that exists. */
  selected: string | undefined
  /** Why the last Sync did nothing, until the learner does something else. */
  notice: AppNotice | undefined
  /** The live run; `view` is a rebuilt past moment while the learner scrubs the timeline. */
  live!: Run
  view: Run | undefined
  /**
   * Reasons for "To the end" to stop on the way (instructor mode's moments): asked after every step of the live
   * run; the first that holds stops the clock there.
   */
  readonly holds = new Set<(run: Run) => boolean>()
  version = 0
  /** Moves on when the learner does something (edit, commit, action, play state), not when time merely passes. */
  stateVersion = 0
  private listeners = new Set<() => void>()
  private ready: Promise<void>
  readonly opts: SessionOptions

  constructor(opts: SessionOptions) {
    // Every run this session builds shows the selected application.
    this.opts = { ...opts, selectedApp: () => this.selected }
    const loaded = opts.storage ? loadSession(opts.storage, opts.storageKey) : undefined
    const saved = loaded?.session
    this.restoreNotice = loaded?.dropped ?? []
    this.selected = saved ? saved.selected : this.labAppName()
    this.files = saved?.files ?? opts.labFiles.map(f => ({ ...f }))
    this.folders = saved?.folders ?? []
    this.active = saved?.active || (this.files[0]?.path ?? '')
    this.source = !saved && opts.labSource ? opts.labSource : readSource(this.files)
    this.diagnostics = this.source.diagnostics
    if (saved) this.restoreRevisions(saved)
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
    return this.view ?? this.live
  }

  get head(): SourceRevision | undefined {
    return this.revisions.at(-1)
  }

  /** Files differ from the last commit. */
  get dirty(): boolean {
    const head = this.head
    if (!head) return true
    if (this.dirtyMemo?.files !== this.files || this.dirtyMemo.head !== head) {
      const same = head.files.length === this.files.length &&
        this.files.every(f => head.files.some(h => h.path === f.path && h.text === f.text))
      this.dirtyMemo = { files: this.files, head, dirty: !same }
    }
    return this.dirtyMemo.dirty
  }
  private dirtyMemo: { files: SourceFile[]; head: SourceRevision; dirty: boolean } | undefined

  // Editing and source control.

  /** The edited files as read (manifests and diagnostics), kept until the next edit. */
  source: ReturnType<typeof readSource>

  edit(path: string, text: string): void {
    this.files = this.files.map(f => (f.path === path ? { ...f, text } : f))
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  /** Files added, removed or changed at once ("show solution"). */
  replaceFiles(files: SourceFile[]): void {
    this.setTree(files.map(f => ({ ...f })), this.folders)
  }

  // The file tree: names are checked by file-paths.ts (a bad one throws); no text, saved or not, is lost by a rename.

  /** A new file, shown in the editor. */
  createFile(path: string, text = ''): void {
    checkPath(path, 'file', this)
    this.active = path
    this.setTree([...this.files, { path, text }], this.folders)
  }

  /** A new folder: it stays, empty, until it gets a file. */
  createFolder(path: string): void {
    checkPath(path, 'folder', this)
    this.setTree(this.files, [...this.folders, path])
  }

  /** The file `from` is now `to`, with its text as it is now. */
  renameFile(from: string, to: string): void {
    if (!this.files.some(f => f.path === from)) throw new Error(`${from}: no such file`)
    if (to !== from) checkPath(to, 'file', this, from)
    this.move(from, to)
  }

  /** The folder `from` is now `to`, with everything in it. */
  renameFolder(from: string, to: string): void {
    if (!this.files.some(f => isWithin(f.path, from)) && !this.folders.some(f => isWithin(f, from))) {
      throw new Error(`${from}: no such folder`)
    }
    if (to !== from) checkPath(to, 'folder', this, from)
    this.move(from, to)
  }

  /** Deletes a file; its folder stays, even if it is now empty. */
  deleteFile(path: string): void {
    this.setTree(this.files.filter(f => f.path !== path), [...this.folders, parentOf(path)])
  }

  /** Deletes a folder and everything in it. */
  deleteFolder(path: string): void {
    this.setTree(this.files.filter(f => !isWithin(f.path, path)),
      [...this.folders.filter(f => !isWithin(f, path)), parentOf(path)])
  }

  private move(from: string, to: string): void {
    this.active = movedPath(this.active, from, to)
    this.setTree(this.files.map(f => ({ ...f, path: movedPath(f.path, from, to) })),
      this.folders.map(f => movedPath(f, from, to)))
  }

  private setTree(files: SourceFile[], folders: string[]): void {
    this.files = files
    this.folders = emptyFolders(folders.filter(f => f !== ''), files)
    if (!files.some(f => f.path === this.active)) this.active = files[0]?.path ?? ''
    this.source = readSource(files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  /** Reads the edited files again (the reader's Kubernetes types arrived after the page started). */
  reread(): void {
    if (this.source === this.opts.labSource) return // read at build time with those types (labs-prebuilt.ts)
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  setActive(path: string): void {
    this.active = path
    this.changed()
  }

  /** "Commit": the edited files become a new revision, unless they cannot be read (errors keep the learner's text). */
  commit(message = 'Update manifests'): SourceRevision | undefined {
    const source = this.source
    if (!source.ok) {
      this.changed()
      return undefined
    }
    const revision: SourceRevision = { id: revisionId(this.files, this.head?.id ?? ''), message,
      files: this.files.map(f => ({ ...f })), manifests: source.manifests }
    this.revisions.push(revision)
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
    this.notice = this.noticeFor(app)
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

  private noticeFor(app: Application | undefined): AppNotice | undefined {
    if (!app) return { kind: 'no-app' }
    if (app.deleted) {
      return { kind: 'gone', app: app.name, spec: specOfApp(app, appSources(this.live.sim).get(app.name), this.repoURL) }
    }
    const deleting = app.deletion || this.live.notYetPerformed(this.actions).some(a => a.type === 'delete' && a.app === app.name)
    if (deleting) return { kind: 'deleting', app: app.name }
    return undefined
  }

  /**
   * The page follows what the learner does in the terminal: an application just made, else one just synced, is
   * shown (now for a sync, once the command's work is done for a create).
   */
  private follow(before: Map<Application, number>, result: CommandResult): void {
    const pick = () => {
      const sim = this.live.sim
      const made = sim.apps.find(a => !before.has(a) && !a.deleted)
      const synced = sim.apps.find(a => (before.get(a) ?? 0) < a.operations.length)
      const app = made ?? synced
      if (app && app.name !== this.selected) this.select(app.name)
    }
    pick()
    void result.pending?.then(pick)
  }

  /**
   * Runs a line typed in the terminal on the live run. A line that may change the cluster joins the action log once
   * its y/n questions are answered, so that a rebuilt run (time travel, reload) replays it. `shell` is the
   * interpreter, which comes with the terminal (shell.ts).
   */
  runCommand(line: string, ctx: TerminalContext, shell: Pick<Shell, 'runCommand' | 'changesCluster'>): CommandResult {
    const before = new Map(this.live.sim.apps.map(a => [a, a.operations.length]))
    const result = shell.runCommand(line, ctx)
    this.follow(before, result)
    return shell.changesCluster(line, ctx) ? this.logCommand(line, [], result) : result
  }

  private logCommand(line: string, answers: string[], result: CommandResult): CommandResult {
    const prompt = result.prompt
    if (prompt) {
      return { ...result, prompt: { question: prompt.question,
        answer: answer => this.logCommand(line, [...answers, answer], prompt.answer(answer)) } }
    }
    const action: CommandAction = { type: 'command', t: this.live.now, line, ...(answers.length > 0 ? { answers } : {}) }
    // The command has already acted on the live run: only rebuilt runs perform it.
    this.live.markPerformed(action)
    this.actions.push(action)
    this.changed()
    return result
  }

  /** A line typed in the terminal. */
  recordCommand(line: string): void {
    this.commands.push({ t: this.live.now, line })
    this.save()
  }

  /** A "what if" simulation setting for a workload; it applies to Pods started from now on. */
  setWhatIf(target: string, setting: WhatIf): void {
    this.act({ type: 'whatif', t: this.live.now, target, setting })
  }

  /** Back to the lab's files and a fresh cluster. */
  async reset(): Promise<void> {
    this.files = this.opts.labFiles.map(f => ({ ...f }))
    this.folders = []
    this.active = this.files[0]?.path ?? ''
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.revisions = []
    this.actions = []
    this.commands = []
    this.selected = this.labAppName()
    this.notice = undefined
    this.restoreNotice = []
    this.initialCommit()
    this.playing = false
    this.leavePast()
    this.setAside('before-reset')
    await this.rebuildLive(0)
  }

  /** Whether this tab edits the lab (another tab may: tab-lease.ts); if not, nothing it does is saved. */
  get editable(): boolean {
    return this.opts.canSave?.() ?? true
  }

  /** The saved session is kept under `<key>:<why>` and the key cleared: set aside, not lost. */
  setAside(why: string): void {
    const storage = this.opts.storage
    if (!storage || !this.editable) return
    try {
      const text = storage.getItem(this.opts.storageKey)
      if (text !== null) storage.setItem(`${this.opts.storageKey}:${why}`, text)
    } catch {
      // Storage full or disabled: nothing more can be kept.
    }
    storage.removeItem(this.opts.storageKey)
    storage.removeItem(timeKey(this.opts.storageKey))
    this.savedStateVersion = undefined
  }

  // Time.

  play(speed: Speed = this.speed): void {
    this.leavePast()
    this.playing = true
    this.speed = speed
    this.changed()
  }

  pause(): void {
    this.playing = false
    this.changed()
  }

  /** Plays the shown past run forward from its own time; on reaching the live run's time, the live run plays on. */
  replay(speed: Speed = this.speed): void {
    if (!this.view) return this.play(speed)
    this.cancelSeeks()
    this.playing = true
    this.speed = speed
    this.changed()
  }

  /**
   * Called by the page's animation loop with the wall time that passed. `budgetMs`: the most wall time the
   * simulation may take (a frame's share, Run.advanceTo); virtual time then runs slower than the speed chosen.
   */
  async tick(wallMs: number, budgetMs = Number.POSITIVE_INFINITY): Promise<void> {
    if (!this.playing) return
    const deadline = performance.now() + budgetMs
    const view = this.view
    if (view) {
      if (view.now >= this.live.now) {
        this.leavePast()
        this.changed(false)
        return
      }
      await view.advanceTo(Math.min(view.now + wallMs * this.speed, this.live.now), this.actions, this.revisions, deadline)
      this.changed(false)
      return
    }
    await this.advanceLiveTo(this.live.now + wallMs * this.speed, deadline)
  }

  /** To the next moment anything happens; from a past moment, the next one of the recorded run. */
  async step(): Promise<void> {
    const view = this.view
    if (view) {
      const nextAction = this.actions.find(a => a.t > view.now)?.t
      const next = Math.min(view.nextEventAt() ?? Number.POSITIVE_INFINITY, nextAction ?? Number.POSITIVE_INFINITY)
      return this.seek(Math.min(next, this.live.now))
    }
    this.playing = false
    // What is due now happens first (else a Sync taken while paused leaves Step nowhere to go); then the next moment.
    if (this.live.nextEventAt() === this.live.now) await this.live.runDueNow()
    const next = this.live.nextEventAt()
    if (next !== undefined) await this.advanceLiveTo(next)
    else this.changed()
  }

  /** How long "To the end" runs on after the operation ended (the lab's settle time). */
  get settleMs(): number {
    return this.opts.settleMs ?? DEFAULT_SETTLE_MS
  }

  /**
   * Until the running operation (or deletion) has ended, then the lab's settle time on: where the lab checker looks
   * (docs/labs.md). Nothing runs once the run is there already. A hold (instructor mode) stops it on the way.
   */
  async toEnd(limitMs = 3_600_000): Promise<void> {
    this.leavePast()
    const run = this.live
    let held = false
    const hold = (): boolean => {
      for (const h of this.holds) if (h(run)) held = true
      return held
    }
    await run.runWhile(() => hold() || activityEnded(run), limitMs, this.actions, this.revisions)
    const end = held ? undefined : run.activityEndedAt()
    if (end !== undefined && run.now < end + this.settleMs) await this.advanceLiveTo(end + this.settleMs)
    this.playing = false
    this.changed()
  }

  /**
   * Shows the run as it was at `t`, back or forward within the recorded run (at or past the live run's time: the
   * live run). Forward from the moment shown, the shown run plays on to `t`; back, it is rebuilt from the start (the
   * engine is deterministic, so both give the state the live run had at `t`). While one seek works, later ones
   * wait and only the last of them is done (a drag sends many).
   */
  seek(t: number): Promise<void> {
    const seq = ++this.seekSeq
    if (t >= this.live.now) {
      this.leavePast()
      this.changed()
      return Promise.resolve()
    }
    this.playing = false
    const done = this.seeking.then(() => (seq === this.seekSeq ? this.showPast(t, seq) : undefined))
    this.seeking = done.catch(() => undefined) // a failed seek does not stop the later ones
    return done
  }

  private seekSeq = 0
  private seeking: Promise<void> = Promise.resolve()

  private async showPast(t: number, seq: number): Promise<void> {
    const view = this.view
    if (view && view.now <= t) {
      await view.advanceTo(t, this.actions, this.revisions)
      if (seq === this.seekSeq) this.changed()
      return
    }
    const run = await Run.start(this.opts)
    await run.advanceTo(t, this.actions, this.revisions)
    if (seq !== this.seekSeq) return run.dispose()
    this.view?.dispose()
    this.view = run
    this.changed()
  }

  /** Seeks still waiting are dropped. */
  private cancelSeeks(): void {
    this.seekSeq++
  }

  /** Back to the live run: the past run shown is dropped, and so are seeks still waiting. */
  private leavePast(): void {
    this.cancelSeeks()
    this.view?.dispose()
    this.view = undefined
  }

  private async advanceLiveTo(t: number, deadline?: number): Promise<void> {
    await this.live.advanceTo(t, this.actions, this.revisions, deadline)
    this.changed(false)
  }

  private act(action: SessionAction): void {
    this.leavePast()
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
    // The files just read for the editor are not read again (on a slow laptop, reading a lab's files is the largest
    // part of opening it); the lab's own files, after a restore that kept none of the saved commits, are.
    const source = files === this.files ? this.source : readSource(files)
    if (!source.ok) return
    const revision: SourceRevision = { id: revisionId(files, ''), message: 'Initial commit',
      files: files.map(f => ({ ...f })), manifests: source.manifests }
    this.revisions.push(revision)
    this.actions.unshift({ type: 'commit', t: 0, revision: revision.id })
  }

  private restoreRevisions(saved: CheckedSession): void {
    for (const r of saved.revisions) {
      const source = readSource(r.files)
      if (source.ok) this.revisions.push({ ...r, manifests: source.manifests })
    }
    this.commands = saved.commands ?? []
    const known = new Set(this.revisions.map(r => r.id))
    this.actions = saved.actions.filter(a => a.type !== 'commit' || known.has(a.revision))
    const unknown = saved.actions.length - this.actions.length
    if (unknown > 0) this.restoreNotice.push(`${unknown} saved commit${unknown === 1 ? '' : 's'} named a revision that could not be restored: dropped.`)
    if (this.revisions.length === 0) this.initialCommit(this.opts.labFiles) // the lab's files, not the edits
  }

  /**
   * Tells the listeners; saves to the browser's storage at once after the learner did something, at most once a
   * second while time merely passes.
   */
  private changed(saveNow = true): void {
    this.version++
    if (saveNow) {
      this.stateVersion++
      this.save()
    }
    else this.saveSoon()
    for (const l of this.listeners) l()
  }

  private saveTimer: ReturnType<typeof setTimeout> | undefined
  /** The stateVersion last saved whole: while it holds, only the time is saved (storage.ts, timeKey). */
  private savedStateVersion: number | undefined
  private saveSoon(): void {
    if (this.saveTimer === undefined) this.saveTimer = setTimeout(() => this.save(), 1000)
  }

  private save(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    if (!this.opts.storage || !this.live) return
    if (!this.editable) {
      this.savedStateVersion = undefined // another tab saves meanwhile: this one saves whole when it edits again
      return
    }
    if (this.savedStateVersion === this.stateVersion) return saveSessionTime(this.opts.storage, this.opts.storageKey, this.live.now)
    this.savedStateVersion = this.stateVersion
    saveSession(this.opts.storage, this.opts.storageKey, {
      files: this.files, folders: this.folders, active: this.active, now: this.live.now, actions: this.actions, commands: this.commands,
      selected: this.selected,
      revisions: this.revisions.map(({ manifests: _m, ...r }) => r),
    })
  }
}
