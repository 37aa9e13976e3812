// The labs the page offers: every lab folder of the project, read at build time (no network at run time). They
// are checked against the lab schema by the test suite, so the page reads them without a schema validator. A course
// (labs.json, course.ts) and labs opened in the page add theirs, checked with the schema by whoever made them.
import type { Diagnostic, SourceFile } from '../../manifest/index.ts'
import { DEFAULT_USER, labsFromFiles, parseLab, repoFiles } from '../../labs/parse.ts'
import type { Lab, LabFile } from '../../labs/types.ts'

const raw = import.meta.glob(['../../../labs/*/lab.yaml', '../../../labs/*/repo/**/*.{yaml,yml}',
  '../../../labs/*/solution/**/*.{yaml,yml}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const LAB_FILES: Map<string, readonly LabFile[]> = labsFromFiles(Object.entries(raw)
  .map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text })))

function loadAll(): Lab[] {
  const labs: Lab[] = []
  for (const [id, labFiles] of LAB_FILES) {
    const { lab, diagnostics } = parseLab(labFiles, `labs/${id}`)
    if (lab) labs.push(lab)
    else console.error(`synclab: lab ${id} cannot be read`, diagnostics)
  }
  return labs.sort((a, b) => (a.id < b.id ? -1 : 1))
}

const labs: Lab[] = loadAll()

/** The labs for the default user (`learner`): the picker's list. */
export const LABS: readonly Lab[] = labs

/**
 * Labs from outside the build (a course's labs.json, a lab opened in the page): each replaces the lab of its id or
 * joins the list; `only` first drops the labs the build holds. `dir(id)` is the folder messages name. Returns the
 * problems of those that cannot be read (they are left out).
 */
export function addLabs(entries: ReadonlyArray<{ id: string; files: readonly LabFile[] }>,
  opts: { only?: boolean; dir?: (id: string) => string } = {}): Diagnostic[] {
  const problems: Diagnostic[] = []
  const read: Array<[Lab, readonly LabFile[]]> = []
  for (const { id, files } of entries) {
    const { lab, diagnostics } = parseLab(files, opts.dir?.(id) ?? `labs/${id}`)
    problems.push(...diagnostics)
    if (lab) read.push([lab, files])
  }
  if (opts.only && read.length > 0) { // never an empty picker
    labs.length = 0
    LAB_FILES.clear()
  }
  for (const [lab, files] of read) {
    LAB_FILES.set(lab.id, files)
    const at = labs.findIndex(l => l.id === lab.id)
    if (at >= 0) labs[at] = lab
    else labs.push(lab)
  }
  labs.sort((a, b) => (a.id < b.id ? -1 : 1))
  return problems
}

/** Takes a lab opened in the page out of the picker (never the last one: the picker is never empty). */
export function removeLab(id: string): void {
  const at = labs.findIndex(l => l.id === id)
  if (at < 0 || labs.length === 1) return
  labs.splice(at, 1)
  LAB_FILES.delete(id)
}

/** The files a lab was read from (for a lab opened in the page: what to keep). */
export const labFiles = (id: string): readonly LabFile[] | undefined => LAB_FILES.get(id)

/** The application's files as the learner starts: the lab repo's folder, with the hooks first when it has them. */
export function startFiles(lab: Lab): SourceFile[] {
  const files = [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text }))
  const hookFirst = (f: SourceFile) => (/argocd\.argoproj\.io\/hook:\s*PreSync/.test(f.text) ? 0 : 1)
  return files.sort((a, b) => hookFirst(a) - hookFirst(b))
}

/** The lab `id` (or the first one) for the learner `user`: `+username+` in it becomes `user`. */
export function labById(id: string | null | undefined, user: string = DEFAULT_USER): Lab {
  const lab = LABS.find(l => l.id === id) ?? LABS[0]!
  if (user === DEFAULT_USER) return lab
  const { lab: forUser, diagnostics } = parseLab(LAB_FILES.get(lab.id) ?? [], `labs/${lab.id}`, undefined, { user })
  if (forUser) return forUser
  console.error(`synclab: lab ${lab.id} cannot be opened for ${user}`, diagnostics)
  return lab
}
