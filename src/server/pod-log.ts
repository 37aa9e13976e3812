// Pod logs (`kubectl logs [-f] [--previous] [--tail]`): the simulated containers' lines, and while following,
// the new ones as they come, polled every `pollMs`, until the container ends; the stream is bounded as a watch is.
import type { ServerResponse } from 'node:http'
import type { FakeCluster } from '../cluster/fake-cluster.ts'
import type { ContainerStatus, Pod } from '../cluster/objects.ts'
import { HttpError } from './http-error.ts'
import { type BoundedStream, watchTimeout } from './watch-stream.ts'

export interface LogContext {
  fake: FakeCluster
  pollMs: number
  /** Opens the bounded stream of this request's answer. */
  stream(onClose: () => void, timeoutMs: number): BoundedStream
}

/** `pods/{name}/log?container=&previous=&follow=&tailLines=`. */
export function podLog(ctx: LogContext, res: ServerResponse, namespace: string, name: string, q: URLSearchParams): void {
  const pod = ctx.fake.store.get({ kind: 'Pod', namespace, name }) as Pod | undefined
  if (!pod) throw new HttpError(404, 'NotFound', `pods "${name}" not found`, { name, kind: 'pods' })
  const containers = pod.spec.containers.map(c => c.name)
  const all = [...(pod.spec.initContainers ?? []).map(c => c.name), ...containers]
  let container = q.get('container') ?? undefined
  if (!container) {
    if (containers.length !== 1) {
      throw new HttpError(400, 'BadRequest',
        `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`)
    }
    container = containers[0]!
  }
  if (!all.includes(container)) throw new HttpError(400, 'BadRequest', `container ${container} is not valid for pod ${name}`)
  const previous = q.get('previous') === 'true' || q.get('previous') === '1'
  const follow = q.get('follow') === 'true' || q.get('follow') === '1'
  const lines = ctx.fake.logs(namespace, name, container, previous)
  if (lines === undefined) {
    throw new HttpError(400, 'BadRequest', `container "${container}" in pod "${name}" is waiting to start: ContainerCreating`)
  }
  const tail = q.get('tailLines')
  if (tail !== null && !/^\d+$/.test(tail)) {
    throw new HttpError(400, 'BadRequest', `tailLines: "${tail}" is not a whole number of lines`)
  }
  const first = tail !== null ? lines.slice(Math.max(0, lines.length - Number(tail))) : lines
  res.writeHead(200, { 'Content-Type': 'text/plain' })
  if (!follow || previous) {
    res.end(first.map(line => line + '\n').join(''))
    return
  }
  let timer: ReturnType<typeof setInterval> | undefined
  const stream = ctx.stream(() => clearInterval(timer), watchTimeout(null).seconds * 1000)
  for (const line of first) stream.write(line + '\n', true)
  let sent = lines.length
  const uid = pod.metadata.uid
  timer = setInterval(() => {
    const now = ctx.fake.store.get({ kind: 'Pod', namespace, name }) as Pod | undefined
    if (!now || now.metadata.uid !== uid) return stream.close()
    const current = ctx.fake.logs(namespace, name, container) ?? []
    if (current.length < sent) sent = 0 // the container restarted: a new log
    for (const line of current.slice(sent)) stream.write(line + '\n')
    sent = current.length
    const statuses: ContainerStatus[] = [...(now.status?.containerStatuses ?? []),
      ...((now.status as { initContainerStatuses?: ContainerStatus[] } | undefined)?.initContainerStatuses ?? [])]
    if (statuses.find(s => s.name === container)?.state.terminated) stream.close()
  }, ctx.pollMs)
}
