// The labs the page offers: every lab folder of the project, read at build time (no network at run time). They
// are checked against the lab schema by the test suite, so the page reads them without a schema validator.
import type { SourceFile } from '../../manifest/index.ts'
import { labsFromFiles, parseLab, repoFiles } from '../../labs/parse.ts'
import type { Lab } from '../../labs/types.ts'

const raw = import.meta.glob(['../../../labs/*/lab.yaml', '../../../labs/*/repo/**/*.{yaml,yml}',
  '../../../labs/*/solution/**/*.{yaml,yml}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

function loadAll(): Lab[] {
  const files = Object.entries(raw).map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text }))
  const labs: Lab[] = []
  for (const [id, labFiles] of labsFromFiles(files)) {
    const { lab, diagnostics } = parseLab(labFiles, `labs/${id}`)
    if (lab) labs.push(lab)
    else console.error(`synclab: lab ${id} cannot be read`, diagnostics)
  }
  return labs.sort((a, b) => (a.id < b.id ? -1 : 1))
}

export const LABS: readonly Lab[] = loadAll()

/** The application's files as the learner starts: the lab repo's folder, with the hooks first when it has them. */
export function startFiles(lab: Lab): SourceFile[] {
  const files = [...repoFiles(lab)].map(([path, text]) => ({ path: `${lab.app.path}/${path}`, text }))
  const hookFirst = (f: SourceFile) => (/argocd\.argoproj\.io\/hook:\s*PreSync/.test(f.text) ? 0 : 1)
  return files.sort((a, b) => hookFirst(a) - hookFirst(b))
}

export function labById(id: string | null | undefined): Lab {
  return LABS.find(l => l.id === id) ?? LABS[0]!
}
