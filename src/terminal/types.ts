// The terminal's contract with its host lives in src/contract/terminal.ts (the page imports it from there).
export type { CommandPrompt, CommandResult, CommandWatch, TerminalContext } from '../contract/terminal.ts'
