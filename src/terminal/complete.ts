// Tab completion: commands, subcommands, flags (with their values), application names, resource types and the
// names of live objects. DOM-free; the panel applies the result.
import { APP_COMMANDS, ARGOCD_TOP } from './argocd/commands.ts'
import { liveApps, userOf } from './common.ts'
import type { FlagSpec } from './flags.ts'
import { COMMANDS } from './interpreter.ts'
import { KUBECTL_COMMANDS } from './kubectl/commands.ts'
import { EXPLAIN_WORDS } from './kubectl/explain.ts'
import { resolveType, TYPE_WORDS } from './kubectl/resource-types.ts'
import type { TerminalContext } from './types.ts'

export interface Completion {
  /** Where the word being completed starts in the line. */
  start: number
  /** Candidates for that word (full words). */
  candidates: string[]
}

/** Completes the word that ends at the end of `line`. */
export function complete(line: string, ctx: TerminalContext): Completion {
  const start = line.search(/\S*$/)
  const word = line.slice(start)
  const before = line.slice(0, start).trim().split(/\s+/).filter(w => w !== '')
  const pick = (options: readonly string[]) => ({ start,
    candidates: [...new Set(options)].filter(o => o.startsWith(word)).sort() })
  try {
    if (before.length === 0) return pick(COMMANDS)
    const [cmd, ...rest] = before
    const prev = rest.at(-1)
    const sim = ctx.simulation()
    const appNames = () => liveApps(sim).map(a => a.name)
    const namespaces = () => sim.fake.store.list('Namespace').map(n => n.metadata.name ?? '')
    const flagWords = (flags: FlagSpec[]) => flags.flatMap(f => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])])
    const valueOf = (flags: FlagSpec[]): string[] | undefined => {
      if (!prev?.startsWith('-')) return undefined
      const f = flags.find(x => prev === `--${x.name}` || prev === `-${x.short}`)
      if (!f || f.type === 'bool') return undefined
      if (f.name === 'namespace' || f.name === 'dest-namespace') return namespaces()
      if (f.name === 'path') return ctx.repoFiles('') ? [...new Set(ctx.repoFiles('')!.map(x => x.path.split('/')[0]!))] : []
      if (f.name === 'repo') return ctx.repoUrl ? [ctx.repoUrl] : []
      if (f.name === 'filename') return ctx.repoFiles('')?.flatMap(x => [x.path, x.path.split('/')[0]!]) ?? []
      return [...(f.values ?? [])]
    }
    if (cmd === 'argocd') {
      if (rest.length === 0) return pick(ARGOCD_TOP)
      if (rest[0] !== 'app') return pick([])
      if (rest.length === 1) return pick(Object.keys(APP_COMMANDS))
      const spec = APP_COMMANDS[rest[1]!]
      if (!spec) return pick([])
      const values = valueOf(spec.flags)
      if (values) return pick(values)
      if (word.startsWith('-')) return pick([...flagWords(spec.flags), '--help'])
      const positional = rest.slice(2).filter((w, i, all) => !w.startsWith('-') && !(all[i - 1]?.startsWith('--') &&
        spec.flags.some(f => `--${f.name}` === all[i - 1] && f.type !== 'bool')))
      if (positional.length === 0) {
        return pick(rest[1] === 'create' ? [`argo-hook-${userOf(ctx)}`, `argo-wave-${userOf(ctx)}`] : appNames())
      }
      return pick(rest[1] === 'create' ? flagWords(spec.flags) : [])
    }
    if (cmd === 'kubectl' || cmd === 'oc' || cmd === 'k') {
      if (rest.length === 0) return pick(Object.keys(KUBECTL_COMMANDS))
      const verb = rest[0]!
      const spec = KUBECTL_COMMANDS[verb]
      if (!spec) return pick([])
      const flags = [...spec.flags, { name: 'namespace', short: 'n', type: 'string' } as FlagSpec]
      const values = valueOf(flags)
      if (values) return pick(values)
      if (word.startsWith('-')) return pick(flagWords(flags))
      const positional: string[] = []
      for (let i = 1; i < rest.length; i++) {
        const w = rest[i]!
        if (w.startsWith('-')) {
          const f = flags.find(x => w === `--${x.name}` || w === `-${x.short}`)
          if (f && f.type !== 'bool') i++
          continue
        }
        positional.push(w)
      }
      if (verb === 'explain') return pick([...EXPLAIN_WORDS, ...TYPE_WORDS])
      if (verb === 'logs') {
        const ns = namespaceIn(rest) ?? userOf(ctx)
        return pick([...sim.fake.store.list('Pod', ns).map(p => p.metadata.name ?? ''),
          ...sim.fake.store.list('Job', ns).map(j => `job/${j.metadata.name ?? ''}`)])
      }
      if (!['get', 'describe', 'delete'].includes(verb)) return pick([])
      if (positional.length === 0) {
        const slash = word.indexOf('/')
        if (slash > 0) {
          const type = resolveType(sim, word.slice(0, slash))
          if (type && 'info' in type) {
            const ns = namespaceIn(rest) ?? userOf(ctx)
            return pick(sim.fake.store.list(type.info.kind, type.info.namespaced ? ns : undefined)
              .map(o => `${word.slice(0, slash)}/${o.metadata.name ?? ''}`))
          }
        }
        return pick(TYPE_WORDS)
      }
      const type = resolveType(sim, positional[0]!)
      if (!type || !('info' in type)) return pick([])
      const ns = namespaceIn(rest) ?? userOf(ctx)
      return pick(sim.fake.store.list(type.info.kind, type.info.namespaced ? ns : undefined).map(o => o.metadata.name ?? ''))
    }
    return pick([])
  } catch {
    return { start, candidates: [] }
  }
}

function namespaceIn(words: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (w === '-n' || w === '--namespace') return words[i + 1]
    if (w.startsWith('--namespace=')) return w.slice('--namespace='.length)
  }
  return undefined
}

/** The longest common prefix of the candidates (what one Tab inserts). */
export function commonPrefix(words: string[]): string {
  if (words.length === 0) return ''
  let p = words[0]!
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1)
  return p
}
