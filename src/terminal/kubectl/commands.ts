// kubectl's commands as the sandbox offers them: one line of help and the flags of each (completion reads them too),
// and the flags every command takes.
import type { FlagSpec } from '../flags.ts'

const NS: FlagSpec = { name: 'namespace', short: 'n', type: 'string', help: 'If present, the namespace scope for this CLI request' }
const ALL_NS: FlagSpec = { name: 'all-namespaces', short: 'A', type: 'bool', help: 'List the requested object(s) across all namespaces' }
const SELECTOR: FlagSpec = { name: 'selector', short: 'l', type: 'string', help: 'Selector (label query) to filter on' }
const HELP: FlagSpec = { name: 'help', short: 'h', type: 'bool', help: 'help for this command' }
export const GLOBAL: FlagSpec[] = [NS, HELP, { name: 'context', type: 'string' }, { name: 'kubeconfig', type: 'string' },
  { name: 'request-timeout', type: 'string' }, { name: 'v', short: 'v', type: 'string' }]

export const KUBECTL_COMMANDS: Record<string, { help: string; flags: FlagSpec[] }> = {
  get: { help: 'Display one or many resources', flags: [ALL_NS, SELECTOR,
    { name: 'output', short: 'o', type: 'string', values: ['wide', 'yaml', 'json', 'name'], help: 'Output format. One of: (json, yaml, name, wide)' },
    { name: 'watch', short: 'w', type: 'bool', help: 'After listing/getting the requested object, watch for changes.' },
    { name: 'watch-only', type: 'bool', help: 'Watch for changes to the requested object(s), without listing/getting first.' },
    { name: 'show-labels', type: 'bool', help: 'When printing, show all labels as the last column' },
    { name: 'no-headers', type: 'bool', help: "When using the default or custom-column output format, don't print headers" },
  ] },
  describe: { help: 'Show details of a specific resource or group of resources', flags: [ALL_NS, SELECTOR] },
  logs: { help: 'Print the logs for a container in a pod', flags: [
    { name: 'follow', short: 'f', type: 'bool', help: 'Specify if the logs should be streamed.' },
    { name: 'container', short: 'c', type: 'string', help: 'Print the logs of this container' },
    { name: 'previous', short: 'p', type: 'bool', help: 'If true, print the logs for the previous instance of the container in a pod if it exists.' },
    { name: 'tail', type: 'string', help: 'Lines of recent log file to display.' },
    { name: 'timestamps', type: 'bool', help: 'Include timestamps on each line in the log output' },
    { name: 'all-containers', type: 'bool', help: 'Get all containers\' logs in the pod(s).' },
  ] },
  delete: { help: 'Delete resources by file names, stdin, resources and names, or by resources and label selector', flags: [
    ALL_NS, SELECTOR, { name: 'all', type: 'bool', help: 'Delete all resources, in the namespace of the specified resource types.' },
    { name: 'cascade', type: 'string', values: ['background', 'foreground', 'orphan'], help: 'Must be "background", "orphan", or "foreground".' },
    { name: 'grace-period', type: 'string', help: 'Period of time in seconds given to the resource to terminate gracefully.' },
    { name: 'now', type: 'bool', help: 'If true, resources are signaled for immediate shutdown (same as --grace-period=1).' },
    { name: 'force', type: 'bool', help: 'If true, immediately remove resources from API and bypass graceful deletion.' },
    { name: 'wait', type: 'string', help: 'If true, wait for resources to be gone before returning.' },
    { name: 'filename', short: 'f', type: 'strings', help: 'containing the resource to delete.' },
  ] },
  apply: { help: 'Apply a configuration to a resource by file name or stdin', flags: [
    { name: 'filename', short: 'f', type: 'strings', help: 'The files that contain the configurations to apply.' },
    { name: 'recursive', short: 'R', type: 'bool', help: 'Process the directory used in -f, --filename recursively.' },
    { name: 'dry-run', type: 'string', values: ['none', 'client', 'server'], help: 'Must be "none", "server", or "client".' },
    { name: 'output', short: 'o', type: 'string', values: ['name', 'yaml', 'json'] },
  ] },
  explain: { help: 'Get documentation for a resource (and the Argo CD annotations synclab knows)', flags: [
    { name: 'recursive', type: 'bool' }] },
  create: { help: 'Create a resource (namespace)', flags: [] },
  version: { help: 'Print the client and server version information', flags: [] },
  'api-resources': { help: 'Print the supported API resources on the server', flags: [] },
}
