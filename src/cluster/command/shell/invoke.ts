// `sh` / `bash` as a program: reads its options (-c, -e, -x, -o pipefail, combined or not), finds the
// script (-c string, a file, or stdin — empty in a container without a tty), runs it, and returns its status.

import type { ShellDialect } from '../../images.ts'
import { basename, ExitSignal, type Proc } from '../machine.ts'
import { setLetterOption, setNamedOption } from './builtins.ts'
import { Shell, type ShellOptions } from './interp.ts'
import type { ShellName } from './messages.ts'
import { parseScript } from './parse.ts'

const LONG_OPTIONS = new Set(['--login', '--norc', '--noprofile', '--posix', '--noediting', '--restricted', '--verbose'])

function dialectOf(argv0: string, p: Proc): ShellDialect {
  const base = basename(argv0)
  if (base === 'bash') return 'bash'
  if (base === 'dash') return 'dash'
  if (base === 'ash') return 'ash'
  return p.m.image.shell
}

function usageError(dialect: ShellDialect, name: string, what: string): string {
  if (dialect === 'bash') return `${name}: ${what}: invalid option\nUsage:\t${name} [GNU long option] [option] ...\n\t${name} [GNU long option] [option] script-file ...\n`
  if (dialect === 'dash') return `${name}: 0: Illegal option ${what}\n`
  return `${name}: illegal option ${what}\n`
}

export function runShell(argv: string[], p: Proc): number {
  const argv0 = argv[0] ?? 'sh'
  const dialect = dialectOf(argv0, p)
  const opts: ShellOptions = { errexit: false, pipefail: false, xtrace: false, nounset: false, noexec: false, allexport: false }
  let command = false
  let i = 1
  // Options come first; a cluster like -eo takes its -o name from the next argument.
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--' || a === '-') { i++; break }
    if (a.startsWith('--')) {
      if (dialect === 'bash' && LONG_OPTIONS.has(a)) continue
      p.io.err(usageError(dialect, argv0, a))
      return 2
    }
    if (!/^[-+]./.test(a)) break
    const on = a[0] === '-'
    for (const letter of a.slice(1)) {
      if (letter === 'c') command = true
      else if (letter === 'o') {
        const name = argv[++i]
        if (name === undefined || !setNamedOption(opts, name, on, dialect)) {
          p.io.err(dialect === 'bash' ? `${argv0}: ${name ?? ''}: invalid option name\n` : usageError(dialect, argv0, `-o ${name ?? ''}`))
          return 2
        }
      } else if (!setLetterOption(opts, letter, on) && !'lsiv'.includes(letter)) {
        p.io.err(usageError(dialect, argv0, `-${letter}`))
        return 2
      }
    }
  }

  let source: string
  let name: ShellName
  let positional: string[]
  if (command) {
    const script = argv[i]
    if (script === undefined) {
      p.io.err(dialect === 'bash' ? `${argv0}: -c: option requires an argument\n` : dialect === 'dash' ? `${argv0}: 0: -c requires an argument\n` : `${argv0}: -c requires an argument\n`)
      return 2
    }
    source = script
    name = { dialect, name: argv[i + 1] ?? argv0, command: true }
    positional = argv.slice(i + 2)
  } else if (argv[i] !== undefined) {
    const file = argv[i]!
    const text = p.m.files.get(file)
    if (text === undefined) {
      p.io.err(dialect === 'bash' ? `${argv0}: ${file}: No such file or directory\n` : dialect === 'dash' ? `${argv0}: 0: cannot open ${file}: No such file\n` : `${argv0}: can't open '${file}': No such file or directory\n`)
      return dialect === 'ash' ? 2 : 127
    }
    source = text
    name = { dialect, name: file, command: false }
    positional = argv.slice(i + 1)
  } else {
    // No script: the shell reads commands from stdin, which a container without a tty has empty.
    source = p.io.stdin.text
    name = { dialect, name: argv0, command: true }
    positional = []
  }

  const script = parseScript(source)
  const shell = new Shell(p, name, opts, positional)
  const only = script.items.length === 1 && !script.error ? script.items[0]! : undefined
  const lone = only && !only.bg && only.node.t === 'andor' && only.node.rest.length === 0 ? only.node.first : undefined
  const simple = lone?.t === 'pipeline' && !lone.bang && lone.cmds.length === 1 ? lone.cmds[0] : undefined
  shell.oneshot = simple?.t === 'simple' && simple.redirs.length === 0 && simple.assigns.length === 0
  try {
    return shell.runScript(script, p.io, source)
  } catch (e) {
    if (e instanceof ExitSignal) return e.code
    throw e
  }
}
