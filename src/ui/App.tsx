// The sandbox page: source on the left; the application, the plan and the sync panel on the right; the timeline,
// the event streams and the time controls below.
import { memo, useDeferredValue, useEffect } from 'react'
import { AppView } from './app-view/AppView.tsx'
import { SyncPanel } from './controls/SyncPanel.tsx'
import { TimeControls } from './controls/TimeControls.tsx'
import { WhatIfPanel } from './controls/WhatIfPanel.tsx'
import { EventStream } from './events/EventStream.tsx'
import { eventLines, podWatchLines } from './events/watch-lines.ts'
import { LAB } from './lab.ts'
import { PlanPane } from './plan/PlanPane.tsx'
import type { Session } from './session/session.ts'
import { SourcePanel } from './source/SourcePanel.tsx'
import { buildTimeline } from './timeline/model.ts'
import { Timeline } from './timeline/Timeline.tsx'
import { useSession } from './use-session.ts'

export function App({ session }: { session: Session }) {
  const version = useSession(session)
  // The timeline and the streams are the heavy part: they follow at a lower priority, in an interruptible render,
  // so that playing at 20× keeps every frame short.
  const deferred = useDeferredValue(version)
  useShortcuts(session)
  return (
    <div className="layout" data-testid="sandbox" data-ready="true">
      <header className="top">
        <h1>synclab</h1>
        <span className="muted">Lab: {LAB.title} · app <code>{LAB.appName}</code> · namespace <code>{LAB.namespace}</code></span>
      </header>
      <main className="columns">
        <SourcePanel session={session} />
        <div className="right">
          <SyncPanel session={session} />
          <WhatIfPanel session={session} />
          <AppView session={session} />
          <PlanPane session={session} />
        </div>
      </main>
      <section className="bottom panel" aria-label="Timeline">
        <TimeControls session={session} />
        <RunViews session={session} version={deferred} />
      </section>
    </div>
  )
}

/** Timeline and event streams of the run shown, at the given session version. */
const RunViews = memo(function RunViews({ session }: { session: Session; version: number }) {
  const run = session.shown
  const now = run.now
  const pods = run.podHistories()
  return (
    <>
      <Timeline timeline={buildTimeline(run.app.events, pods, now)} now={now} cursor={session.view ? now : undefined}
        onCursor={t => void session.seek(t)} />
      <div className="streams">
        <EventStream title="kubectl get pods --watch" lines={podWatchLines(pods, now)} />
        <EventStream title="Operation events" lines={eventLines(run.app.events, now)} />
      </div>
    </>
  )
})

/** Ctrl/Cmd+Enter syncs, Ctrl/Cmd+S commits. */
function useShortcuts(session: Session): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return
      if (e.key === 'Enter') {
        e.preventDefault()
        session.sync()
      } else if (e.key === 's') {
        e.preventDefault()
        session.commit()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [session])
}
