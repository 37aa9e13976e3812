// The page in another site's frame (a course page's iframe): `?embed` shows the lab with minimal chrome
// (embed.css), and the page talks with its parent window (messages.ts, loaded only inside a frame).
import type { LabTracker } from '../labs/tracker.ts'
import type { Session } from '../session/session.ts'
import './embed.css'

const inFrame = window.parent !== window
if (new URLSearchParams(window.location.search).has('embed')) document.documentElement.dataset.embed = ''

let messages: Promise<typeof import('./messages.ts')> | undefined

/** A lab was opened: inside a frame, the parent hears of it and of its tasks passed. */
export function announceOpened(session: Session, tracker: LabTracker): void {
  if (!inFrame) return
  messages ??= import('./messages.ts')
  void messages.then(m => m.opened(session, tracker), (e: unknown) => console.warn('synclab: could not load the embed messages', e))
}
