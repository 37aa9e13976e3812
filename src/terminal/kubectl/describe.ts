// `kubectl describe TYPE [NAME|prefix]`: each object's describer, aligned section by section as kubectl's tabwriter
// does, blocks two blank lines apart.
import type { DaemonSet, Deployment, Job, KubeObject, Pod, StatefulSet } from '../../cluster/objects.ts'
import { fail, goTabwriter, out } from '../common.ts'
import { bool } from '../flags.ts'
import type { CommandResult } from '../types.ts'
import { type KubectlCall, listObjects, noResources, notFoundLine, resourceArgs } from './call.ts'
import { describeDeployment, describeGeneric, describeJob, describePod } from './describe-kinds.ts'
import { describeDaemonSet, describeStatefulSet } from './workloads.ts'

export function describe(k: KubectlCall, args: string[]): CommandResult {
  if (args.length === 0) {
    return fail('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.')
  }
  const parsed = resourceArgs(k, args)
  if ('error' in parsed) return fail(parsed.error)
  const blocks: string[][] = []
  const errors: string[] = []
  for (const { type, names } of parsed.items) {
    if (!('info' in type)) continue
    const info = type.info
    let objs: KubeObject[]
    if (names.length === 0) objs = listObjects(k, info, bool(k.flags, 'all-namespaces'))
    else {
      objs = []
      for (const name of names) {
        const ns = info.namespaced ? k.namespace : ''
        const exact = k.sim.fake.store.get({ kind: info.kind, namespace: ns, name })
        // kubectl describe also takes a name prefix (describe pod before → before-xxxxx).
        const found = exact ? [exact] : k.sim.fake.store.list(info.kind, info.namespaced ? ns : undefined)
          .filter(o => (o.metadata.name ?? '').startsWith(name))
        if (found.length === 0) errors.push(notFoundLine(info, name))
        objs.push(...found)
      }
    }
    for (const obj of objs) {
      const lines = obj.kind === 'Pod' ? describePod(k, obj as Pod) : obj.kind === 'Job' ? describeJob(k, obj as Job)
        : obj.kind === 'Deployment' ? describeDeployment(k, obj as Deployment)
        : obj.kind === 'StatefulSet' ? describeStatefulSet(k.sim.fake, obj as StatefulSet)
        : obj.kind === 'DaemonSet' ? describeDaemonSet(k.sim.fake, obj as DaemonSet) : describeGeneric(k, obj)
      blocks.push(goTabwriter(lines, 0, 2))
    }
  }
  if (blocks.length === 0 && errors.length === 0) return out([noResources(k, bool(k.flags, 'all-namespaces'))])
  const lines = blocks.flatMap((b, i) => (i === 0 ? b : ['', '', ...b]))
  return { lines: [...errors, ...lines], exitCode: errors.length > 0 ? 1 : 0 }
}
