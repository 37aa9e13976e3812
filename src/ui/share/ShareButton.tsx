// "Share": a link that carries the lab and the edited files in the address's fragment (compressed; nothing is
// uploaded), copied to the clipboard, or shown in a text field to copy by hand when the clipboard is not available.
// It also opens such links: when the page's address carries shared files for this lab, they replace the editor's.
import { useEffect, useRef, useState } from 'react'
import type { Lab } from '../../labs/types.ts'
import type { Session } from '../session/session.ts'

// Making and opening links (compression, checks) loads on the first click, or with a page opened from a link.
const loadLink = () => import('./link.ts')
const loadReceive = () => import('./receive.ts')

/** Links longer than this may be cut by some chat tools and browsers. */
const LONG_LINK = 32_000

export function ShareButton({ session, lab }: { session: Session; lab: Lab }) {
  const [status, setStatus] = useState<string | undefined>()
  const [manual, setManual] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const field = useRef<HTMLInputElement>(null)
  useSharedLink(session, lab, setStatus)
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

  return (
    <div className="share" data-testid="share">
      <button type="button" onClick={() => void share()} disabled={busy} data-testid="share-button"
        title="A link with the lab and your edited files. Nothing leaves your browser.">Share link</button>
      {manual !== undefined ? (
        <input ref={field} type="text" readOnly value={manual} aria-label="Shareable link" data-testid="share-link"
          onFocus={e => e.currentTarget.select()} />
      ) : null}
      <span role="status" aria-live="polite" className="muted" data-testid="share-status">{status ?? ''}</span>
    </div>
  )
}

/** Applies shared files found in the address, now and whenever the address changes to another shared link. */
export function useSharedLink(session: Session, lab: Lab, report: (message: string) => void): void {
  useEffect(() => {
    let live = true
    const apply = () => {
      if (!new URLSearchParams(window.location.hash.slice(1)).has('s')) return // carries no shared work (hasShare)
      void loadReceive().then(async ({ dropShareFromAddress, receiveShare }) => {
        const receipt = await receiveShare(window.location.hash, session, lab)
        if (!receipt || !live) return
        dropShareFromAddress(window.location, window.history)
        report(receipt.ok
          ? `Opened ${receipt.files} shared file${receipt.files === 1 ? '' : 's'} from the link. They are not committed yet.`
          : receipt.why)
      })
    }
    apply()
    window.addEventListener('hashchange', apply)
    return () => {
      live = false
      window.removeEventListener('hashchange', apply)
    }
  }, [session, lab, report])
}
