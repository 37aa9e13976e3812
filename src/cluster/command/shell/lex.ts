// From script text to tokens. shell-quote does the tokenizing; it has no notion of lines, so a first pass
// only cuts the script at unquoted newlines (tracking quotes and comments), and each line is given to
// shell-quote on its own. `$NAME` is left as a sentinel for run-time expansion.

import { parse, type ParseEntry } from 'shell-quote'
import { SENTINEL_CLOSE, SENTINEL_OPEN, SUBST_MARK, ShellSyntaxError, type Node, type Word } from './ast.ts'

export type Tok =
  | { k: 'word'; word: Word; line: number }
  | { k: 'op'; op: string; line: number }
  | { k: 'nl'; line: number }
  | { k: 'eof'; line: number }

interface Segment { text: string; line: number }

/** Cuts at unquoted newlines; drops comments and line continuations; escapes a `#` inside a word. */
function splitLines(src: string): Segment[] {
  const segments: Segment[] = []
  let cur = ''
  let line = 1
  let start = 1
  let quote: string | null = null
  let quoteLine = 1
  let wordStart = true
  let braces = 0
  let backquote = false
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!
    const next = src[i + 1]
    if (c === '\n') line++
    // Backquotes become $( ): shell-quote knows nothing of them, and $( ) is the same thing.
    if (c === '`' && quote !== "'" && quote !== "$'") {
      cur += backquote ? ')' : '$('
      backquote = !backquote
      wordStart = false
      continue
    }
    if (quote !== null) {
      if (c === '\\' && quote !== "'" && next !== undefined) {
        cur += c + next
        if (next === '\n') line++
        i++
      } else {
        if (c === quote[quote.length - 1]) quote = null
        cur += c
      }
      continue
    }
    if (c === '\\' && next === '\n') { i++; line++; continue }
    if (c === '\\' && next !== undefined) { cur += c + next; i++; wordStart = false; continue }
    if (c === '#' && wordStart) {
      while (i + 1 < src.length && src[i + 1] !== '\n') i++
      continue
    }
    if (c === '\n') {
      segments.push({ text: cur, line: start })
      cur = ''
      start = line
      wordStart = true
      continue
    }
    if (c === "'" || c === '"') { quote = c; quoteLine = line }
    else if (c === '$' && next === "'") { quote = "$'"; quoteLine = line; cur += c; i++ }
    if (c === '$' && next === '{') braces++
    else if (c === '}' && braces > 0) braces--
    // shell-quote starts a comment at any unquoted `#`; the shell only at a word start (`$#`, `${#x}` aren't).
    const escape = c === '#' && braces === 0 && src[i - 1] !== '$'
    cur += escape ? '\\#' : c === '$' && next === "'" ? "'" : c
    wordStart = /[\s;&|()<>]/.test(c)
  }
  if (quote !== null) throw new ShellSyntaxError({ kind: 'quote', quote: quote.slice(-1), line: quoteLine })
  segments.push({ text: cur, line: start })
  return segments
}

const sentinel = (key: string): string => SENTINEL_OPEN + key + SENTINEL_CLOSE

function literal(parts: Word['parts']): string | null {
  const only = parts.length === 1 ? parts[0] : parts.length === 0 ? '' : undefined
  return typeof only === 'string' && !/[\uE000\uE001`]/.test(only) ? only : null
}

export function word(parts: Word['parts']): Word {
  return { parts, lit: literal(parts) }
}

/** Turns shell-quote entries into tokens; an unquoted `$( ... )` becomes a word part parsed by `sub`. */
function convert(entries: ParseEntry[], line: number, sub: (toks: Tok[]) => Node): Tok[] {
  const toks: Tok[] = []
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!
    if (typeof e === 'string') {
      const next = entries[i + 1]
      if (e.endsWith(SUBST_MARK) && typeof next === 'object' && 'op' in next && next.op === '(') {
        const after = entries[i + 2]
        if (typeof after === 'object' && 'op' in after && after.op === '(') {
          throw new ShellSyntaxError({ kind: 'unsupported', what: 'arithmetic expansion $((...))', line })
        }
        let depth = 0
        let j = i + 1
        for (; j < entries.length; j++) {
          const x = entries[j]!
          if (typeof x === 'object' && 'op' in x && (x.op === '(' || x.op === '<(' || x.op === '>(')) depth++
          if (typeof x === 'object' && 'op' in x && x.op === ')' && --depth === 0) break
        }
        if (j >= entries.length) throw new ShellSyntaxError({ kind: 'eof', expecting: ')', line })
        const inner = sub(convert(entries.slice(i + 2, j), line, sub).concat({ k: 'eof', line }))
        const prefix = e.slice(0, -SUBST_MARK.length)
        toks.push({ k: 'word', word: word(prefix === '' ? [inner] : [prefix, inner]), line })
        i = j
      } else toks.push({ k: 'word', word: word([e]), line })
    } else if ('comment' in e) continue
    else if (e.op === 'glob') toks.push({ k: 'word', word: word([e.pattern]), line })
    else if (e.op === '<<' || e.op === '<<-') throw new ShellSyntaxError({ kind: 'unsupported', what: 'here-documents (<<)', line })
    else if (e.op === '<(' || e.op === '>(') throw new ShellSyntaxError({ kind: 'unsupported', what: `process substitution ${e.op}...)`, line })
    else toks.push({ k: 'op', op: e.op, line })
  }
  return toks
}

/** Tokens of a whole script, with a `nl` token between lines and `eof` at the end. */
export function lex(src: string, sub: (toks: Tok[]) => Node): Tok[] {
  const toks: Tok[] = []
  let line = 1
  for (const seg of splitLines(src)) {
    line = seg.line
    let entries: ParseEntry[]
    try {
      entries = parse(seg.text, sentinel)
    } catch (e) {
      // shell-quote throws on `${}` and unbalanced `${`.
      const text = /Bad substitution: (.*)/.exec(String(e))?.[1] ?? '${}'
      throw new ShellSyntaxError({ kind: 'substitution', text, line })
    }
    toks.push(...convert(entries, line, sub), { k: 'nl', line })
  }
  toks.push({ k: 'eof', line })
  return toks
}
