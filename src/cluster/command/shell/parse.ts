// A recursive-descent parser for the POSIX shell grammar scripts in manifests use: lists, && / ||, pipes,
// `!`, if / while / until / for, { } groups, ( ) subshells, functions and redirections.

import { ShellSyntaxError, type Assign, type Node, type Redir, type Word } from './ast.ts'
import { lex, word, type Tok } from './lex.ts'

const REDIRECTS = new Set(['<', '>', '>>', '>&', '<&', '&>', '&>>', '>|', '<>', '<<<'])
/** Words that end a list when they appear where a command would start. */
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', '}', 'esac'])
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

export interface Script {
  /** Top-level commands that parsed; a shell runs those on lines before a syntax error, then reports it. */
  items: Array<{ node: Node; bg: boolean; line: number }>
  error?: ShellSyntaxError
}

class Parser {
  private pos = 0
  private readonly toks: Tok[]
  constructor(toks: Tok[]) {
    this.toks = toks
  }

  private peek(): Tok {
    return this.toks[this.pos] ?? this.toks[this.toks.length - 1]!
  }
  private next(): Tok {
    const t = this.peek()
    if (this.pos < this.toks.length - 1) this.pos++
    return t
  }
  private isOp(op: string, t = this.peek()): boolean {
    return t.k === 'op' && t.op === op
  }
  private isWord(lit: string, t = this.peek()): boolean {
    return t.k === 'word' && t.word.lit === lit
  }
  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.next()
  }

  private fail(t: Tok, expecting: string | null = null): never {
    if (t.k === 'eof') throw new ShellSyntaxError({ kind: 'eof', expecting, line: t.line })
    const token = t.k === 'nl' ? 'newline' : t.k === 'op' ? t.op : t.word.lit ?? 'word'
    throw new ShellSyntaxError({ kind: 'token', token, line: t.line })
  }

  private expectWord(lit: string): void {
    if (!this.isWord(lit)) this.fail(this.peek(), lit)
    this.next()
  }

  /** The whole script; stops at the first syntax error, keeping what parsed before it. */
  program(): Script {
    const items: Script['items'] = []
    try {
      this.listItems(new Set(), items)
      if (this.peek().k !== 'eof') this.fail(this.peek())
      return { items }
    } catch (e) {
      if (e instanceof ShellSyntaxError) return { items, error: e }
      throw e
    }
  }

  /** A full token list as one node (the inside of `$( )`). */
  whole(): Node {
    const items: Script['items'] = []
    this.listItems(new Set([')']), items)
    if (this.peek().k !== 'eof') this.fail(this.peek())
    return { t: 'list', items }
  }

  private listItems(stops: Set<string>, items: Script['items']): void {
    for (;;) {
      while (this.peek().k === 'nl' || this.isOp(';')) {
        if (this.isOp(';') && items.length === 0) this.fail(this.peek())
        this.next()
      }
      const t = this.peek()
      if (t.k === 'eof') return
      if (t.k === 'word' && t.word.lit !== null && CLOSERS.has(t.word.lit) && stops.has(t.word.lit)) return
      if (this.isOp(')') && stops.has(')')) return
      const node = this.andOr()
      let bg = false
      if (this.isOp('&')) { this.next(); bg = true }
      items.push({ node, bg, line: t.line })
      const after = this.peek()
      if (!bg && !(after.k === 'nl' || after.k === 'eof' || this.isOp(';', after) || this.isOp(')', after) && stops.has(')')
        || after.k === 'word' && after.word.lit !== null && stops.has(after.word.lit))) this.fail(after)
    }
  }

  /** A non-empty list up to one of `stops` (which is left unread). */
  private list(stops: string[]): Node {
    const items: Script['items'] = []
    this.listItems(new Set(stops), items)
    if (items.length === 0) this.fail(this.peek(), stops[0] ?? null)
    return { t: 'list', items }
  }

  private andOr(): Node {
    const first = this.pipeline()
    const rest: Array<{ op: '&&' | '||'; node: Node }> = []
    for (let t = this.peek(); t.k === 'op' && (t.op === '&&' || t.op === '||'); t = this.peek()) {
      this.next()
      this.skipNewlines()
      rest.push({ op: t.op, node: this.pipeline() })
    }
    return { t: 'andor', first, rest }
  }

  private pipeline(): Node {
    const line = this.peek().line
    let bang = false
    while (this.isWord('!')) { this.next(); bang = !bang }
    const cmds = [this.command()]
    const stderrToo: boolean[] = []
    while (this.isOp('|') || this.isOp('|&')) {
      stderrToo.push(this.isOp('|&'))
      this.next()
      this.skipNewlines()
      cmds.push(this.command())
    }
    return { t: 'pipeline', bang, cmds, stderrToo, line }
  }

  private command(): Node {
    const t = this.peek()
    if (t.k === 'eof' || t.k === 'nl') this.fail(t)
    if (t.k === 'op' && t.op === '(') {
      this.next()
      const body = this.list([')'])
      if (!this.isOp(')')) this.fail(this.peek(), ')')
      this.next()
      return { t: 'group', subshell: true, body, redirs: this.redirects() }
    }
    if (t.k === 'op' && !REDIRECTS.has(t.op)) this.fail(t)
    if (t.k === 'word') {
      const lit = t.word.lit
      if (lit === 'if') return this.ifClause()
      if (lit === 'while' || lit === 'until') return this.loop(lit === 'until')
      if (lit === 'for') return this.forClause()
      if (lit === '{') {
        this.next()
        const body = this.list(['}'])
        this.expectWord('}')
        return { t: 'group', subshell: false, body, redirs: this.redirects() }
      }
      if (lit === 'case' || lit === 'select' || lit === 'function' || lit === '((') {
        throw new ShellSyntaxError({ kind: 'unsupported', what: `'${lit}'`, line: t.line })
      }
      if (lit !== null && CLOSERS.has(lit)) this.fail(t)
      const open = this.toks[this.pos + 1]
      if (lit !== null && NAME.test(lit) && open && this.isOp('(', open) && this.isOp(')', this.toks[this.pos + 2])) {
        this.pos += 3
        this.skipNewlines()
        return { t: 'func', name: lit, body: this.command() }
      }
    }
    return this.simple()
  }

  private redirect(words: Word[]): Redir | undefined {
    const t = this.peek()
    if (t.k !== 'op' || !REDIRECTS.has(t.op)) return undefined
    // shell-quote splits `2>&1` into '2', '>&', '1': a lone digit right before a redirection is its fd.
    const last = words[words.length - 1]
    const fd = last?.lit !== null && last?.lit !== undefined && /^\d$/.test(last.lit) ? Number(words.pop()!.lit) : null
    this.next()
    const target = this.peek()
    if (target.k !== 'word') this.fail(target)
    this.next()
    return { fd, op: t.op, target: target.word }
  }

  private redirects(): Redir[] {
    const redirs: Redir[] = []
    for (let r = this.redirect([]); r; r = this.redirect([])) redirs.push(r)
    return redirs
  }

  private simple(): Node {
    const line = this.peek().line
    const assigns: Assign[] = []
    const words: Word[] = []
    const redirs: Redir[] = []
    for (;;) {
      const t = this.peek()
      if (t.k === 'word') {
        const first = t.word.parts[0]
        const m = words.length === 0 && typeof first === 'string' ? /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first) : null
        if (m) assigns.push({ name: m[1]!, value: word([(first as string).slice(m[0].length), ...t.word.parts.slice(1)]) })
        else words.push(t.word)
        this.next()
        continue
      }
      const r = this.redirect(words)
      if (!r) break
      redirs.push(r)
    }
    if (assigns.length === 0 && words.length === 0 && redirs.length === 0) this.fail(this.peek())
    return { t: 'simple', assigns, words, redirs, line }
  }

  private ifClause(): Node {
    this.next()
    const clauses: Array<{ cond: Node; body: Node }> = []
    let otherwise: Node | null = null
    for (;;) {
      const cond = this.list(['then'])
      this.expectWord('then')
      clauses.push({ cond, body: this.list(['elif', 'else', 'fi']) })
      if (this.isWord('elif')) { this.next(); continue }
      if (this.isWord('else')) { this.next(); otherwise = this.list(['fi']) }
      this.expectWord('fi')
      return { t: 'if', clauses, otherwise, redirs: this.redirects() }
    }
  }

  private loop(until: boolean): Node {
    this.next()
    const cond = this.list(['do'])
    this.expectWord('do')
    const body = this.list(['done'])
    this.expectWord('done')
    return { t: 'loop', until, cond, body, redirs: this.redirects() }
  }

  private forClause(): Node {
    this.next()
    const name = this.next()
    if (name.k !== 'word' || name.word.lit === null || !NAME.test(name.word.lit)) this.fail(name)
    let items: Word[] | null = null
    this.skipNewlines()
    if (this.isWord('in')) {
      this.next()
      items = []
      for (let t = this.peek(); t.k === 'word'; t = this.peek()) { items.push(t.word); this.next() }
    }
    if (this.isOp(';') || this.peek().k === 'nl') this.next()
    this.skipNewlines()
    this.expectWord('do')
    const body = this.list(['done'])
    this.expectWord('done')
    return { t: 'for', name: name.word.lit, items, body, redirs: this.redirects() }
  }
}

function subParse(toks: Tok[]): Node {
  return new Parser(toks).whole()
}

/** Parses a script; never throws — a problem comes back as `error`. */
export function parseScript(src: string): Script {
  let toks: Tok[]
  try {
    toks = lex(src, subParse)
  } catch (e) {
    if (e instanceof ShellSyntaxError) return { items: [], error: e }
    throw e
  }
  return new Parser(toks).program()
}
