// The argocd commands the sandbox offers: the top-level words, the `app` subcommands with their flags and one line of
// help (completion reads them too), and the flags every command takes.
import { IN_CLUSTER } from '../common.ts'
import type { FlagSpec } from '../flags.ts'

export const GLOBAL: FlagSpec[] = [
  { name: 'help', short: 'h', type: 'bool', help: 'help for this command' },
  { name: 'grpc-web', type: 'bool' }, { name: 'insecure', type: 'bool' }, { name: 'plaintext', type: 'bool' },
  { name: 'core', type: 'bool' }, { name: 'server', type: 'string' }, { name: 'auth-token', type: 'string' },
  { name: 'port-forward', type: 'bool' }, { name: 'port-forward-namespace', type: 'string' },
  { name: 'loglevel', type: 'string' }, { name: 'config', type: 'string' },
  { name: 'app-namespace', short: 'N', type: 'string' },
]

const OUTPUT: FlagSpec = { name: 'output', short: 'o', type: 'string', values: ['wide', 'json', 'yaml', 'tree', 'name'],
  help: 'Output format. One of: json|yaml|wide|tree' }

/** The app subcommands, their flags and one line of help (also used by completion). */
export const APP_COMMANDS: Record<string, { help: string; usage: string; flags: FlagSpec[] }> = {
  create: { help: 'Create an application', usage: 'argocd app create APPNAME [flags]', flags: [
    { name: 'repo', type: 'string', help: 'Repository URL, ignored if a file is set' },
    { name: 'path', type: 'string', help: 'Path in repository to the app directory, ignored if a file is set' },
    { name: 'dest-server', type: 'string', values: [IN_CLUSTER], help: 'K8s cluster URL (e.g. https://kubernetes.default.svc)' },
    { name: 'dest-namespace', type: 'string', help: 'K8s target namespace' },
    { name: 'dest-name', type: 'string', values: ['in-cluster'], help: 'K8s cluster Name (e.g. in-cluster)' },
    { name: 'revision', type: 'string', help: 'The tracking source branch, tag, commit or Helm chart version' },
    { name: 'project', type: 'string', help: 'Application project name' },
    { name: 'sync-policy', type: 'string', values: ['manual', 'automated', 'none', 'auto'], help: 'Set the sync policy (one of: manual (aliases of manual: none), automated (aliases of automated: auto, automatic))' },
    { name: 'auto-prune', type: 'bool', help: 'Set automatic pruning when sync is automated' },
    { name: 'self-heal', type: 'bool', help: 'Set self healing when sync is automated' },
    { name: 'sync-option', type: 'strings', help: 'Add or remove a sync option' },
    { name: 'upsert', type: 'bool', help: 'Allows to override application with the same name even if supplied application spec is different from existing spec' },
    { name: 'directory-recurse', type: 'bool', help: 'Recurse directory' },
  ] },
  get: { help: 'Get application details', usage: 'argocd app get APPNAME [flags]', flags: [
    OUTPUT, { name: 'refresh', type: 'bool', help: 'Refresh application data when retrieving' },
    { name: 'hard-refresh', type: 'bool', help: 'Refresh application data as well as target manifests cache' },
    { name: 'show-operation', type: 'bool', help: 'Show application operation' },
    { name: 'show-params', type: 'bool', help: 'Show application parameters and overrides' },
  ] },
  list: { help: 'List applications', usage: 'argocd app list [flags]', flags: [
    OUTPUT, { name: 'project', short: 'p', type: 'strings', help: 'Filter by project name' },
    { name: 'selector', short: 'l', type: 'string', help: 'List apps by label' },
  ] },
  sync: { help: 'Sync an application to its target state', usage: 'argocd app sync [APPNAME... | -l selector] [flags]', flags: [
    { name: 'prune', type: 'bool', help: 'Allow deleting unexpected resources' },
    { name: 'dry-run', type: 'bool', help: 'Preview apply without affecting cluster' },
    { name: 'resource', type: 'strings', help: 'Sync only specific resources as GROUP:KIND:NAME or GROUP:KIND:NAMESPACE/NAME' },
    { name: 'async', type: 'bool', help: "Do not wait for application to sync before continuing" },
    { name: 'force', type: 'bool', help: 'Use a force apply' },
    { name: 'replace', type: 'bool', help: 'Use a kubectl create/replace instead apply' },
    { name: 'apply-out-of-sync-only', type: 'bool', help: 'Sync only out-of-sync resources' },
    { name: 'strategy', type: 'string', values: ['apply', 'hook'], help: 'Sync strategy (one of: apply|hook)' },
    { name: 'timeout', type: 'string', help: 'Time out after this many seconds' },
    { name: 'revision', type: 'string', help: 'Sync to a specific revision. Preserves parameter overrides' },
    { name: 'retry-limit', type: 'string', help: 'Max number of allowed sync retries' },
    { name: 'sync-option', type: 'strings', help: 'Add or remove a sync option' },
    { name: 'preview-changes', type: 'bool', help: 'Preview difference against the target and live state before syncing app and wait for user confirmation' },
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'json', 'yaml', 'tree'], help: 'Output format. One of: json|yaml|wide|tree|tree=detailed' },
    { name: 'local', type: 'string' },
  ] },
  delete: { help: 'Delete an application', usage: 'argocd app delete APPNAME [flags]', flags: [
    { name: 'yes', short: 'y', type: 'bool', help: 'Turn off prompting to confirm cascaded deletion of application resources' },
    { name: 'cascade', type: 'string', help: 'Perform a cascaded deletion of all application resources (default true)' },
    { name: 'propagation-policy', short: 'p', type: 'string', values: ['foreground', 'background'], help: 'Specify propagation policy for deletion of application\'s resources. One of: foreground|background' },
    { name: 'wait', type: 'bool', help: 'Wait until deletion of the application(s) completes' },
  ] },
  history: { help: 'Show application deployment history', usage: 'argocd app history APPNAME [flags]', flags: [OUTPUT] },
  'terminate-op': { help: 'Terminate running operation of an application', usage: 'argocd app terminate-op APPNAME [flags]', flags: [] },
  diff: { help: 'Perform a diff against the target and live state.', usage: 'argocd app diff APPNAME [flags]', flags: [
    { name: 'refresh', type: 'bool', help: 'Refresh application data when retrieving' },
    { name: 'hard-refresh', type: 'bool', help: 'Refresh application data as well as target manifests cache' },
    { name: 'exit-code', type: 'string', help: 'Return non-zero exit code when there is a diff (default true)' },
  ] },
  manifests: { help: 'Print manifests of an application', usage: 'argocd app manifests APPNAME [flags]', flags: [
    { name: 'source', type: 'string', values: ['git', 'live'], help: 'Source of manifests. One of: live|git (default "git")' },
    { name: 'revision', type: 'string', help: 'Show manifests at a specific revision' },
  ] },
  resources: { help: 'List resource of application', usage: 'argocd app resources APPNAME [flags]', flags: [
    { name: 'orphaned', type: 'bool', help: 'Lists only orphaned resources' },
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'tree'] },
  ] },
  wait: { help: 'Wait for an application to reach a synced and healthy state', usage: 'argocd app wait [APPNAME.. | -l selector] [flags]', flags: [
    { name: 'sync', type: 'bool', help: 'Wait for sync' },
    { name: 'health', type: 'bool', help: 'Wait for health' },
    { name: 'operation', type: 'bool', help: 'Wait for pending operations' },
    { name: 'suspended', type: 'bool', help: 'Wait for suspended' },
    { name: 'degraded', type: 'bool', help: 'Wait for degraded' },
    { name: 'timeout', type: 'string', help: 'Time out after this many seconds' },
  ] },
}

export const ARGOCD_TOP = ['app', 'version', 'login', 'logout', 'context']
