// `synclab cleanup --cluster URL --dest-namespace NS [--yes]`: removes what synclab created in that one namespace
// (the objects labelled app.kubernetes.io/managed-by=synclab, any app), and nothing else. It lists them (reads
// only), names them, asks, then deletes exactly that list (src/kube/cleanup.ts: each delete bound to the listed
// uid, only Argo CD's hook finalizer taken off) and prints each deletion.
import { parseArgs } from 'node:util'
import { isNamespaceName } from '../cluster/validation.ts'
import { describeOutcome } from '../kube/cleanup.ts'
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../kube/kube-cluster.ts'
import { confirmed, connectCluster } from './cluster-sync.ts'
import type { Output } from './sync.ts'

export const CLEANUP_USAGE = `Usage: synclab cleanup --cluster URL --dest-namespace NS [--yes]

Deletes what synclab created in namespace NS on the API server at URL (normally \`kubectl proxy\`'s
http://127.0.0.1:8001): every object labelled ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE}, whatever the app. Objects
without that label are left alone. It lists them and asks "Continue? [y/N]" first, unless --yes, then deletes
exactly that list: an object created or re-created after the list is left alone. Only Argo CD's hook finalizer is
taken off; an object with another controller's finalizer waits for that controller.

Exit status: 0 done (or nothing to delete), 2 invalid input or not confirmed.`

const stdio: Output = {
  out: text => process.stdout.write(text),
  err: text => process.stderr.write(text),
}

export async function cleanupCommand(argv: string[], io: Output = stdio): Promise<number> {
  let values
  try {
    values = parseArgs({ args: argv, allowPositionals: false, strict: true, options: {
      cluster: { type: 'string' }, 'dest-namespace': { type: 'string' }, yes: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    } }).values
  } catch (e) {
    io.err(`synclab: cleanup: ${(e as Error).message}\n${CLEANUP_USAGE}\n`)
    return 2
  }
  if (values.help) {
    io.out(`${CLEANUP_USAGE}\n`)
    return 0
  }
  const namespace = values['dest-namespace']
  if (values.cluster === undefined || namespace === undefined) {
    io.err(`synclab: cleanup needs --cluster URL and --dest-namespace NS\n${CLEANUP_USAGE}\n`)
    return 2
  }
  if (!/^https?:\/\/[^/]/.test(values.cluster)) {
    io.err(`synclab: --cluster "${values.cluster}": expected an http:// or https:// URL, e.g. http://127.0.0.1:8001\n`)
    return 2
  }
  if (!isNamespaceName(namespace)) {
    io.err(`synclab: --dest-namespace "${namespace}": a namespace name must be a DNS-1123 label\n`)
    return 2
  }
  const server = values.cluster.replace(/\/+$/, '')
  const connected = await connectCluster(io, server, namespace)
  if (typeof connected === 'number') return connected

  const cluster = connected
  const planned = await cluster.planCleanup()
  if (planned.length === 0) {
    io.err(`synclab: nothing to clean up: no object labelled ${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE} in namespace ` +
      `${namespace} on ${server}\n`)
    return 0
  }
  io.err(`synclab will delete ${planned.length} object${planned.length === 1 ? '' : 's'} it created in namespace ` +
    `${namespace} on ${server}:\n${planned.map(p => `  ${p.ref}\n`).join('')}`)
  if (!await confirmed(io, values.yes)) return 2

  // Exactly the list shown: each delete is bound to the uid listed, so what appeared or was re-created since the
  // question is not touched.
  const outcomes = await cluster.deletePlanned(planned)
  for (const o of outcomes) (o.result === 'deleted' ? io.out : io.err)(`${describeOutcome(o)}\n`)
  return 0
}
