// The page's controller: the edited files, the revisions committed from them, the learner's actions and the
// simulation they drive, played in virtual time at a chosen speed. It holds no Argo CD rule: every answer comes
// from the engine. Listeners are told after every change (the React view subscribes).
import type { Diagnostic, SourceFile } from '../../manifest/index.ts'
import type { SyncRequest } from '../../sync/operation.ts'
import type { CommandResult, TerminalContext } from '../../terminal/types.ts'
import type { Shell } from './shell.ts'
import type { CommandAction, SessionAction, WhatIf } from './actions.ts'
import { readSource, revisionId, type SourceRevision } from './revisions.ts'
import { Run, type RunSetup } from './run.ts'
import { type SavedSession, loadSession, saveSession } from './storage.ts'
import { terminalContext } from './terminal-context.ts'

export type Speed = 1 | 5 | 20

export interface SessionOptions extends RunSetup {
  /** The lab's files: the starting point, and what Reset restores. */
  labFiles: SourceFile[]
  storageKey: string
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined
}

export class Session {
  files: SourceFile[]
  active: string
  diagnostics: Diagnostic[] = []
  revisions: SourceRevision[] = []
  actions: SessionAction[] = []
  /** What the learner typed in the terminal, with the virtual time (labs can check it). */
  commands: Array<{ t: number; line: string }> = []
  playing = false
  speed: Speed = 1
  /** The live run; `view` is a rebuilt past moment while the learner scrubs the timeline. */
  live!: Run
  view: Run | undefined
  version = 0
  /** Moves on when the learner does something (edit, commit, action, play state), not when time merely passes. */
  stateVersion = 0
  private listeners = new Set<() => void>()
  private ready: Promise<void>

  constructor(readonly opts: SessionOptions) {
    const saved = opts.storage ? loadSession(opts.storage, opts.storageKey) : undefined
    this.files = saved?.files ?? opts.labFiles.map(f => ({ ...f }))
    this.active = saved?.active ?? this.files[0]?.path ?? ''
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    if (saved) this.restoreRevisions(saved)
    else this.initialCommit()
    this.ready = this.rebuildLive(saved?.now ?? 0)
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
        this.files.every((f, i) => f.path === head.files[i]!.path && f.text === head.files[i]!.text)
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
    this.files = files.map(f => ({ ...f }))
    if (!this.files.some(f => f.path === this.active)) this.active = this.files[0]?.path ?? ''
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.changed()
  }

  /** Reads the edited files again (the reader's Kubernetes types arrived after the page started). */
  reread(): void {
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

  sync(request: SyncRequest = {}): void {
    if (!this.head) this.commit('Initial commit')
    if (!this.head) return
    this.act({ type: 'sync', t: this.live.now, request })
    if (!this.playing) this.play(this.speed)
  }

  terminate(): void {
    this.act({ type: 'terminate', t: this.live.now })
  }

  /** What the page's terminal acts on: the live run, the latest commit (the host adds `onActivity`, `onTime`). */
  terminalContext(): TerminalContext {
    return terminalContext({ namespace: this.opts.namespace, simulation: () => this.live.sim, head: () => this.head,
      uncommitted: () => this.files })
  }

  /**
   * Runs a line typed in the terminal on the live run. A line that may change the cluster joins the action log once
   * its y/n questions are answered, so that a rebuilt run (time travel, reload) replays it. `shell` is the
   * interpreter, which comes with the terminal (shell.ts).
   */
  runCommand(line: string, ctx: TerminalContext, shell: Shell): CommandResult {
    const result = shell.runCommand(line, ctx)
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

  deleteApp(): void {
    this.act({ type: 'delete', t: this.live.now })
    if (!this.playing) this.play(this.speed)
  }

  /** Back to the lab's files and a fresh cluster. */
  async reset(): Promise<void> {
    this.files = this.opts.labFiles.map(f => ({ ...f }))
    this.active = this.files[0]?.path ?? ''
    this.source = readSource(this.files)
    this.diagnostics = this.source.diagnostics
    this.revisions = []
    this.actions = []
    this.commands = []
    this.initialCommit()
    this.playing = false
    this.view = undefined
    this.opts.storage?.removeItem(this.opts.storageKey)
    await this.rebuildLive(0)
  }

  // Time.

  play(speed: Speed = this.speed): void {
    this.view = undefined
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
    this.playing = true
    this.speed = speed
    this.changed()
  }

  /** Called by the page's animation loop with the wall time that passed. */
  async tick(wallMs: number): Promise<void> {
    if (!this.playing) return
    const view = this.view
    if (view) {
      if (view.now >= this.live.now) {
        this.view = undefined
        view.dispose()
        this.changed(false)
        return
      }
      await view.advanceTo(Math.min(view.now + wallMs * this.speed, this.live.now), this.actions, this.revisions)
      this.changed(false)
      return
    }
    await this.advanceLiveTo(this.live.now + wallMs * this.speed)
  }

  /** To the next moment anything happens. */
  async step(): Promise<void> {
    this.view = undefined
    this.playing = false
    const next = this.live.nextEventAt()
    if (next !== undefined) await this.advanceLiveTo(next)
    else this.changed()
  }

  /** Until the current operation (or deletion) has ended and the cluster has settled. */
  async toEnd(limitMs = 3_600_000): Promise<void> {
    this.view = undefined
    const run = this.live
    await run.runWhile(() => !run.app.operationRunning && !(run.app.deletion && !run.app.deleted), limitMs,
      this.actions, this.revisions)
    await this.advanceLiveTo(run.now + 30_000)
    this.playing = false
    this.changed()
  }

  /** Shows the run as it was at `t` (rebuilt from the start: the engine is deterministic). */
  async seek(t: number): Promise<void> {
    if (t >= this.live.now) {
      this.view = undefined
      this.changed()
      return
    }
    this.playing = false
    const run = await Run.start(this.opts)
    await run.advanceTo(t, this.actions, this.revisions)
    this.view?.dispose()
    this.view = run
    this.changed()
  }

  private async advanceLiveTo(t: number): Promise<void> {
    await this.live.advanceTo(t, this.actions, this.revisions)
    this.changed(false)
  }

  private act(action: SessionAction): void {
    this.view = undefined
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
  private initialCommit(): void {
    const source = readSource(this.files)
    if (!source.ok) return
    const revision: SourceRevision = { id: revisionId(this.files, ''), message: 'Initial commit',
      files: this.files.map(f => ({ ...f })), manifests: source.manifests }
    this.revisions.push(revision)
    this.actions.push({ type: 'commit', t: 0, revision: revision.id })
  }

  private restoreRevisions(saved: SavedSession): void {
    for (const r of saved.revisions) {
      const source = readSource(r.files)
      if (source.ok) this.revisions.push({ ...r, manifests: source.manifests })
    }
    this.commands = saved.commands ?? []
    const known = new Set(this.revisions.map(r => r.id))
    this.actions = saved.actions.filter(a => a.type !== 'commit' || known.has(a.revision))
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
  private saveSoon(): void {
    if (this.saveTimer === undefined) this.saveTimer = setTimeout(() => this.save(), 1000)
  }

  private save(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    if (!this.opts.storage || !this.live) return
    saveSession(this.opts.storage, this.opts.storageKey, {
      files: this.files, active: this.active, now: this.live.now, actions: this.actions, commands: this.commands,
      revisions: this.revisions.map(({ manifests: _m, ...r }) => r),
    })
  }
}
