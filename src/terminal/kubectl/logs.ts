// `kubectl logs POD|TYPE/NAME [-c C] [-p] [--tail N] [-f]`: a container's log, followed until the Pod ends.
import type { Pod } from '../../cluster/objects.ts'
import { createdAt, fail, out } from '../common.ts'
import { bool, str } from '../flags.ts'
import type { CommandResult, CommandWatch } from '../types.ts'
import { type KubectlCall, notFoundLine, unknownType } from './call.ts'
import { resolveType } from './resource-types.ts'

function podFor(k: KubectlCall, target: string): { pod: Pod } | { error: string } {
  const slash = target.indexOf('/')
  const store = k.sim.fake.store
  if (slash < 0) {
    const pod = store.get({ kind: 'Pod', namespace: k.namespace, name: target }) as Pod | undefined
    return pod ? { pod } : { error: `Error from server (NotFound): pods "${target}" not found` }
  }
  const type = resolveType(k.sim, target.slice(0, slash))
  const name = target.slice(slash + 1)
  if (!type || !('info' in type)) return { error: unknownType(target.slice(0, slash)) }
  const owner = store.get({ kind: type.info.kind, namespace: k.namespace, name })
  if (!owner) return { error: notFoundLine(type.info, name) }
  if (owner.kind === 'Pod') return { pod: owner as Pod }
  const pods = (owner.kind === 'Deployment'
    ? store.dependents(owner.metadata.uid ?? '').flatMap(rs => store.dependents(rs.metadata.uid ?? ''))
    : store.dependents(owner.metadata.uid ?? '')).filter(o => o.kind === 'Pod') as Pod[]
  pods.sort((a, b) => createdAt(a) - createdAt(b))
  const pod = pods[0]
  return pod ? { pod } : { error: 'error: timed out waiting for the condition' }
}

export function logs(k: KubectlCall, args: string[]): CommandResult {
  const target = args[0]
  if (target === undefined) return fail(`error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.`, `POD or TYPE/NAME is a required argument for the logs command`, `See '${k.tool} logs -h' for help and examples`)
  const found = podFor(k, target)
  if ('error' in found) return fail(found.error)
  const pod = found.pod
  const podName = pod.metadata.name ?? ''
  let container = str(k.flags, 'container') ?? args[1]
  const header: string[] = []
  if (container === undefined) {
    container = pod.spec.containers[0]?.name ?? ''
    if (pod.spec.containers.length > 1) header.push(`Defaulted container "${container}" out of: ${pod.spec.containers.map(c => c.name).join(', ')}`)
  } else if (!pod.spec.containers.some(c => c.name === container)) {
    return fail(`error: container ${container} is not valid for pod ${podName}`)
  }
  const previous = bool(k.flags, 'previous')
  const read = () => k.sim.fake.logs(pod.metadata.namespace ?? '', podName, container, previous)
  const statusOf = () => {
    const live = k.sim.fake.store.get({ kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: podName }) as Pod | undefined
    return { live, cs: live?.status?.containerStatuses?.find(c => c.name === container) }
  }
  const { cs } = statusOf()
  if (previous && (cs?.restartCount ?? 0) === 0) {
    return fail(`Error from server (BadRequest): previous terminated container "${container}" in pod "${podName}" not found`)
  }
  if (!previous && (!cs || cs.state.waiting)) {
    const reason = cs?.state.waiting?.reason ?? 'ContainerCreating'
    return fail(`Error from server (BadRequest): container "${container}" in pod "${podName}" is waiting to start: ${reason}`)
  }
  const tail = Number(str(k.flags, 'tail') ?? '-1')
  const first = read() ?? []
  const initial = tail >= 0 ? first.slice(Math.max(0, first.length - tail)) : first
  if (!bool(k.flags, 'follow') || previous) return out([...header, ...initial])
  const watch: CommandWatch = {
    start(emit, done) {
      let count = first.length
      let finished = false
      const offs: Array<() => void> = []
      const stop = () => {
        finished = true
        for (const off of offs.splice(0)) off()
      }
      const poll = () => {
        if (finished) return
        const now = read() ?? []
        for (const l of now.slice(count)) emit(l)
        count = Math.max(count, now.length)
        const { live, cs: c } = statusOf()
        if (!live || (c?.state.terminated && live.spec.restartPolicy !== 'Always' &&
          (live.status?.phase === 'Succeeded' || live.status?.phase === 'Failed'))) {
          stop()
          done(0)
        }
      }
      offs.push(k.sim.fake.store.watch(() => poll()))
      if (k.ctx.onTime) offs.push(k.ctx.onTime(poll))
      poll()
      return stop
    },
  }
  k.ctx.onActivity?.('watch')
  return { lines: [...header, ...initial], exitCode: 0, watch }
}
