// Shared pieces of the interpreter: the shell's tokenizer, kubectl's tables, times as the tools print them, and
// the registry of Applications the terminal knows about.
import { EPOCH_MS, parseTimestamp } from '../cluster/clock.ts'
import type { KubeObject } from '../cluster/objects.ts'
import { tabwrite } from '../present/go-format.ts'
import type { Application } from '../sync/application.ts'
import { type AppSource as AppSpec, appSources } from '../sync/app-source.ts'
import type { Simulation } from '../sync/simulation.ts'
import { humanDuration } from '../cluster/human-duration.ts'
import { expandPipeline } from './shell-syntax.ts'
import type { CommandResult, TerminalContext } from './types.ts'

export { humanDuration }

export const DEFAULT_USER = 'learner'
export const IN_CLUSTER = 'https://kubernetes.default.svc'
export const ARGOCD_SERVER = 'localhost:8080'

export const userOf = (ctx: TerminalContext): string => ctx.user ?? DEFAULT_USER

/** A pipeline's stages: each an argv; `|` splits them. Anything else the shell would do is refused. */
export interface ParsedLine {
  stages: string[][]
  error?: string
}

/** The shell's variables: the learner's user and home. */
export function shellVariables(ctx: TerminalContext): Record<string, string> {
  const user = userOf(ctx)
  return { USER: user, HOME: `/home/${user}`, LOGNAME: user, SHELL: '/bin/bash', PWD: `/home/${user}`,
    HOSTNAME: 'synclab', '?': '0' }
}

/**
 * One command's words as bash reads them (quotes, escapes, `\`-newline, `$VAR`, `${VAR}`, `$(…)`; shell-syntax.ts),
 * after the labs' `+username+` placeholder is replaced. `substitute` runs a `$(…)`; without it, it expands to nothing
 * (reading a line's words must not run anything).
 */
export function tokenize(line: string, ctx: TerminalContext,
  substitute: (source: string) => string | Error = () => ''): ParsedLine {
  const user = userOf(ctx)
  const env = shellVariables(ctx)
  const text = line.replace(/\+username\+/g, user)
  const read = expandPipeline(text, { variable: name => env[name], substitute, home: env.HOME! })
  return 'error' in read ? { stages: [], error: read.error } : { stages: read.stages }
}

export const out = (lines: string[], exitCode = 0): CommandResult => ({ lines, exitCode })
/** cobra's answer to a wrong command line. */
export const usageError = (cmd: string, message: string): CommandResult =>
  fail(`Error: ${message}`, `Run '${cmd} --help' for usage.`)
export const fail = (...lines: string[]): CommandResult => ({ lines, exitCode: 1 })

/** Text with trailing newline(s) as terminal lines. */
export function textLines(text: string): string[] {
  const lines = text.split('\n')
  if (lines.at(-1) === '') lines.pop()
  return lines
}

/** kubectl's table printer: tabwriter.NewWriter(out, 6, 4, 3, ' ', 0). */
export function kubectlTable(rows: string[][]): string[] {
  return textLines(tabwrite(rows.map(r => `${r.join('\t')}\t`), 6, 3)).map(l => l.trimEnd())
}

/** Virtual ms of an object's creationTimestamp. */
export function createdAt(obj: KubeObject): number {
  const ts = obj.metadata.creationTimestamp
  return ts ? parseTimestamp(ts) : 0
}

/** kubectl's AGE column. */
export function age(obj: KubeObject, now: number): string {
  return humanDuration(now - createdAt(obj))
}

/** `Wed, 01 Jan 2025 00:00:03 +0000`: Go's RFC1123Z, as kubectl describe prints times. */
export function rfc1123z(virtualMs: number): string {
  const d = new Date(EPOCH_MS + Math.floor(virtualMs / 1000) * 1000)
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
  const p = (n: number) => String(n).padStart(2, '0')
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`
}

/** logrus's `FATA[0012]`: seconds since the CLI started. */
export function fatal(message: string, elapsedMs = 0): string {
  return `FATA[${String(Math.max(0, Math.floor(elapsedMs / 1000))).padStart(4, '0')}] ${message}`
}

// Applications: how each one was created (argocd app get prints the source); the page reads the same registry.

export { appSources as appSpecs, type AppSource as AppSpec } from '../sync/app-source.ts'

/** How an app was made: by a command (remembered), or the lab's own app (the repository at the lab's path). */
export function specOf(sim: Simulation, app: Application, ctx: TerminalContext): AppSpec {
  return appSources(sim).get(app.name) ?? { repo: ctx.repoUrl ?? '', path: '', targetRevision: '', project: 'default',
    destServer: IN_CLUSTER }
}

/** The Applications that exist (a deleted one is gone). */
export function liveApps(sim: Simulation): Application[] {
  return sim.apps.filter(a => !a.deleted)
}

export function findApp(sim: Simulation, name: string): Application | undefined {
  const bare = name.includes('/') ? name.slice(name.indexOf('/') + 1) : name
  return liveApps(sim).find(a => a.name === bare)
}

/** Label selector (`a=b,c!=d,e,!f`, `a in (x,y)` not supported): does `labels` match? */
export function matchesSelector(labels: Record<string, string> | undefined, selector: string): boolean {
  const l = labels ?? {}
  return selector.split(',').map(s => s.trim()).filter(s => s !== '').every(req => {
    let m = /^([^!=]+)!=(.*)$/.exec(req)
    if (m) return l[m[1]!.trim()] !== m[2]!.trim()
    m = /^([^!=]+)==?(.*)$/.exec(req)
    if (m) return l[m[1]!.trim()] === m[2]!.trim()
    if (req.startsWith('!')) return !(req.slice(1) in l)
    return req in l
  })
}

/**
 * Go's text/tabwriter with its column blocks: a column's width is set by the consecutive lines that have a cell in
 * it, so a line without tabs starts new blocks (what aligns `kubectl describe` section by section).
 */
export function goTabwriter(text: string[], minwidth: number, padding: number): string[] {
  const lines = text.map(l => l.split('\t'))
  const outLines: string[] = lines.map(() => '')
  const widths: number[] = []
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const cells = lines[i]!
      outLines[i] = cells.map((c, j) => (j < cells.length - 1 ? c.padEnd(widths[j] ?? 0) : c)).join('')
    }
  }
  const format = (line0: number, line1: number): void => {
    const column = widths.length
    let start = line0
    for (let i = line0; i < line1; i++) {
      if (column >= lines[i]!.length - 1) continue
      write(start, i)
      start = i
      let width = minwidth
      for (; i < line1; i++) {
        const cells = lines[i]!
        if (column >= cells.length - 1) break
        width = Math.max(width, [...cells[column]!].length + padding)
      }
      widths.push(width)
      format(start, i)
      widths.pop()
      start = i
      i--
    }
    write(start, line1)
  }
  format(0, lines.length)
  return outLines.map(l => l.trimEnd())
}

/**
 * kubectl's watch printer: github.com/liggitt/tabwriter with RememberWidths, so each flush keeps (and only
 * widens) the column widths of the flushes before it, and the stream of lines stays aligned.
 */
export function rememberingTable(): (rows: string[][]) => string[] {
  const widths: number[] = []
  return rows => {
    for (const r of rows) {
      r.forEach((c, j) => {
        widths[j] = Math.max(widths[j] ?? 0, 6, [...c].length + 3)
      })
    }
    return rows.map(r => r.map((c, j) => (j < r.length - 1 ? c.padEnd(widths[j]!) : c)).join('').trimEnd())
  }
}
