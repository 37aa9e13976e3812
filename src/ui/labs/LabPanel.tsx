// The lab beside the editor: its tasks and their state (to do, passed), the current task's instructions, hints one
// at a time, and "show solution" (applied to the files as an edit the learner can commit, or undo in the editor).
import { Suspense, useEffect, useState } from 'react'
import { ChunkBoundary, lazyRetry } from '../chunks/lazy-retry.tsx'
import type { Session } from '../session/session.ts'
import { Markdown } from './Markdown.tsx'
import type { LabTracker } from './tracker.ts'

export function LabPanel({ session, tracker, version }: { session: Session; tracker: LabTracker; version: number }) {
  const [, rerender] = useState(0)
  const [solutionNote, setSolutionNote] = useState<string | undefined>()
  // Each settled state of the live run is checked against the current task.
  useEffect(() => {
    if (tracker.check(session)) rerender(n => n + 1)
  }, [tracker, session, version])
  const lab = tracker.lab
  const task = tracker.task
  const hintsShown = task ? tracker.progress.hintsShown[task.id] ?? 0 : 0
  return (
    <section className="panel lab" aria-label="Lab" data-testid="lab-panel">
      <h2>{lab.title} <span className="muted">· about {lab.minutes} min</span></h2>
      <ol className="lab-tasks">
        {lab.tasks.map((t, i) => {
          const passed = tracker.progress.passed.includes(t.id)
          const current = i === tracker.progress.current
          return (
            <li key={t.id} data-task={t.id} data-state={passed ? 'passed' : current ? 'current' : 'todo'}
              aria-current={current ? 'step' : undefined}>
              <span aria-hidden="true">{passed ? '✔' : current ? '▶' : '○'}</span> {t.title}
              <span className="sr-only">{passed ? ' (passed)' : current ? ' (current task)' : ' (to do)'}</span>
            </li>
          )
        })}
      </ol>
      {task ? (
        <div className="lab-task" data-testid="lab-task">
          <Markdown className="instructions" text={task.instructions} />
          {task.hints.slice(0, hintsShown).map((h, i) => (
            <Markdown key={i} className="hint" text={`**Hint ${i + 1}.** ${h}`} />
          ))}
          <div className="lab-buttons">
            {hintsShown < task.hints.length ? (
              <button onClick={() => { tracker.showHint(task); rerender(n => n + 1) }} data-testid="hint">
                Show hint {hintsShown + 1} of {task.hints.length}</button>
            ) : null}
            {task.needsWork ? (
              <button onClick={() => {
                const problems = tracker.applySolution(session, task)
                setSolutionNote(problems.length > 0 ? problems.join('; ')
                  : 'The solution is in the editor: commit it, then sync.')
              }} data-testid="show-solution">Show solution</button>
            ) : null}
          </div>
          {solutionNote ? <p className="muted" role="status">{solutionNote}</p> : null}
          {tracker.last && !tracker.last.ok ? (
            <ChunkBoundary what="the task's checks"><Suspense fallback={null}><NotYet task={task} failures={tracker.last.failures} /></Suspense></ChunkBoundary>
          ) : null}
        </div>
      ) : <p data-testid="lab-done">All tasks passed. Well done!</p>}
    </section>
  )
}

// What is missing, in plain words: loaded the first time a check does not pass.
const NotYet = lazyRetry(() => import('./NotYet.tsx').then(m => ({ default: m.NotYet })))
