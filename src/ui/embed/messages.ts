// What an embedded page tells its parent window, and what it takes from it (README: Embedding):
//   to the parent:  { source: 'synclab', type: 'ready', lab }, then { source: 'synclab', type: 'task-passed', lab, task }
//                   for each task passed and { source: 'synclab', type: 'lab-done', lab } when the last one passed;
//   from the parent: { type: 'reset' } (the lab's files, cluster and progress start afresh) and
//                   { type: 'open', lab, task? } (that lab, at that task).
// They carry lab and task ids only, so they go to any parent ('*'); a host that must not be framed by strangers
// says so with the frame-ancestors header. Only the parent's messages are taken.
import { LABS } from '../labs/catalog.ts'
import type { LabTracker } from '../labs/tracker.ts'
import type { Session } from '../session/session.ts'

export interface SynclabMessage { source: 'synclab'; type: 'ready' | 'task-passed' | 'lab-done'; lab: string; task?: string }

let current: { session: Session; tracker: LabTracker } | undefined
let readySent = false

function post(message: Omit<SynclabMessage, 'source'>): void {
  window.parent.postMessage({ source: 'synclab', ...message }, '*')
}

export function opened(session: Session, tracker: LabTracker): void {
  current = { session, tracker }
  const lab = tracker.lab.id
  tracker.onPassed = (task, labDone) => {
    post({ type: 'task-passed', lab, task: task.id })
    if (labDone) post({ type: 'lab-done', lab })
  }
  void session.whenReady().then(() => {
    if (readySent || current?.session !== session) return
    readySent = true
    post({ type: 'ready', lab })
  })
}

/** `{ type: 'open', lab, task }`: through the address, as the lab picker does (main.tsx opens it). */
function openLab(lab: unknown, task: unknown): void {
  if (typeof lab !== 'string' || !LABS.some(l => l.id === lab)) return void console.warn(`synclab: no lab ${String(lab)} to open`)
  const hash = new URLSearchParams({ lab, ...(typeof task === 'string' ? { task } : {}) }).toString()
  if (window.location.hash.slice(1) === hash) window.dispatchEvent(new HashChangeEvent('hashchange'))
  else window.location.hash = hash
}

function onMessage(e: MessageEvent): void {
  if (e.source !== window.parent || typeof e.data !== 'object' || e.data === null) return
  const data = e.data as { type?: unknown; lab?: unknown; task?: unknown }
  if (data.type === 'reset' && current) {
    current.tracker.reset()
    void current.session.reset()
  } else if (data.type === 'open') openLab(data.lab, data.task)
}

window.addEventListener('message', onMessage)
