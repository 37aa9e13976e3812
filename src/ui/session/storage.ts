// What the page keeps in the browser, so that a reload loses nothing: the edited files, the revisions, the action
// log and how far the run had got.
import type { SourceFile } from '../../manifest/index.ts'
import type { SessionAction } from './actions.ts'
import type { SourceRevision } from './revisions.ts'

export interface SavedSession {
  files: SourceFile[]
  /** The learner's empty folders. */
  folders?: string[]
  active: string
  now: number
  actions: SessionAction[]
  commands?: Array<{ t: number; line: string }>
  /** The application shown (absent in sessions saved before there were several). */
  selected?: string | undefined
  revisions: Array<Omit<SourceRevision, 'manifests'>>
}

type Store = Pick<Storage, 'getItem' | 'setItem'>

export function loadSession(storage: Store, key: string): SavedSession | undefined {
  try {
    const text = storage.getItem(key)
    if (!text) return undefined
    const saved = JSON.parse(text) as SavedSession
    return Array.isArray(saved.files) && Array.isArray(saved.actions) && Array.isArray(saved.revisions) ? saved : undefined
  } catch {
    return undefined
  }
}

export function saveSession(storage: Store, key: string, session: SavedSession): void {
  try {
    storage.setItem(key, JSON.stringify(session))
  } catch {
    // Storage full or disabled: the session goes on, it just will not survive a reload.
  }
}
