// "Open lab…": a lab folder or a .zip of one (or of several), read into the files of each lab found and checked
// with the reader the CLI uses (parseLab with lab.yaml's schema; the schema compiled at build time, since the
// page's Content-Security-Policy forbids eval: lab-schema-standalone.ts). Problems come as file:line:col.
import validate from 'virtual:lab-schema-validator'
import { unzipSync } from 'fflate'
import { COURSE_FORMAT, type CourseLab } from '../../labs/course-file.ts'
import { LAB_FILE, parseLab, type SchemaValidator } from '../../labs/parse.ts'
import type { LabFile } from '../../labs/types.ts'
import type { Diagnostic } from '../../manifest/index.ts'
import { addLabs, LABS, removeLab } from '../labs/catalog.ts'
import { OPENED_LABS_KEY, openedLabs } from '../labs/opened-labs.ts'

// As formatDiagnostic (manifest/index.ts) writes it: importing that index here would split the page's entry chunk.
const formatDiagnostic = (d: Diagnostic): string => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`

const validateLabSchema: SchemaValidator = value => (validate(value) ? [] : [...(validate.errors ?? [])])

/** The files a lab is read from (as the CLI reads a folder: src/labs/load.ts). */
const LAB_TEXT = /\.(ya?ml|md)$/i
/** What archivers add that is no part of a lab. */
const NOISE = /(^|\/)(__MACOSX|\.DS_Store|\.git)(\/|$)/

export interface FoundLab {
  /** The lab's folder as messages name it (e.g. 01-my-lab, or course.zip/01-my-lab). */
  dir: string
  files: LabFile[]
}

/** The labs among `files` (paths from the folder or archive's top): each folder that holds lab.yaml is one. */
export function labsInFiles(files: readonly LabFile[], top: string): FoundLab[] {
  const wanted = files.filter(f => LAB_TEXT.test(f.path) && !NOISE.test(f.path))
  const roots = wanted.filter(f => f.path === LAB_FILE || f.path.endsWith(`/${LAB_FILE}`))
    .map(f => f.path.slice(0, -LAB_FILE.length)).sort((a, b) => b.length - a.length) // deepest first
  const found = new Map<string, LabFile[]>(roots.map(r => [r, []]))
  for (const f of wanted) {
    const root = roots.find(r => f.path.startsWith(r))
    if (root !== undefined) found.get(root)!.push({ path: f.path.slice(root.length), text: f.text })
  }
  return [...found].map(([root, labFiles]) => ({ dir: `${top}${root === '' ? '' : `/${root.replace(/\/$/, '')}`}`,
    files: labFiles.sort((a, b) => (a.path < b.path ? -1 : 1)) })).sort((a, b) => (a.dir < b.dir ? -1 : 1))
}

/** The text files of a .zip. */
export function unzipText(bytes: Uint8Array): LabFile[] {
  const decoder = new TextDecoder()
  return Object.entries(unzipSync(bytes, { filter: f => LAB_TEXT.test(f.name) && !NOISE.test(f.name) }))
    .map(([path, data]) => ({ path, text: decoder.decode(data) }))
}

export interface CheckedUpload {
  labs: CourseLab[]
  problems: string[]
}

/**
 * Reads each lab found and says what is wrong (file:line:col). A lab whose id is one of the page's own (the
 * build's or the course's) is refused; one opened before is replaced.
 */
export function checkUpload(found: readonly FoundLab[], what: string): CheckedUpload {
  if (found.length === 0) return { labs: [], problems: [`${what}: no ${LAB_FILE} in it: a lab is a folder with ${LAB_FILE} (docs/labs.md)`] }
  const opened = new Set(openedLabs().map(l => l.id))
  const labs: CourseLab[] = []
  const problems: string[] = []
  for (const { dir, files } of found) {
    const { lab, diagnostics } = parseLab(files, dir, validateLabSchema)
    problems.push(...diagnostics.map(formatDiagnostic))
    if (!lab) continue
    if (LABS.some(l => l.id === lab.id) && !opened.has(lab.id)) {
      problems.push(`${dir}/${LAB_FILE}: error: the page has a lab "${lab.id}" already: give yours another id`)
    } else labs.push({ id: lab.id, files })
  }
  return { labs, problems }
}

/** Keeps the labs in this browser and adds them to the picker (a full storage: they stay for this visit only). */
export function keepLabs(labs: readonly CourseLab[], dirs: ReadonlyMap<string, string>): string | undefined {
  addLabs(labs, { dir: id => dirs.get(id) ?? id })
  const kept = [...openedLabs().filter(l => !labs.some(n => n.id === l.id)), ...labs]
  try {
    window.localStorage.setItem(OPENED_LABS_KEY, JSON.stringify({ format: COURSE_FORMAT, builtin: true, labs: kept }))
    return undefined
  } catch (e) {
    return `the browser's storage refused it (${(e as Error).message}): the lab is open for this visit only`
  }
}

/**
 * Forgets a lab opened in this browser: out of its storage and the picker. The learner's work on it stays in the
 * browser's storage (under the lab's own key), so opening the lab again finds it.
 */
export function forgetLab(id: string): string | undefined {
  const kept = openedLabs().filter(l => l.id !== id)
  try {
    window.localStorage.setItem(OPENED_LABS_KEY, JSON.stringify({ format: COURSE_FORMAT, builtin: true, labs: kept }))
  } catch (e) {
    return `the browser's storage refused it (${(e as Error).message})`
  }
  removeLab(id)
  return undefined
}
