// The one file that `synclab test FILE` and `synclab sweep FILE` take: exactly one path, and its text.
import { readFileSync } from 'node:fs'
import type { Output } from './sync.ts'

/** The file and its text, or undefined after saying on stderr what is wrong (the command then exits 2). */
export function readOneFile(command: string, positionals: readonly string[], usage: string,
  io: Output): { file: string; text: string } | undefined {
  if (positionals.length !== 1) {
    io.err(`synclab ${command}: name one ${command} file\n\n${usage}\n`)
    return undefined
  }
  const file = positionals[0]!
  try {
    return { file, text: readFileSync(file, 'utf8') }
  } catch {
    io.err(`synclab ${command}: ${file}: no such file\n`)
    return undefined
  }
}
