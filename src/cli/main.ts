// synclab's command line: parses the command, then hands the work to the engine. No sync rule lives here.
import { parseArgs } from 'node:util'
import { loadCommandModel } from '../cluster/command-model.ts'
import { formatDiagnostic, hasErrors, loadReaderTypes, parseManifests } from '../manifest/index.ts'
import { readManifestSources } from './files.ts'
import type { Output } from './sync.ts'

const usage = `synclab: Argo CD sync, hooks and waves on a simulated cluster

Usage:
  synclab validate <file-or-dir>...   read manifests as Argo CD would; print problems as file:line:col
  synclab sync <file-or-dir>...       sync them as one Argo CD Application on a simulated cluster
                                      (synclab sync --help for its flags)
                                      ("-" reads them from standard input: helm template ... | synclab sync -)
  synclab test FILE [--junit OUT.xml]   run tests of your own manifests (steps and checks as in labs)
  synclab sweep FILE [--json|--csv|--markdown] [--html OUT.html]   the same manifests under every
                                      combination of annotations, fields and what-if outcomes
  synclab lab check <lab-dir>... [--solution] [--watch]   run a lab's tasks headless and check them
                                      (--watch: again on every save)
  synclab lab new <dir>               scaffold a lab (lab.yaml, repo/<app>/, one task that passes on a sync)
  synclab lab preview <lab-dir> [--port 5180]   serve the page with that lab; it reloads when a file is saved
  synclab course build <labs-dir>... --out <dir> [--title T] [--with-builtin-labs]
                                      a static site of your own labs (works under any sub-path)
  synclab serve [--port 6443] [--speed 1] [paths...]   serve a simulated cluster over the Kubernetes API (kubectl)
  synclab cleanup --cluster URL --dest-namespace NS [--yes]   delete what synclab created in NS on a real cluster
  synclab --help | --version

Exit status: validate: 0 fine, 1 warnings only with --strict, 2 invalid input.
             sync: 0 every operation Succeeded, 1 an operation Failed or Errored, 2 invalid input.
             test: 0 every test holds, 1 a test does not, 2 invalid file.
             sweep: 0 done, 2 invalid file.
             lab check: 0 as expected, 1 a task's verdict is not as expected, 2 invalid lab.
             course build: 0 built, 2 invalid lab.`

const stdio: Output = { out: text => process.stdout.write(text), err: text => process.stderr.write(text) }

/** `io` receives the sync command's output (tests capture it); other commands print to the console. */
export async function main(argv: string[], io?: Output): Promise<number> {
  const [command, ...rest] = argv
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    console.log(usage)
    return 0
  }
  if (command === '--version') {
    console.log('synclab 0.1.0')
    return 0
  }
  await loadReaderTypes() // every command reads manifests: with Kubernetes' types checked
  try {
    await loadCommandModel() // serve and lab check drive the simulated cluster's clock themselves
    if (command === 'validate') return validate(rest)
    // Each command's module is loaded when it runs: start-up reads only what the command needs.
    if (command === 'sync') {
      if (rest.includes('--help') || rest.includes('-h')) {
        console.log((await import('./sync-args.ts')).SYNC_USAGE)
        return 0
      }
      return await (await import('./sync.ts')).syncCommand(rest, io)
    }
    if (command === 'test') return await (await import('./test.ts')).testCommand(rest, io ?? stdio)
    if (command === 'sweep') return await (await import('./sweep.ts')).sweepCommand(rest, io ?? stdio)
    if (command === 'lab') return await (await import('./lab.ts')).labCommand(rest)
    if (command === 'course') return (await import('./course.ts')).courseCommand(rest)
    if (command === 'serve') return await (await import('./serve.ts')).serveCommand(rest)
    if (command === 'cleanup') return await (await import('./cleanup.ts')).cleanupCommand(rest, io)
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
  const read = readManifestSources(positionals)
  const { manifests, diagnostics } = parseManifests(read.files)
  for (const d of [...read.diagnostics, ...diagnostics]) console.error(formatDiagnostic(d))
  if (hasErrors(read.diagnostics) || hasErrors(diagnostics)) return 2
  console.log(`${manifests.length} object${manifests.length === 1 ? '' : 's'} read, ` +
    `${diagnostics.length} warning${diagnostics.length === 1 ? '' : 's'}`)
  return values.strict && diagnostics.length > 0 ? 1 : 0
}
