// "Share": a link that carries the lab and the edited files in the address's fragment (compressed; nothing is
// uploaded), copied to the clipboard, or shown in a text field to copy by hand when the clipboard is not available.
// It also opens such links: when the page's address carries shared files for this lab, they replace the editor's.
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Lab } from '../../labs/types.ts'
import type { Session } from '../session/session.ts'
import { hasShare } from './fragment.ts'

// Making and opening links loads when the learner shares, or when the address carries a shared link.
const loadLink = () => import('./link.ts')
const loadReceive = () => import('./receive.ts')
const loadPrevious = () => import('./previous-work.ts')

/** Links longer than this may be cut by some chat tools and browsers. */
const LONG_LINK = 32_000

export function ShareButton({ session, lab }: { session: Session; lab: Lab }) {
  const [status, setStatus] = useState<string | undefined>()
  const [manual, setManual] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const field = useRef<HTMLInputElement>(null)
  // Files a shared link replaced can come back (previous-work.ts).
  const [restorable, setRestorable] = useState(false)
  const onReceipt = useCallback((message: string, kept: boolean) => {
    setStatus(message)
    setRestorable(kept)
  }, [])
  useSharedLink(session, lab, onReceipt)
  useEffect(() => {
    if (manual !== undefined) field.current?.select()
  }, [manual])

  const share = async () => {
    setBusy(true)
    setManual(undefined)
    try {
      const { decodeShare, encodeShare } = await loadLink()
      const fragment = await encodeShare({ lab: lab.id, files: session.files })
      if (!(await decodeShare(fragment))) {
        setStatus('These files cannot be shared by link (too large, or a file name it cannot carry).')
        return
      }
      const url = `${window.location.origin}${window.location.pathname}${window.location.search}${fragment}`
      const size = `${Math.ceil(url.length / 1024)} KB`
      const long = url.length > LONG_LINK ? ' It is long: some chat tools may cut it.' : ''
      try {
        if (!navigator.clipboard?.writeText) throw new Error('no clipboard')
        await navigator.clipboard.writeText(url)
        setStatus(`Link copied (${size}). It carries your ${session.files.length} files; nothing was uploaded.${long}`)
      } catch {
        setManual(url)
        setStatus(`Copy the link below (${size}): Ctrl+C or ⌘C.${long}`)
      }
    } catch {
      setStatus('The link could not be made in this browser.')
    } finally {
      setBusy(false)
    }
  }

  /** The files before the link come back; the link's files are kept in their place (so this can be undone too). */
  const restore = async () => {
    const { keepPreviousWork, previousWork } = await loadPrevious()
    const { storage, storageKey } = session.opts
    const files = storage ? previousWork(storage, storageKey) : undefined
    if (!storage || !files) return setStatus('Your previous work could not be found in this browser.')
    const shared = session.files
    session.replaceFiles(files)
    keepPreviousWork(storage, storageKey, shared)
    setStatus('Your previous work is back (not committed). The shared files are kept: the button brings them back.')
  }

  return (
    <div className="share" data-testid="share">
      <button type="button" onClick={() => void share()} disabled={busy} data-testid="share-button"
        title="A link with the lab and your edited files. Nothing leaves your browser.">Share link</button>
      {manual !== undefined ? (
        <input ref={field} type="text" readOnly value={manual} aria-label="Shareable link" data-testid="share-link"
          onFocus={e => e.currentTarget.select()} />
      ) : null}
      <span role="status" aria-live="polite" className="muted" data-testid="share-status">{status ?? ''}</span>
      {restorable ? <button type="button" onClick={() => void restore()} data-testid="share-restore">
        Restore my previous work</button> : null}
    </div>
  )
}

/**
 * Applies shared files found in the address, now and whenever the address changes to another shared link; over
 * uncommitted work the learner is asked first, and the files replaced are kept.
 */
export function useSharedLink(session: Session, lab: Lab, report: (message: string, kept: boolean) => void): void {
  useEffect(() => {
    let live = true
    let retry: ReturnType<typeof setTimeout> | undefined
    const apply = () => {
      if (!hasShare(window.location.hash)) return
      // Only the tab that edits the lab takes the link (tab-lease.ts): until this one does, the link waits.
      if (!session.editable) {
        retry = setTimeout(apply, 250)
        return
      }
      void Promise.all([loadReceive(), loadPrevious()]).then(async ([{ dropShareFromAddress, receiveShare }, { keepPreviousWork }]) => {
        const { storage, storageKey } = session.opts
        const receipt = await receiveShare(window.location.hash, session, lab, {
          confirm: question => window.confirm(question),
          keep: files => storage !== undefined && keepPreviousWork(storage, storageKey, files),
        })
        if (!receipt || !live) return
        dropShareFromAddress(window.location, window.history)
        report(receipt.ok
          ? `Opened ${receipt.files} shared file${receipt.files === 1 ? '' : 's'} from the link. They are not committed yet.`
          : receipt.why, receipt.ok && receipt.kept)
      })
    }
    apply()
    window.addEventListener('hashchange', apply)
    return () => {
      live = false
      clearTimeout(retry)
      window.removeEventListener('hashchange', apply)
    }
  }, [session, lab, report])
}
