// `argocd app diff APP`: each target that differs from its live object (cut down to the fields the manifest sets),
// and each live object no target has, in diff(1)'s normal format.
import { groupOf, type KubeObject } from '../../cluster/objects.ts'
import { contains } from '../../sync/app-status.ts'
import type { Application } from '../../sync/application.ts'
import type { Simulation } from '../../sync/simulation.ts'
import { settingsOf } from '../../sync/task.ts'
import { liveKey } from '../../sync/tracking.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { yamlLines } from './app-manifests.ts'
import { normalDiff } from './normal-diff.ts'

/** The target objects Argo CD compares (hooks excluded), with the destination namespace filled in. */
function targetsOf(app: Application, sim: Simulation): KubeObject[] {
  return (app.revision?.manifests ?? []).filter(m => {
    const s = settingsOf(m)
    return !s.isHook && !s.skip && !s.dropped
  }).map(m => {
    const namespaced = sim.fake.store.kinds.lookup(m.apiVersion, m.kind)?.namespaced ?? true
    return namespaced && !m.metadata.namespace ? { ...m, metadata: { ...m.metadata, namespace: app.namespace } } : m
  })
}

export function diff(app: Application, sim: Simulation, _ctx: TerminalContext, exitCode: boolean): CommandResult {
  const lines: string[] = []
  const seen = new Set<string>()
  const header = (obj: KubeObject) =>
    `===== ${groupOf(obj.apiVersion)}/${obj.kind} ${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''} ======`
  for (const target of targetsOf(app, sim)) {
    const key = liveKey(target)
    seen.add(key)
    const live = app.live().get(key)
    if (live && contains(live, target)) continue
    const left = live ? yamlLines(project(live, target)) : []
    lines.push('', header(target), ...normalDiff(left, yamlLines(target)))
  }
  for (const [key, live] of app.live()) {
    if (seen.has(key) || settingsOf(live).isHook) continue
    lines.push('', header(live), ...normalDiff(yamlLines(project(live, live)), []))
  }
  return { lines, exitCode: lines.length > 0 && exitCode ? 1 : 0 }
}

/** The live object cut down to the fields the manifest sets (what the learner wrote), for a readable diff. */
function project(live: unknown, shape: unknown): unknown {
  if (Array.isArray(shape) && Array.isArray(live)) return live.map((v, i) => project(v, shape[i] ?? shape[0]))
  if (shape !== null && typeof shape === 'object' && !Array.isArray(shape) && live !== null && typeof live === 'object' &&
    !Array.isArray(live)) {
    const outObj: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(live as Record<string, unknown>)) {
      if (k in (shape as Record<string, unknown>) && k !== 'status') {
        if (k === 'annotations' || k === 'labels') {
          const kept = Object.fromEntries(Object.entries(v as Record<string, string>).filter(([ak]) =>
            ak in ((shape as Record<string, unknown>)[k] as Record<string, unknown>)))
          outObj[k] = kept
        } else outObj[k] = project(v, (shape as Record<string, unknown>)[k])
      }
    }
    return outObj
  }
  return live
}
