// Shell builtins: what works in every shell whatever binaries the image has (echo, test, set, exit, ...).

import type { ShellDialect } from '../../images.ts'
import { ExitSignal, Forever, type Io } from '../machine.ts'
import { runTest } from '../tools/test.ts'
import { echo, printf } from '../tools/text.ts'
import type { Shell, ShellOptions } from './interp.ts'
import { LoopSignal, ReturnSignal } from './signals.ts'

export type Builtin = (sh: Shell, argv: string[], io: Io) => number

const LETTERS: Record<string, keyof ShellOptions> = { e: 'errexit', x: 'xtrace', u: 'nounset', n: 'noexec', a: 'allexport' }
const NAMED: Record<string, keyof ShellOptions> = { errexit: 'errexit', xtrace: 'xtrace', nounset: 'nounset', noexec: 'noexec', allexport: 'allexport', pipefail: 'pipefail' }
/** Accepted and ignored: they change nothing a container's output shows. */
const IGNORED_LETTERS = new Set([...'fhmbvCBHPTEkti'])
const IGNORED_NAMES = new Set(['noglob', 'posix', 'vi', 'emacs', 'monitor', 'noclobber', 'errtrace', 'functrace', 'hashall',
  'ignoreeof', 'interactive-comments', 'keyword', 'notify', 'onecmd', 'physical', 'privileged', 'verbose', 'histexpand',
  'history', 'braceexpand'])

/** Sets `-o name`; false when this shell has no such option (dash has no pipefail). */
export function setNamedOption(opts: ShellOptions, name: string, on: boolean, dialect: ShellDialect): boolean {
  const key = Object.hasOwn(NAMED, name) ? NAMED[name] : undefined
  if (key === undefined) return IGNORED_NAMES.has(name)
  if (key === 'pipefail' && dialect === 'dash') return false
  opts[key] = on
  return true
}

export function setLetterOption(opts: ShellOptions, letter: string, on: boolean): boolean {
  const key = Object.hasOwn(LETTERS, letter) ? LETTERS[letter] : undefined
  if (key !== undefined) opts[key] = on
  return key !== undefined || IGNORED_LETTERS.has(letter)
}

/** A builtin's error: bash carries on (status 2), POSIX shells exit on a special builtin's error. */
function optionError(sh: Shell, io: Io, what: string): number {
  const d = sh.name.dialect
  io.err(d === 'bash' ? `${sh.errPrefix()}set: ${what}: invalid option${what.startsWith('-') ? '' : ' name'}\n`
    : `${sh.errPrefix()}set: Illegal option ${what}\n`)
  if (d !== 'bash') throw new ExitSignal(2)
  return 2
}

const set: Builtin = (sh, argv, io) => {
  const args = argv.slice(1)
  if (args.length === 0) {
    io.out([...sh.vars].map(([k, v]) => `${k}='${v.replace(/'/g, "'\\''")}'\n`).join(''))
    return 0
  }
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (a === '--') { sh.positional = args.slice(i + 1); return 0 }
    if (!/^[-+][a-zA-Z]+$/.test(a)) { sh.positional = args.slice(i); return 0 }
    const on = a[0] === '-'
    for (const letter of a.slice(1)) {
      if (letter === 'o') {
        const name = args[++i]
        if (name === undefined) return 0
        if (!setNamedOption(sh.opts, name, on, sh.name.dialect)) return optionError(sh, io, sh.name.dialect === 'bash' ? name : `-o ${name}`)
      } else if (!setLetterOption(sh.opts, letter, on)) return optionError(sh, io, `-${letter}`)
    }
  }
  return 0
}

function assignAll(sh: Shell, args: string[], exportIt: boolean): number {
  for (const a of args) {
    if (a.startsWith('-')) continue
    const eq = a.indexOf('=')
    if (eq > 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1), exportIt)
    else if (exportIt) sh.exported.add(a)
    else if (!sh.vars.has(a)) sh.setVar(a, '')
  }
  return 0
}

const exit: Builtin = (sh, argv, io) => {
  const arg = argv[1]
  if (arg === undefined) throw new ExitSignal(sh.status)
  if (!/^[+-]?\d+$/.test(arg)) {
    io.err(sh.name.dialect === 'bash' ? `${sh.errPrefix()}exit: ${arg}: numeric argument required\n` : `${sh.errPrefix()}exit: Illegal number: ${arg}\n`)
    throw new ExitSignal(2)
  }
  throw new ExitSignal(((Number(arg) % 256) + 256) % 256)
}

const read: Builtin = (sh, argv, io) => {
  const names = argv.slice(1).filter((a, i, all) => !a.startsWith('-') && !/^-[a-z]*[pdtnu]$/.test(all[i - 1] ?? ''))
  const text = io.stdin.text
  io.stdin.read = true
  if (text === '') {
    for (const n of names) sh.setVar(n, '')
    return 1
  }
  const nl = text.indexOf('\n')
  const line = nl < 0 ? text : text.slice(0, nl)
  io.stdin.text = nl < 0 ? '' : text.slice(nl + 1)
  const fields = line.trim().split(/[ \t]+/)
  const vars = names.length === 0 ? ['REPLY'] : names
  vars.forEach((n, i) => sh.setVar(n, i === vars.length - 1 ? fields.slice(i).join(' ') : fields[i] ?? ''))
  return nl < 0 ? 1 : 0
}

const wait: Builtin = sh => {
  if (sh.bgEnds.some(t => t === Infinity)) throw new Forever()
  sh.m.time = Math.max(sh.m.time, ...sh.bgEnds)
  sh.bgEnds = []
  return 0
}

/** `command -v NAME`: where a command comes from, status 1 if nowhere. */
function whereIs(sh: Shell, name: string): string | undefined {
  if (sh.funcs.has(name) || Object.hasOwn(BUILTINS, name)) return name
  if (name.includes('/')) return sh.m.image.binaries.has(name.slice(name.lastIndexOf('/') + 1)) ? name : undefined
  return sh.m.image.binaries.has(name) ? `/usr/bin/${name}` : undefined
}

const command: Builtin = (sh, argv, io) => {
  const args = argv.slice(1)
  if (args[0] === '-v' || args[0] === '-V') {
    let status = 0
    for (const n of args.slice(1)) {
      const where = whereIs(sh, n)
      if (where === undefined) status = 1
      else io.out(`${where}\n`)
    }
    return status
  }
  if (args.length === 0) return 0
  const builtin = Object.hasOwn(BUILTINS, args[0]!) ? BUILTINS[args[0]!] : undefined
  return builtin ? builtin(sh, args, io) : sh.external(args, io, sh.environment(), false)
}

const execBuiltin: Builtin = (sh, argv, io) => {
  const args = argv.slice(1)
  if (args.length === 0) return 0
  // exec replaces the shell: the program becomes PID 1 when the shell was, and its status is the exit status.
  const status = sh.proc.exec(args, { ...sh.proc, io, env: sh.environment(), pid1: sh.isTop && sh.proc.pid1 })
  if (status !== undefined) throw new ExitSignal(status)
  io.err(`${sh.errPrefix()}exec: ${args[0]}: not found\n`)
  throw new ExitSignal(127)
}

const loopControl = (kind: 'break' | 'continue'): Builtin => (sh, argv) => {
  if (sh.loopDepth === 0) return 0
  throw new LoopSignal(kind, Math.max(1, Number(argv[1] ?? 1) || 1))
}

const source: Builtin = (sh, argv, io) => {
  const file = argv[1] ?? ''
  const text = sh.m.files.get(file)
  if (text === undefined) {
    io.err(`${sh.errPrefix()}${argv[0]}: ${file}: ${sh.name.dialect === 'bash' ? 'No such file or directory' : 'not found'}\n`)
    return sh.name.dialect === 'bash' ? 1 : 2
  }
  return sh.evalText(text, io)
}

export const BUILTINS: Record<string, Builtin> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo: (sh, argv, io) => echo(argv, { ...sh.proc, io }, sh.name.dialect === 'dash'),
  printf: (sh, argv, io) => printf(argv, { ...sh.proc, io }),
  test: (sh, argv, io) => runTest(argv, { ...sh.proc, io }, sh.errPrefix()),
  '[': (sh, argv, io) => runTest(argv, { ...sh.proc, io }, sh.errPrefix()),
  '[[': (sh, argv, io) => runTest(argv, { ...sh.proc, io }, sh.errPrefix()),
  exit,
  set,
  export: (sh, argv) => assignAll(sh, argv.slice(1), true),
  readonly: (sh, argv) => assignAll(sh, argv.slice(1), false),
  local: (sh, argv) => assignAll(sh, argv.slice(1), false),
  declare: (sh, argv) => assignAll(sh, argv.slice(1), argv.includes('-x')),
  typeset: (sh, argv) => assignAll(sh, argv.slice(1), argv.includes('-x')),
  unset: (sh, argv) => {
    for (const n of argv.slice(1)) if (!n.startsWith('-')) { sh.vars.delete(n); sh.exported.delete(n); sh.funcs.delete(n) }
    return 0
  },
  cd: (sh, argv) => {
    const dir = argv[1] ?? sh.vars.get('HOME') ?? '/'
    sh.setVar('PWD', dir.startsWith('/') ? dir : `${(sh.vars.get('PWD') ?? '/').replace(/\/$/, '')}/${dir}`, true)
    return 0
  },
  pwd: (sh, _argv, io) => {
    io.out(`${sh.vars.get('PWD') ?? '/'}\n`)
    return 0
  },
  read,
  wait,
  trap: () => 0,
  shift: (sh, argv) => {
    const n = Number(argv[1] ?? 1)
    if (!(n >= 0) || n > sh.positional.length) return 1
    sh.positional = sh.positional.slice(n)
    return 0
  },
  return: (sh, argv) => {
    throw new ReturnSignal(argv[1] === undefined ? sh.status : ((Number(argv[1]) % 256) + 256) % 256 || 0)
  },
  break: loopControl('break'),
  continue: loopControl('continue'),
  eval: (sh, argv, io) => sh.evalText(argv.slice(1).join(' '), io),
  source,
  '.': source,
  command,
  type: (sh, argv, io) => {
    let status = 0
    for (const n of argv.slice(1)) {
      const where = whereIs(sh, n)
      if (where === undefined) { io.err(`${sh.errPrefix()}type: ${n}: not found\n`); status = 1 }
      else io.out(where === n ? `${n} is a shell builtin\n` : `${n} is ${where}\n`)
    }
    return status
  },
  exec: execBuiltin,
  hash: () => 0,
  ulimit: () => 0,
  umask: () => 0,
  kill: () => 0,
  times: () => 0,
}
