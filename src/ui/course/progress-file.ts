// "Progress": the learner's progress and work in this browser as one JSON file, to load again on another machine:
// every synclab key of the browser's storage (each lab's saved session and progress, the labs opened, the name,
// the last lab), but not the copies set aside on this machine (<key>:before-reset and the like).
export const PROGRESS_FORMAT = 'synclab-progress/1'

type Store = Pick<Storage, 'getItem' | 'setItem' | 'key' | 'length'>

const SET_ASIDE = /:(before-reset|before-share|before-import|damaged)$/
const isOurs = (key: string): boolean => key.startsWith('synclab:') && !SET_ASIDE.test(key)

export interface ProgressFile {
  format: typeof PROGRESS_FORMAT
  exported: string
  entries: Record<string, string>
}

export function exportProgress(storage: Store, now = new Date()): ProgressFile {
  const entries: Record<string, string> = {}
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)
    if (key !== null && isOurs(key)) entries[key] = storage.getItem(key) ?? ''
  }
  return { format: PROGRESS_FORMAT, exported: now.toISOString(), entries }
}

/** The file's entries, or why it is not a progress file (each saved session is checked again when its lab opens). */
export function readProgressFile(text: string): { entries?: Record<string, string>; problem?: string } {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (e) {
    return { problem: `not JSON: ${(e as Error).message}` }
  }
  const file = value as Partial<ProgressFile> | null
  if (typeof file !== 'object' || file === null || file.format !== PROGRESS_FORMAT) {
    return { problem: `not a synclab progress file (format ${PROGRESS_FORMAT})` }
  }
  const entries = file.entries
  if (typeof entries !== 'object' || entries === null || Array.isArray(entries)) return { problem: 'entries: missing' }
  const wrong = Object.entries(entries).find(([k, v]) => !isOurs(k) || typeof v !== 'string')
  if (wrong) return { problem: `entries: ${JSON.stringify(wrong[0])} is not a synclab key with a text value` }
  return { entries: entries as Record<string, string> }
}

/**
 * Writes the entries into storage; what they replace is kept first under `<key>:before-import` (nothing of this
 * machine's work is lost). Returns the number of labs whose work or progress came in.
 */
export function importProgress(storage: Store, entries: Record<string, string>): number {
  for (const [key, text] of Object.entries(entries)) {
    const before = storage.getItem(key)
    if (before !== null && before !== text) storage.setItem(`${key}:before-import`, before)
    storage.setItem(key, text)
  }
  return Object.keys(entries).filter(k => k.startsWith('synclab:progress:')).length
}
