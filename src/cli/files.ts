// Reads the manifests named on the command line: files as given, directories walked for *.yaml / *.yml,
// in a stable order so that the same tree always gives the same sync.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { SourceFile } from '../manifest/index.ts'

export function readManifestFiles(paths: string[], cwd = process.cwd()): SourceFile[] {
  const files: SourceFile[] = []
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) throw new Error(`${path}: no such file or directory`)
    for (const file of stat.isDirectory() ? walk(path) : [path]) {
      files.push({ path: relative(cwd, file) || file, text: readFileSync(file, 'utf8') })
    }
  }
  return files
}

function walk(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...walk(full))
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full)
  }
  return out
}
