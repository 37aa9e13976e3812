// Command-line flags as the real tools (Go's pflag, through cobra) read them: `--name value`, `--name=value`,
// `-n value`, `-nvalue`, `-n=value`, grouped short booleans (`-Aw`), `--bool=false`, and `--` ending the flags.
// Flags may come before, between or after the arguments.

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
  const byShort = new Map(specs.filter(s => s.short).map(s => [s.short!, s]))
  const args: string[] = []
  const flags: FlagValues = {}
  const set = (spec: FlagSpec, value: string | boolean) => {
    if (spec.type === 'strings') {
      const list = (flags[spec.name] as string[] | undefined) ?? []
      flags[spec.name] = [...list, ...String(value).split(',').filter(v => v !== '')]
    } else flags[spec.name] = value
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      args.push(...argv.slice(i + 1))
      break
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=')
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq)
      const spec = byName.get(name)
      if (!spec) throw new FlagError(`unknown flag: --${name}`)
      if (spec.type === 'bool') {
        if (eq < 0) set(spec, true)
        else {
          const v = a.slice(eq + 1)
          if (!/^(true|false|1|0|t|f|TRUE|FALSE|True|False)$/.test(v)) {
            throw new FlagError(`invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax`)
          }
          set(spec, /^(true|1|t)$/i.test(v))
        }
        continue
      }
      if (eq >= 0) set(spec, a.slice(eq + 1))
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`)
        set(spec, argv[++i]!)
      }
      continue
    }
    if (a.startsWith('-') && a.length > 1 && a !== '-') {
      // Short flags, possibly grouped: -Aw, -nlearner, -n=learner.
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!
        const spec = byShort.get(c)
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${a}`)
        if (spec.type === 'bool') {
          set(spec, true)
          continue
        }
        let rest = a.slice(j + 1)
        if (rest.startsWith('=')) rest = rest.slice(1)
        if (rest !== '') set(spec, rest)
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${c}`)
          set(spec, argv[++i]!)
        }
        break
      }
      continue
    }
    args.push(a)
  }
  return { args, flags }
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
