// synclab's command line: parses the command, then hands the work to the engine. No sync rule lives here.
import { parseArgs } from 'node:util'
import { formatDiagnostic, hasErrors, parseManifests } from '../manifest/index.ts'
import { readManifestFiles } from './files.ts'

const usage = `synclab: Argo CD sync, hooks and waves on a simulated cluster

Usage:
  synclab validate <file-or-dir>...   read manifests as Argo CD would; print problems as file:line:col
  synclab --help | --version

Exit status: 0 fine, 1 warnings only with --strict, 2 invalid input.`

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage)
    return 0
  }
  if (command === '--version') {
    console.log('synclab 0.1.0')
    return 0
  }
  try {
    if (command === 'validate') return validate(rest)
  } catch (e) {
    console.error(`synclab: ${(e as Error).message}`)
    return 2
  }
  console.error(`synclab: unknown command "${command}"\n\n${usage}`)
  return 2
}

function validate(argv: string[]): number {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true,
    options: { strict: { type: 'boolean', default: false } } })
  if (positionals.length === 0) throw new Error('validate: name at least one file or directory')
  const { manifests, diagnostics } = parseManifests(readManifestFiles(positionals))
  for (const d of diagnostics) console.error(formatDiagnostic(d))
  if (hasErrors(diagnostics)) return 2
  console.log(`${manifests.length} object${manifests.length === 1 ? '' : 's'} read, ` +
    `${diagnostics.length} warning${diagnostics.length === 1 ? '' : 's'}`)
  return values.strict && diagnostics.length > 0 ? 1 : 0
}
