// React's view of the session: re-render on every change.
import { useSyncExternalStore } from 'react'
import type { Session } from './session/session.ts'

export function useSession(session: Session): number {
  return useSyncExternalStore(session.subscribe, () => session.version)
}
