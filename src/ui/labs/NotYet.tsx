// "Not passed yet": what the current task still misses, in plain words (src/labs/words.ts); the check's own terms
// (what `synclab lab check` prints) only for those who open them.
import { type Failure, formatFailure, NO_APP } from '../../labs/check.ts'
import type { LabTask } from '../../labs/types.ts'
import { plainExpectation, plainNow } from '../../labs/words.ts'

/** "Not passed yet": what is still missing, in plain words; the check's own terms only for those who open them. */
export function NotYet({ task, failures }: { task: LabTask; failures: Failure[] }) {
  const noApp = failures.some(f => f.why === NO_APP)
  return (
    <details className="not-yet" data-testid="not-yet">
      <summary>Not passed yet</summary>
      {noApp ? <p>There is no application yet: create it first.</p> : null}
      <p>Still missing:</p>
      <ul>
        {failures.map(f => {
          const x = task.check[f.index]!
          const now = f.why === NO_APP ? undefined : plainNow(f, x)
          return <li key={f.index}>{plainExpectation(x)}{now ? <span className="muted"> {now}</span> : null}</li>
        })}
      </ul>
      <details className="check-terms">
        <summary className="muted">The check's own terms</summary>
        <ul className="muted">{failures.map(f => <li key={f.index}>{formatFailure(f)}</li>)}</ul>
      </details>
    </details>
  )
}
