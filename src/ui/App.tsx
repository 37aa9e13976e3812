// The sandbox page: source on the left; the application, the plan and the sync panel on the right; the timeline,
// the event streams and the time controls below.
import { memo, type ReactNode, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import type { TerminalContext } from '../contract/terminal.ts'
import { loadShell } from './session/shell.ts'
import { ChunkBoundary, lazyRetry } from './chunks/lazy-retry.tsx'
import type { TerminalPanelProps } from './terminal/TerminalPanel.tsx'
import { ApplicationsList } from './apps/ApplicationsList.tsx'
import { AppView } from './app-view/AppView.tsx'
import { simulatedApp } from './app-view/shown-app.ts'
import { SyncPanel } from './controls/SyncPanel.tsx'
import { TimeControls } from './controls/TimeControls.tsx'
import { WhatIfPanel } from './controls/WhatIfPanel.tsx'
import { EventStream } from './events/EventStream.tsx'
import { eventLines, podWatchLines } from './events/watch-lines.ts'
import { InstructorSection } from './instructor/InstructorSection.tsx'
import { DEFAULT_USER, userNameProblem } from '../labs/parse.ts'
import { LABS } from './labs/catalog.ts'
import { courseTitle } from './labs/course.ts'
import { LabPanel } from './labs/LabPanel.tsx'
import { LogsSection } from './logs/LogsSection.tsx'
import type { LabTracker } from './labs/tracker.ts'
import { PlanPane } from './plan/PlanPane.tsx'
import type { NewAppSpec } from './session/new-app.ts'
import type { Session } from './session/session.ts'
import { SourcePanel } from './source/SourcePanel.tsx'
import { useSessionState } from './use-session.ts'
import { useThrottledVersion } from './use-throttled.ts'
import { PanelBoundary } from './PanelBoundary.tsx'
import { RestoreNotice } from './session/RestoreNotice.tsx'
import { ThemeControl } from './appearance/ThemeControl.tsx'
import { PanelTabBar, PanelTabPanel, PanelTabs } from './layout/PanelTabs.tsx'
import { useAfterFirstPaint } from './layout/after-first-paint.ts'
import { Paced } from './layout/paced.tsx'

/**
 * "Your name": the learner's name, which is the lab's namespace; applied on Enter or when the field is left. Memoised,
 * like the header's other controls: the page redraws twenty times a second while a run plays, and React writes an
 * input's name and type again on each redraw of it (DOM changes the browser then styles and paints).
 */
const UserField = memo(function UserField({ user, onUser }: { user: string; onUser: (name: string) => void }) {
  const [text, setText] = useState(user)
  useEffect(() => setText(user), [user])
  const name = text.trim() === '' ? DEFAULT_USER : text.trim()
  const problem = userNameProblem(name)
  const apply = () => { if (problem === undefined) onUser(name) }
  return (
    <label title={problem ?? 'Your name is the namespace the lab deploys into'}>Your name{' '}
      <input value={text} size={12} spellCheck={false} data-testid="user-name" aria-invalid={problem !== undefined}
        placeholder={DEFAULT_USER} onChange={e => setText(e.target.value)} onBlur={apply}
        onKeyDown={e => { if (e.key === 'Enter') apply() }} />
      {problem !== undefined && <span className="error" role="alert"> {problem}</span>}
    </label>
  )
})

export function App({ session, tracker, onOpenLab, user, onUser }: { session: Session; tracker: LabTracker;
  onOpenLab: (id: string) => void; user?: string; onUser?: (name: string) => void }) {
  // The page redraws at once for what the learner does; the passing of time alone redraws nothing urgently (the
  // clock writes itself, TimeControls), so the heavy views' interruptible renders below are not restarted each frame.
  useSessionState(session)
  // The application view, the timeline and the streams are the heavy part: while a run plays they redraw ten times a
  // second, at a lower priority (transitions), in an interruptible render, so that every frame stays short.
  const deferred = useThrottledVersion(session, 100)
  // The timeline and the streams redraw half-way between two redraws of the application view: never in its frame.
  const runVersion = useThrottledVersion(session, 100, 50)
  // The plan follows the tracked objects at the application view's pace (ten times a second, deferred), not on every
  // frame: re-planning a 200-resource app on each frame of a sync cost a slow laptop's frames (page.slow bench).
  const planLive = useMemo(() => session.shown.app?.liveVersion ?? 0, [session, deferred]) // eslint-disable-line react-hooks/exhaustive-deps
  useShortcuts(session)
  // The plan, the cluster panel, the timeline, the logs, the terminal and the header's Open lab and Share (chunks of
  // their own) are drawn just after the first paint.
  const rest = useAfterFirstPaint()
  // NEW APP: the form's content while it is open (the dialog loads when first opened).
  const [newApp, setNewApp] = useState<NewAppSpec | undefined>()
  // One function for the App's life: the memoised panels given it (Sync, Applications) skip the redraws of a playing run.
  const openNewApp = useCallback((spec?: NewAppSpec) => setNewApp(spec ?? session.labAppSpec()), [session])
  // The real cluster connected in the cluster panel: the Sync buttons then say where they sync.
  const [cluster, setCluster] = useState<string | undefined>()
  const shownApp = session.live.app
  const reset = () => { if (confirm('Reset the lab? Your edits and the cluster are lost.')) void session.reset() }
  // Each panel draws apart: one that fails shows what failed and a Reset, the others go on (PanelBoundary).
  const panel = (name: string, node: ReactNode) => <PanelBoundary name={name} onReset={reset}>{node}</PanelBoundary>
  // A heavy panel off-screen follows a playing run once a second (paced.tsx).
  const paced = (version: number, draw: (version: number) => ReactNode) =>
    <Paced version={version} urgent={session.stateVersion} playing={session.playing}>{draw}</Paced>
  return (
    <PanelTabs><div className="layout" data-testid="sandbox" data-ready="true">
      <header className="top">
        <h1>{courseTitle() ?? 'synclab'}</h1>
        <label>Lab{' '}
          <select value={tracker.lab.id} onChange={e => onOpenLab(e.target.value)} data-testid="lab-picker">
            {LABS.map(l => <option key={l.id} value={l.id}>{l.title}</option>)}
          </select>
        </label>
        {user !== undefined && onUser && <UserField user={user} onUser={onUser} />}
        <span className="muted">app <code>{tracker.lab.app.name}</code> · namespace <code>{tracker.lab.app.namespace}</code></span>
        {rest && panel('Labs', <ChunkBoundary what="Open lab"><Suspense fallback={null}><LabMenu onOpenLab={onOpenLab} /></Suspense></ChunkBoundary>)}
        {rest && panel('Share', <ChunkBoundary what="sharing"><Suspense fallback={null}><ShareButton session={session} lab={tracker.lab} /></Suspense></ChunkBoundary>)}
        <ThemeControl />
      </header>
      <RestoreNotice session={session} onReset={reset} />
      {panel('Instructor', <InstructorSection session={session} lab={tracker.lab} />)}
      <PanelTabBar />
      <main className="columns">
        <div className="left">
          <PanelTabPanel tab="lab">{panel('Lab', <LabPanel session={session} tracker={tracker} version={deferred} />)}</PanelTabPanel>
          <PanelTabPanel tab="editor">{panel('Source', <SourcePanelMemo session={session} version={session.stateVersion} />)}</PanelTabPanel>
        </div>
        <div className="right"><PanelTabPanel tab="app">
          {panel('Applications', paced(deferred, v => <ApplicationsListMemo session={session} version={v} onNewApp={openNewApp} />))}
          {panel('Sync', <SyncPanelMemo session={session} version={session.stateVersion} cluster={cluster} onNewApp={openNewApp}
            app={`${shownApp?.name}/${shownApp?.operationRunning}/${!!shownApp?.deletion}/${shownApp?.deleted}`} />)}
          {panel('What if', <WhatIfPanelMemo session={session} version={session.stateVersion} />)}
          {panel('Application', paced(deferred, v => <AppViewMemo session={session} version={v} />))}
          {rest && panel('Plan', paced(planLive, live => <PlanPaneMemo session={session} version={session.stateVersion} live={live} />))}
          {rest && panel('Cluster', <ChunkBoundary what="the cluster panel" className="panel">
            <Suspense fallback={null}>
              <ClusterPanel key={tracker.lab.id} manifests={session.head?.manifests ?? NO_MANIFESTS}
                revision={session.head?.id ?? 'HEAD'} waveDelayMs={tracker.lab.app.waveDelayMs} seed={tracker.lab.seed}
                onConnection={setCluster} />
            </Suspense>
          </ChunkBoundary>)}
        </PanelTabPanel></div>
      </main>
      <PanelTabPanel tab="timeline"><section className="bottom panel" aria-label="Timeline">
        {rest && panel('Time controls', <TimeControls session={session} />)}
        {rest && panel('Timeline', paced(runVersion, v => <RunTimelineView session={session} version={v} />))}
        {rest && panel('Events', paced(runVersion, v => <RunStreams session={session} version={v} />))}
        {rest && panel('Logs', paced(runVersion, v => <LogsSection session={session} version={v} />))}
      </section></PanelTabPanel>
      <PanelTabPanel tab="terminal" opens>{rest && panel('Terminal', <TerminalSection session={session} />)}</PanelTabPanel>
      {newApp ? (
        <ChunkBoundary what="the New app dialog">
          <Suspense fallback={null}>
            <NewAppDialog session={session} initial={newApp} onClose={() => setNewApp(undefined)} />
          </Suspense>
        </ChunkBoundary>
      ) : null}
    </div></PanelTabs>
  )
}

// Panels that change only when the learner does something, or (the plan) when the tracked objects change: they
// skip the re-render on every frame of a playing run.
type Versioned = { session: Session; version: number }
const SourcePanelMemo = memo(({ session }: Versioned) => <SourcePanel session={session} />)
const SyncPanelMemo = memo(({ session, cluster, onNewApp }: Versioned & { app: string; cluster: string | undefined;
  onNewApp: (spec?: NewAppSpec) => void }) => <SyncPanel session={session} cluster={cluster} onNewApp={onNewApp} />)
const ApplicationsListMemo = memo(({ session, onNewApp }: Versioned & { onNewApp: () => void }) =>
  <ApplicationsList session={session} onNewApp={onNewApp} />)
const WhatIfPanelMemo = memo(({ session }: Versioned) => <WhatIfPanel session={session} />)
const AppViewMemo = memo(({ session }: Versioned) => {
  const shown = simulatedApp(session.shown)
  return shown ? <AppView shown={shown} /> : <NoApplication />
})

/** The details before any application exists. */
function NoApplication() {
  return (
    <section className="panel app-view" aria-label="Application" data-testid="app-view">
      <p className="muted" data-testid="no-app">No application yet: nothing is deployed. Create one with
        <strong> New app</strong> above, or with <code>argocd app create</code> in the terminal.</p>
    </section>
  )
}
const PlanPaneMemo = memo(({ session }: Versioned & { live: number }) => <PlanPane session={session} />)

/** The shown application's run: its events, and the Pods of its destination namespace. */
function useRunFacts(session: Session) {
  const run = session.live
  const app = run.app
  const all = run.podHistories()
  const namespace = app?.namespace
  const pods = useMemo(() => (namespace !== undefined ? all.filter(p => p.namespace === namespace) : all), [all, namespace])
  return { run, pods, events: app?.events ?? NO_EVENTS }
}

/** The timeline of the whole recorded run (the live run), its cursor at the moment shown, at the given session version. */
const RunTimelineView = memo(function RunTimelineView({ session }: { session: Session; version: number }) {
  const { run, pods, events } = useRunFacts(session)
  return (
    <ChunkBoundary what="the timeline">
      <Suspense fallback={<div className="timeline-loading" aria-busy="true">Loading the timeline…</div>}>
        <RunTimeline events={events} pods={pods} now={run.now} cursor={session.view ? session.shown.now : undefined}
          onCursor={t => void session.seek(t)} />
      </Suspense>
    </ChunkBoundary>
  )
})

/**
 * The event streams up to the moment shown. Paced apart from the timeline: below a 200-resource timeline they are
 * off-screen while the learner follows it, and then follow a playing run once a second, not ten times.
 */
const RunStreams = memo(function RunStreams({ session }: { session: Session; version: number }) {
  const { pods, events } = useRunFacts(session)
  const at = session.shown.now
  return (
    <div className="streams">
      <EventStream title="kubectl get pods --watch" lines={podWatchLines(pods, at)} />
      <EventStream title="Operation events" lines={eventLines(events, at)} />
    </div>
  )
})

const NO_MANIFESTS: never[] = []
const NO_EVENTS: never[] = []
// The timeline's chart sits below the application view: it loads just after the page.
const RunTimeline = lazyRetry(() => import('./timeline/RunTimeline.tsx').then(m => ({ default: m.RunTimeline })))
// The real-cluster panel brings the Kubernetes client and a second engine: loaded after the page, apart.
const ClusterPanel = memo(lazyRetry(() => import('./cluster/ClusterPanel.tsx').then(m => ({ default: m.ClusterPanel }))))
// Making and opening share links (compression, the address's fragment) loads just after the page.
const ShareButton = memo(lazyRetry(() => import('./share/ShareButton.tsx').then(m => ({ default: m.ShareButton }))))
// Open lab… and Progress (course tools) load just after the page.
const LabMenu = memo(lazyRetry(() => import('./course/LabMenu.tsx').then(m => ({ default: m.LabMenu }))))
// NEW APP is opened now and then: it loads when first opened.
const NewAppDialog = lazyRetry(() => import('./apps/NewAppDialog.tsx').then(m => ({ default: m.NewAppDialog })))
// xterm.js is large: the terminal loads when the learner opens it.
// The interpreter comes with it (loadShell: the page's entry says where from).
const TerminalPanel = lazyRetry(() => Promise.all([import('./terminal/TerminalPanel.tsx'), loadShell()])
  .then(([m, shell]) => ({ default: (props: Omit<TerminalPanelProps, 'shell'>) => <m.TerminalPanel {...props} shell={shell} /> })))

/** A terminal that speaks `argocd`, `kubectl` and `oc` against the simulated cluster. */
function TerminalSection({ session }: { session: Session }) {
  const [open, setOpen] = useState(false)
  const context = useMemo<TerminalContext>(() => ({
    ...session.terminalContext(),
    onActivity: () => { if (!session.playing) session.play() },
    onTime: listener => session.subscribe(listener),
  }), [session])
  return (
    <details className="panel terminal-wrap" onToggle={e => setOpen((e.target as HTMLDetailsElement).open)}
      data-testid="terminal-section">
      <summary>Terminal <span className="muted">(argocd, kubectl, oc)</span></summary>
      {open ? (
        <div className="terminal-host">
          <ChunkBoundary what="the terminal">
            <Suspense fallback={<p className="muted">Loading the terminal…</p>}>
              <TerminalPanel context={context} run={(line, ctx, shell) => session.runCommand(line, ctx, shell)} onCommand={line => session.recordCommand(line)} />
            </Suspense>
          </ChunkBoundary>
        </div>
      ) : null}
    </details>
  )
}

/**
 * Ctrl/Cmd+Enter syncs, Ctrl/Cmd+S commits, wherever the focus is: caught on the way down (capture), before the
 * editor, which would take Ctrl+Enter as "insert a line below".
 */
function useShortcuts(session: Session): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || !session.editable) return // another tab edits (tab-lease.ts)
      if (e.key === 'Enter') {
        e.preventDefault()
        e.stopPropagation()
        session.sync()
      } else if (e.key.toLowerCase() === 's') {
        e.preventDefault()
        e.stopPropagation()
        session.commit()
      }
    }
    window.addEventListener('keydown', onKey, true)
    return () => window.removeEventListener('keydown', onKey, true)
  }, [session])
}
