// The terminal as the learner meets it, DOM-free: keys and pastes in (xterm's onData strings), text out to a
// screen. It does what bash and a tty do with input: a line that is not complete yet (a trailing `\`, an open
// quote, `&&` at the end) asks for more with the `> ` prompt; several lines pasted at once run one after another,
// each after the one before has ended (a sync that streams, a watch, a y/n question); `;`, `&&` and `||` split a
// line the same way. Input that arrives while a command runs waits for it (Ctrl+C drops it). The host (the page's
// TerminalPanel) only draws: it hands this the keys and gives it a screen.
import type { Console, ConsoleOptions, Screen } from '../contract/terminal.ts'
import { DEFAULT_USER } from './common.ts'
import { runCommand } from './interpreter.ts'
import { complete, commonPrefix } from './complete.ts'
import { LineEditor } from './line-editor.ts'
import { type ListItem, splitCommands } from './shell-syntax.ts'
import type { CommandPrompt, CommandResult } from './types.ts'

const CONTINUATION_PROMPT = '> '

export function openConsole(screen: Screen, options: ConsoleOptions): Console {
  return new TerminalConsole(screen, options)
}

class TerminalConsole implements Console {
  private readonly editor: LineEditor
  private mode: 'prompt' | 'running' | 'question' = 'prompt'
  /** Lines typed so far of an input that is not complete yet. */
  private continued: string | undefined
  /** Commands of a complete input still to run, in order. */
  private queue: ListItem[] = []
  /** Input typed or pasted while a command ran: read once the prompt is back, as a tty keeps it for bash. */
  private typeahead: string[] = []
  private lastExit = 0
  private stopWatch: (() => void) | undefined
  private question: { prompt: CommandPrompt; editor: LineEditor } | undefined
  private disposed = false

  constructor(private readonly screen: Screen, private readonly options: ConsoleOptions) {
    this.editor = new LineEditor(this.promptText())
    screen.write('synclab terminal. Type \x1b[1mhelp\x1b[0m for the commands; Tab completes.\r\n')
    this.showPrompt()
  }

  get history(): readonly string[] {
    return this.editor.history
  }

  feed(data: string): void {
    if (this.disposed) return
    // One line at a time, so that what follows a line that starts a command waits for that command.
    for (const [i, chunk] of chunks(data).entries()) {
      if (this.mode === 'running') {
        if (!chunk.includes('\x03')) {
          this.typeahead.push(...chunks(data).slice(i))
          return
        }
        this.interrupt()
        continue
      }
      if (this.mode === 'question') this.feedQuestion(chunk)
      else this.feedPrompt(chunk)
    }
  }

  dispose(): void {
    this.disposed = true
    this.stopWatch?.()
  }

  private promptText(): string {
    const user = this.options.context().user ?? DEFAULT_USER
    return `\x1b[1;32m${user}@synclab\x1b[0m:\x1b[1;34m~\x1b[0m$ `
  }

  private println(line: string): void {
    this.screen.write(`${line.replace(/\r?\n/g, '\r\n')}\r\n`)
  }

  private showPrompt(): void {
    this.mode = 'prompt'
    this.editor.prompt = this.continued === undefined ? this.promptText() : CONTINUATION_PROMPT
    this.editor.setLine('')
    this.screen.write(this.editor.render())
    const pending = this.typeahead
    this.typeahead = []
    for (const chunk of pending) this.feed(chunk)
  }

  private feedPrompt(chunk: string): void {
    for (const action of this.editor.feed(chunk)) {
      switch (action.type) {
        case 'write': this.screen.write(action.text); break
        case 'submit': this.submit(action.line); return
        case 'interrupt':
          this.screen.write('^C\r\n')
          this.continued = undefined
          this.showPrompt()
          return
        case 'clear':
          this.screen.clear()
          this.screen.write(this.editor.render())
          break
        case 'complete': this.complete(action.line); break
      }
    }
  }

  private feedQuestion(chunk: string): void {
    const q = this.question!
    for (const action of q.editor.feed(chunk)) {
      if (action.type === 'write') this.screen.write(action.text)
      else if (action.type === 'interrupt') {
        this.screen.write('^C\r\n')
        this.question = undefined
        this.queue = []
        this.showPrompt()
        return
      } else if (action.type === 'submit') {
        this.question = undefined
        this.handle(q.prompt.answer(action.line))
        return
      }
    }
  }

  /** A line entered: more of an open input, or a complete input whose commands now run. */
  private submit(line: string): void {
    const text = this.continued === undefined ? line : `${this.continued}\n${line}`
    const list = splitCommands(text)
    if (list.status === 'incomplete') {
      this.continued = text
      this.showPrompt()
      return
    }
    this.continued = undefined
    this.editor.remember(text.replace(/\\\n/g, ''))
    if (list.status === 'error') {
      this.println(list.message)
      this.lastExit = 2
      this.showPrompt()
      return
    }
    this.queue = list.commands
    this.runNext()
  }

  /** The next command of the input, if its `&&` / `||` lets it run; the prompt when none is left. */
  private runNext(): void {
    for (;;) {
      const command = this.queue.shift()
      if (!command) {
        this.showPrompt()
        return
      }
      if ((command.after === '&&' && this.lastExit !== 0) || (command.after === '||' && this.lastExit === 0)) continue
      this.mode = 'running'
      this.handle(this.run(command.text))
      return
    }
  }

  private run(text: string): CommandResult {
    const line = text.replace(/\\\n/g, '')
    const ctx = this.options.context()
    const result = line.trim() === 'history'
      ? { lines: this.editor.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}`), exitCode: 0 }
      : (this.options.run ?? runCommand)(line, ctx)
    this.options.onCommand?.(line)
    return result
  }

  /** Prints a command's result; a watch or a question holds the next command back until it ends. */
  private handle(result: CommandResult): void {
    if (result.clear) this.screen.clear()
    for (const l of result.lines) this.println(l)
    if (result.prompt) {
      this.mode = 'question'
      this.question = { prompt: result.prompt, editor: new LineEditor(result.prompt.question) }
      this.screen.write(this.question.editor.render())
      return
    }
    if (result.watch) {
      this.mode = 'running'
      let ended = false
      const stop = result.watch.start(l => this.println(l), code => {
        ended = true
        this.stopWatch = undefined
        if (this.mode !== 'running' || this.disposed) return
        this.lastExit = code
        this.runNext()
      })
      if (!ended) this.stopWatch = stop
      return
    }
    this.lastExit = result.exitCode
    this.runNext()
  }

  /** Ctrl+C while a command runs: it stops, and the rest of the input (queued commands, typeahead) is dropped. */
  private interrupt(): void {
    this.stopWatch?.()
    this.stopWatch = undefined
    this.queue = []
    this.typeahead = []
    this.lastExit = 130
    this.screen.write('^C\r\n')
    this.showPrompt()
  }

  /** Tab: completes the word before the cursor; on a `> ` line, the command's earlier lines count too. */
  private complete(line: string): void {
    const earlier = this.continued === undefined ? '' : `${this.continued}\n`.replace(/\\\n/g, ' ')
    const found = complete(earlier + line, this.options.context())
    const start = found.start - earlier.length
    const candidates = start >= 0 ? found.candidates : []
    if (candidates.length === 0) return
    const word = line.slice(start)
    const rest = this.editor.buffer.slice(this.editor.cursor)
    const only = candidates.length === 1 ? `${candidates[0]!}${candidates[0]!.endsWith('/') ? '' : ' '}` : undefined
    const prefix = only ?? commonPrefix(candidates)
    if (only !== undefined || prefix.length > word.length) {
      const head = line.slice(0, start) + prefix
      this.editor.setLine(head + rest, head.length)
      this.screen.write(this.editor.render())
      return
    }
    this.screen.write('\r\n')
    this.println(candidates.join('  '))
    this.screen.write(this.editor.render())
  }
}

/** Input cut after each line end (`\r`, `\n`, `\r\n`), the ends kept. */
function chunks(data: string): string[] {
  return data.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? []
}
