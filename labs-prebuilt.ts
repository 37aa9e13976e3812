// The built-in labs, read at build time: the page gets each lab of labs/ already parsed (for the default learner),
// its start files already read, so that opening one at start costs a JSON.parse of that lab instead of YAML parses and the
// lab's checks (on a slow laptop, 4× CPU, reading lab 01 and its files took about 400 ms before the first paint:
// the first YAML read also pays for compiling the YAML library). A lab that cannot be read fails the build with
// its file:line:col. The page still reads the labs' own files (src/ui/labs/catalog.ts) for another learner's name,
// a course or a lab opened in the page; test/ui/labs/prebuilt-labs.test.ts checks both readings give the same lab.
import { join } from 'node:path'
import DOMPurify, { type DOMPurify as Purifier, type WindowLike } from 'dompurify'
import type { Plugin } from 'vite'
import { labDirs, readLabFiles } from './src/labs/load.ts'
import { labStartFiles, parseLab } from './src/labs/parse.ts'
import { formatDiagnostic, hasErrors, loadReaderTypes, parseManifests } from './src/manifest/index.ts'
import { renderMarkdown } from './src/ui/labs/markdown.ts'

const ID = 'virtual:builtin-labs'
const RESOLVED = `\0${ID}`
/** DOMPurify bound to a jsdom window, made at the first build that needs it. */
let purify: Purifier | undefined

/** The files of a lab the page bundles (catalog.ts's glob): lab.yaml and the YAML of repo/ and solution/. */
const PAGE_FILE = /^(lab\.yaml|(repo|solution)\/.+\.ya?ml)$/

export function labsPrebuilt(labsRoot: string): Plugin {
  return {
    name: 'synclab-labs-prebuilt',
    resolveId: id => (id === ID ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined
      await loadReaderTypes() // the start files are read as the page reads them once its types have loaded
      // The tasks' instructions as HTML, rendered and sanitised as the page does (markdown.ts), keyed by their text:
      // the lab text is formatted in the first view, without loading marked and DOMPurify (src/ui/labs/prerendered.ts).
      purify ??= DOMPurify(new (await import('jsdom')).JSDOM('').window as WindowLike) // loaded only when building
      const html: Record<string, string> = {}
      const out: Record<string, unknown> = {}
      for (const dir of labDirs(labsRoot)) {
        const labId = dir.slice(dir.lastIndexOf('/') + 1)
        const files = readLabFiles(dir).filter(f => PAGE_FILE.test(f.path))
          .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
        for (const f of files) this.addWatchFile(join(dir, f.path))
        const { lab, diagnostics } = parseLab(files, `labs/${labId}`)
        if (!lab) this.error(`lab ${labId} cannot be read:\n${diagnostics.map(formatDiagnostic).join('\n')}`)
        // The start files read as Session.source reads them (src/ui/session/revisions.ts readSource).
        const { manifests, diagnostics: problems } = parseManifests(labStartFiles(lab))
        const start = { manifests: manifests.map(m => m.object), diagnostics: problems, ok: !hasErrors(problems) }
        // Each lab as JSON text, parsed when it is opened (the picker needs only the titles).
        out[labId] = { title: lab.title, json: JSON.stringify({ ...lab, files: [...lab.files], start }) }
        for (const task of lab.tasks) html[task.instructions] = renderMarkdown(task.instructions, purify)
      }
      return `export default ${JSON.stringify(out)}\nexport const html = ${JSON.stringify(html)}`
    },
  }
}
