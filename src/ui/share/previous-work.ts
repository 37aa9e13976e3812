// The files a shared link replaced, kept in the browser beside the session (`<session key>:before-share`), so that
// "Restore my previous work" can bring them back: opening a link never loses what the learner had.
import type { SourceFile } from '../../manifest/index.ts'
import { checkSaved } from '../session/saved-check.ts'

type Store = Pick<Storage, 'getItem' | 'setItem'>

export const previousWorkKey = (storageKey: string): string => `${storageKey}:before-share`

/** Keeps `files` as the previous work; false when the browser refused to store them. */
export function keepPreviousWork(storage: Store, storageKey: string, files: SourceFile[]): boolean {
  try {
    storage.setItem(previousWorkKey(storageKey), JSON.stringify({ files, keptAt: new Date().toISOString() }))
    return true
  } catch {
    return false
  }
}

/** The previous work kept, checked as a saved session's files are (saved-check.ts); undefined when none is. */
export function previousWork(storage: Store, storageKey: string): SourceFile[] | undefined {
  try {
    const text = storage.getItem(previousWorkKey(storageKey))
    if (!text) return undefined
    const value: unknown = JSON.parse(text)
    return checkSaved({ ...(typeof value === 'object' && value !== null ? value : {}), actions: [], revisions: [] }).session?.files
  } catch {
    return undefined
  }
}
