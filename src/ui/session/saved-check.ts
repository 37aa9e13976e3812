// What the page reads back from the browser's storage is checked field by field before the session trusts it: the
// storage may hold another version's shape, a hand edit, or a write cut short. What is valid is kept, what is not is
// dropped and said (`dropped`, shown as a notice), so that a bad saved state never blanks the page nor hangs it.
import type { SourceFile } from '../../manifest/index.ts'
import type { SessionAction, WhatIf } from './actions.ts'
import type { SavedSession } from './storage.ts'

/**
 * The furthest virtual time a saved run may have reached: reopening replays the run up to it, so a huge or damaged
 * `now` would keep the page busy for ever. A day of virtual time is far more than any lab runs.
 */
export const MAX_SAVED_NOW_MS = 24 * 3_600_000

/** A saved session as checked: `files` undefined means the saved files were unusable (the lab's files are used). */
export type CheckedSession = Omit<SavedSession, 'files'> & { files: SourceFile[] | undefined }

export interface SavedCheck {
  /** undefined: nothing usable was saved (or nothing at all). */
  session: CheckedSession | undefined
  /** What was dropped, one sentence each, for the notice. */
  dropped: string[]
}

const WHAT_IFS: ReadonlySet<WhatIf> = new Set<WhatIf>(['normal', 'fail', 'slow', 'never-ready', 'missing-image'])

type Obj = Record<string, unknown>
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
/** A saved virtual time: finite, not negative, within MAX_SAVED_NOW_MS. */
export const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_SAVED_NOW_MS
const optional = (v: unknown, check: (v: unknown) => boolean): boolean => v === undefined || check(v)
const isString = (v: unknown): v is string => typeof v === 'string'
const isBoolean = (v: unknown): boolean => typeof v === 'boolean'
const isFiniteNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v)
const plural = (n: number, what: string): string => `${n} ${what}${n === 1 ? '' : 's'}`

/** Parses and checks the text saved under a session's key. */
export function checkSavedText(text: string | null): SavedCheck {
  if (text === null || text === '') return { session: undefined, dropped: [] }
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { session: undefined, dropped: ['The saved work could not be read (it is not JSON): the lab starts afresh.'] }
  }
  return checkSaved(value)
}

export function checkSaved(value: unknown): SavedCheck {
  if (!isObject(value)) {
    return { session: undefined, dropped: ['The saved work is not a saved session: the lab starts afresh.'] }
  }
  if (!('files' in value) && !('actions' in value) && !('revisions' in value)) {
    return { session: undefined, dropped: ['The saved work has a shape this version does not know: the lab starts afresh.'] }
  }
  const dropped: string[] = []
  const files = checkFiles(value.files, 'the edited files', dropped)
  const folders = checkList<string>(value.folders, isString, 'folder', dropped) ?? []
  const revisions = checkRevisions(value.revisions, dropped)
  const actions = checkCommits(checkActions(value.actions, dropped), revisions, dropped)
  const commands = checkList<{ t: number; line: string }>(value.commands, c => isObject(c) && isTime(c.t) && isString(c.line), 'terminal line', dropped)
  const now = checkNow(value.now, actions, dropped)
  const active = isString(value.active) && files?.some(f => f.path === value.active) ? value.active : files?.[0]?.path ?? ''
  let selected: string | undefined
  if (isString(value.selected)) selected = value.selected
  else if (value.selected !== undefined && value.selected !== null) dropped.push('The application shown was not a name: the first one is shown.')
  return { session: { files, folders, active, now, actions, ...(commands ? { commands } : {}), selected, revisions }, dropped }
}

function checkNow(now: unknown, actions: SessionAction[], dropped: string[]): number {
  const last = actions.reduce((t, a) => Math.max(t, a.t), 0)
  if (isTime(now)) return Math.max(now, last)
  dropped.push(typeof now === 'number' && now > MAX_SAVED_NOW_MS
    ? `The run's saved time (${now} ms) is past the ${MAX_SAVED_NOW_MS / 3_600_000} hours a run may reach: the run restarts at its last action.`
    : 'The run\'s saved time was not a time: the run restarts at its last action.')
  return last
}

/** A list of which the valid items are kept; undefined when it is absent (or not a list, which is said). */
function checkList<T>(value: unknown, valid: (v: unknown) => boolean, what: string, dropped: string[]): T[] | undefined {
  if (value === undefined) return undefined
  if (!Array.isArray(value)) {
    dropped.push(`The saved ${what}s were not a list: dropped.`)
    return undefined
  }
  const kept = value.filter(valid) as T[]
  if (kept.length < value.length) dropped.push(`${plural(value.length - kept.length, `saved ${what}`)} could not be read: dropped.`)
  return kept
}

const isFile = (f: unknown): f is SourceFile => isObject(f) && isString(f.path) && f.path !== '' && isString(f.text)

/** Files with a path and a text, each path once. */
function checkFiles(value: unknown, what: string, dropped: string[]): SourceFile[] | undefined {
  if (!Array.isArray(value)) {
    dropped.push(value === undefined ? `The saved work had no ${what}: the lab's files are shown.`
      : `The saved ${what} were not a list of files: the lab's files are shown.`)
    return undefined
  }
  const seen = new Set<string>()
  const kept = value.filter((f): f is SourceFile => isFile(f) && !seen.has(f.path) && !!seen.add(f.path))
    .map(f => ({ path: f.path, text: f.text }))
  if (kept.length < value.length) dropped.push(`${plural(value.length - kept.length, 'file')} of ${what} could not be read: dropped.`)
  return kept
}

function checkRevisions(value: unknown, dropped: string[]): SavedSession['revisions'] {
  if (!Array.isArray(value)) {
    dropped.push('The saved commits were not a list: the history starts again from the files.')
    return []
  }
  const seen = new Set<string>()
  const kept: SavedSession['revisions'] = []
  for (const r of value) {
    if (!isObject(r) || !isString(r.id) || r.id === '' || seen.has(r.id) || !Array.isArray(r.files) || !r.files.every(isFile)) continue
    seen.add(r.id)
    kept.push({ id: r.id, message: isString(r.message) ? r.message : '', files: r.files.map(f => ({ path: f.path, text: f.text })) })
  }
  if (kept.length < value.length) dropped.push(`${plural(value.length - kept.length, 'saved commit')} could not be read: dropped.`)
  return kept
}

/** Actions of a known type with a time, in time order (the run replays them so). */
function checkActions(value: unknown, dropped: string[]): SessionAction[] {
  if (!Array.isArray(value)) {
    dropped.push('The saved actions (commits, syncs, commands) were not a list: the run starts again.')
    return []
  }
  const kept = value.filter(isAction) as SessionAction[]
  if (kept.length < value.length) {
    dropped.push(`${plural(value.length - kept.length, 'saved action')} (commits, syncs, commands) could not be read: dropped.`)
  }
  return kept.map((a, i) => ({ a, i })).sort((x, y) => x.a.t - y.a.t || x.i - y.i).map(x => x.a)
}

function isAction(a: unknown): boolean {
  if (!isObject(a) || !isTime(a.t) || !optional(a.app, isString)) return false
  switch (a.type) {
    case 'commit': return isString(a.revision)
    case 'sync': return isSyncRequest(a.request)
    case 'terminate': case 'delete': return true
    case 'whatif': return isString(a.target) && WHAT_IFS.has(a.setting as WhatIf)
    case 'command': return isString(a.line) && optional(a.answers, v => Array.isArray(v) && v.every(isString))
    default: return false
  }
}

/** A commit action names a saved revision (the run replays it): one that names none is dropped. */
function checkCommits(actions: SessionAction[], revisions: SavedSession['revisions'], dropped: string[]): SessionAction[] {
  const known = new Set(revisions.map(r => r.id))
  const kept = actions.filter(a => a.type !== 'commit' || known.has(a.revision))
  const lost = actions.length - kept.length
  if (lost > 0) dropped.push(`${plural(lost, 'saved commit action')} named a revision that could not be restored: dropped.`)
  return kept
}

const isResourceKey = (k: unknown): boolean =>
  isObject(k) && isString(k.group) && isString(k.kind) && isString(k.namespace) && isString(k.name)

function isSyncRequest(r: unknown): boolean {
  if (!isObject(r)) return false
  const flags = ['prune', 'dryRun', 'applyStrategy', 'pruneConfirmed'].every(f => optional(r[f], isBoolean))
  const resources = optional(r.resources, v => Array.isArray(v) && v.every(isResourceKey))
  const options = optional(r.options, isObject)
  const retry = optional(r.retry, v => isObject(v) && isFiniteNumber(v.limit) &&
    optional(v.backoff, b => isObject(b) && ['durationMs', 'factor', 'maxDurationMs'].every(f => optional(b[f], isFiniteNumber))))
  return flags && resources && options && retry
}
