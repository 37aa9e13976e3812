// `argocd --help`, `argocd app --help` and `argocd app COMMAND --help`, as cobra prints them.
import type { FlagSpec } from '../flags.ts'
import { APP_COMMANDS } from './commands.ts'

export function argocdHelp(): string[] {
  return ['argocd controls a Argo CD server', '', 'Usage:', '  argocd [flags]', '  argocd [command]', '',
    'Available Commands (in this sandbox):', '  app         Manage applications', '  version     Print version information',
    '', 'Use "argocd [command] --help" for more information about a command.']
}

export function appHelp(): string[] {
  const names = Object.keys(APP_COMMANDS)
  const w = Math.max(...names.map(n => n.length)) + 2
  return ['Manage Applications', '', 'Usage:', '  argocd app [flags]', '  argocd app [command]', '',
    'Available Commands:', ...names.map(n => `  ${n.padEnd(w)}${APP_COMMANDS[n]!.help}`), '',
    'Use "argocd app [command] --help" for more information about a command.']
}

export function commandHelp(name: string): string[] {
  const spec = APP_COMMANDS[name]!
  const flagText = (fl: FlagSpec) => `${fl.short ? `-${fl.short}, ` : '    '}--${fl.name}${fl.type === 'bool' ? '' : fl.type === 'strings' ? ' stringArray' : ' string'}`
  const w = Math.max(0, ...spec.flags.map(fl => flagText(fl).length)) + 3
  return [spec.help, '', 'Usage:', `  ${spec.usage}`, '', 'Flags:',
    ...spec.flags.map(fl => `  ${flagText(fl).padEnd(w)}${fl.help ?? ''}`),
    `  ${'-h, --help'.padEnd(w)}help for ${name}`]
}
