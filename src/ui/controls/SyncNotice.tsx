// Why Sync did nothing (no application, or the one shown is gone or going), and the way on: create it (again).
import { useState } from 'react'
import type { NewAppSpec } from '../session/new-app.ts'
import type { AppNotice, Session } from '../session/session.ts'

export function SyncNotice({ notice, session, onNewApp }: { notice: AppNotice; session: Session; onNewApp: (spec?: NewAppSpec) => void }) {
  const [problem, setProblem] = useState<string | undefined>()
  const again = async (spec: NewAppSpec) => {
    const outcome = await session.createApp(spec)
    if (!outcome.ok) setProblem(outcome.lines.join(' '))
  }
  return (
    <div className="sync-notice" role="alert" data-testid="sync-notice">
      {notice.kind === 'no-app' ? (
        <>There is no application to sync yet.{' '}
          <button onClick={() => onNewApp()} data-testid="notice-new-app">+ New app</button></>
      ) : notice.kind === 'deleting' ? (
        <>The application <code>{notice.app}</code> is being deleted: there is nothing to sync.</>
      ) : (
        <>The application <code>{notice.app}</code> was deleted: it is gone, so there is nothing to sync.{' '}
          <button onClick={() => void again(notice.spec)} data-testid="create-again">Create {notice.app} again</button>{' '}
          <button onClick={() => onNewApp(notice.spec)}>Edit, then create…</button></>
      )}
      {problem ? <div className="error">{problem}</div> : null}
    </div>
  )
}
