// `kubectl apply -f PATH [--dry-run=client|server]`: each object's `created` / `configured` / `unchanged`, or the API
// server's error.
import { ApiError } from '../../cluster/errors.ts'
import { kubectlKindName } from '../../cluster/kinds.ts'
import { fail } from '../common.ts'
import { list, str } from '../flags.ts'
import type { CommandResult } from '../types.ts'
import type { KubectlCall } from './call.ts'
import { readRepo } from './manifest-files.ts'

export function apply(k: KubectlCall): CommandResult {
  const files = list(k.flags, 'filename')
  if (files.length === 0) return fail('error: must specify one of -f and -k')
  const dryRun = str(k.flags, 'dry-run') ?? 'none'
  if (!['none', 'client', 'server'].includes(dryRun)) return fail(`error: Invalid dry-run value (${dryRun}). Must be "none", "server", or "client".`)
  const lines: string[] = []
  const errors: string[] = []
  for (const f of files) {
    const read = readRepo(k, f)
    if ('error' in read) return fail(read.error)
    read.objects.forEach((m, i) => {
      const info = k.sim.fake.store.kinds.lookup(m.apiVersion, m.kind)
      const file = read.files[i] ?? f
      if (!info) {
        errors.push(`error: resource mapping not found for name: "${m.metadata.name ?? ''}" namespace: "${m.metadata.namespace ?? ''}" from "${file}": no matches for kind "${m.kind}" in version "${m.apiVersion}"`)
        return
      }
      const ns = m.metadata.namespace || k.namespace
      if (info.namespaced && str(k.flags, 'namespace') !== undefined && m.metadata.namespace && m.metadata.namespace !== k.namespace) {
        errors.push(`error: the namespace from the provided object "${m.metadata.namespace}" does not match the namespace "${k.namespace}". You must pass '--namespace=${m.metadata.namespace}' to perform this operation.`)
        return
      }
      const obj = info.namespaced ? { ...m, metadata: { ...m.metadata, namespace: ns } } : m
      try {
        const r = k.sim.fake.apply(obj, dryRun === 'none' ? {} : { dryRun: true, clientSide: dryRun === 'client' })
        const suffix = dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''
        lines.push(`${kubectlKindName(info)}/${r.object.metadata.name ?? ''} ${r.action}${suffix}`)
      } catch (e) {
        const verb = k.sim.fake.store.get({ kind: info.kind, namespace: info.namespaced ? ns : '', name: m.metadata.name ?? '' }) ? 'patching' : 'creating'
        const reason = e instanceof ApiError ? e.reason : 'InternalError'
        errors.push(`Error from server (${reason}): error when ${verb} "${file}": ${(e as Error).message}`)
      }
    })
  }
  if (dryRun === 'none' && lines.length > 0) k.ctx.onActivity?.('apply')
  return { lines: [...lines, ...errors], exitCode: errors.length > 0 ? 1 : 0 }
}
