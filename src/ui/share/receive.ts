// Opening a shared link: the files it carries replace the editor's files of the same lab (as an uncommitted change
// the learner can commit or throw away). Only YAML files of the lab's application folder are taken; the link's
// `s=` part is then dropped from the address, so that a reload does not apply it again.
import type { Lab } from '../../labs/types.ts'
import type { Session } from '../session/session.ts'
import { decodeShare, filesForApp, hasShare, withoutShare } from './link.ts'

export type ShareReceipt =
  | { ok: true; files: number }
  | { ok: false; why: string }

/**
 * Applies the shared work in `fragment` to the session of `lab`; undefined when the fragment carries none, or work
 * for another lab (the page opens that lab first, then its session takes the files).
 */
export async function receiveShare(fragment: string, session: Pick<Session, 'replaceFiles'>, lab: Pick<Lab, 'id' | 'app'>):
  Promise<ShareReceipt | undefined> {
  if (!hasShare(fragment)) return undefined
  const labInLink = new URLSearchParams(fragment.replace(/^#/, '')).get('lab')
  if (labInLink !== null && labInLink !== lab.id) return undefined
  const work = await decodeShare(fragment)
  if (!work) return { ok: false, why: 'The shared link is damaged or too large; your files were left as they were.' }
  if (work.lab !== lab.id) return undefined
  const files = filesForApp(work, lab.app.path)
  if (files.length === 0) return { ok: false, why: `The shared link carries no files of ${lab.app.path}/.` }
  session.replaceFiles(files)
  return { ok: true, files: files.length }
}

/** The page's address with the shared work removed (history.replaceState, no new history entry). */
export function dropShareFromAddress(location: Pick<Location, 'pathname' | 'search' | 'hash'>,
  history: Pick<History, 'replaceState'>): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${withoutShare(location.hash)}`)
}
