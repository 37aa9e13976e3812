// The shell syntax tree. Words keep `$NAME` references as sentinels (see SENTINEL_OPEN) so expansion
// happens when the command runs, with the variables and $? of that moment.

/** shell-quote hands `$NAME` / `${...}` to our env lookup; we answer OPEN + name + CLOSE. */
export const SENTINEL_OPEN = '\uE000'
export const SENTINEL_CLOSE = '\uE001'
/** `$` followed by `(`: the start of a command substitution. */
export const SUBST_MARK = SENTINEL_OPEN + SENTINEL_CLOSE

/** Parts are text (with sentinels) or an unquoted `$( ... )` parsed at token level. */
export interface Word {
  parts: Array<string | Node>
  /** The plain text when the word has no expansion: reserved words, assignment names, fd numbers. */
  lit: string | null
}

export interface Redir {
  fd: number | null
  op: string
  target: Word
}

export interface Assign {
  name: string
  value: Word
}

export type Node =
  | { t: 'simple'; assigns: Assign[]; words: Word[]; redirs: Redir[]; line: number }
  | { t: 'pipeline'; bang: boolean; cmds: Node[]; stderrToo: boolean[]; line: number }
  | { t: 'andor'; first: Node; rest: Array<{ op: '&&' | '||'; node: Node }> }
  | { t: 'list'; items: Array<{ node: Node; bg: boolean; line: number }> }
  | { t: 'if'; clauses: Array<{ cond: Node; body: Node }>; otherwise: Node | null; redirs: Redir[] }
  | { t: 'loop'; until: boolean; cond: Node; body: Node; redirs: Redir[] }
  | { t: 'for'; name: string; items: Word[] | null; body: Node; redirs: Redir[] }
  | { t: 'group'; subshell: boolean; body: Node; redirs: Redir[] }
  | { t: 'func'; name: string; body: Node }

/** Why a script cannot be parsed; messages are worded per shell in messages.ts. */
export type SyntaxProblem =
  | { kind: 'token'; token: string; line: number }
  | { kind: 'eof'; expecting: string | null; line: number }
  | { kind: 'quote'; quote: string; line: number }
  | { kind: 'unsupported'; what: string; line: number }
  | { kind: 'substitution'; text: string; line: number }

export class ShellSyntaxError {
  readonly problem: SyntaxProblem
  constructor(problem: SyntaxProblem) {
    this.problem = problem
  }
}
