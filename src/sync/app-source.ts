// Where each Application of a simulation comes from (spec.source and spec.destination as `argocd app create` set
// them): the terminal prints it (`argocd app get`, `app list`), the page lists it, and lab checks find the learner's
// application by its path and destination namespace, whatever its name.
import type { Simulation } from './simulation.ts'

/** spec.destination.server of the cluster Argo CD runs in. */
export const IN_CLUSTER = 'https://kubernetes.default.svc'

export interface AppSource {
  /** spec.source.repoURL */
  repo: string
  /** spec.source.path */
  path: string
  /** spec.source.targetRevision ('' is HEAD) */
  targetRevision: string
  project: string
  /** spec.destination.server */
  destServer: string
}

const sources = new WeakMap<Simulation, Map<string, AppSource>>()

/** The sources of a simulation's applications, by application name (an Application's name is its identity). */
export function appSources(sim: Simulation): Map<string, AppSource> {
  let map = sources.get(sim)
  if (!map) sources.set(sim, (map = new Map()))
  return map
}
