// `kubectl` (and `oc`, the same commands) against the simulated cluster: reads the verb and its flags and hands the
// call to the command's own file (get, describe, logs, delete, apply, explain, create, api-resources), as kubectl's
// CLI keeps one package a command. Prints kubectl's columns, status words, AGE and error messages.
import { fail, goTabwriter, out, userOf } from '../common.ts'
import { bool, FlagError, parseFlags, str } from '../flags.ts'
import type { CommandResult, TerminalContext } from '../types.ts'
import { apiResources } from './api-resources.ts'
import { apply } from './apply.ts'
import { GLOBAL, KUBECTL_COMMANDS } from './commands.ts'
import { create } from './create.ts'
import { del } from './delete.ts'
import { describe } from './describe.ts'
import { explain } from './explain.ts'
import { get } from './get.ts'
import { logs } from './logs.ts'

export function kubectlCommand(tool: string, argv: string[], ctx: TerminalContext): CommandResult {
  const [verb, ...rest] = argv
  if (verb === undefined || verb === 'help' || verb === '--help' || verb === '-h') return out(kubectlHelp(tool))
  const spec = KUBECTL_COMMANDS[verb]
  if (!spec) {
    if (verb.startsWith('-')) return fail(`error: unknown flag: ${verb.split('=')[0]}`, `See '${tool} --help' for usage.`)
    return fail(`error: unknown command "${verb}" for "${tool}"`, `Run '${tool} --help' for usage.`)
  }
  let parsed
  try {
    parsed = parseFlags(rest, [...spec.flags, ...GLOBAL])
  } catch (e) {
    if (e instanceof FlagError) {
      return fail(`error: ${e.message.replace(/^unknown shorthand flag/, 'unknown shorthand flag')}`,
        `See '${tool} ${verb} --help' for usage.`)
    }
    throw e
  }
  const { args, flags } = parsed
  if (bool(flags, 'help')) return out([spec.help, '', 'Usage:', `  ${tool} ${verb} [options]`, '', 'Options:',
    ...goTabwriter(spec.flags.map(fl => `    ${fl.short ? `-${fl.short}, ` : ''}--${fl.name}\t${fl.help ?? ''}`), 0, 2)])
  const sim = ctx.simulation()
  sim.fake.ensureNamespace(userOf(ctx))
  const namespace = str(flags, 'namespace') ?? userOf(ctx)
  const k = { tool, sim, ctx, namespace, flags }
  switch (verb) {
    case 'get': return get(k, args)
    case 'describe': return describe(k, args)
    case 'logs': return logs(k, args)
    case 'delete': return del(k, args)
    case 'apply': return apply(k)
    case 'explain': return explain(k, args)
    case 'create': return create(k, args)
    case 'version': return out(['Client Version: v1.32.0', 'Kustomize Version: v5.5.0', 'Server Version: v1.32.0+synclab'])
    case 'api-resources': return apiResources(sim)
  }
  return fail(`error: unknown command "${verb}" for "${tool}"`)
}

function kubectlHelp(tool: string): string[] {
  const names = Object.keys(KUBECTL_COMMANDS)
  const w = Math.max(...names.map(n => n.length)) + 3
  return [`${tool} controls the (simulated) Kubernetes cluster.`, '', 'Commands available in this sandbox:',
    ...names.map(n => `  ${n.padEnd(w)}${KUBECTL_COMMANDS[n]!.help}`), '',
    `Usage:`, `  ${tool} [flags] [options]`, '', `Use "${tool} <command> --help" for more information about a given command.`]
}
