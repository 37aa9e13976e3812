// Keeps the session in the browser's storage, so that a reload loses nothing: when to save it (whole after the
// learner did something, only its time while time merely passes, at most once a second), when not to (another tab
// edits the lab), setting it aside (Reset), and the history a saved session brings back. storage.ts holds the
// format and saved-check.ts the checks; this is the session's side of it, apart so that Session only says when
// something changed.
import type { SourceFile } from '../../manifest/index.ts'
import type { SessionAction } from './actions.ts'
import { readSource, type SourceRevision } from './revisions.ts'
import type { Run } from './run.ts'
import type { CheckedSession, SavedCheck } from './saved-check.ts'
import { loadSession, saveSession, saveSessionTime, timeKey } from './storage.ts'

/** Where the session is kept. */
export interface StorageSetup {
  storageKey: string
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined
  /** Whether this session may write its storage now (false while another tab edits the lab: tab-lease.ts). */
  canSave?: (() => boolean) | undefined
}

/** What is saved of the session, read when a save is due. */
export interface SavedState {
  readonly files: SourceFile[]
  readonly folders: string[]
  readonly active: string
  readonly actions: SessionAction[]
  readonly commands: Array<{ t: number; line: string }>
  readonly selected: string | undefined
  readonly revisions: SourceRevision[]
  /** Undefined until the session's first run has started: nothing is saved before. */
  readonly live: Run | undefined
  /** Moves on when the learner does something: the next save is of the whole session. */
  readonly stateVersion: number
}

/** A saved session's history, as far as it came back. */
export interface RestoredHistory {
  revisions: SourceRevision[]
  actions: SessionAction[]
  commands: Array<{ t: number; line: string }>
  /** What was dropped, one sentence each, for the restore notice. */
  dropped: string[]
}

export class Persistence {
  private saveTimer: ReturnType<typeof setTimeout> | undefined
  /** The stateVersion last saved whole: while it holds, only the time is saved (storage.ts, timeKey). */
  private savedStateVersion: number | undefined

  constructor(private readonly state: SavedState, private readonly setup: StorageSetup) {}

  /** The session saved under the key, checked field by field; undefined when there is no storage. */
  load(): SavedCheck | undefined {
    return this.setup.storage ? loadSession(this.setup.storage, this.setup.storageKey) : undefined
  }

  /** Whether this tab edits the lab (another tab may: tab-lease.ts); if not, nothing it does is saved. */
  get editable(): boolean {
    return this.setup.canSave?.() ?? true
  }

  /** Saves within a second (time merely passed: many changes make one save). */
  saveSoon(): void {
    if (this.saveTimer === undefined) this.saveTimer = setTimeout(() => this.save(), 1000)
  }

  /** Saves now: the whole session if the learner did something since it was last saved whole, else its time. */
  save(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    const { storage, storageKey } = this.setup
    const s = this.state
    if (!storage || !s.live) return
    if (!this.editable) {
      this.savedStateVersion = undefined // another tab saves meanwhile: this one saves whole when it edits again
      return
    }
    if (this.savedStateVersion === s.stateVersion) return saveSessionTime(storage, storageKey, s.live.now)
    this.savedStateVersion = s.stateVersion
    saveSession(storage, storageKey, {
      files: s.files, folders: s.folders, active: s.active, now: s.live.now, actions: s.actions, commands: s.commands,
      selected: s.selected,
      revisions: s.revisions.map(({ manifests: _m, ...r }) => r),
    })
  }

  /** The saved session is kept under `<key>:<why>` and the key cleared: set aside, not lost. */
  setAside(why: string): void {
    const { storage, storageKey } = this.setup
    if (!storage || !this.editable) return
    try {
      const text = storage.getItem(storageKey)
      if (text !== null) storage.setItem(`${storageKey}:${why}`, text)
    } catch {
      // Storage full or disabled: nothing more can be kept.
    }
    storage.removeItem(storageKey)
    storage.removeItem(timeKey(storageKey))
    this.savedStateVersion = undefined
  }
}

/**
 * The history a saved session brings back: the revisions whose files still read (with their manifests), the
 * actions (a commit only if its revision came back) and the commands typed.
 */
export function restoredHistory(saved: CheckedSession): RestoredHistory {
  const revisions: SourceRevision[] = []
  for (const r of saved.revisions) {
    const source = readSource(r.files)
    if (source.ok) revisions.push({ ...r, manifests: source.manifests })
  }
  const known = new Set(revisions.map(r => r.id))
  const actions = saved.actions.filter(a => a.type !== 'commit' || known.has(a.revision))
  const unknown = saved.actions.length - actions.length
  const dropped = unknown > 0
    ? [`${unknown} saved commit${unknown === 1 ? '' : 's'} named a revision that could not be restored: dropped.`]
    : []
  return { revisions, actions, commands: saved.commands ?? [], dropped }
}
