// The sync plan, live as the learner types: the order Argo CD will use (phase → wave → kind → name), which objects
// are hooks, which will be deleted before creation, and which will never be applied. Computed by the engine's own
// planner from the editor's text.
import { memo, useMemo } from 'react'
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
  const shown = useMemo(() => {
    if (!plan) return undefined
    const groups = planGroups(plan.tasks)
    return { groups, signature: planSignature(groups) }
  }, [plan])
  if (!plan || !shown) return <section className="panel plan" aria-label="Sync plan"><h3>Sync plan</h3><p className="muted">Fix the errors in the editor to see the plan.</p></section>
  return (
    <section className="panel plan" aria-label="Sync plan" data-testid="sync-plan">
      <h3>Sync plan</h3>
      <PlanGroupsView groups={shown.groups} signature={shown.signature} />
      {plan.never.length > 0 ? (
        <p>Never applied: {plan.never.map(m => `${m.kind}/${m.metadata.name ?? m.metadata.generateName}`).join(', ')}
          {' '}(Skip R5, unknown hook type R4, delete hooks R10)</p>
      ) : null}
    </section>
  )
}

/** One line of the plan: an object, and what the sync will do with it beyond applying it. */
interface PlanRow {
  key: string
  phase: string
  name: string
  text: string
  /** The hook's delete policies, for a hook. */
  hook: string | undefined
  prune: boolean
  deleteFirst: boolean
}

type Task = ReturnType<typeof planTasks>['tasks'][number]

/** The plan's tasks in groups of one phase and wave, in order. */
function planGroups(tasks: readonly Task[]): Array<{ label: string; rows: PlanRow[] }> {
  const groups: Array<{ label: string; rows: PlanRow[] }> = []
  for (const t of tasks) {
    const label = `${t.phase} · wave ${wave(t)}`
    if (groups.at(-1)?.label !== label) groups.push({ label, rows: [] })
    const obj = (t.target ?? t.live)!
    const group = groupOf(obj.apiVersion)
    groups.at(-1)!.rows.push({ key: `${t.phase}/${obj.kind}/${obj.metadata.name}`, phase: t.phase,
      name: obj.metadata.name ?? '', text: `${group ? `${group}/` : ''}${obj.kind}/${obj.metadata.name}`,
      hook: isHook(t) ? settingsOf(obj).deletePolicies.join(', ') : undefined, prune: !t.target,
      deleteFirst: deleteBeforeCreation(t) })
  }
  return groups
}

/** All that the groups show, as one string: the list draws again only when it changes. */
function planSignature(groups: ReadonlyArray<{ label: string; rows: PlanRow[] }>): string {
  return groups.map(g => `${g.label}:${g.rows.map(r => `${r.key}|${r.text}|${r.hook ?? ''}|${r.prune}|${r.deleteFirst}`).join(',')}`).join(';')
}

/**
 * The groups as lists. The plan is made again whenever a tracked object changes, ten times a second while a run
 * plays, and mostly comes out the same: a 200-resource plan's 230 lines were compared again on each of them.
 */
const PlanGroupsView = memo(function PlanGroupsView({ groups }: { groups: Array<{ label: string; rows: PlanRow[] }>; signature: string }) {
  return (
    <ol className="plan-groups">
      {groups.map(g => (
        <li key={g.label}>
          <span className="plan-group">{g.label}</span>
          <ul>
            {g.rows.map(r => (
              <li key={r.key} data-phase={r.phase} data-name={r.name}>
                {r.text}
                {r.hook !== undefined ? <span className="hook-tag"> hook · {r.hook}</span> : null}
                {r.prune ? <span className="prune-tag"> prune (R48)</span> : null}
                {r.deleteFirst ? <span className="bhc-tag"> deleted before creation (R33)</span> : null}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  )
}, (a, b) => a.signature === b.signature)
