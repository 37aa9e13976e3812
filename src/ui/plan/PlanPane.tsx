// The sync plan, live as the learner types: the order Argo CD will use (phase → wave → kind → name), which objects
// are hooks, which will be deleted before creation, and which will never be applied. Computed by the engine's own
// planner from the editor's text.
import { useMemo } from 'react'
import { groupOf, type KubeObject } from '../../cluster/objects.ts'
import { planTasks } from '../../sync/plan.ts'
import { deleteBeforeCreation, isHook, settingsOf, wave } from '../../sync/task.ts'
import type { Session } from '../session/session.ts'

const NOTHING_LIVE: ReadonlyMap<string, KubeObject> = new Map()

export function PlanPane({ session }: { session: Session }) {
  const source = session.source
  const run = session.shown
  const app = run.app // none yet: planned against an empty namespace
  const liveVersion = app?.liveVersion ?? 0
  // Planned again only when the files or the tracked objects change, not on every tick.
  const plan = useMemo(() => {
    if (!source.ok) return undefined
    const { tasks } = planTasks({ targets: source.manifests, live: app?.live() ?? NOTHING_LIVE,
      namespace: app?.namespace ?? session.opts.namespace,
      revision: session.head?.id ?? '0000000', startedAt: run.now })
    const never = source.manifests.filter(m => settingsOf(m).skip || settingsOf(m).dropped || settingsOf(m).excludedFromSync)
    return { tasks, never }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source, run, app, liveVersion])
  if (!plan) return <section className="panel plan" aria-label="Sync plan"><h3>Sync plan</h3><p className="muted">Fix the errors in the editor to see the plan.</p></section>
  const groups: Array<{ label: string; tasks: typeof plan.tasks }> = []
  for (const t of plan.tasks) {
    const label = `${t.phase} · wave ${wave(t)}`
    if (groups.at(-1)?.label !== label) groups.push({ label, tasks: [] })
    groups.at(-1)!.tasks.push(t)
  }
  return (
    <section className="panel plan" aria-label="Sync plan" data-testid="sync-plan">
      <h3>Sync plan</h3>
      <ol className="plan-groups">
        {groups.map(g => (
          <li key={g.label}>
            <span className="plan-group">{g.label}</span>
            <ul>
              {g.tasks.map(t => {
                const obj = (t.target ?? t.live)!
                return (
                  <li key={`${t.phase}/${obj.kind}/${obj.metadata.name}`} data-phase={t.phase} data-name={obj.metadata.name}>
                    {groupOf(obj.apiVersion) ? `${groupOf(obj.apiVersion)}/` : ''}{obj.kind}/{obj.metadata.name}
                    {isHook(t) ? <span className="hook-tag"> hook · {settingsOf(obj).deletePolicies.join(', ')}</span> : null}
                    {!t.target ? <span className="prune-tag"> prune (R48)</span> : null}
                    {deleteBeforeCreation(t) ? <span className="bhc-tag"> deleted before creation (R33)</span> : null}
                  </li>
                )
              })}
            </ul>
          </li>
        ))}
      </ol>
      {plan.never.length > 0 ? (
        <p>Never applied: {plan.never.map(m => `${m.kind}/${m.metadata.name ?? m.metadata.generateName}`).join(', ')}
          {' '}(Skip R5, unknown hook type R4, delete hooks R10)</p>
      ) : null}
    </section>
  )
}
