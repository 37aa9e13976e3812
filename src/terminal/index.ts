// The terminal's command interpreter: DOM-free, usable in node (tests) and in the page (TerminalPanel), which gets
// this module as a `Shell` (src/contract/terminal.ts) from the page's entry.
export { runCommand, changesCluster, helpLines, COMMANDS } from './interpreter.ts'
export { openConsole } from './console.ts'
export { complete, commonPrefix, type Completion } from './complete.ts'
export { LineEditor } from './line-editor.ts'
export type { CommandResult, CommandWatch, CommandPrompt, TerminalContext } from './types.ts'
