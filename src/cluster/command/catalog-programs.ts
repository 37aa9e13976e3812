// Programs whose behaviour the image catalog describes as data: servers, entrypoint wrappers, and binaries
// that refuse to start. Matching is on argv, so `docker-entrypoint.sh postgres` and plain `postgres` differ.

import { EPOCH_MS } from '../clock.ts'
import type { ImageEntry, LogChunk, ProgramSpec } from '../images.ts'
import { basename, Forever, type Proc } from './machine.ts'
import { strftime } from './tools/time.ts'

function matches(pattern: string, arg: string | undefined): boolean {
  return arg !== undefined && pattern.split('|').includes(arg)
}

/** The first catalog program whose pattern is a prefix of argv (argv[0] compared by basename). */
export function findProgram(image: ImageEntry, argv: string[]): ProgramSpec | undefined {
  return image.programs.find(spec => spec.match.every((pat, i) => matches(pat, i === 0 ? basename(argv[0] ?? '') : argv[i])))
}

function render(text: string, p: Proc, args: string[]): string {
  const at = EPOCH_MS + p.m.now()
  return text.replace(/\{\{(\w+)(?:\|([^}]*))?\}\}/g, (all, key: string, fallback: string | undefined) => {
    if (key === 'slashTime') return strftime(at, '%Y/%m/%d %H:%M:%S')
    if (key === 'pgTime') return `${strftime(at, '%Y-%m-%d %H:%M:%S')}.${String(at % 1000).padStart(3, '0')} UTC`
    if (key === 'hostname') return p.m.ctx.hostname
    const arg = /^arg(\d+)$/.exec(key)
    if (arg) return args[Number(arg[1])] ?? fallback ?? ''
    return all
  })
}

function writeLog(log: readonly LogChunk[], p: Proc, args: string[]): void {
  for (const chunk of log) {
    p.m.sleep(chunk.afterMs ?? 0)
    const text = render(chunk.text, p, args)
    if (chunk.stream === 'stdout') p.io.out(text)
    else p.io.err(text)
  }
}

/** The server's ports open now (R89): what httpGet and tcpSocket probes reach. */
function listen(ports: readonly string[], httpPaths: readonly string[] | undefined, p: Proc, args: string[]): void {
  const numbers = ports.map(t => Number(render(t, p, args))).filter(n => Number.isInteger(n) && n > 0 && n < 65536)
  p.m.listens = { atMs: p.m.time, ports: numbers, ...(httpPaths ? { httpPaths: [...httpPaths] } : {}) }
}

export function runProgram(spec: ProgramSpec, argv: string[], p: Proc): number {
  const rest = argv.slice(spec.match.length)
  switch (spec.kind) {
    case 'fail':
      p.io.err(spec.stderr)
      return spec.exitCode
    case 'server': {
      if (spec.daemonizesUnless !== undefined && !argv.slice(1).some(a => a.includes(spec.daemonizesUnless!))) return 0
      const req = spec.requireEnv
      if (req && !req.anyOf.some(r => (r.value === undefined ? (p.env.get(r.name) ?? '') !== '' : p.env.get(r.name) === r.value))) {
        p.io.err(req.stderr)
        return req.exitCode
      }
      writeLog(spec.log, p, rest)
      if (p.pid1) p.m.sigterm = spec.sigterm
      if (spec.listens) listen(spec.listens, spec.httpPaths, p, rest)
      throw new Forever()
    }
    case 'entrypoint': {
      const args = argv.slice(1)
      const first = args[0]
      // The wrapper scripts rewrite their args before `exec "$@"`; re-dispatch so a rewritten argv can match.
      const prepend = spec.prependIfOption !== undefined && first?.startsWith('-') ? spec.prependIfOption
        : spec.prependIfNotCommand !== undefined && (first === undefined || !p.m.image.binaries.has(basename(first))) ? spec.prependIfNotCommand
        : undefined
      if (prepend !== undefined) return p.exec([argv[0]!, prepend, ...args], p) ?? 127
      writeLog(spec.log ?? [], p, rest)
      if (first === undefined) return 0
      const status = p.exec(args, p)
      if (status === undefined) {
        p.io.err(`${argv[0]}: exec: ${first}: not found\n`)
        return 127
      }
      return status
    }
  }
}
