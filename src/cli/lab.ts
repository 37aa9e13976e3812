// `synclab lab check <lab-dir>... [--solution]`: reads each lab (problems as file:line:col) and runs its tasks
// headless (src/labs/run.ts). Exit status: 0 every verdict as expected, 1 a mismatch, 2 an invalid lab or usage.
// `synclab lab new <dir>` scaffolds a lab (lab-new.ts).
import { parseArgs } from 'node:util'
import { formatDiagnostic } from '../manifest/index.ts'
import { loadLabDir } from '../labs/load.ts'
import { checkLab } from '../labs/run.ts'
import { scaffoldLab } from './lab-new.ts'
import { watchAndRun } from './lab-watch.ts'

export const LAB_USAGE = `Usage:
  synclab lab check <lab-dir>... [--solution] [--watch]
  synclab lab preview <lab-dir> [--port 5180]   the page with this lab, reloaded on every save
  synclab lab new <dir>         a new lab in <dir> (lab.yaml, repo/<app>/, one task that passes on a sync)

Runs each lab's tasks on a simulated cluster, as a learner would, and checks them.
  --solution   apply every task's solution: every task must pass
  (default)    start state: tasks that need work must fail; pitfalls must be rejected
  --watch      check again each time a file of the lab is saved (Ctrl+C stops)

Exit status: 0 as expected, 1 a task's verdict is not as expected, 2 invalid lab or usage.`

export async function labCommand(argv: string[], print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error, signal?: AbortSignal): Promise<number> {
  const [sub, ...rest] = argv
  if (!sub || sub === '--help' || sub === '-h') {
    print(LAB_USAGE)
    return sub ? 0 : 2
  }
  if (sub === 'new') return newCommand(rest, print, printError)
  if (sub === 'preview') return (await import('./lab-preview.ts')).previewCommand(rest, print, printError, signal)
  if (sub !== 'check') {
    printError(`synclab lab: unknown subcommand "${sub}"\n\n${LAB_USAGE}`)
    return 2
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true,
    options: { solution: { type: 'boolean', default: false }, watch: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } } })
  if (values.help) {
    print(LAB_USAGE)
    return 0
  }
  if (positionals.length === 0) {
    printError(`synclab lab check: name at least one lab folder\n\n${LAB_USAGE}`)
    return 2
  }
  const once = () => checkLabs(positionals, values.solution, print, printError)
  return values.watch ? watchAndRun(positionals, once, print, signal) : once()
}

async function checkLabs(dirs: readonly string[], solution: boolean, print: (line: string) => void,
  printError: (line: string) => void): Promise<number> {
  let status = 0
  for (const dir of dirs) {
    let loaded
    try {
      loaded = loadLabDir(dir)
    } catch (e) {
      printError(`synclab lab check: ${(e as Error).message}`)
      status = 2
      continue
    }
    const { lab, diagnostics } = loaded
    for (const d of diagnostics) printError(formatDiagnostic(d))
    if (!lab) {
      status = 2
      continue
    }
    print(`${lab.id}: ${lab.title} (${solution ? 'solutions' : 'start states'})`)
    const lines = await checkLab(lab, { solution })
    for (const line of lines) print(line.text)
    if (lines.some(l => !l.ok) && status === 0) status = 1
  }
  return status
}

function newCommand(argv: string[], print: (line: string) => void, printError: (line: string) => void): number {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} })
  if (positionals.length !== 1) {
    printError(`synclab lab new: name one folder\n\n${LAB_USAGE}`)
    return 2
  }
  const dir = positionals[0]!
  const { id, files } = scaffoldLab(dir)
  for (const f of files) print(`created ${f}`)
  print(`lab ${id}: check it with  synclab lab check ${dir} --solution`)
  return 0
}
