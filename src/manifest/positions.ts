// Maps YAML nodes to 1-based spans, so every diagnostic points at the exact node it is about.
import { isMap, isNode, isScalar, isSeq, type LineCounter, type Pair } from 'yaml'
import type { FieldSpan, Span } from './types.ts'

type Range = readonly [number, number, number]

function rangeOf(node: unknown): Range | null {
  if (!isNode(node)) return null
  const r = node.range
  return r ? r : null
}

export class Locator {
  readonly document: Span
  private readonly lc: LineCounter
  private readonly text: string
  private readonly root: unknown

  constructor(lc: LineCounter, text: string, root: unknown, docStart: number, docEnd: number) {
    this.lc = lc
    this.text = text
    this.root = root
    const r = rangeOf(root)
    this.document = this.span(r ? r[0] : docStart, r ? r[1] : docEnd)
  }

  /** 1-based; LineCounter gives line 0 before the first newline it saw, so clamp. */
  pos(offset: number): { line: number; col: number } {
    const o = Math.max(0, Math.min(offset, this.text.length))
    const p = this.lc.linePos(o)
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) }
  }

  span(start: number, end: number): Span {
    const s = this.pos(start)
    const e = this.pos(Math.max(start, end))
    return { line: s.line, col: s.col, endLine: e.line, endCol: e.col }
  }

  nodeSpan(node: unknown): Span | null {
    const r = rangeOf(node)
    return r ? this.span(r[0], r[1]) : null
  }

  /** The pairs along `path`, as far as they exist; a number steps into a list (a pair stands for the item). */
  private walk(path: ReadonlyArray<string | number>): Pair[] {
    const pairs: Pair[] = []
    let node: unknown = this.root
    for (const key of path) {
      if (typeof key === 'number') {
        const item: unknown = isSeq(node) ? node.items[key] : undefined
        if (!isNode(item)) break
        // The item as a pair without key: its span is the item's, for key and value alike.
        pairs.push({ key: item, value: item } as unknown as Pair)
        node = item
        continue
      }
      if (!isMap(node)) break
      const pair = node.items.find(p => isScalar(p.key) && String(p.key.value) === key)
      if (!pair) break
      pairs.push(pair)
      node = pair.value
    }
    return pairs
  }

  private pairSpan(pair: Pair): FieldSpan {
    const key = this.nodeSpan(pair.key) ?? this.document
    const value = this.nodeSpan(pair.value) ?? { line: key.endLine, col: key.endCol, endLine: key.endLine, endCol: key.endCol }
    return { key, value }
  }

  /** Key and value of the field at `path`, or null when it does not exist. */
  field(path: ReadonlyArray<string | number>): FieldSpan | null {
    const pairs = this.walk(path)
    const last = pairs[pairs.length - 1]
    return last && pairs.length === path.length ? this.pairSpan(last) : null
  }

  /**
   * Best span for `path`: the value (or key) when it exists, else the key of the deepest existing
   * parent (a missing spec.template points at `spec`), else the document.
   */
  at(path: ReadonlyArray<string | number>, part: 'key' | 'value' = 'value'): Span {
    const pairs = this.walk(path)
    const last = pairs[pairs.length - 1]
    if (!last) return this.document
    const f = this.pairSpan(last)
    return pairs.length === path.length ? f[part] : f.key
  }

  /** The span of one CSV item inside the scalar at `path` (e.g. "postsync" in "PreSync, postsync"). */
  item(path: readonly string[], item: string): Span {
    const pairs = this.walk(path)
    const r = pairs.length === path.length ? rangeOf(pairs[pairs.length - 1]?.value) : null
    if (!r) return this.at(path)
    const i = this.text.slice(r[0], r[1]).indexOf(item)
    return i < 0 ? this.span(r[0], r[1]) : this.span(r[0] + i, r[0] + i + item.length)
  }
}
