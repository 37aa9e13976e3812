// The terminal panel: an xterm.js terminal running the sandbox shell (src/terminal). Line editing, history,
// Tab completion, Ctrl+C (stops a watch or drops the line; copies when text is selected), Ctrl+L, y/n questions
// and paste; commands that keep printing (`-w`, `-f`, `argocd app sync`) print as the page's virtual time passes.
import '@xterm/xterm/css/xterm.css'
import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import { useEffect, useRef } from 'react'
import { commonPrefix, complete } from '../../terminal/complete.ts'
import * as shell from '../../terminal/interpreter.ts'
import { LineEditor } from '../../terminal/line-editor.ts'
import type { CommandPrompt, CommandResult, TerminalContext } from '../../terminal/types.ts'
import type { Shell } from '../session/shell.ts'

export interface TerminalPanelProps {
  context: TerminalContext
  /** Told of every line the learner runs (after it ran). */
  onCommand?: (line: string) => void
  /**
   * Runs a line with the interpreter it is given (default: the interpreter's own `runCommand`); the page's session
   * runs it so that it can replay it later.
   */
  run?: (line: string, context: TerminalContext, interpreter: Shell) => CommandResult
}

declare global {
  interface Window {
    /** For end-to-end tests: type a line (as if typed and Enter pressed), read the lines of the active buffer. */
    __synclabTerminal?: { write(line: string): void; buffer(): string[]; selectAll(): void }
  }
}

export function TerminalPanel({ context, onCommand, run }: TerminalPanelProps) {
  const host = useRef<HTMLDivElement>(null)
  const ctxRef = useRef(context)
  const onCommandRef = useRef(onCommand)
  const runRef = useRef(run ?? shell.runCommand)
  ctxRef.current = context
  onCommandRef.current = onCommand
  runRef.current = run ?? shell.runCommand

  useEffect(() => {
    const el = host.current
    if (!el) return
    const term = new Terminal({
      convertEol: false, cursorBlink: true, fontSize: 13, scrollback: 5000,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      theme: { background: '#1e1e1e' },
    })
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(el)
    const refit = () => {
      try {
        fit.fit()
      } catch {
        // not laid out yet
      }
    }
    refit()
    const resize = new ResizeObserver(refit)
    resize.observe(el)

    const user = () => ctxRef.current.user ?? 'learner'
    const promptText = () => `\x1b[1;32m${user()}@synclab\x1b[0m:\x1b[1;34m~\x1b[0m$ `
    const editor = new LineEditor(promptText())
    let mode: 'prompt' | 'watch' | 'question' = 'prompt'
    let stopWatch: (() => void) | undefined
    let question: CommandPrompt | undefined
    let questionEditor: LineEditor | undefined

    const println = (line: string) => term.write(`${line.replace(/\r?\n/g, '\r\n')}\r\n`)
    const showPrompt = () => {
      mode = 'prompt'
      editor.prompt = promptText()
      editor.setLine('')
      term.write(editor.render())
    }

    const handle = (result: CommandResult) => {
      if (result.clear) term.clear()
      for (const l of result.lines) println(l)
      if (result.prompt) {
        mode = 'question'
        question = result.prompt
        questionEditor = new LineEditor(result.prompt.question)
        term.write(questionEditor.render())
        return
      }
      if (result.watch) {
        mode = 'watch'
        let ended = false
        const stop = result.watch.start(println, () => {
          ended = true
          stopWatch = undefined
          if (mode === 'watch') showPrompt()
        })
        if (!ended) stopWatch = stop
        return
      }
      showPrompt()
    }

    const submit = (line: string) => {
      editor.remember(line)
      let result: CommandResult
      if (line.trim() === 'history') {
        result = { lines: editor.history.map((h, i) => `${String(i + 1).padStart(5)}  ${h}`), exitCode: 0 }
      } else result = runRef.current(line, ctxRef.current, shell)
      handle(result)
      onCommandRef.current?.(line)
    }

    const onTab = (line: string) => {
      const { start, candidates } = complete(line, ctxRef.current)
      if (candidates.length === 0) return
      const word = line.slice(start)
      const rest = editor.buffer.slice(editor.cursor)
      if (candidates.length === 1) {
        const insert = `${candidates[0]!}${candidates[0]!.endsWith('/') ? '' : ' '}`
        const head = line.slice(0, start) + insert
        editor.setLine(head + rest, head.length)
        term.write(editor.render())
        return
      }
      const prefix = commonPrefix(candidates)
      if (prefix.length > word.length) {
        const head = line.slice(0, start) + prefix
        editor.setLine(head + rest, head.length)
        term.write(editor.render())
        return
      }
      term.write('\r\n')
      println(candidates.join('  '))
      term.write(editor.render())
    }

    const onData = (data: string) => {
      if (mode === 'watch') {
        if (data.includes('\x03')) {
          stopWatch?.()
          stopWatch = undefined
          term.write('^C\r\n')
          showPrompt()
        }
        return
      }
      if (mode === 'question') {
        for (const a of questionEditor!.feed(data)) {
          if (a.type === 'write') term.write(a.text)
          else if (a.type === 'interrupt') {
            term.write('^C\r\n')
            showPrompt()
            return
          } else if (a.type === 'submit') {
            const q = question!
            question = undefined
            handle(q.answer(a.line))
            return
          }
        }
        return
      }
      for (const a of editor.feed(data)) {
        if (mode !== 'prompt') return // a command took over (watch, question): the rest of a paste is dropped
        switch (a.type) {
          case 'write': term.write(a.text); break
          case 'submit': submit(a.line); break
          case 'interrupt':
            term.write('^C\r\n')
            showPrompt()
            break
          case 'clear':
            term.clear()
            term.write(editor.render())
            break
          case 'complete': onTab(a.line); break
        }
      }
    }
    const dataSub = term.onData(onData)
    // Copy as in a desktop terminal: Ctrl+C with text selected (and Ctrl+Shift+C, ⌘C always) copies; without a
    // selection Ctrl+C stays the interrupt. Returning false leaves the key to the browser, whose copy event xterm fills.
    term.attachCustomKeyEventHandler(e => {
      if (e.type !== 'keydown' || e.key.toLowerCase() !== 'c') return true
      const copyKeys = e.metaKey || (e.ctrlKey && e.shiftKey) || (e.ctrlKey && term.hasSelection())
      return !copyKeys
    })

    term.writeln('synclab terminal. Type \x1b[1mhelp\x1b[0m for the commands; Tab completes.')
    showPrompt()

    window.__synclabTerminal = {
      write: line => onData(`${line}\r`),
      selectAll: () => term.selectAll(),
      buffer: () => {
        const b = term.buffer.active
        const lines: string[] = []
        for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '')
        while (lines.length > 0 && lines.at(-1) === '') lines.pop()
        return lines
      },
    }

    return () => {
      stopWatch?.()
      dataSub.dispose()
      resize.disconnect()
      delete window.__synclabTerminal
      term.dispose()
    }
  }, [])

  return <div className="terminal-panel" data-testid="terminal" ref={host} style={{ height: '100%', minHeight: 240 }} />
}
