// What the page keeps in the browser, so that a reload loses nothing: the edited files, the revisions, the action
// log and how far the run had got.
import type { SourceFile } from '../../manifest/index.ts'
import type { SessionAction } from './actions.ts'
import type { SourceRevision } from './revisions.ts'
import { checkSavedText, isTime, type SavedCheck } from './saved-check.ts'

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

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/**
 * How far the run has got, kept apart while time merely passes (saveSessionTime): a few bytes a second instead of
 * the whole session, whose files may be 100 KB (writing them took a frame of a playing run each second). Every
 * save of the whole session removes it first, so it only ever tells the time of the session saved under `key`.
 */
export const timeKey = (key: string): string => `${key}:now`

/** Where the text of a saved session that could not be read in full is kept, as it was (nothing is lost). */
export const damagedKey = (key: string): string => `${key}:damaged`

/**
 * The session saved under `key`, checked field by field (saved-check.ts): what is valid, and what was dropped. When
 * anything was dropped, the saved text is first copied, as it was, under damagedKey(key).
 */
export function loadSession(storage: Store, key: string): SavedCheck {
  let text: string | null
  try {
    text = storage.getItem(key)
  } catch {
    return { session: undefined, dropped: ['The browser refused to read the saved work: the lab starts afresh.'] }
  }
  const checked = checkSavedText(text)
  const later = savedTime(storage, key)
  if (checked.session && later !== undefined) checked.session.now = later
  if (checked.dropped.length > 0 && text !== null) {
    saveText(storage, damagedKey(key), text)
    checked.dropped.push(`The saved text is kept as it was under "${damagedKey(key)}" in this browser's storage.`)
  }
  return checked
}

function saveText(storage: Store, key: string, text: string): void {
  try {
    storage.setItem(key, text)
  } catch {
    // Storage full or disabled.
  }
}

export function saveSession(storage: Store, key: string, session: SavedSession): void {
  try {
    storage.removeItem(timeKey(key))
    storage.setItem(key, JSON.stringify(session))
  } catch {
    // Storage full or disabled: the session goes on, it just will not survive a reload.
  }
}

/** Saves how far the run has got, when nothing else changed since the session was saved whole. */
export function saveSessionTime(storage: Store, key: string, now: number): void {
  saveText(storage, timeKey(key), String(now))
}

function savedTime(storage: Store, key: string): number | undefined {
  let text: string | null = null
  try {
    text = storage.getItem(timeKey(key))
  } catch {
    return undefined
  }
  const now = text === null ? undefined : Number(text)
  return isTime(now) ? now : undefined
}
