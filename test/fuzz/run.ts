// `npm run fuzz`: generated and mutated manifests (cases.ts) through the reader and a full sync (check.ts), in a
// worker process with a wall-clock limit per case, so a hang is counted, not suffered. Prints the figures and the
// first failing cases (as JSON, to replay), and exits 1 on any crash or hang.
//   node --import tsx test/fuzz/run.ts [--cases 100000] [--seed 42] [--timeout-ms 10000] [--workers 1]
import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import fc from 'fast-check'
import { CASE, type FuzzCase } from './cases.ts'
import type { Verdict } from './check.ts'

interface Failure { kind: 'crash' | 'hang'; what: string; case: FuzzCase }

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url))

class Worker {
  private child!: ChildProcess
  private pending: { resolve: (v: Verdict | 'hang') => void; timer: NodeJS.Timeout } | undefined
  private ready!: Promise<void>
  constructor(private timeoutMs: number) { this.start() }

  private start(): void {
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] })
    this.child = child
    this.ready = new Promise(resolve => {
      child.on('message', (m: { ready?: boolean; verdict?: Verdict }) => {
        if (m.ready) return resolve()
        const p = this.pending
        if (child !== this.child || !p || !m.verdict) return
        clearTimeout(p.timer)
        this.pending = undefined
        p.resolve(m.verdict)
      })
    })
    child.on('error', () => undefined) // a send to a worker that just died: its 'exit' says so
    child.on('exit', code => {
      if (child !== this.child) return // a worker replaced after a hang
      const p = this.pending
      this.start() // a fresh worker for the next case
      if (!p) return
      clearTimeout(p.timer)
      this.pending = undefined
      p.resolve({ ok: false, what: `the worker process died (exit ${code}): an uncaught exception or out of memory` })
    })
  }

  async run(c: FuzzCase, id: number): Promise<Verdict | 'hang'> {
    await this.ready
    return new Promise(resolve => {
      const timer = setTimeout(() => {
        this.pending = undefined
        const hung = this.child
        this.start() // a fresh worker for the next case, then the hung one goes
        hung.kill('SIGKILL')
        resolve('hang')
      }, this.timeoutMs)
      this.pending = { resolve, timer }
      this.child.send({ id, case: c })
    })
  }

  stop(): void {
    this.child.removeAllListeners('exit')
    this.child.kill()
  }
}

export async function fuzz(opts: { cases: number; seed: number; timeoutMs: number; workers: number; log?: (s: string) => void }):
  Promise<{ cases: number; synced: number; crashes: number; hangs: number; failures: Failure[]; seconds: number }> {
  const started = Date.now()
  const workers = Array.from({ length: opts.workers }, () => new Worker(opts.timeoutMs))
  const failures: Failure[] = []
  let crashes = 0, hangs = 0, synced = 0, done = 0, next = 0
  const CHUNK = 1000
  let chunk: FuzzCase[] = []
  let chunkStart = 0
  const caseAt = (i: number): FuzzCase => {
    if (i >= chunkStart + chunk.length) {
      chunkStart = i
      chunk = fc.sample(CASE, { seed: opts.seed + Math.floor(i / CHUNK), numRuns: Math.min(CHUNK, opts.cases - i) })
    }
    return chunk[i - chunkStart]!
  }
  await Promise.all(workers.map(async w => {
    while (next < opts.cases) {
      const id = next++
      const c = caseAt(id)
      const v = await w.run(c, id)
      done++
      let failure: Failure | undefined
      if (v === 'hang') {
        hangs++
        failure = { kind: 'hang', what: `no answer within ${opts.timeoutMs} ms`, case: c }
      } else if (!v.ok) {
        crashes++
        failure = { kind: 'crash', what: v.what, case: c }
      } else if (v.synced) synced++
      if (failure) {
        failures.push(failure)
        opts.log?.(`  case ${id}: ${failure.kind}: ${failure.what.split('\n')[0]}\n    ${JSON.stringify(c).slice(0, 2000)}`)
      }
      if (opts.log && done % 5000 === 0) opts.log(`  ${done} cases, ${crashes} crashes, ${hangs} hangs (${Math.round((Date.now() - started) / 1000)} s)`)
    }
  }))
  workers.forEach(w => w.stop())
  return { cases: done, synced, crashes, hangs, failures, seconds: Math.round((Date.now() - started) / 1000) }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    cases: { type: 'string', default: '100000' }, seed: { type: 'string', default: '42' },
    'timeout-ms': { type: 'string', default: '10000' }, workers: { type: 'string', default: '1' },
  } })
  const r = await fuzz({ cases: Number(values.cases), seed: Number(values.seed), timeoutMs: Number(values['timeout-ms']),
    workers: Number(values.workers), log: s => console.log(s) })
  console.log(`fuzz: ${r.cases} cases (${r.synced} synced), ${r.crashes} crashes, ${r.hangs} hangs, seed ${values.seed}, ${r.seconds} s`)
  process.exitCode = r.crashes + r.hangs > 0 ? 1 : 0
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main()
