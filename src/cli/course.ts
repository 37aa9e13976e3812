// `synclab course build <labs-dir>... --out <dir> [--title T] [--with-builtin-labs]`: reads every lab of the given
// folders (each holds labs, or is one lab) with the schema, as `synclab lab check` does; any problem is printed as
// file:line:col and nothing is written (exit 2). Then writes the static site (course-site.ts).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { COURSE_FORMAT, type CourseFile, type CourseLab } from '../labs/course-file.ts'
import { labDirs, loadLabDir, readLabFiles } from '../labs/load.ts'
import { LAB_FILE } from '../labs/parse.ts'
import { type Diagnostic, formatDiagnostic } from '../manifest/index.ts'
import { findPageTemplate, writeSite } from './course-site.ts'
import { packageRoot } from './package-root.ts'

export const COURSE_USAGE = `Usage:
  synclab course build <labs-dir>... --out <dir> [--title T] [--with-builtin-labs]

Builds a static site (like npm run build) that holds the labs of the given folders: each folder holds labs
(one folder each, docs/labs.md) or is one lab. Every lab is read first; problems are printed as file:line:col.
The site works under any sub-path of any static host.
  --out <dir>            where to write the site (a new or empty folder, or a site built before: replaced)
  --title <T>            the course's title (the page's title and header)
  --with-builtin-labs    keep synclab's own labs in the lab picker too

Exit status: 0 built, 2 an invalid lab or usage.`

/** The lab folders in `dir`: itself when it holds lab.yaml, else its sub-folders that do. */
export function courseLabDirs(dir: string): string[] {
  if (existsSync(join(dir, LAB_FILE))) return [dir]
  return readdirSync(dir, { withFileTypes: true }).filter(e => e.isDirectory() && existsSync(join(dir, e.name, LAB_FILE)))
    .map(e => join(dir, e.name)).sort()
}

/** Where `id:` is in a lab.yaml, for a problem about the id. */
function idDiagnostic(dir: string, message: string): Diagnostic {
  const file = join(dir, LAB_FILE)
  const lines = readFileSync(file, 'utf8').split('\n')
  const line = Math.max(0, lines.findIndex(l => /^id\s*:/.test(l)))
  return { file, line: line + 1, col: 1, endLine: line + 1, endCol: (lines[line]?.length ?? 0) + 1, severity: 'error',
    code: 'course-duplicate-id', message }
}

/** Reads every lab; returns them, or the problems that stop the build. */
export function readCourseLabs(folders: readonly string[], builtinIds: readonly string[]): { labs: CourseLab[]; problems: Diagnostic[] } {
  const problems: Diagnostic[] = []
  const labs: CourseLab[] = []
  const where = new Map<string, string>()
  for (const folder of folders) {
    const dirs = existsSync(folder) ? courseLabDirs(folder) : []
    if (dirs.length === 0) {
      problems.push({ file: folder, line: 1, col: 1, endLine: 1, endCol: 1, severity: 'error', code: 'course-empty',
        message: existsSync(folder) ? `no lab in ${folder}: a lab is a folder with ${LAB_FILE} (docs/labs.md)` : 'no such folder' })
    }
    for (const dir of dirs) {
      const { lab, diagnostics } = loadLabDir(dir)
      problems.push(...diagnostics)
      if (!lab) continue
      const before = where.get(lab.id) ?? (builtinIds.includes(lab.id) ? 'one of synclab\'s own labs' : undefined)
      if (before !== undefined) problems.push(idDiagnostic(dir, `id: "${lab.id}" is already the id of ${before}`))
      where.set(lab.id, dir)
      labs.push({ id: lab.id, files: readLabFiles(dir) })
    }
  }
  return { labs, problems }
}

export function courseCommand(argv: string[], print: (line: string) => void = console.log,
  printError: (line: string) => void = console.error): number {
  const [sub, ...rest] = argv
  if (!sub || sub === '--help' || sub === '-h') {
    print(COURSE_USAGE)
    return sub ? 0 : 2
  }
  if (sub !== 'build') {
    printError(`synclab course: unknown subcommand "${sub}"\n\n${COURSE_USAGE}`)
    return 2
  }
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
    out: { type: 'string' }, title: { type: 'string' }, 'with-builtin-labs': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false } } })
  if (values.help) {
    print(COURSE_USAGE)
    return 0
  }
  if (positionals.length === 0 || values.out === undefined) {
    printError(`synclab course build: name at least one labs folder and --out\n\n${COURSE_USAGE}`)
    return 2
  }
  const builtin = values['with-builtin-labs']
  const builtinIds = builtin ? labDirs(join(packageRoot(), 'labs')).map(d => d.split(/[\\/]/).pop()!) : []
  const { labs, problems } = readCourseLabs(positionals, builtinIds)
  for (const d of problems) printError(formatDiagnostic(d))
  if (problems.length > 0) {
    printError(`synclab course build: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing written`)
    return 2
  }
  const course: CourseFile = { format: COURSE_FORMAT, builtin, labs, ...(values.title ? { title: values.title } : {}) }
  const template = findPageTemplate()
  writeSite(template.dir, values.out, course)
  print(`${values.out}: ${labs.length} lab${labs.length === 1 ? '' : 's'} (${labs.map(l => l.id).join(', ')})` +
    `${builtin ? ' and synclab\'s own' : ''}, from ${template.note}`)
  return 0
}
