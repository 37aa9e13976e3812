// The sandbox shell: an input in (bash syntax: shell-syntax.ts), a CommandResult out. `argocd`, `kubectl`/`oc`, a
// few shell builtins, `$(…)`, and `| grep` on a command's output. Every handler is wrapped: a bug prints one line,
// never breaks the terminal.
import { argocdCommand } from './argocd/index.ts'
import { fail, out, shellVariables, tokenize, userOf } from './common.ts'
import { type ListItem, splitCommands } from './shell-syntax.ts'
import { kubectlCommand } from './kubectl/index.ts'
import { missingTool } from './missing-tools.ts'
import { angleBracketHint, shortcodeHint } from './placeholders.ts'
import type { CommandResult, TerminalContext } from './types.ts'

export const COMMANDS = ['argocd', 'kubectl', 'oc', 'help', 'clear', 'echo', 'whoami', 'history', 'true', 'false']

export function runCommand(line: string, ctx: TerminalContext): CommandResult {
  try {
    const list = splitCommands(line)
    if (list.status === 'incomplete') return fail(`bash: syntax error: unexpected end of file (looking for ${list.why})`)
    if (list.status === 'error') return fail(list.message)
    if (list.commands.length <= 1) return runPipeline(list.commands[0]?.text ?? '', ctx)
    return runList(list.commands, ctx)
  } catch (e) {
    return fail(`synclab: internal error: ${(e as Error).message}`)
  }
}

/** One pipeline: `$(…)` run first (each a command of its own), then the stages. */
function runPipeline(text: string, ctx: TerminalContext): CommandResult {
  const parsed = tokenize(text, ctx, source => substitute(source, ctx))
  if (parsed.error) {
    // A redirection the sandbox refuses is most often a lab's `<username>` (or a `{{< … >}}`) typed as it stands.
    const redirection = /does not support '[<>]/.test(parsed.error)
    return fail((redirection ? angleBracketHint(text, userOf(ctx)) ?? shortcodeHint(text) : undefined) ?? parsed.error)
  }
  const stages = parsed.stages
  const tool = stages[0]?.[0]
  const shortcode = tool === 'argocd' || tool === 'kubectl' || tool === 'oc' || tool === 'k' ? shortcodeHint(text) : undefined
  if (shortcode !== undefined) return fail(shortcode)
  if (stages.length === 1 && stages[0]!.length === 0) return out([])
  if (stages.some(s => s.length === 0)) return fail("bash: syntax error near unexpected token `|'")
  const first = run(stages[0]!, ctx)
  if (stages.length === 1) return first
  return pipe(first, stages.slice(1))
}

/** `$(…)`: what the commands print. A failing one ends the command with its error, so the learner sees why. */
function substitute(source: string, ctx: TerminalContext): string | Error {
  const result = runCommand(source, ctx)
  if (result.watch || result.prompt) {
    result.pending?.catch(() => undefined)
    return new Error(`synclab: $(${source.trim()}) must print at once (no --watch, -f, waiting sync or question)`)
  }
  if (result.exitCode !== 0) return new Error(result.lines.join('\n'))
  return result.lines.join('\n')
}

/**
 * `a; b && c || d` in one go, for commands that end at once. The page's terminal hands such a list over one
 * command at a time (console.ts), so that a sync or a watch ends before the next command starts; here a command
 * that goes on (a watch, a question) ends the list and says so.
 */
function runList(commands: ListItem[], ctx: TerminalContext): CommandResult {
  const lines: string[] = []
  let exitCode = 0
  for (const [i, command] of commands.entries()) {
    if ((command.after === '&&' && exitCode !== 0) || (command.after === '||' && exitCode === 0)) continue
    const result = runPipeline(command.text, ctx)
    if (result.clear) lines.length = 0
    lines.push(...result.lines)
    exitCode = result.exitCode
    if (i < commands.length - 1 && (result.watch || result.prompt)) {
      const rest = commands.slice(i + 1).map(c => c.text).join('; ')
      return { ...result, lines: [...lines, `synclab: not run, as '${command.text}' goes on: ${rest}`] }
    }
    if (i === commands.length - 1) return { ...result, lines }
  }
  return { lines, exitCode }
}

/**
 * Whether a line may change the cluster or an application, so that a host rebuilding a past run (time travel,
 * reload) must run it again. Errs on the side of yes: replaying a read-only line costs nothing, and `argocd app
 * get NAME` and the like are not read-only (they refresh the app from the repository's HEAD, as a webhook would).
 * Each command of a list counts, and each `$(…)`.
 */
export function changesCluster(line: string, ctx: TerminalContext): boolean {
  const list = splitCommands(line)
  if (list.status !== 'complete') return false
  return list.commands.some(c => pipelineChangesCluster(c.text, ctx))
}

function pipelineChangesCluster(text: string, ctx: TerminalContext): boolean {
  let inner = false
  const parsed = tokenize(text, ctx, source => {
    inner ||= changesCluster(source, ctx)
    return ''
  })
  if (parsed.error) return inner
  const [cmd, sub, verb] = parsed.stages[0] ?? []
  switch (cmd) {
    case 'kubectl':
    case 'oc':
    case 'k': return inner || (sub !== undefined && !KUBECTL_READ_ONLY.has(sub))
    case 'argocd': return inner || (sub !== undefined && ['app', 'apps', 'application', 'applications'].includes(sub) &&
      verb !== undefined && !['list', 'ls', 'help', '--help', '-h'].includes(verb))
    default: return inner
  }
}
const KUBECTL_READ_ONLY = new Set(['get', 'describe', 'logs', 'explain', 'version', 'api-resources', 'help', '--help', '-h'])

function run(argv: string[], ctx: TerminalContext): CommandResult {
  const [cmd, ...args] = argv
  switch (cmd) {
    case 'argocd': return argocdCommand(args, ctx)
    case 'kubectl':
    case 'oc':
    case 'k': return kubectlCommand(cmd === 'k' ? 'kubectl' : cmd, args, ctx)
    case 'help': return out(helpLines())
    case 'clear': return { lines: [], exitCode: 0, clear: true }
    case 'echo': return out([args.join(' ')])
    case 'true': case ':': return out([])
    case 'false': return out([], 1)
    case 'whoami': return out([userOf(ctx)])
    case 'history': return out([]) // the panel prints its own history
    case 'sudo': return fail(`${userOf(ctx)} is not in the sudoers file.  This incident will be reported.`)
    default: return missingTool(cmd!, args, shellVariables(ctx).HOME!)
  }
}

/** `cmd | grep [-v] [-i] [-c] PATTERN` (chained); `| head`/`| tail` [-n N]; `| wc -l`. */
function pipe(first: CommandResult, stages: string[][]): CommandResult {
  if (first.watch || first.prompt) {
    return { ...fail('synclab: pipes work with commands that print once (not with --watch, -f, prompts or a waiting sync)'),
      ...(first.pending ? { pending: first.pending } : {}) }
  }
  let lines = first.lines
  for (const [cmd, ...args] of stages) {
    if (cmd === 'grep' || cmd === 'egrep') {
      const flags = args.filter(a => /^-[a-zA-Z]+$/.test(a)).join('')
      const pattern = args.find(a => !/^-[a-zA-Z]+$/.test(a))
      if (pattern === undefined) return fail('Usage: grep [OPTION]... PATTERNS [FILE]...')
      let re: RegExp
      try {
        re = new RegExp(pattern, flags.includes('i') ? 'i' : '')
      } catch {
        re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), flags.includes('i') ? 'i' : '')
      }
      lines = lines.filter(l => re.test(l) !== flags.includes('v'))
      if (flags.includes('c')) lines = [String(lines.length)]
    } else if (cmd === 'head' || cmd === 'tail') {
      const nArg = args.find(a => /^-?\d+$/.test(a.replace(/^-n/, ''))) ?? '10'
      const n = Math.abs(Number(nArg.replace(/^-n/, '').replace(/^-/, '')) || 10)
      const explicit = args.indexOf('-n') >= 0 ? Number(args[args.indexOf('-n') + 1]) : n
      lines = cmd === 'head' ? lines.slice(0, explicit) : lines.slice(Math.max(0, lines.length - explicit))
    } else if (cmd === 'wc' && args.includes('-l')) lines = [String(lines.length)]
    else if (cmd === 'cat' || cmd === 'less' || cmd === 'more') continue
    else return fail(`bash: ${cmd}: command not found`)
  }
  return { lines, exitCode: lines.length === 0 ? 1 : first.exitCode }
}

export function helpLines(): string[] {
  return [
    'synclab terminal: the Argo CD and kubectl commands of the labs, against the simulated cluster.',
    'Time passes as the page plays (a sync starts it).',
    '',
    '  argocd app create NAME --repo URL --path PATH --dest-server https://kubernetes.default.svc --dest-namespace NS',
    '  argocd app sync NAME [--prune] [--dry-run] [--async] [--resource GROUP:KIND:NAME]',
    '  argocd app get|list|history|diff|manifests|resources|wait|terminate-op|delete NAME',
    '  kubectl get pods|jobs|deployments|replicasets|services|configmaps|events|all [-n NS] [-A] [-w] [-o wide|yaml|json|name]',
    '  kubectl describe pod|job|deployment NAME',
    '  kubectl logs POD|job/NAME [-f] [-c CONTAINER] [--previous]',
    '  kubectl delete TYPE NAME    kubectl apply -f PATH    kubectl explain argocd.argoproj.io/hook',
    '  oc ...                      the same as kubectl',
    '',
    '$USER is your user name; your namespace has the same name.',
    'Paste several lines at once, or end a line with \\ to go on on the next (the > prompt); ; && || work too.',
    'Keys: Tab completes, Up/Down browse history, Ctrl+C stops a watch, Ctrl+L clears the screen.',
  ]
}
