// Opening a shared link: the files it carries replace the editor's files of the same lab (as an uncommitted change
// the learner can commit or throw away). Only YAML files of the lab's application folder are taken; the link's
// `s=` part is then dropped from the address, so that a reload does not apply it again. Over uncommitted work the
// learner is asked first, and the files replaced are kept (previous-work.ts) for "Restore my previous work".
import type { Lab } from '../../labs/types.ts'
import type { SourceFile } from '../../manifest/index.ts'
import type { Session } from '../session/session.ts'
import { decodeShare, filesForApp, hasShare, withoutShare } from './link.ts'

export type ShareReceipt =
  /** `kept`: the files replaced were kept, and can be restored. */
  | { ok: true; files: number; kept: boolean }
  | { ok: false; why: string }

/** How the page asks before replacing uncommitted work, and keeps the files replaced. */
export interface ShareGuard {
  confirm(question: string): boolean
  keep(files: SourceFile[]): boolean
}

type Receiver = Pick<Session, 'replaceFiles' | 'files' | 'dirty'>

const sameFiles = (a: SourceFile[], b: SourceFile[]): boolean =>
  a.length === b.length && a.every(f => b.some(g => g.path === f.path && g.text === f.text))

/**
 * Applies the shared work in `fragment` to the session of `lab`; undefined when the fragment carries none, or work
 * for another lab (the page opens that lab first, then its session takes the files).
 */
export async function receiveShare(fragment: string, session: Receiver, lab: Pick<Lab, 'id' | 'app'>, guard: ShareGuard):
  Promise<ShareReceipt | undefined> {
  if (!hasShare(fragment)) return undefined
  const labInLink = new URLSearchParams(fragment.replace(/^#/, '')).get('lab')
  if (labInLink !== null && labInLink !== lab.id) return undefined
  const work = await decodeShare(fragment)
  if (!work) return { ok: false, why: 'The shared link is damaged or too large; your files were left as they were.' }
  if (work.lab !== lab.id) return undefined
  const files = filesForApp(work, lab.app.path)
  if (files.length === 0) return { ok: false, why: `The shared link carries no files of ${lab.app.path}/.` }
  if (sameFiles(files, session.files)) return { ok: true, files: files.length, kept: false }
  if (session.dirty && !guard.confirm(`The link replaces your files with ${files.length} shared file` +
    `${files.length === 1 ? '' : 's'}, and you have changes not committed yet. Open it? Your files are kept: ` +
    '"Restore my previous work" brings them back.')) {
    return { ok: false, why: 'The shared link was not opened: your files are as they were.' }
  }
  const kept = guard.keep(session.files)
  session.replaceFiles(files)
  return { ok: true, files: files.length, kept }
}

/** The page's address with the shared work removed (history.replaceState, no new history entry). */
export function dropShareFromAddress(location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  history: Pick<History, 'replaceState'>): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${withoutShare(location.hash)}`)
}
