// A watch the server closes because its client fell behind (as the API server closes an unresponsive watcher):
// KubeCluster watches again from the last resourceVersion it saw, or lists again, and misses nothing.
import { afterAll, beforeAll, expect, it } from 'vitest'
import { wallClock } from '../../src/kube/clock.ts'
import { KubeCluster } from '../../src/kube/kube-cluster.ts'
import type { RunningServer } from '../../src/server/serve.ts'
import { call, configMap, serve, until } from '../server/helpers.ts'

let s: RunningServer
const log: string[] = []
beforeAll(async () => {
  s = await serve({ speed: 100, watchBufferBytes: 32 * 1024, watchDrainMs: 60_000, onRequest: line => log.push(line) })
})
afterAll(async () => { await s.close() })

/** A fetch whose first ConfigMap watch stream is not read until `release` resolves (a client busy elsewhere). */
function stallingFetch(release: Promise<void>): typeof fetch {
  let stalled = false
  return async (input, init) => {
    const res = await fetch(input, init)
    if (stalled || !String(input).includes('/configmaps?watch=1') || !res.body) return res
    stalled = true
    const body = res.body.pipeThrough(new TransformStream({
      async transform(chunk, controller) {
        await release
        controller.enqueue(chunk)
      },
    }, { highWaterMark: 1 }, { highWaterMark: 1 }))
    return new Response(body, { status: res.status, headers: res.headers })
  }
}

it('a watch closed for falling behind is resumed, and every change still arrives', async () => {
  let release!: () => void
  const released = new Promise<void>(resolve => { release = resolve })
  const cluster = await KubeCluster.connect({ server: s.url, namespace: 'lab', appName: 'slow', clock: wallClock(100),
    fetch: stallingFetch(released), watchKinds: ['ConfigMap'], reconnectDelayMs: 20 })
  const seen = new Set<string>()
  cluster.watch(e => { if (e.type !== 'DELETED') seen.add(e.object.metadata.name ?? '') })
  try {
    await cluster.watchesReady()
    const blob = 'w'.repeat(64 * 1024)
    const closed = () => log.some(l => /watch closed, its client fell behind/.test(l))
    const names: string[] = []
    // Changes until the server gives up on the stalled watch, and a few after.
    for (let i = 0; i < 400; i++) {
      names.push(`burst-${i}`)
      await call(s, 'POST', '/api/v1/namespaces/lab/configmaps', configMap(`burst-${i}`, { blob }))
      if (closed() && i % 10 === 9) break
    }
    expect(closed()).toBe(true)
    release()
    await until(() => names.every(n => seen.has(n)), 15_000, 'every change after the watch was resumed')
    expect(cluster.objects().filter(o => o.metadata.name?.startsWith('burst-'))).toHaveLength(names.length)
  } finally {
    cluster.close()
  }
}, 40_000)
