// Node side of the lab loader: reads a lab folder (or all of labs/) into `{path, text}[]` and hands it to the
// pure parser (parse.ts), which the page uses with `import.meta.glob` instead.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { type ParseLabOptions, type ParseLabResult, parseLab } from './parse.ts'
import { validateLabSchema } from './schema-validator.ts'
import type { LabFile } from './types.ts'

export { parseLab } from './parse.ts'

/** Every file under `dir` (lab.yaml, repo/**, solution/**, docs), paths relative to `dir`, in a stable order. */
export function readLabFiles(dir: string): LabFile[] {
  const out: LabFile[] = []
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = join(folder, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (/\.(ya?ml|md)$/i.test(entry.name)) out.push({ path: relative(dir, full).split('\\').join('/'), text: readFileSync(full, 'utf8') })
    }
  }
  walk(dir)
  return out
}

/**
 * Reads and parses one lab folder; `display` is the folder as messages show it (default: as given); `opts.user`
 * is the learner's name put in place of `+username+` (default `learner`).
 */
export function loadLabDir(dir: string, display = dir.replace(/\/+$/, ''), opts: ParseLabOptions = {}): ParseLabResult {
  const stat = statSync(dir, { throwIfNoEntry: false })
  if (!stat?.isDirectory()) throw new Error(`${dir}: no such lab folder`)
  return parseLab(readLabFiles(dir), display, validateLabSchema, opts)
}

/** The lab folders under `root` (labs/): names like 01-resource-hooks. */
export function labDirs(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).filter(e => e.isDirectory() && /^\d\d-/.test(e.name))
    .map(e => join(root, e.name)).sort()
}
