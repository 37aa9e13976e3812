// A new Application as Argo CD's NEW APP form fills it in (GENERAL, SOURCE, DESTINATION), and the one request that
// makes it: the page's dialog and "create it again" send the same `argocd app create` the learner would type, so
// the same checks answer, and a rebuilt run (time travel, reload) replays it like a typed command. DOM-free.
import type { SyncPolicy } from '../../sync/auto-sync.ts'
import { type AppSource, IN_CLUSTER } from '../../sync/app-source.ts'
import type { Application } from '../../sync/application.ts'

export interface NewAppSpec {
  /** Application Name */
  name: string
  /** Project Name */
  project: string
  /** SYNC POLICY: Manual or Automatic (with PRUNE RESOURCES and SELF HEAL). */
  automated: boolean
  prune: boolean
  selfHeal: boolean
  /** Repository URL */
  repoURL: string
  /** Revision ('' or HEAD: the branch's head) */
  revision: string
  /** Path */
  path: string
  /** Cluster URL */
  server: string
  /** Namespace */
  namespace: string
}

/** The form as a lab fills it in: its application's name, folder, namespace and policy. */
export function newAppSpec(app: { name: string; namespace: string; path?: string | undefined; repoURL: string;
  syncPolicy?: SyncPolicy | undefined }): NewAppSpec {
  const automated = app.syncPolicy?.automated
  return { name: app.name, project: 'default', automated: !!automated, prune: !!automated?.prune,
    selfHeal: !!automated?.selfHeal, repoURL: app.repoURL, revision: 'HEAD', path: app.path ?? '', server: IN_CLUSTER,
    namespace: app.namespace }
}

/** The spec an existing (or deleted) application was made with, to make it again. */
export function specOfApp(app: Application, source: AppSource | undefined, fallbackRepoURL: string): NewAppSpec {
  const automated = app.syncPolicy?.automated
  return { name: app.name, project: source?.project ?? 'default', automated: !!automated, prune: !!automated?.prune,
    selfHeal: !!automated?.selfHeal, repoURL: source?.repo || fallbackRepoURL, revision: source?.targetRevision || 'HEAD',
    path: source?.path ?? '', server: source?.destServer ?? IN_CLUSTER, namespace: app.namespace }
}
