// exec: what happens when a path is run inside the image. Catalog programs first, then shells, then the
// simulated tools; any other binary the image has exits 0 at once. A missing binary returns undefined and
// the caller reports it in its own words (a shell, env, an entrypoint script or the container runtime).

import type { ImageEntry } from '../images.ts'
import { findProgram, runProgram } from './catalog-programs.ts'
import { basename, type Proc, type Program } from './machine.ts'
import { runShell } from './shell/invoke.ts'
import { curl, nc, nslookup, pgIsready, psql, wget } from './tools/net.ts'
import { rm, touch } from './tools/files.ts'
import { runTest } from './tools/test.ts'
import * as text from './tools/text.ts'
import { date, sleep } from './tools/time.ts'

export const SHELLS = new Set(['sh', 'ash', 'dash', 'bash'])

/** Whether the image has this binary (by name or any path ending in it). */
export function hasBinary(image: ImageEntry, path: string): boolean {
  return path !== '' && !path.endsWith('/') && image.binaries.has(basename(path))
}

const TOOLS: Record<string, Program> = {
  sleep, date, curl, wget, nc, nslookup, psql, pg_isready: pgIsready,
  echo: (argv, p) => text.echo(argv, p), printf: text.printf, cat: text.cat, head: text.head, tail: text.tail,
  wc: text.wc, grep: text.grep, egrep: text.grep, tee: text.tee, seq: text.seq, sort: text.sort, uniq: text.uniq,
  hostname: text.hostname, whoami: text.whoami, id: text.id, uname: text.uname, pwd: text.pwd,
  expr: text.expr, true: () => 0, false: () => 1, test: (argv, p) => runTest(argv, p), '[': (argv, p) => runTest(argv, p),
  env: envProgram, printenv: printenvProgram, touch, rm,
}

export function exec(argv: string[], p: Proc): number | undefined {
  const name = argv[0]
  if (name === undefined || !hasBinary(p.m.image, name)) return undefined
  p.m.step()
  const spec = findProgram(p.m.image, argv)
  if (spec) return runProgram(spec, argv, p)
  const base = basename(name)
  if (SHELLS.has(base)) return runShell(argv, p)
  return Object.hasOwn(TOOLS, base) ? TOOLS[base]!(argv, p) : 0
}

function printEnv(env: ReadonlyMap<string, string>, p: Proc): void {
  p.io.out([...env].map(([k, v]) => `${k}=${v}\n`).join(''))
}

/** env [-i] [NAME=VALUE]... [COMMAND [ARG]...]: prints the environment or execs with a changed one. */
function envProgram(argv: string[], p: Proc): number {
  let env = new Map(p.env)
  let i = 1
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '-i' || a === '-' || a === '--ignore-environment') env = new Map()
    else if (a === '-u' && i + 1 < argv.length) env.delete(argv[++i]!)
    else if (/^[^=-][^=]*=/.test(a)) env.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1))
    else if (a === '--') { i++; break }
    else break
  }
  if (i >= argv.length) {
    printEnv(env, p)
    return 0
  }
  const status = p.exec(argv.slice(i), { ...p, env })
  if (status !== undefined) return status
  p.io.err(p.m.image.userland === 'busybox'
    ? `env: can't execute '${argv[i]}': No such file or directory\n`
    : `env: '${argv[i]}': No such file or directory\n`)
  return 127
}

function printenvProgram(argv: string[], p: Proc): number {
  const names = argv.slice(1)
  if (names.length === 0) {
    printEnv(p.env, p)
    return 0
  }
  let status = 0
  for (const n of names) {
    const v = p.env.get(n)
    if (v === undefined) status = 1
    else p.io.out(`${v}\n`)
  }
  return status
}
