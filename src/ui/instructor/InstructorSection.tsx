// Instructor mode's toggle. Most visits never use the mode: its bar and logic load when it is first turned on, or
// at once when it was on last time.
import { Suspense, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import type { Lab } from '../../labs/types.ts'
import type { Session } from '../session/session.ts'
import { INSTRUCTOR_STORAGE_KEY } from './storage-key.ts'
import './instructor.css'

const InstructorBar = lazyRetry(() => import('./InstructorBar.tsx').then(m => ({ default: m.InstructorBar })))

function wasOn(): boolean {
  try {
    return window.localStorage.getItem(INSTRUCTOR_STORAGE_KEY) === 'on'
  } catch {
    return false
  }
}

export function InstructorSection({ session, lab }: { session: Session; lab: Lab }) {
  const [wanted, setWanted] = useState(wasOn)
  const [turnOn, setTurnOn] = useState(false)
  if (!wanted) {
    return <Toggle pressed={false} onClick={() => {
      setTurnOn(true)
      setWanted(true)
    }} />
  }
  return (
    <ChunkBoundary what="instructor mode"><Suspense fallback={<Toggle pressed />}>
      <InstructorBar session={session} lab={lab} turnOn={turnOn} />
    </Suspense></ChunkBoundary>
  )
}

/** The bar as it looks before its code is there: the toggle alone. */
function Toggle({ pressed, onClick }: { pressed: boolean; onClick?: () => void }) {
  return (
    <section className="instructor" aria-label="Instructor mode" data-testid="instructor">
      <div className="instructor-bar" role="toolbar" aria-label="Instructor">
        <button type="button" aria-pressed={pressed} onClick={onClick} disabled={onClick === undefined}
          data-testid="instructor-toggle" title="Larger type; the lab's marked moments stop the clock">Instructor mode</button>
      </div>
      <div role="status" aria-live="polite" data-testid="moment-status" />
    </section>
  )
}
