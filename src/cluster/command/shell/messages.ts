// How each shell words its errors. Learners paste these into search engines, so they match the real ones:
// bash `bash: line 1: curl: command not found`, dash `sh: 1: curl: not found`, BusyBox ash `sh: curl: not found`.

import type { ShellDialect } from '../../images.ts'
import type { SyntaxProblem } from './ast.ts'

export interface ShellName {
  dialect: ShellDialect
  /** $0 as invoked (`sh`, `/bin/bash`), or the script file. */
  name: string
  /** True for `sh -c`, false when running a script file. */
  command: boolean
}

/** The prefix of a run-time error on `line`. */
export function prefix(s: ShellName, line: number): string {
  if (s.dialect === 'bash') return `${s.name}: line ${line}: `
  if (s.dialect === 'dash') return `${s.name}: ${line}: `
  return s.command ? `${s.name}: ` : `${s.name}: line ${line}: `
}

export function notFound(s: ShellName, line: number, cmd: string): string {
  if (s.dialect === 'bash') return `${prefix(s, line)}${cmd}: ${cmd.includes('/') ? 'No such file or directory' : 'command not found'}\n`
  return `${prefix(s, line)}${cmd}: not found\n`
}

/** Syntax errors, and the constructs this simulator does not run (worded the same way, exit status 2). */
export function syntaxError(s: ShellName, p: SyntaxProblem, source: string): string {
  const srcLine = source.split('\n')[p.line - 1] ?? ''
  if (p.kind === 'unsupported') return `${s.name}: line ${p.line}: syntax error: ${p.what} is not supported by the synclab shell\n`
  if (p.kind === 'substitution') return `${prefix(s, p.line)}${p.text}: bad substitution\n`
  if (s.dialect === 'bash') {
    const where = `${s.name}: ${s.command ? '-c: ' : ''}line ${p.line}: `
    if (p.kind === 'quote') return `${where}unexpected EOF while looking for matching \`${p.quote}'\n`
    if (p.kind === 'eof') return `${where}syntax error: unexpected end of file\n`
    return `${where}syntax error near unexpected token \`${p.token}'\n${where}\`${srcLine}'\n`
  }
  if (s.dialect === 'dash') {
    const where = `${s.name}: ${p.line}: Syntax error: `
    if (p.kind === 'quote') return `${where}Unterminated quoted string\n`
    if (p.kind === 'eof') return `${where}end of file unexpected${p.expecting ? ` (expecting "${p.expecting}")` : ''}\n`
    return `${where}"${p.token === 'newline' ? 'newline' : p.token}" unexpected\n`
  }
  const where = `${s.name}: ${s.command ? '' : `line ${p.line}: `}syntax error: `
  if (p.kind === 'quote') return `${where}unterminated quoted string\n`
  if (p.kind === 'eof') return `${where}unexpected end of file${p.expecting ? ` (expecting "${p.expecting}")` : ''}\n`
  return `${where}unexpected ${p.token === 'newline' ? 'newline' : `"${p.token}"`}\n`
}

/** Exit status after a `${x}: bad substitution`: bash reports it as a run-time error (1), the others 2. */
export function substitutionStatus(s: ShellName): number {
  return s.dialect === 'bash' ? 1 : 2
}
