// The service worker (vite-plugin-pwa, Workbox) precaches the build: after the first visit the page works with no
// network. A new deployment never takes over by itself (prompt mode): the page offers it, and only while no
// operation runs, so that accepting (a reload) never cuts a sync short.
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { useRegisterSW } from 'virtual:pwa-register/react'
import { sessionSettled } from '../session/current.ts'
import './update-prompt.css'

const CHECK_FOR_UPDATES_MS = 60 * 60 * 1000 // a tab left open for a course day still learns of a new version
const SETTLED_POLL_MS = 1000
const READY_NOTE_MS = 4000

/** Whether no operation runs, checked every second: the offer hides while a sync runs. */
function useSettled(): boolean {
  const [settled, setSettled] = useState(sessionSettled)
  useEffect(() => {
    const timer = setInterval(() => setSettled(sessionSettled()), SETTLED_POLL_MS)
    return () => clearInterval(timer)
  }, [])
  return settled
}

function onRegistered(_url: string, registration: ServiceWorkerRegistration | undefined): void {
  if (registration) setInterval(() => { void registration.update() }, CHECK_FOR_UPDATES_MS)
}

function onRegisterError(error: unknown): void {
  console.warn('synclab: no service worker, so no offline use', error)
}

export function UpdatePrompt() {
  const { needRefresh: [needRefresh, setNeedRefresh], offlineReady: [offlineReady, setOfflineReady], updateServiceWorker } =
    useRegisterSW({ onRegisteredSW: onRegistered, onRegisterError })
  const settled = useSettled()
  useEffect(() => {
    if (!offlineReady) return
    const timer = setTimeout(() => setOfflineReady(false), READY_NOTE_MS)
    return () => clearTimeout(timer)
  }, [offlineReady, setOfflineReady])
  if (needRefresh && settled) {
    return (
      <div className="pwa-toast" role="status" data-testid="update-offer">
        A new version of synclab is ready.{' '}
        <button type="button" onClick={() => void updateServiceWorker(true)} data-testid="update-reload">Reload</button>{' '}
        <button type="button" onClick={() => setNeedRefresh(false)}>Later</button>
      </div>
    )
  }
  // A note with nothing to press: it lets taps and clicks through to what it covers (a phone's graph, say).
  if (offlineReady) return <div className="pwa-toast pwa-note" role="status" data-testid="offline-ready">synclab now works offline.</div>
  return null
}

/** Registers the service worker and shows its offers in a root of their own, apart from the app's. */
export function mountUpdatePrompt(): void {
  if (!('serviceWorker' in navigator)) return
  const host = document.createElement('div')
  host.className = 'pwa-host'
  document.body.append(host)
  createRoot(host).render(<UpdatePrompt />)
}
