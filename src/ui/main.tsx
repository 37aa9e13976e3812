// Entry point of the sandbox page: opens the lab named in the address (#lab=<id>) or the last one opened.
import { useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { labById, startFiles } from './labs/catalog.ts'
import { LabTracker } from './labs/tracker.ts'
import { Session } from './session/session.ts'
import './styles.css'

interface Opened { session: Session; tracker: LabTracker }

function open(labId: string | null): Opened {
  const lab = labById(labId)
  window.localStorage.setItem('synclab:lab', lab.id)
  const session = new Session({
    seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, waveDelayMs: lab.app.waveDelayMs,
    syncPolicy: lab.app.syncPolicy, labFiles: startFiles(lab), storageKey: `synclab:${lab.id}`,
    storage: window.localStorage,
  })
  ;(window as unknown as { __synclab: Session }).__synclab = session
  return { session, tracker: new LabTracker(lab, window.localStorage) }
}

const labInAddress = () => new URLSearchParams(window.location.hash.slice(1)).get('lab')

function Root() {
  const [opened, setOpened] = useState<Opened>(() => open(labInAddress() ?? window.localStorage.getItem('synclab:lab')))
  // Which opened lab is ready: on a switch, the new session is not, until its cluster has started.
  const [ready, setReady] = useState<Opened | undefined>(undefined)
  useEffect(() => {
    let live = true
    void opened.session.whenReady().then(() => { if (live) setReady(opened) })
    return () => { live = false }
  }, [opened])
  useEffect(() => {
    const onHash = () => {
      const id = labInAddress()
      if (id && id !== opened.tracker.lab.id) setOpened(open(id))
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [opened])
  if (ready !== opened) return <p className="muted">Starting the simulated cluster…</p>
  return <App key={opened.tracker.lab.id} session={opened.session} tracker={opened.tracker}
    onOpenLab={id => { window.location.hash = `lab=${id}` }} />
}

createRoot(document.getElementById('app')!).render(<Root />)
