// What could not be restored from the browser's storage (saved-check.ts), said once at the top of the page, with
// Reset within reach.
import type { Session } from './session.ts'

export function RestoreNotice({ session, onReset }: { session: Session; onReset: () => void }) {
  if (session.restoreNotice.length === 0) return null
  return (
    <section className="panel restore-notice" role="status" data-testid="restore-notice">
      <p><strong>Some of your saved work could not be restored</strong>; the rest is here.</p>
      <ul>{session.restoreNotice.map(line => <li key={line}>{line}</li>)}</ul>
      <p>
        <button onClick={() => session.dismissRestoreNotice()}>OK</button>{' '}
        <button className="danger" onClick={onReset} data-testid="restore-reset">Reset the lab</button>
      </p>
    </section>
  )
}
