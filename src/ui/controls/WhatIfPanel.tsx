// "What if": per workload, make its containers fail, run slow, never become ready, or miss their image, without
// touching the YAML. A simulation setting, kept apart from the manifests and marked as such.
import type { WhatIf } from '../session/actions.ts'
import type { Session } from '../session/session.ts'

const CHOICES: Array<{ value: WhatIf; label: string }> = [
  { value: 'normal', label: 'as written' },
  { value: 'fail', label: 'fails (exit 1)' },
  { value: 'slow', label: 'runs 30 s longer' },
  { value: 'never-ready', label: 'never becomes ready' },
  { value: 'missing-image', label: 'image cannot be pulled' },
]

export function WhatIfPanel({ session }: { session: Session }) {
  const workloads = (session.head?.manifests ?? []).filter(m => ['Job', 'Deployment', 'StatefulSet', 'DaemonSet', 'Pod'].includes(m.kind))
  if (workloads.length === 0) return null
  const current = session.live.whatIf
  return (
    <details className="panel what-if" data-testid="what-if">
      <summary>What if… <span className="muted">(simulation settings, not part of the YAML)</span></summary>
      {workloads.map(m => {
        const target = `${m.kind}/${m.metadata.name ?? m.metadata.generateName}`
        return (
          <label key={target} className="what-if-row">
            <span>{target}</span>
            <select value={current.get(target) ?? 'normal'} data-target={target}
              onChange={e => session.setWhatIf(target, e.target.value as WhatIf)}>
              {CHOICES.map(c => <option key={c.value} value={c.value}>{c.label}</option>)}
            </select>
          </label>
        )
      })}
    </details>
  )
}
