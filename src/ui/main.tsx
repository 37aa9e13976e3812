// The sandbox page (started by src/page.ts): opens the lab named in the address (#lab=<id>) or the last one opened.
import { type ReactNode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.tsx'
import { DEFAULT_USER, userNameProblem } from '../labs/parse.ts'
import { loadReaderTypes } from '../manifest/index.ts'
import { labById, startFiles, startSource } from './labs/catalog.ts'
import { LabTracker } from './labs/tracker.ts'
import { Session } from './session/session.ts'
import { setCurrentSession } from './session/current.ts'
import { PanelBoundary } from './PanelBoundary.tsx'
import { type LeaseState, TabLease } from './session/tab-lease.ts'
import { ReadOnlyBanner } from './session/ReadOnlyBanner.tsx'
import { startTheme } from './appearance/theme.ts'
import { announceOpened } from './embed/bridge.ts'
import './styles.css'

interface Opened { session: Session; tracker: LabTracker; lease: TabLease }

const USER_KEY = 'synclab:user'

/** The learner's name as saved (a valid namespace name), or `learner`. */
function savedUser(): string {
  const user = window.localStorage.getItem(USER_KEY)
  return user !== null && userNameProblem(user) === undefined ? user : DEFAULT_USER
}

// Each name has its own saved session and progress; the default name keeps the keys it always had.
const labKey = (labId: string, user: string): string => user === DEFAULT_USER ? labId : `${labId}:${user}`

// The lease of the lab open in this tab: one tab at a time edits a lab's saved session (tab-lease.ts).
let lease: TabLease | undefined

function leaseFor(storageKey: string): TabLease {
  if (lease?.key === storageKey) return lease
  lease?.dispose()
  lease = new TabLease(storageKey, { locks: navigator.locks, onStorage: listener => {
    const onStorage = (e: StorageEvent) => listener(e.key)
    window.addEventListener('storage', onStorage)
    return () => window.removeEventListener('storage', onStorage)
  } })
  lease.start()
  return lease
}

function open(labId: string | null, user: string, task?: string): Opened {
  const lab = labById(labId, user)
  window.localStorage.setItem('synclab:lab', lab.id)
  const key = labKey(lab.id, user)
  const storageKey = `synclab:${key}`
  const held = leaseFor(storageKey)
  const session: Session = new Session({
    seed: lab.seed, appName: lab.app.name, namespace: lab.app.namespace, appPath: lab.app.path,
    appExists: lab.app.exists, waveDelayMs: lab.app.waveDelayMs,
    syncPolicy: lab.app.syncPolicy, settleMs: lab.settleMs, labFiles: startFiles(lab), labSource: startSource(lab), storageKey,
    storage: window.localStorage, canSave: () => held.editing && held.owner === session,
  })
  held.owner = session
  ;(window as unknown as { __synclab: Session }).__synclab = session
  setCurrentSession(session)
  const tracker = new LabTracker(lab, window.localStorage, key)
  if (task !== undefined && lab.id === labId) tracker.startAt(task)
  announceOpened(session, tracker)
  return { session, tracker, lease: held }
}

// The lab (and task) to open: `#lab=<id>&task=<id>` (the picker sets it), else `?lab=<id>&task=<id>` (an embed's src).
function address(): URLSearchParams {
  const hash = new URLSearchParams(window.location.hash.slice(1))
  return hash.has('lab') ? hash : new URLSearchParams(window.location.search)
}
const labInAddress = () => address().get('lab')
const taskInAddress = () => address().get('task') ?? undefined

/** The lab the page opens first: the one in the address, else the last one opened. */
const openFirst = (): Opened => open(labInAddress() ?? window.localStorage.getItem('synclab:lab'), savedUser(), taskInAddress())

function Root({ first }: { first: Opened }) {
  const [user, setUser] = useState(savedUser)
  const [opened, setOpened] = useState<Opened>(first)
  // Which opened lab is ready: on a switch, the new session is not, until its cluster has started.
  const [ready, setReady] = useState<Opened | undefined>(() => (first.session.started ? first : undefined))
  // The reader's Kubernetes types load after the first render (a chunk of their own): then the files are read
  // again, so a wrong type shows as an error. Until then the engine turns any bad value into an operation Error.
  useEffect(() => {
    void loadReaderTypes().then(() => opened.session.reread())
  }, [opened])
  const [failed, setFailed] = useState<Error | undefined>(undefined)
  useEffect(() => {
    let live = true
    void opened.session.whenReady().then(() => { if (live) setReady(opened) },
      (e: unknown) => { if (live) setFailed(e instanceof Error ? e : new Error(String(e))) })
    return () => { live = false }
  }, [opened])
  const leaseState = useLease(opened, () => setOpened(open(opened.tracker.lab.id, user)))
  useEffect(() => {
    const onHash = () => {
      const id = labInAddress()
      const task = taskInAddress()
      if (id && (id !== opened.tracker.lab.id || task !== undefined)) setOpened(open(id, user, task))
    }
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [opened, user])
  /** A new name (already checked): saved, and the current lab re-opened for it. */
  const onUser = (name: string) => {
    if (name === user) return
    window.localStorage.setItem(USER_KEY, name)
    setUser(name)
    setOpened(open(opened.tracker.lab.id, name))
  }
  if (failed) throw failed // the page's boundary shows it, with Reset
  if (ready !== opened) return <p className="muted">Starting the simulated cluster…</p>
  const readOnly = leaseState === 'read-only'
  return <>
    {readOnly ? <ReadOnlyBanner onTakeOver={() => opened.lease.takeOver()} /> : null}
    <div className="lease" inert={readOnly} data-read-only={readOnly}>
      <App key={`${opened.tracker.lab.id}:${user}`} session={opened.session} tracker={opened.tracker}
        user={user} onUser={onUser} onOpenLab={id => { window.location.hash = `lab=${id}` }} />
    </div>
  </>
}

/**
 * The state of the opened lab's lease. Turning read-only pauses the session (another tab edits); editing again after
 * that (taken over, or the other tab closed) re-opens the lab from storage: this tab follows the other tab's work.
 */
function useLease(opened: Opened, reopen: () => void): LeaseState {
  const [state, setState] = useState(opened.lease.state)
  useEffect(() => {
    let last = opened.lease.state
    setState(last)
    return opened.lease.subscribe(next => {
      if (next === 'read-only') opened.session.pause()
      if (next === 'editing' && last === 'read-only') reopen()
      last = next
      setState(next)
    })
  }, [opened])
  return state
}

/** Renders the page (src/page.ts, the entry, first hands in the terminal's interpreter). */
export function startPage(): void {
  startTheme()
  const root = createRoot(document.getElementById('app')!)
  // The page's boundary shows what failed (also when the first lab cannot be opened), with its Reset.
  const page = (node: ReactNode) => root.render(
    <PanelBoundary name="page" onReset={resetOpenedLab} resetLabel="Reset this lab and reload">{node}</PanelBoundary>)
  let first: Opened
  try {
    first = openFirst()
  } catch (error) {
    page(<Failed error={error} />)
    return
  }
  // The first paint waits for the lab's cluster to start (a few promise turns) rather than painting "Starting…"
  // first, which cost a slow laptop a layout and a paint; a start that takes longer (a saved run replaying) shows it.
  let rendered = false
  const once = () => {
    if (rendered) return
    rendered = true
    page(<Root first={first} />)
  }
  void first.session.whenReady().then(once, once)
  setTimeout(once, START_WAIT_MS)
}

/** How long the first paint waits for the cluster to start before it shows "Starting the simulated cluster…". */
const START_WAIT_MS = 100

/** Hands what failed to the boundary around it. */
function Failed({ error }: { error: unknown }): null {
  throw error
}

/**
 * The last way out when the page itself cannot start: the lab in the address (or the last one opened) loses its
 * saved session and progress for the saved name, each kept first under `<key>:before-reset`, and the page reloads.
 */
function resetOpenedLab(): void {
  if (!confirm('Reset this lab and reload? Your saved edits and progress are set aside.')) return
  const storage = window.localStorage
  const lab = labById(labInAddress() ?? storage.getItem('synclab:lab'), savedUser())
  const key = labKey(lab.id, savedUser())
  for (const k of [`synclab:${key}`, `synclab:progress:${key}`]) {
    const text = storage.getItem(k)
    if (text !== null) storage.setItem(`${k}:before-reset`, text)
    storage.removeItem(k)
  }
  window.location.reload()
}
