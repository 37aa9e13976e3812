// The labs the page offers: every lab folder of the project, read at build time (no network at run time). They
// are checked against the lab schema by the test suite, so the page reads them without a schema validator.
import type { SourceFile } from '../../manifest/index.ts'
import { DEFAULT_USER, labsFromFiles, parseLab, repoFiles } from '../../labs/parse.ts'
import type { Lab, LabFile } from '../../labs/types.ts'

const raw = import.meta.glob(['../../../labs/*/lab.yaml', '../../../labs/*/repo/**/*.{yaml,yml}',
  '../../../labs/*/solution/**/*.{yaml,yml}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const LAB_FILES: ReadonlyMap<string, LabFile[]> = labsFromFiles(Object.entries(raw)
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

/** The labs for the default user (`learner`): the picker's list. */
export const LABS: readonly Lab[] = loadAll()

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
