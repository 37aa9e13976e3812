// `kubectl delete TYPE NAME | -f PATH | -l SELECTOR | --all`, with `--cascade`, `--grace-period`, `--now` and
// `--force`.
import { isNotFound } from '../../cluster/errors.ts'
import { type KindInfo, kubectlKindName } from '../../cluster/kinds.ts'
import type { KubeObject } from '../../cluster/objects.ts'
import type { PropagationPolicy } from '../../cluster/store.ts'
import { fail } from '../common.ts'
import { bool, list, str } from '../flags.ts'
import type { CommandResult } from '../types.ts'
import { type KubectlCall, listObjects, notFoundLine, resourceArgs } from './call.ts'
import { readRepo } from './manifest-files.ts'

export function del(k: KubectlCall, args: string[]): CommandResult {
  const files = list(k.flags, 'filename')
  const cascade = (str(k.flags, 'cascade') ?? 'background').toLowerCase()
  const policies: Record<string, PropagationPolicy> = { background: 'Background', true: 'Background',
    foreground: 'Foreground', orphan: 'Orphan', false: 'Orphan' }
  const propagationPolicy = policies[cascade]
  if (!propagationPolicy) return fail(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`)
  const grace = bool(k.flags, 'force') ? 0 : bool(k.flags, 'now') ? 1 : str(k.flags, 'grace-period') !== undefined
    ? Number(str(k.flags, 'grace-period')) : undefined
  const targets: Array<{ info: KindInfo; obj?: KubeObject; name: string }> = []
  const errors: string[] = []
  if (files.length > 0) {
    for (const f of files) {
      const read = readRepo(k, f)
      if ('error' in read) return fail(read.error)
      for (const m of read.objects) {
        const info = k.sim.fake.store.kinds.lookup(m.apiVersion, m.kind)
        if (!info) continue
        const ns = info.namespaced ? m.metadata.namespace || k.namespace : ''
        const name = m.metadata.name ?? ''
        const obj = k.sim.fake.store.get({ kind: info.kind, namespace: ns, name })
        targets.push({ info, name, ...(obj ? { obj } : {}) })
      }
    }
  } else {
    if (args.length === 0) return fail('error: You must provide one or more resources by argument or filename.', 'Example resource specifications include:', "   '-f rsrc.yaml'", "   '--filename=rsrc.json'", "   '<resource> <name>'", "   '<resource>'")
    const parsed = resourceArgs(k, args)
    if ('error' in parsed) return fail(parsed.error)
    for (const { type, names } of parsed.items) {
      if (!('info' in type)) return fail(`error: the server doesn't have a resource type "${type.kind.toLowerCase()}"`)
      const info = type.info
      if (names.length === 0) {
        if (!bool(k.flags, 'all') && str(k.flags, 'selector') === undefined) {
          return fail(`error: resource(s) were provided, but no name was specified`)
        }
        for (const obj of listObjects(k, info, bool(k.flags, 'all-namespaces'))) targets.push({ info, obj, name: obj.metadata.name ?? '' })
      } else {
        for (const name of names) {
          const obj = k.sim.fake.store.get({ kind: info.kind, namespace: info.namespaced ? k.namespace : '', name })
          targets.push({ info, name, ...(obj ? { obj } : {}) })
        }
      }
    }
  }
  const lines: string[] = []
  if (grace === 0 && bool(k.flags, 'force')) lines.push('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.')
  for (const t of targets) {
    if (!t.obj) {
      errors.push(notFoundLine(t.info, t.name))
      continue
    }
    try {
      k.sim.fake.delete({ kind: t.info.kind, namespace: t.obj.metadata.namespace ?? '', name: t.name },
        { propagationPolicy, ...(grace !== undefined && !Number.isNaN(grace) ? { gracePeriodSeconds: grace } : {}) })
      lines.push(`${kubectlKindName(t.info)} "${t.name}" ${grace === 0 && bool(k.flags, 'force') ? 'force deleted' : 'deleted'}`)
    } catch (e) {
      if (isNotFound(e)) errors.push(notFoundLine(t.info, t.name))
      else errors.push(`Error from server: ${(e as Error).message}`)
    }
  }
  if (targets.length === 0 && errors.length === 0) lines.push('No resources found')
  if (targets.length > 0) k.ctx.onActivity?.('apply')
  return { lines: [...lines, ...errors], exitCode: errors.length > 0 ? 1 : 0 }
}
