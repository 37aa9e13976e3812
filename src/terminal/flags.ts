// Command-line flags as the real tools (Go's pflag, through cobra) read them: `--name value`, `--name=value`,
// `-n value`, `-nvalue`, `-n=value`, grouped short booleans (`-Aw`), `--bool=false`, and `--` ending the flags.
// Flags may come before, between or after the arguments.

import './node-global.ts'
import { parseArgs } from '@pkgjs/parseargs'

export type FlagType = 'bool' | 'string' | 'strings'

export interface FlagSpec {
  name: string
  short?: string
  type: FlagType
  /** Shown by `help` and completion. */
  help?: string
  /** Values offered by completion. */
  values?: readonly string[]
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>

export interface ParsedFlags {
  args: string[]
  flags: FlagValues
}

export class FlagError extends Error {}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const byName = new Map(specs.map(s => [s.name, s]))
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {}
  for (const s of specs) options[s.name] = { type: s.type === 'bool' ? 'boolean' : 'string', ...(s.short ? { short: s.short } : {}) }
  // Node's own parser (the @pkgjs/parseargs build, which also runs in the page) splits the words into options and
  // positionals; not strict, so that the checks below can answer with pflag's own messages, as the real tools do.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true })
  const args: string[] = []
  const flags: FlagValues = {}
  for (const token of tokens) {
    if (token.kind === 'positional') args.push(token.value)
    if (token.kind !== 'option') continue
    const spec = byName.get(token.name)
    const short = !token.rawName.startsWith('--')
    if (!spec) {
      throw new FlagError(short ? `unknown shorthand flag: '${token.rawName.slice(1)}' in ${argv[token.index]}`
        : `unknown flag: ${token.rawName}`)
    }
    if (spec.type === 'bool') {
      flags[spec.name] = token.value === undefined ? true : parseBool(token.rawName, token.value)
      continue
    }
    if (token.value === undefined) {
      throw new FlagError(short ? `flag needs an argument: '${spec.short}' in -${spec.short}` : `flag needs an argument: --${spec.name}`)
    }
    // pflag reads `-n=learner` as `-n learner`.
    const value = short && token.inlineValue && token.value.startsWith('=') ? token.value.slice(1) : token.value
    if (spec.type === 'strings') {
      flags[spec.name] = [...((flags[spec.name] as string[] | undefined) ?? []), ...value.split(',').filter(v => v !== '')]
    } else flags[spec.name] = value
  }
  return { args, flags }
}

/** Go's strconv.ParseBool, as pflag applies it to `--watch=false`. */
function parseBool(rawName: string, v: string): boolean {
  if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False|T|F)$/.test(v)) {
    throw new FlagError(`invalid argument "${v}" for "${rawName}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`)
  }
  return /^(true|1|t)$/i.test(v)
}

export const str = (f: FlagValues, name: string): string | undefined => {
  const v = f[name]
  return typeof v === 'string' ? v : undefined
}
export const bool = (f: FlagValues, name: string): boolean => f[name] === true
export const list = (f: FlagValues, name: string): string[] => {
  const v = f[name]
  return Array.isArray(v) ? v : []
}
