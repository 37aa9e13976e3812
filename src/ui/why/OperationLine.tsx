// The line of WhyItWaits.tsx: what the operation is waiting for and which rule makes it wait; the rule's text on a
// click. It and the rules' texts load after the page's first render (no operation runs then).
import { useSelector } from '@xstate/react'
import type { OperationActor } from '../../sync/application.ts'
import type { ShownApp } from '../app-view/shown-app.ts'
import { podWait, waitedObject } from './pod-wait.ts'
import { RULES, ruleForMessage } from './rules.ts'

/** Subscribes to the operation's own xstate actor: its state says whether it waits out the wave delay. */
export default function OperationLine({ shown, actor, open, setOpen }: { shown: ShownApp; actor: OperationActor;
  open: string | undefined; setOpen: (id: string | undefined) => void }) {
  const inWaveDelay = useSelector(actor, s => s.matches({ running: 'waveDelay' }))
  const app = shown.app
  const current = app.currentOperation!
  const result = current.result()
  const ruleId = ruleForMessage(result.message, result.phase, inWaveDelay)
  const group = current.op.current
  let line = result.phase === 'Running' ? result.message || 'starting' : `${result.phase}: ${result.message}`
  if (inWaveDelay) line = `waiting out the wave delay before the next look (${group?.phase} wave ${group?.wave} applied)`
  const nextLook = app.nextTickAt
  const rule = ruleId ? RULES[ruleId] : undefined
  // What holds the waited-for workload back, said by its first Pod that is not Ready.
  const waited = result.phase === 'Running' ? waitedObject(result.message, app.live().values()) : undefined
  const held = waited ? podWait(waited, uid => shown.dependents(uid)) : undefined
  return (
    <div className="why" data-testid="why-it-waits" aria-live="polite">
      <span className="why-line">{line}</span>
      {group && result.phase === 'Running' ? <span className="muted"> · now in {group.phase} · wave {group.wave}</span> : null}
      {rule ? (
        <> — <button className="rule-link" aria-expanded={open === rule.id} onClick={() => setOpen(open === rule.id ? undefined : rule.id)}>
          {rule.id}</button></>
      ) : null}
      {held ? (
        <span data-testid="why-pod"> · Pod {held.pod}: {held.text} (<button className="rule-link" aria-expanded={open === held.rule}
          onClick={() => setOpen(open === held.rule ? undefined : held.rule)}>{held.rule}</button>)</span>
      ) : null}
      {result.phase === 'Running' && nextLook !== undefined ? (
        <span className="muted"> · next controller look at {((nextLook - shown.origin) / 1000).toFixed(1)} s{' '}
          (<button className="rule-link" onClick={() => setOpen(open === 'R21' ? undefined : 'R21')}>R21</button>)</span>
      ) : null}
      {open && RULES[open] ? (
        <div className="rule-text" role="note"><strong>{RULES[open]!.id} · {RULES[open]!.title}.</strong> {RULES[open]!.text}</div>
      ) : null}
    </div>
  )
}
