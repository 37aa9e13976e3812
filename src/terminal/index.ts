// The terminal's command interpreter: DOM-free, usable in node (tests) and in the page (TerminalPanel).
export { runCommand, helpLines, COMMANDS } from './interpreter.ts'
export { complete, commonPrefix, type Completion } from './complete.ts'
export { LineEditor } from './line-editor.ts'
export type { CommandResult, CommandWatch, CommandPrompt, TerminalContext } from './types.ts'
