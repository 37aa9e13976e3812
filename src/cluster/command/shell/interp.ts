// Runs a parsed script. Virtual time advances only inside programs (sleep, curl, servers); the shell adds
// the semantics that decide exit codes: $?, errexit (-e), pipefail, && / ||, subshells and `exit`.

import { capture, ExitSignal, Forever, type Io, type Proc } from '../machine.ts'
import { SENTINEL_CLOSE, SENTINEL_OPEN, type Node, type Redir, type Word } from './ast.ts'
import { BUILTINS } from './builtins.ts'
import { notFound, prefix, substitutionStatus, syntaxError, type ShellName } from './messages.ts'
import { parseScript, type Script } from './parse.ts'
import { FatalError, LoopSignal, ReturnSignal } from './signals.ts'

export interface ShellOptions {
  errexit: boolean
  pipefail: boolean
  xtrace: boolean
  nounset: boolean
  noexec: boolean
  allexport: boolean
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const noop = (): void => {}

/** Quotes a word for `set -x` output as bash and ash do: `+ echo 'hello world'`. */
function traceQuote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`
}

/** `*` and `?` of a ${x#pattern} as a regular expression. */
function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^]*').replace(/\?/g, '[^]')}$`)
}

export class Shell {
  readonly vars: Map<string, string>
  readonly exported: Set<string>
  readonly funcs: Map<string, Node>
  opts: ShellOptions
  positional: string[]
  status = 0
  line = 1
  /** > 0 while running an if / while condition or the left of && / ||, where -e does not apply. */
  condDepth = 0
  loopDepth = 0
  /** End times of background jobs (Infinity: never ends), for `wait`. */
  bgEnds: number[] = []
  /** The lone command of `sh -c 'cmd'` is exec'd in place of the shell (and so becomes PID 1). */
  oneshot = false
  /** False in subshells: `exec` there does not replace PID 1. */
  isTop = true
  private substStatus = 0
  readonly proc: Proc
  readonly name: ShellName

  constructor(proc: Proc, name: ShellName, opts: ShellOptions, positional: string[]) {
    this.proc = proc
    this.name = name
    this.vars = new Map(proc.env)
    this.exported = new Set(proc.env.keys())
    this.funcs = new Map()
    this.opts = opts
    this.positional = positional
  }

  get m(): Proc['m'] {
    return this.proc.m
  }

  errPrefix(): string {
    return prefix(this.name, this.line)
  }

  subshell(): Shell {
    const sub = new Shell({ ...this.proc, env: this.proc.env }, this.name, { ...this.opts }, [...this.positional])
    sub.vars.clear()
    for (const [k, v] of this.vars) sub.vars.set(k, v)
    sub.exported.clear()
    for (const k of this.exported) sub.exported.add(k)
    for (const [k, v] of this.funcs) sub.funcs.set(k, v)
    sub.status = this.status
    sub.line = this.line
    sub.condDepth = this.condDepth
    sub.isTop = false
    return sub
  }

  setVar(name: string, value: string, exportIt = false): void {
    this.vars.set(name, value)
    if (exportIt || this.opts.allexport) this.exported.add(name)
  }

  /** The environment a program gets: exported variables plus `NAME=value` prefixes of its command. */
  environment(extra: Array<[string, string]> = []): Map<string, string> {
    const env = new Map<string, string>()
    for (const [k, v] of this.vars) if (this.exported.has(k)) env.set(k, v)
    for (const [k, v] of extra) env.set(k, v)
    return env
  }

  /** Runs a parsed script: the commands before a syntax error run, then the error ends the shell. */
  runScript(script: Script, io: Io, source: string): number {
    const stop = script.error?.problem.line ?? Infinity
    for (const item of script.items) {
      if (item.line >= stop) break
      this.runItem(item, io)
    }
    if (script.error) {
      const p = script.error.problem
      io.err(syntaxError(this.name, p, source))
      throw new ExitSignal(p.kind === 'substitution' ? substitutionStatus(this.name) : 2)
    }
    return this.status
  }

  /** Runs `src` as a script in this shell (eval, `.`); a syntax error is reported, status 2. */
  evalText(src: string, io: Io): number {
    const script = parseScript(src)
    if (script.error) {
      io.err(syntaxError(this.name, script.error.problem, src))
      this.status = 2
      return 2
    }
    for (const item of script.items) this.runItem(item, io)
    return this.status
  }

  run(node: Node, io: Io): number {
    try {
      this.status = this.dispatch(node, io)
      return this.status
    } catch (e) {
      if (!(e instanceof FatalError)) throw e
      io.err(e.message)
      throw new ExitSignal(e.code)
    }
  }

  private dispatch(node: Node, io: Io): number {
    switch (node.t) {
      case 'list': {
        for (const item of node.items) this.runItem(item, io)
        return this.status
      }
      case 'andor': return this.andOr(node, io)
      case 'pipeline': return this.pipeline(node, io)
      case 'simple': return this.simple(node, io)
      case 'if': return this.withRedirs(node.redirs, io, rio => {
        for (const c of node.clauses) {
          if (this.condition(c.cond, rio) === 0) return this.run(c.body, rio)
        }
        return node.otherwise ? this.run(node.otherwise, rio) : 0
      })
      case 'loop': return this.withRedirs(node.redirs, io, rio => this.loop(() => {
        this.m.step()
        return (this.condition(node.cond, rio) === 0) !== node.until
      }, () => this.run(node.body, rio)))
      case 'for': return this.withRedirs(node.redirs, io, rio => {
        const items = node.items === null ? [...this.positional] : node.items.flatMap(w => this.expand(w, true, rio))
        let i = 0
        return this.loop(() => {
          if (i >= items.length) return false
          this.setVar(node.name, items[i++]!)
          return true
        }, () => this.run(node.body, rio))
      })
      case 'group': return this.withRedirs(node.redirs, io, rio => (node.subshell ? this.subshell().runIsolated(node.body, rio) : this.run(node.body, rio)))
      case 'func':
        this.funcs.set(node.name, node.body)
        return 0
    }
  }

  private runItem(item: { node: Node; bg: boolean }, io: Io): void {
    if (!item.bg) {
      this.run(item.node, io)
      return
    }
    // A background job runs from now on its own timeline; the shell continues at the same instant.
    const t0 = this.m.time
    let end = Infinity
    try {
      this.subshell().runIsolated(item.node, { ...io, stdin: { text: '' } })
      end = this.m.time
    } catch (e) {
      if (!(e instanceof Forever)) throw e
    }
    this.bgEnds.push(end)
    this.m.time = t0
    this.status = 0
  }

  /** Runs in a subshell: `exit` ends only the subshell. */
  runIsolated(node: Node, io: Io): number {
    try {
      return this.run(node, io)
    } catch (e) {
      if (e instanceof ExitSignal) return e.code
      if (e instanceof LoopSignal || e instanceof ReturnSignal) return this.status
      throw e
    }
  }

  /** Runs a command whose failure must not trigger -e (if / while conditions, the left of && / ||). */
  private condition(node: Node, io: Io): number {
    this.condDepth++
    try {
      return this.run(node, io)
    } finally {
      this.condDepth--
    }
  }

  private loop(more: () => boolean, body: () => number): number {
    let status = 0
    this.loopDepth++
    try {
      while (more()) {
        try {
          status = body()
        } catch (e) {
          if (!(e instanceof LoopSignal)) throw e
          if (e.levels > 1) throw new LoopSignal(e.kind, e.levels - 1)
          if (e.kind === 'break') break
        }
      }
    } finally {
      this.loopDepth--
    }
    return status
  }

  private andOr(node: Extract<Node, { t: 'andor' }>, io: Io): number {
    let status = node.rest.length > 0 ? this.condition(node.first, io) : this.run(node.first, io)
    node.rest.forEach(({ op, node: next }, i) => {
      if ((op === '&&') !== (status === 0)) return
      status = i < node.rest.length - 1 ? this.condition(next, io) : this.run(next, io)
    })
    return status
  }

  private pipeline(node: Extract<Node, { t: 'pipeline' }>, io: Io): number {
    let status: number
    if (node.cmds.length === 1) {
      status = node.bang ? this.condition(node.cmds[0]!, io) : this.run(node.cmds[0]!, io)
    } else {
      // The commands run at once: each starts now, reads what the previous one wrote, and the
      // pipeline ends when the slowest does. If one never ends, neither does the pipeline.
      const t0 = this.m.time
      let end = t0
      let forever = false
      let stdin = io.stdin
      const statuses: number[] = []
      let inputDone = t0
      node.cmds.forEach((cmd, i) => {
        this.m.time = t0
        const last = i === node.cmds.length - 1
        const both = node.stderrToo[i] ?? false
        let written = ''
        const cmdIo: Io = last ? { ...io, stdin } : { stdin, out: t => { written += t }, err: both ? t => { written += t } : io.err }
        const firstChunk = this.m.output.length
        try {
          statuses.push(this.subshell().runIsolated(cmd, cmdIo))
        } catch (e) {
          if (!(e instanceof Forever)) throw e
          forever = true
          statuses.push(0)
        }
        // A command that read its input could only finish after the previous one did: shift it to then.
        if (i > 0 && stdin.read === true) {
          const delay = Math.max(0, inputDone - t0)
          for (const chunk of this.m.output.slice(firstChunk)) chunk.atMs += delay
          this.m.time += delay
        }
        end = Math.max(end, this.m.time)
        inputDone = this.m.time
        stdin = { text: written }
      })
      this.m.time = end
      if (forever) throw new Forever()
      const failed = statuses.filter(s => s !== 0)
      status = this.opts.pipefail && failed.length > 0 ? failed[failed.length - 1]! : statuses[statuses.length - 1]!
    }
    if (node.bang) status = status === 0 ? 1 : 0
    this.status = status
    if (status !== 0 && !node.bang && this.opts.errexit && this.condDepth === 0) throw new ExitSignal(status)
    return status
  }

  private simple(node: Extract<Node, { t: 'simple' }>, io: Io): number {
    this.line = node.line
    this.m.step()
    this.substStatus = 0
    const assigns = node.assigns.map(a => [a.name, this.expand(a.value, false, io).join('')] as [string, string])
    const words = node.words.flatMap(w => this.expand(w, true, io))
    if (this.opts.xtrace) {
      const q = this.name.dialect === 'dash' ? (w: string) => w : traceQuote
      io.err(`+ ${[...assigns.map(([k, v]) => `${k}=${q(v)}`), ...words.map(q)].join(' ')}\n`)
    }
    const rio = this.redirect(node.redirs, io)
    if (typeof rio === 'number') return rio
    const name = words[0]
    if (name === undefined) {
      for (const [k, v] of assigns) this.setVar(k, v)
      return this.substStatus
    }
    const fn = this.funcs.get(name)
    if (fn) return this.call(fn, words, rio)
    const builtin = Object.hasOwn(BUILTINS, name) ? BUILTINS[name] : undefined
    if (builtin && (name !== '[[' || this.name.dialect === 'bash')) return builtin(this, words, rio)
    if (this.opts.noexec) return 0
    return this.external(words, rio, this.environment(assigns), this.oneshot && this.isTop && this.proc.pid1)
  }

  /** Execs a binary of the image; 127 with the shell's message when it has none. */
  external(words: string[], io: Io, env: Map<string, string>, pid1: boolean): number {
    const status = this.proc.exec(words, { ...this.proc, io, env, pid1 })
    if (status !== undefined) return status
    io.err(notFound(this.name, this.line, words[0] ?? ''))
    return 127
  }

  private call(body: Node, words: string[], io: Io): number {
    const saved = this.positional
    this.positional = words.slice(1)
    try {
      return this.run(body, io)
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code
      throw e
    } finally {
      this.positional = saved
    }
  }

  private withRedirs(redirs: Redir[], io: Io, fn: (io: Io) => number): number {
    const rio = this.redirect(redirs, io)
    return typeof rio === 'number' ? rio : fn(rio)
  }

  /** Applies redirections left to right; a number is the status of a failed one. */
  private redirect(redirs: Redir[], io: Io): Io | number {
    if (redirs.length === 0) return io
    const fds = new Map<number, (t: string) => void>([[1, io.out], [2, io.err]])
    let stdin = io.stdin
    const files = this.m.files
    const writer = (path: string, append: boolean): ((t: string) => void) => {
      if (path === '/dev/null') return noop
      if (path === '/dev/stdout' || path === '/proc/self/fd/1' || path === '/proc/1/fd/1') return fds.get(1) ?? noop
      if (path === '/dev/stderr' || path === '/proc/self/fd/2' || path === '/proc/1/fd/2') return fds.get(2) ?? noop
      if (!append || !files.has(path)) files.set(path, '')
      return t => files.set(path, (files.get(path) ?? '') + t)
    }
    for (const r of redirs) {
      const target = this.expand(r.target, false, io).join('')
      if (r.op === '>' || r.op === '>|' || r.op === '>>') fds.set(r.fd ?? 1, writer(target, r.op === '>>'))
      else if (r.op === '&>' || r.op === '&>>' || (r.op === '>&' && r.fd === null && !/^\d$|^-$/.test(target))) {
        const w = writer(target, r.op === '&>>')
        fds.set(1, w)
        fds.set(2, w)
      } else if (r.op === '>&') fds.set(r.fd ?? 1, target === '-' ? noop : fds.get(Number(target)) ?? noop)
      else if (r.op === '<<<') stdin = { text: `${target}\n` }
      else if (r.op === '<') {
        const text = target === '/dev/null' ? '' : files.get(target)
        if (text === undefined) {
          const d = this.name.dialect
          io.err(d === 'bash' ? `${this.errPrefix()}${target}: No such file or directory\n`
            : d === 'dash' ? `${this.errPrefix()}cannot open ${target}: No such file\n`
            : `${this.errPrefix()}can't open '${target}': No such file or directory\n`)
          return 1
        }
        stdin = { text }
      }
    }
    return { stdin, out: fds.get(1) ?? noop, err: fds.get(2) ?? noop }
  }

  /** Expands a word into fields; only an unquoted `$(...)` is field-split (its quoting is known). */
  expand(w: Word, split: boolean, io: Io): string[] {
    const fields: string[] = []
    let cur = ''
    let has = false
    for (const part of w.parts) {
      if (typeof part === 'string') {
        cur += this.expandText(part, io)
        has = true
        continue
      }
      const text = this.substitute((sub, cio) => sub.run(part, cio), io)
      if (!split) {
        cur += text
        has = true
        continue
      }
      const pieces = text.split(/[ \t\n]+/).filter(Boolean)
      pieces.forEach((piece, i) => {
        if (i > 0) fields.push(cur)
        cur = i > 0 ? piece : cur + piece
        has = true
      })
    }
    if (has) fields.push(cur)
    return fields
  }

  /** Runs a command substitution in a subshell and returns its output without trailing newlines. */
  private substitute(run: (sub: Shell, io: Io) => number, io: Io): string {
    const sub = this.subshell()
    let status = 0
    const text = capture(io, cio => {
      try {
        status = run(sub, cio)
      } catch (e) {
        if (e instanceof ExitSignal) status = e.code
        else if (e instanceof LoopSignal || e instanceof ReturnSignal) status = sub.status
        else throw e
      }
    })
    this.substStatus = status
    this.status = status
    return text.replace(/\n+$/, '')
  }

  /** Replaces `$NAME` sentinels and `$( ... )` inside double quotes in one piece of a word. */
  private expandText(s: string, io: Io): string {
    if (!s.includes(SENTINEL_OPEN)) return s
    let out = ''
    for (let i = 0; i < s.length;) {
      const c = s[i]!
      if (c === SENTINEL_OPEN) {
        const j = s.indexOf(SENTINEL_CLOSE, i)
        if (j < 0) { out += c; i++; continue }
        const name = s.slice(i + 1, j)
        i = j + 1
        if (name === '' && s[i] === '(') {
          if (s[i + 1] === '(') throw new FatalError(`${this.errPrefix()}syntax error: arithmetic expansion $((...)) is not supported by the synclab shell\n`, 2)
          const k = closingParen(s, i)
          if (k < 0) { out += '$'; continue }
          const src = s.slice(i + 1, k)
          out += this.substitute((sub, cio) => sub.evalText(src, cio), io)
          i = k + 1
          continue
        }
        out += this.param(name)
        continue
      }
      out += c
      i++
    }
    return out
  }

  private lookup(name: string): string | undefined {
    switch (name) {
      case '?': return String(this.status)
      case '$': return '1'
      case '#': return String(this.positional.length)
      case '@': case '*': return this.positional.join(' ')
      case '0': return this.name.name
      case '!': return this.bgEnds.length > 0 ? String(100 + this.bgEnds.length) : undefined
      case '-': return `${this.opts.errexit ? 'e' : ''}${this.opts.nounset ? 'u' : ''}${this.opts.xtrace ? 'x' : ''}hB`
      case 'LINENO': return String(this.line)
      case 'SECONDS': return String(Math.floor(this.m.time / 1000))
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1]
    return this.vars.get(name)
  }

  /** One `${...}` expansion (the text between the braces, or the name after `$`). */
  private param(expr: string): string {
    if (expr === '') return '$'
    const bad = (): never => {
      throw new FatalError(`${this.errPrefix()}\${${expr}}: bad substitution\n`, substitutionStatus(this.name))
    }
    if (expr.startsWith('#') && expr.length > 1) {
      const name = expr.slice(1)
      if (!NAME.test(name) && !/^(\d+|[@*#?$!-])$/.test(name)) bad()
      return String((this.lookup(name) ?? '').length)
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|\d+|[@*#?$!-])(?:(:?[-=+?])([^]*)|(##?|%%?)([^]*))?$/.exec(expr)
    if (!m) return bad()
    const name = m[1]!
    const value = this.lookup(name)
    const op = m[2]
    if (op !== undefined) {
      const word = this.innerWord(m[3] ?? '')
      const unset = value === undefined || (op.startsWith(':') && value === '')
      switch (op.replace(':', '')) {
        case '-': return unset ? word : value!
        case '+': return unset ? '' : word
        case '=':
          if (unset && NAME.test(name)) this.setVar(name, word)
          return unset ? word : value!
        default:
          if (unset) throw new FatalError(`${this.errPrefix()}${name}: ${word || (value === undefined ? 'parameter not set' : 'parameter null or not set')}\n`, this.name.dialect === 'bash' ? 1 : 2)
          return value!
      }
    }
    if (m[4] !== undefined) {
      const v = value ?? ''
      const re = globRegExp(this.innerWord(m[5] ?? ''))
      const longest = m[4].length === 2
      const n = v.length
      for (let k = 0; k <= n; k++) {
        const len = longest ? n - k : k
        if (m[4][0] === '#' && re.test(v.slice(0, len))) return v.slice(len)
        if (m[4][0] === '%' && re.test(v.slice(n - len))) return v.slice(0, n - len)
      }
      return v
    }
    if (value === undefined && this.opts.nounset && NAME.test(name)) {
      throw new FatalError(`${this.errPrefix()}${name}: ${this.name.dialect === 'bash' ? 'unbound variable' : 'parameter not set'}\n`, this.name.dialect === 'bash' ? 1 : 2)
    }
    return value ?? ''
  }

  /** The word of `${x:-word}`: shell-quote leaves it raw, so expand its `$NAME`s and drop its quotes. */
  private innerWord(raw: string): string {
    return raw
      .replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (_all, a: string | undefined, b: string | undefined) => this.lookup(a ?? b ?? '') ?? '')
      .replace(/^(['"])([^]*)\1$/, '$2')
  }
}

/** Index of the `)` closing the `(` at `open`, or -1. */
function closingParen(s: string, open: number): number {
  let depth = 0
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++
    else if (s[i] === ')' && --depth === 0) return i
  }
  return -1
}
