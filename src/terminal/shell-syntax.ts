// bash's syntax, as much of it as the sandbox shell runs: words with single quotes, double quotes and backslash
// escapes, `\`-newline continuation, `$VAR`, `${VAR}`, `$(…)` and `` `…` `` command substitution, `~`, comments,
// and the operators that split a command list (newline, `;`, `&&`, `||`) or a pipeline (`|`). It also tells when an
// input is not complete yet (an open quote, a trailing `\`, `&&` or `|`, an open `$(`), where bash prints its `> `
// continuation prompt. Hand-written: shell-quote (the library used before) reads an open quote as closed and has no
// `$(…)`, and full bash parsers are far larger than the page can carry.

export type Operator = '\n' | ';' | '&&' | '||' | '|' | '&' | '<' | '>' | '>>' | '(' | ')' | ';;'

/** A piece of a word: literal text, or an expansion; `quoted` pieces are not split into fields. */
export type WordPart =
  | { type: 'text'; text: string; quoted: boolean }
  | { type: 'param'; name: string; quoted: boolean }
  | { type: 'subst'; source: string; quoted: boolean }
  | { type: 'tilde' }

export type Token =
  | { type: 'word'; parts: WordPart[]; start: number; end: number }
  | { type: 'op'; op: Operator; start: number; end: number }

export type Scan =
  | { status: 'complete'; tokens: Token[] }
  | { status: 'incomplete'; why: string }

class Incomplete extends Error {}

const OPERATORS: readonly Operator[] = ['&&', '||', ';;', '>>', '\n', ';', '|', '&', '<', '>', '(', ')']
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/
const SPECIAL_PARAM = /^[?$#!@*0-9-]/

/** Reads `source` into words and operators, or says that bash would wait for more input. */
export function scan(source: string): Scan {
  try {
    return { status: 'complete', tokens: new Scanner(source).tokens() }
  } catch (e) {
    if (e instanceof Incomplete) return { status: 'incomplete', why: e.message }
    throw e
  }
}

class Scanner {
  private i = 0
  constructor(private readonly s: string, private readonly inSubst = false) {}

  tokens(): Token[] {
    const out: Token[] = []
    for (;;) {
      this.skipBlanks()
      if (this.i >= this.s.length) break
      const c = this.s[this.i]!
      if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++
        continue
      }
      if (this.inSubst && c === ')') break
      const op = OPERATORS.find(o => this.s.startsWith(o, this.i))
      if (op) {
        out.push({ type: 'op', op, start: this.i, end: this.i + op.length })
        this.i += op.length
        continue
      }
      out.push(this.word())
    }
    // bash reads on after a trailing `&&`, `||` or `|` (blank lines and comments in between do not count).
    const last = [...out].reverse().find(t => !(t.type === 'op' && t.op === '\n'))
    if (last?.type === 'op' && (last.op === '&&' || last.op === '||' || last.op === '|')) {
      throw new Incomplete(`a command after '${last.op}'`)
    }
    return out
  }

  /** Where a `$(` … `)` that starts at `this.i` ends: scans its inside as commands, so quotes and `)` in them count. */
  substEnd(): number {
    const inner = new Scanner(this.s, true)
    inner.i = this.i
    inner.tokens()
    if (inner.i >= this.s.length) throw new Incomplete('the closing ) of $(')
    return inner.i
  }

  private skipBlanks(): void {
    for (;;) {
      const c = this.s[this.i]
      if (c === ' ' || c === '\t' || c === '\r') this.i++
      else if (c === '\\' && this.s[this.i + 1] === '\n') this.i += 2
      else return
    }
  }

  private word(): Token {
    const start = this.i
    const parts: WordPart[] = []
    const text = (t: string, quoted: boolean) => {
      const last = parts.at(-1)
      if (last?.type === 'text' && last.quoted === quoted) last.text += t
      else parts.push({ type: 'text', text: t, quoted })
    }
    if (this.s[this.i] === '~' && /^~(\/|$|[\s;&|)])/.test(this.s.slice(this.i, this.i + 2))) {
      parts.push({ type: 'tilde' })
      this.i++
    }
    while (this.i < this.s.length) {
      const c = this.s[this.i]!
      if (c === ' ' || c === '\t' || c === '\r' || OPERATORS.some(o => this.s.startsWith(o, this.i))) break
      if (c === '\\') {
        const next = this.s[this.i + 1]
        if (next === undefined) throw new Incomplete('the line after a trailing \\')
        this.i += 2
        if (next !== '\n') text(next, true)
        continue
      }
      if (c === "'") {
        const close = this.s.indexOf("'", this.i + 1)
        if (close < 0) throw new Incomplete("the closing '")
        text(this.s.slice(this.i + 1, close), true)
        this.i = close + 1
        continue
      }
      if (c === '"') {
        this.doubleQuoted(parts, text)
        continue
      }
      if (c === '$' || c === '`') {
        const part = this.expansion(false)
        if (part) parts.push(part)
        else text(c, false)
        continue
      }
      text(c, false)
      this.i++
    }
    return { type: 'word', parts, start, end: this.i }
  }

  private doubleQuoted(parts: WordPart[], text: (t: string, quoted: boolean) => void): void {
    this.i++
    for (;;) {
      const c = this.s[this.i]
      if (c === undefined) throw new Incomplete('the closing "')
      if (c === '"') {
        this.i++
        // `""` is an empty word of its own.
        if (parts.length === 0) text('', true)
        return
      }
      if (c === '\\') {
        const next = this.s[this.i + 1]
        if (next === undefined) throw new Incomplete('the closing "')
        this.i += 2
        if (next === '\n') continue
        text('$`"\\'.includes(next) ? next : `\\${next}`, true)
        continue
      }
      if (c === '$' || c === '`') {
        const part = this.expansion(true)
        if (part) parts.push(part)
        else text(c, true)
        continue
      }
      text(c, true)
      this.i++
    }
  }

  /** `$NAME`, `${NAME}`, `$(…)`, `` `…` ``; undefined for a `$` that starts none of them (a literal `$`). */
  private expansion(quoted: boolean): WordPart | undefined {
    const s = this.s
    if (s[this.i] === '`') {
      const close = s.indexOf('`', this.i + 1)
      if (close < 0) throw new Incomplete('the closing `')
      const source = s.slice(this.i + 1, close)
      this.i = close + 1
      return { type: 'subst', source, quoted }
    }
    const rest = s.slice(this.i + 1)
    if (rest.startsWith('(')) {
      this.i += 2
      const end = this.substEnd()
      const source = s.slice(this.i, end)
      this.i = end + 1
      return { type: 'subst', source, quoted }
    }
    if (rest.startsWith('{')) {
      const close = s.indexOf('}', this.i + 2)
      if (close < 0) throw new Incomplete('the closing } of ${')
      const name = s.slice(this.i + 2, close)
      this.i = close + 1
      return { type: 'param', name, quoted }
    }
    const name = NAME.exec(rest)?.[0] ?? SPECIAL_PARAM.exec(rest)?.[0]
    if (!name) {
      this.i++
      return undefined
    }
    this.i += 1 + name.length
    return { type: 'param', name, quoted }
  }
}

// Command lists: what runs one after another.

export type Connector = ';' | '&&' | '||'

export interface ListItem {
  /** The command's own text (a pipeline), as typed: the host runs, logs and replays it. */
  text: string
  /** How it depends on the command before it: `&&` runs it after success only, `||` after failure only. */
  after: Connector
}

export type CommandList =
  | { status: 'complete'; commands: ListItem[] }
  | { status: 'incomplete'; why: string }
  | { status: 'error'; message: string }

/**
 * Splits an input (one or more lines) into the commands to run in turn, as bash reads a command list. Blank lines
 * and comments give no command. A pipeline stays one command; `&` and redirections are left for the interpreter
 * to refuse.
 */
export function splitCommands(source: string): CommandList {
  const read = scan(source)
  if (read.status === 'incomplete') return read
  const commands: ListItem[] = []
  let current: Token[] = []
  let after: Connector = ';'
  const flush = (op: Operator | undefined): string | undefined => {
    if (current.length === 0) {
      if (op === '&&' || op === '||' || op === ';' || op === ';;') return op
      after = ';'
      return undefined
    }
    commands.push({ text: source.slice(current[0]!.start, current.at(-1)!.end), after })
    current = []
    after = op === '&&' || op === '||' ? op : ';'
    return undefined
  }
  for (const t of read.tokens) {
    if (t.type === 'op' && (t.op === '\n' || t.op === ';' || t.op === '&&' || t.op === '||' || t.op === ';;')) {
      const unexpected = flush(t.op)
      if (unexpected) return { status: 'error', message: `bash: syntax error near unexpected token \`${unexpected}'` }
      continue
    }
    current.push(t)
  }
  flush(undefined)
  return { status: 'complete', commands }
}

// Expansion: a command's words into argv, stage by stage.

export interface Expansion {
  /** A variable's value; unset variables expand to nothing. */
  variable(name: string): string | undefined
  /** The output of a command substitution, or an Error that ends the command. */
  substitute(source: string): string | Error
  home: string
}

export type Pipeline = { stages: string[][] } | { error: string }

/** One command's words after expansion and field splitting, split at `|` into a pipeline's stages. */
export function expandPipeline(source: string, env: Expansion): Pipeline {
  const read = scan(source)
  if (read.status === 'incomplete') return { error: `bash: unexpected end of file while looking for ${read.why}` }
  const stages: string[][] = [[]]
  for (const t of read.tokens) {
    if (t.type === 'op') {
      if (t.op === '|') stages.push([])
      else if (t.op !== '\n') return { error: `synclab: the sandbox shell does not support '${t.op}'` }
      continue
    }
    const fields = expandWord(t.parts, env)
    if (fields instanceof Error) return { error: fields.message }
    stages.at(-1)!.push(...fields)
  }
  return { stages }
}

/** A word's fields: unquoted expansions split at blanks (bash's IFS default), quoted text never. */
function expandWord(parts: WordPart[], env: Expansion): string[] | Error {
  const fields: string[] = []
  let current: string | undefined
  for (const part of parts) {
    let value: string
    if (part.type === 'text') {
      current = (current ?? '') + part.text
      continue
    }
    if (part.type === 'tilde') {
      current = (current ?? '') + env.home
      continue
    }
    if (part.type === 'param') {
      const v = paramValue(part.name, env)
      if (v instanceof Error) return v
      value = v
    } else {
      const output = env.substitute(part.source)
      if (output instanceof Error) return output
      value = output.replace(/\n+$/, '')
    }
    if (part.quoted) {
      current = (current ?? '') + value
      continue
    }
    value.split(/[ \t\n]+/).forEach((piece, i) => {
      if (i > 0 && current !== undefined) {
        fields.push(current)
        current = undefined
      }
      if (piece !== '') current = (current ?? '') + piece
    })
  }
  if (current !== undefined) fields.push(current)
  return fields
}

/** `NAME`, and bash's `NAME:-default` and `NAME-default` inside `${…}`. */
function paramValue(expr: string, env: Expansion): string | Error {
  const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#!@*0-9-])(?:(:?-)(.*))?$/s.exec(expr)
  if (!m) return new Error(`bash: \${${expr}}: bad substitution`)
  const value = env.variable(m[1]!)
  if (m[2] === ':-' && (value === undefined || value === '')) return m[3]!
  if (m[2] === '-' && value === undefined) return m[3]!
  return value ?? ''
}
