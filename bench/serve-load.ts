// serve.load: `synclab serve` in its own process under a steady load: 1,000 requests/s (open loop: a batch every
// 10 ms, whatever the answers do) for 60 s, while 20 watches on ConfigMaps stream every change. The requests mix
// what kubectl and the adapter send: gets and lists (by label, 10 objects each), creates, merge patches and deletes
// of ConfigMaps (each write reaches every watch). Reported: requests sent and answered, the rate reached, latency p50/p99/max, errors (network
// errors, 5xx, unexpected codes, watches that ended early), watch events received, and the server's RSS before
// the load (after a warm-up) and after it.
//
// `npm run bench -- --only serve.load --serve-seconds 10` runs it for 10 s, for a quick check (`--serve-rate N`
// changes the rate).
import { type ChildProcess, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { Agent, request as httpRequest } from 'node:http'
import type { BenchResult, RunMode } from './measure.ts'

const RATE = numberArg('--serve-rate', 1000)
const WATCHES = 20
const TICK_MS = 10
const NAMESPACE = 'bench'
/** Objects kept around for gets and patches; creates beyond it are deleted again, so the store stays this size. */
const POOL = 200

/** `--serve-seconds N` (default 60) and `--serve-rate N` (default 1000/s), for a shorter or lighter check. */
function numberArg(flag: string, fallback: number): number {
  const args = process.argv
  const i = args.indexOf(flag)
  const value = i >= 0 ? Number(args[i + 1]) : fallback
  if (!(value > 0)) throw new Error(`${flag} must be a positive number (got "${args[i + 1]}")`)
  return value
}

interface Server { url: string; child: ChildProcess }

/** Extra node flags for the server's process (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it). */
const SERVE_NODE_ARGS = (process.env['SYNCLAB_BENCH_SERVE_NODE_ARGS'] ?? '').split(' ').filter(Boolean)

function startServe(): Promise<Server> {
  const child = spawn(process.execPath, [...SERVE_NODE_ARGS, 'bin/synclab.mjs', 'serve', '--port', '0', '--namespace', NAMESPACE],
    { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`synclab serve did not start: ${log}`)), 30_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString()
      const m = /serving a simulated cluster at (http:\/\/127\.0\.0\.1:\d+)/.exec(log)
      if (m) {
        clearTimeout(timer)
        resolve({ url: m[1]!, child })
      }
    })
    child.once('exit', code => reject(new Error(`synclab serve exited (${code}): ${log}`)))
  })
}

/** The process's resident set, in MB (Linux /proc). */
function rssMB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return m ? Math.round(Number(m[1]) / 102.4) / 10 : NaN
}

/** CPU seconds the process has used (user + system; Linux /proc, in clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

const CM = `/api/v1/namespaces/${NAMESPACE}/configmaps`
/** The pool falls in 20 groups of 10 by label, so a list by label answers 10 objects, as `kubectl get -l` might. */
const configMap = (name: string, group = 0) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name, labels: { bench: 'serve', group: `g${group}` } }, data: { payload: 'x'.repeat(256) } })

interface Tally { sent: number; answered: number; errors: number; errorKinds: Map<string, number>; latencies: number[] }
interface Init { method?: string; headers?: Record<string, string>; body?: string }

/** Keep-alive connections, as kubectl and client-go keep them (node:http: the load generator stays light). */
const agent = new Agent({ keepAlive: true, maxSockets: 64 })

function send(url: string, init: Init): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, method: init.method ?? 'GET', headers: init.headers ?? {} }, res => {
      res.on('data', () => {})
      res.on('end', () => resolve(res.statusCode ?? 0))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

async function timed(t: Tally, url: string, init: Init, ok: (status: number) => boolean): Promise<void> {
  t.sent++
  const start = performance.now()
  try {
    const status = await send(url, init)
    t.latencies.push(performance.now() - start)
    t.answered++
    if (!ok(status)) countError(t, `HTTP ${status} ${init.method ?? 'GET'}`)
  } catch (e) {
    countError(t, (e as Error).message)
  }
}

function countError(t: Tally, kind: string): void {
  t.errors++
  t.errorKinds.set(kind, (t.errorKinds.get(kind) ?? 0) + 1)
}

/** One request of the mix, chosen by its sequence number. */
function request(url: string, t: Tally, seq: number): Promise<void> {
  const json = { 'Content-Type': 'application/json' }
  const pooled = `${url}${CM}/pool-${seq % POOL}`
  switch (seq % 20) {
    case 0: case 1: // create one and delete it again: every write reaches the 20 watches
      return timed(t, `${url}${CM}`, { method: 'POST', headers: json, body: configMap(`churn-${seq}`) }, s => s === 201)
    case 2: case 3:
      return timed(t, `${url}${CM}/churn-${seq - 2}`, { method: 'DELETE' }, s => s === 200 || s === 404)
    case 4: case 5:
      return timed(t, pooled, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' },
        body: JSON.stringify({ data: { seq: String(seq) } }) }, s => s === 200)
    case 6: case 7: case 8:
      return timed(t, `${url}${CM}?labelSelector=${encodeURIComponent(`bench=serve,group=g${Math.floor(seq / 20) % 20}`)}`, {}, s => s === 200)
    case 9:
      return timed(t, `${url}/api/v1/namespaces/${NAMESPACE}/pods`, {}, s => s === 200)
    default:
      return timed(t, pooled, {}, s => s === 200)
  }
}

interface Watch { events: number; ended: boolean; stopped: boolean; close(): void; done: Promise<void> }

function openWatch(url: string): Watch {
  const w: Watch = { events: 0, ended: false, stopped: false, close: () => {}, done: Promise.resolve() }
  w.done = new Promise(resolve => {
    const req = httpRequest(`${url}${CM}?watch=1&timeoutSeconds=3600`, res => {
      res.on('data', (chunk: Buffer) => {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) w.events++
      })
      res.on('close', () => {
        if (!w.stopped) w.ended = true
        resolve()
      })
    })
    req.on('error', () => {
      if (!w.stopped) w.ended = true
      resolve()
    })
    req.end()
    w.close = () => {
      w.stopped = true
      req.destroy()
    }
  })
  return w
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 10) / 10
}

export async function benchServe(seconds: number, _mode: RunMode = { heap: false }): Promise<BenchResult> {
  const server = await startServe()
  const pid = server.child.pid!
  try {
    // Warm-up: the pool of objects, and a second of the mix at a tenth of the rate.
    const warm: Tally = { sent: 0, answered: 0, errors: 0, errorKinds: new Map(), latencies: [] }
    for (let i = 0; i < POOL; i++) {
      await timed(warm, `${server.url}${CM}`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: configMap(`pool-${i}`, i % 20) }, s => s === 201)
    }
    for (let i = 0; i < RATE / 10; i++) await request(server.url, warm, 10 + i)
    if (warm.errors > 0) throw new Error(`serve.load warm-up failed: ${[...warm.errorKinds].join(', ')}`)
    const rssBefore = rssMB(pid)
    const cpuBefore = cpuSeconds(pid)

    const watches = Array.from({ length: WATCHES }, () => openWatch(server.url))
    const t: Tally = { sent: 0, answered: 0, errors: 0, errorKinds: new Map(), latencies: [] }
    const perTick = RATE * TICK_MS / 1000
    const start = performance.now()
    const pending: Array<Promise<void>> = []
    let seq = 1_000_000
    // Open loop: each tick sends the batch it is due, however late the answers to earlier ones are.
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor((performance.now() - start) / TICK_MS) * perTick
      while (t.sent < due) pending.push(request(server.url, t, seq++))
      await new Promise(resolve => setTimeout(resolve, 1))
    }
    const sendMs = performance.now() - start
    await Promise.all(pending)
    const rssAfter = rssMB(pid)
    const cpuMs = (cpuSeconds(pid) - cpuBefore) * 1000
    const watchEnded = watches.filter(w => w.ended).length
    for (let i = 0; i < watchEnded; i++) countError(t, 'a watch ended early')
    for (const w of watches) w.close()
    await Promise.all(watches.map(w => w.done))
    const sorted = t.latencies.sort((a, b) => a - b)
    return {
      bench: 'serve.load', n: seconds, wallMs: Math.round(sendMs), requests: t.sent, answered: t.answered,
      ratePerSec: Math.round(t.sent / (sendMs / 1000)), p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99),
      maxMs: percentile(sorted, 1), errors: t.errors,
      // What the server spent per request, whatever else the machine runs: latency reads on a shared machine.
      serverCpuMsPerRequest: Math.round(cpuMs / Math.max(1, t.answered) * 100) / 100,
      serverCpuShare: Math.round(cpuMs / sendMs * 100) / 100,
      errorKinds: [...t.errorKinds].map(([k, n]) => `${k}: ${n}`).join('; ') || 'none',
      watches: WATCHES, watchEvents: watches.reduce((sum, w) => sum + w.events, 0), rssBeforeMB: rssBefore, rssAfterMB: rssAfter,
    }
  } finally {
    const exited = new Promise(resolve => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))])
    agent.destroy()
  }
}

/** The suite as bench/main.ts runs it: once (its figures are its own), for 60 s or --serve-seconds N. */
export const serveSuite = {
  name: 'serve.load', sizes: [numberArg('--serve-seconds', 60)], run: benchServe, once: true,
  goals: ([r]: BenchResult[]) => [
    goal(`${RATE} requests/s for ${r!.n} s with ${WATCHES} watches: ${r!['ratePerSec']}/s sent, ${r!['answered']} of ` +
      `${r!['requests']} answered`, (r!['ratePerSec'] as number) >= RATE * 0.98 && r!['answered'] === r!['requests']),
    goal(`p99 latency under 50 ms: ${r!['p99Ms']} ms (p50 ${r!['p50Ms']} ms, max ${r!['maxMs']} ms; the server used ` +
      `${r!['serverCpuMsPerRequest']} ms CPU per request, ${r!['serverCpuShare']} of a core)`, (r!['p99Ms'] as number) < 50),
    goal(`no errors: ${r!['errors']} (${r!['errorKinds']})`, r!['errors'] === 0),
    goal(`RSS bounded: ${r!['rssBeforeMB']} MB before, ${r!['rssAfterMB']} MB after (watch history holds at most 50,000 changes)`,
      (r!['rssAfterMB'] as number) < (r!['rssBeforeMB'] as number) + 200),
  ],
}

function goal(text: string, ok: boolean): string {
  return `${ok ? 'ok    ' : 'MISSED'} ${text}`
}
