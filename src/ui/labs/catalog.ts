// The labs the page offers: every lab folder of the project, held at build time (no network at run time), and read
// there too (labs-prebuilt.ts): opening one for the default learner only revives it. They are checked against the
// lab schema by the test suite, so the page reads them (for another learner's name) without a schema validator. A
// course (labs.json, course.ts) and labs opened in the page add theirs, checked with the schema by whoever made them.
import type { KubeObject } from '../../cluster/objects.ts'
import type { Diagnostic } from '../../manifest/index.ts'
import { parse } from 'yaml'
import { DEFAULT_USER, LAB_FILE, labsFromFiles, parseLab } from '../../labs/parse.ts'
import type { Lab, LabFile } from '../../labs/types.ts'
import builtinLabs from 'virtual:builtin-labs'

const raw = import.meta.glob(['../../../labs/*/lab.yaml', '../../../labs/*/repo/**/*.{yaml,yml}',
  '../../../labs/*/solution/**/*.{yaml,yml}'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const LAB_FILES: Map<string, readonly LabFile[]> = labsFromFiles(Object.entries(raw)
  .map(([path, text]) => ({ path: path.replace(/^(\.\.\/)+/, ''), text })))
/** The application's start files as the build read them (with the reader's types): what Session.source holds. */
export interface StartSource {
  manifests: KubeObject[]
  diagnostics: Diagnostic[]
  ok: boolean
}

/** A lab as the build read it (labs-prebuilt.ts): its files as [path, text] pairs, its start files read. */
export type BuiltLab = Omit<Lab, 'files'> & { files: Array<[string, string]>; start: StartSource }
const builtParsed = new Map<string, BuiltLab>()

/** A built-in lab as the build read it, its JSON parsed the first time it is asked for. */
export function builtLabData(id: string): BuiltLab | undefined {
  const entry = builtinLabs[id]
  if (!entry) return undefined
  let built = builtParsed.get(id)
  if (!built) builtParsed.set(id, built = JSON.parse(entry.json) as BuiltLab)
  return built
}

/** The build's own labs' files: a lab whose files are still these is the one read at build time. */
const BUILTIN_FILES = new Map(LAB_FILES)

/** What the picker shows of a lab. The lab itself is read when it is opened (labById): reading all of them with
 * the page cost more than anything else at start on a slow laptop. */
export interface LabListing {
  id: string
  title: string
}

/** The labs read so far, by id (for the default user). */
const parsed = new Map<string, Lab>()

/** lab.yaml's top-level `title:` on one line, read without parsing the whole lab; undefined for any other form. */
function titleOf(files: readonly LabFile[]): string | undefined {
  const text = files.find(f => f.path === LAB_FILE)?.text
  const line = text === undefined ? undefined : /^title:[ \t]*(\S.*)$/m.exec(text)?.[1]
  if (line === undefined) return undefined
  try {
    const value: unknown = parse(line)
    return typeof value === 'string' ? value : undefined
  } catch {
    return undefined
  }
}

function listingOf(id: string, files: readonly LabFile[]): LabListing {
  return { id, title: builtinLabs[id]?.title ?? titleOf(files) ?? readLab(id)?.title ?? id }
}

/** The lab read at build time, for a built-in lab not replaced since (by a course or a lab opened in the page). */
function builtLab(id: string): Lab | undefined {
  const built = builtLabData(id)
  if (!built || LAB_FILES.get(id) !== BUILTIN_FILES.get(id)) return undefined
  const { start, ...lab } = built
  const revived: Lab = { ...lab, files: new Map(built.files) }
  builtStarts.set(revived, start)
  return revived
}

/** The start files as the build read them, of the labs revived from the build. */
const builtStarts = new WeakMap<Lab, StartSource>()

/**
 * The lab's start files as read at build time, for a built-in lab opened for the default learner (the page then
 * reads no YAML before its first paint); undefined for any other lab, whose files the session reads.
 */
export function startSource(lab: Lab): StartSource | undefined {
  const start = builtStarts.get(lab)
  // A copy: the session's commits hand these objects to the engine.
  return start && structuredClone(start)
}

/** The lab of `id` for the default user, read once. */
function readLab(id: string): Lab | undefined {
  const known = parsed.get(id) ?? builtLab(id)
  if (known) {
    parsed.set(id, known)
    return known
  }
  const { lab, diagnostics } = parseLab(LAB_FILES.get(id) ?? [], `labs/${id}`)
  if (!lab) {
    console.error(`synclab: lab ${id} cannot be read`, diagnostics)
    return undefined
  }
  parsed.set(id, lab)
  return lab
}

const byId = (a: LabListing, b: LabListing) => (a.id < b.id ? -1 : 1)
const labs: LabListing[] = [...LAB_FILES].map(([id, files]) => listingOf(id, files)).sort(byId)

/** The labs for the default user (`learner`): the picker's list. */
export const LABS: readonly LabListing[] = labs

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
    parsed.clear()
  }
  for (const [lab, files] of read) {
    LAB_FILES.set(lab.id, files)
    parsed.set(lab.id, lab)
    const at = labs.findIndex(l => l.id === lab.id)
    const listing = { id: lab.id, title: lab.title }
    if (at >= 0) labs[at] = listing
    else labs.push(listing)
  }
  labs.sort(byId)
  return problems
}

/** Takes a lab opened in the page out of the picker (never the last one: the picker is never empty). */
export function removeLab(id: string): void {
  const at = labs.findIndex(l => l.id === id)
  if (at < 0 || labs.length === 1) return
  labs.splice(at, 1)
  LAB_FILES.delete(id)
  parsed.delete(id)
}

/** The files a lab was read from (for a lab opened in the page: what to keep). */
export const labFiles = (id: string): readonly LabFile[] | undefined => LAB_FILES.get(id)

/** The application's files as the learner starts. */
export { labStartFiles as startFiles } from '../../labs/parse.ts'

/** The lab `id` (or the first one) for the learner `user`: `+username+` in it becomes `user`. */
export function labById(id: string | null | undefined, user: string = DEFAULT_USER): Lab {
  const wanted = LABS.find(l => l.id === id) ?? LABS[0]!
  // A lab that cannot be read (a damaged course) is passed over for the first one that can.
  const lab = readLab(wanted.id) ?? LABS.map(l => readLab(l.id)).find(l => l !== undefined)!
  if (user === DEFAULT_USER) return lab
  const { lab: forUser, diagnostics } = parseLab(LAB_FILES.get(lab.id) ?? [], `labs/${lab.id}`, undefined, { user })
  if (forUser) return forUser
  console.error(`synclab: lab ${lab.id} cannot be opened for ${user}`, diagnostics)
  return lab
}
