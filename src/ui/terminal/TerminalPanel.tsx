// The terminal panel: an xterm.js terminal that draws the shell's console (src/terminal/console.ts, handed in as
// part of `shell`): line editing, history, Tab completion, the `> ` prompt of a continued command, pastes of several
// lines, y/n questions, and commands that keep printing (`-w`, `-f`, `argocd app sync`) as virtual time passes.
// Ctrl+C stops a watch or drops the line, and copies when text is selected.
import '@xterm/xterm/css/xterm.css'
import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import { useEffect, useRef } from 'react'
import type { CommandResult, Shell, TerminalContext } from '../../contract/terminal.ts'
import { scaledFont, watchPresenter } from '../appearance/presenter.ts'
import { currentScheme, watchScheme } from '../appearance/theme.ts'
import { terminalTheme } from './terminal-theme.ts'

export interface TerminalPanelProps {
  /** The interpreter (loaded with the panel). */
  shell: Shell
  context: TerminalContext
  /** Told of every command the learner runs (after it ran). */
  onCommand?: (line: string) => void
  /**
   * Runs a command with the interpreter it is given (default: the interpreter's own `runCommand`); the page's
   * session runs it so that it can replay it later.
   */
  run?: (line: string, context: TerminalContext, interpreter: Shell) => CommandResult
}

declare global {
  interface Window {
    /**
     * For end-to-end tests: type a line (as if typed and Enter pressed), paste text (as xterm hands a paste on),
     * read the lines of the active buffer.
     */
    __synclabTerminal?: { write(line: string): void; paste(text: string): void; buffer(): string[]; selectAll(): void }
  }
}

const FONT_PX = 13

export function TerminalPanel({ shell, context, onCommand, run }: TerminalPanelProps) {
  const host = useRef<HTMLDivElement>(null)
  const ctxRef = useRef(context)
  const onCommandRef = useRef(onCommand)
  const runRef = useRef(run)
  ctxRef.current = context
  onCommandRef.current = onCommand
  runRef.current = run

  useEffect(() => {
    const el = host.current
    if (!el) return
    const term = new Terminal({
      convertEol: false, cursorBlink: true, fontSize: scaledFont(FONT_PX), scrollback: 5000,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
      theme: terminalTheme(currentScheme()),
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
    // The page's theme and presenter mode's larger type.
    const unwatchScheme = watchScheme(scheme => { term.options.theme = terminalTheme(scheme) })
    const unwatchPresenter = watchPresenter(() => {
      term.options.fontSize = scaledFont(FONT_PX)
      refit()
    })

    const terminalConsole = shell.openConsole({ write: text => term.write(text), clear: () => term.clear() }, {
      context: () => ctxRef.current,
      run: (line, ctx) => runRef.current ? runRef.current(line, ctx, shell) : shell.runCommand(line, ctx),
      onCommand: line => onCommandRef.current?.(line),
    })
    const dataSub = term.onData(data => terminalConsole.feed(data))
    // Copy as in a desktop terminal: Ctrl+C with text selected (and Ctrl+Shift+C, ⌘C always) copies; without a
    // selection Ctrl+C stays the interrupt. Returning false leaves the key to the browser, whose copy event xterm fills.
    term.attachCustomKeyEventHandler(e => {
      if (e.type !== 'keydown' || e.key.toLowerCase() !== 'c') return true
      const copyKeys = e.metaKey || (e.ctrlKey && e.shiftKey) || (e.ctrlKey && term.hasSelection())
      return !copyKeys
    })

    window.__synclabTerminal = {
      write: line => terminalConsole.feed(`${line}\r`),
      paste: text => term.paste(text),
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
      terminalConsole.dispose()
      dataSub.dispose()
      resize.disconnect()
      unwatchScheme()
      unwatchPresenter()
      delete window.__synclabTerminal
      term.dispose()
    }
  }, [shell])

  return <div className="terminal-panel" data-testid="terminal" ref={host} style={{ height: '100%', minHeight: 240 }} />
}
