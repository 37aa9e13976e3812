// Entry point of the sandbox page.
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { LAB, labFiles } from './lab.ts'
import { Session } from './session/session.ts'
import './styles.css'

const session = new Session({
  seed: 'synclab', appName: LAB.appName, namespace: LAB.namespace, labFiles: labFiles(),
  storageKey: `synclab:${LAB.id}`, storage: window.localStorage,
})
;(window as unknown as { __synclab: Session }).__synclab = session
void session.whenReady().then(() => {
  createRoot(document.getElementById('app')!).render(<App session={session} />)
})
