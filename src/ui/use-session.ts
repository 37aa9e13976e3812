// React's view of the session. What the learner does (an edit, a commit, Sync, Play) redraws the page at once; time
// merely passing while a run plays does not: the heavy views follow it at their own pace (use-throttled.ts) and the
// clock writes itself (TimeControls' Clock), so no urgent redraw runs on every frame of a playing run.
import { useSyncExternalStore } from 'react'
import type { Session } from './session/session.ts'

/** Every change (each frame of a playing run): for the small views that must follow time exactly. */
export function useSession(session: Session): number {
  return useSyncExternalStore(session.subscribe, () => session.version)
}

/** Changes the learner made (session.stateVersion), not the passing of time. */
export function useSessionState(session: Session): number {
  return useSyncExternalStore(session.subscribe, () => session.stateVersion)
}
