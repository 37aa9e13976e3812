// The session the page shows now (main.tsx sets it when a lab opens): for parts of the page outside the app's tree,
// such as the update offer, which must not reload the page while an operation runs.
import type { Session } from './session.ts'

let current: Session | undefined

export function setCurrentSession(session: Session): void {
  current = session
}

/** Nothing is syncing or being deleted in the session shown (true before a session has started its run). */
export function sessionSettled(): boolean {
  const live = current?.live as Session['live'] | undefined // set once the session is ready
  return live?.settled ?? true
}
