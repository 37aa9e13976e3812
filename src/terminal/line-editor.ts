// The prompt's line editing, DOM-free: keys in (xterm's onData strings), terminal writes and actions out.
// Backspace/Delete, Left/Right, Home/End (and Ctrl+A/E), Up/Down history, Ctrl+U/K/W, Ctrl+C, Ctrl+L, Tab, paste.

export type EditorAction =
  | { type: 'write'; text: string }
  | { type: 'submit'; line: string }
  | { type: 'interrupt' }
  | { type: 'clear' }
  | { type: 'complete'; line: string }

export class LineEditor {
  buffer = ''
  cursor = 0
  readonly history: string[] = []
  private historyIndex = -1
  private draft = ''

  constructor(public prompt: string) {}

  /** What to write to show the prompt and the current line (after output or a clear). */
  render(): string {
    const back = this.buffer.length - this.cursor
    return `\r\x1b[K${this.prompt}${this.buffer}${back > 0 ? `\x1b[${back}D` : ''}`
  }

  /** Replaces the line (history, completion). */
  setLine(text: string, cursor = text.length): void {
    this.buffer = text
    this.cursor = Math.max(0, Math.min(cursor, text.length))
  }

  /** Keeps a submitted line in the history (not blank lines, not a repeat of the last one). */
  remember(line: string): void {
    if (line.trim() !== '' && this.history.at(-1) !== line) this.history.push(line)
    this.historyIndex = -1
    this.draft = ''
  }

  feed(data: string): EditorAction[] {
    const actions: EditorAction[] = []
    const redraw = () => actions.push({ type: 'write', text: this.render() })
    let i = 0
    while (i < data.length) {
      const rest = data.slice(i)
      const seq = /^(\x1b\[[0-9;]*[A-Za-z~]|\x1bO[A-Za-z])/.exec(rest)?.[0]
      if (seq) {
        i += seq.length
        switch (seq) {
          case '\x1b[D': if (this.cursor > 0) { this.cursor--; redraw() } break
          case '\x1b[C': if (this.cursor < this.buffer.length) { this.cursor++; redraw() } break
          case '\x1b[H': case '\x1bOH': case '\x1b[1~': this.cursor = 0; redraw(); break
          case '\x1b[F': case '\x1bOF': case '\x1b[4~': this.cursor = this.buffer.length; redraw(); break
          case '\x1b[A': this.historyMove(-1); redraw(); break
          case '\x1b[B': this.historyMove(1); redraw(); break
          case '\x1b[3~':
            if (this.cursor < this.buffer.length) {
              this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1)
              redraw()
            }
            break
          default: break // other keys (F-keys, PageUp...) do nothing
        }
        continue
      }
      const ch = data[i]!
      i++
      switch (ch) {
        case '\r': case '\n': {
          if (ch === '\n' && data[i - 2] === '\r') break // \r\n from a paste
          const line = this.buffer
          actions.push({ type: 'write', text: '\r\n' }, { type: 'submit', line })
          this.buffer = ''
          this.cursor = 0
          break
        }
        case '\x7f': case '\b':
          if (this.cursor > 0) {
            this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor)
            this.cursor--
            redraw()
          }
          break
        case '\x03':
          actions.push({ type: 'interrupt' })
          break
        case '\x0c':
          actions.push({ type: 'clear' })
          break
        case '\t':
          actions.push({ type: 'complete', line: this.buffer.slice(0, this.cursor) })
          break
        case '\x01': this.cursor = 0; redraw(); break
        case '\x05': this.cursor = this.buffer.length; redraw(); break
        case '\x15':
          this.buffer = this.buffer.slice(this.cursor)
          this.cursor = 0
          redraw()
          break
        case '\x0b':
          this.buffer = this.buffer.slice(0, this.cursor)
          redraw()
          break
        case '\x17': {
          const left = this.buffer.slice(0, this.cursor).replace(/\S+\s*$/, '')
          this.buffer = left + this.buffer.slice(this.cursor)
          this.cursor = left.length
          redraw()
          break
        }
        default:
          if (ch < ' ' || ch === '\x1b') break
          this.buffer = this.buffer.slice(0, this.cursor) + ch + this.buffer.slice(this.cursor)
          this.cursor++
          // Typing at the end only needs the character; inside the line, a redraw.
          if (this.cursor === this.buffer.length) actions.push({ type: 'write', text: ch })
          else redraw()
      }
    }
    return mergeWrites(actions)
  }

  private historyMove(step: number): void {
    if (this.history.length === 0) return
    if (this.historyIndex === -1) {
      if (step > 0) return
      this.draft = this.buffer
      this.historyIndex = this.history.length - 1
    } else {
      this.historyIndex += step
      if (this.historyIndex >= this.history.length) {
        this.historyIndex = -1
        this.setLine(this.draft)
        return
      }
      if (this.historyIndex < 0) this.historyIndex = 0
    }
    this.setLine(this.history[this.historyIndex]!)
  }
}

function mergeWrites(actions: EditorAction[]): EditorAction[] {
  const merged: EditorAction[] = []
  for (const a of actions) {
    const last = merged.at(-1)
    if (a.type === 'write' && last?.type === 'write') last.text += a.text
    else merged.push(a.type === 'write' ? { ...a } : a)
  }
  return merged
}
