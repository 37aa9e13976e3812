// Reads the manifests named on the command line: files as given, directories walked for *.yaml / *.yml, in a
// stable order so that the same tree always gives the same sync. It reads as Argo CD's repo server does, within
// its limits: at most 10M of manifests in all, symlinks that stay inside the tree, regular files only, UTF-8 text.
// Every problem is a diagnostic at file:line:col; nothing is read past a limit.
import { type Dirent, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import type { Diagnostic, SourceFile } from '../manifest/index.ts'

/**
 * Argo CD's repo server refuses an application whose manifest files add up to more than this
 * (`reposerver.max.combined.directory.manifests.size`, default 10M, i.e. 10,000,000 bytes).
 */
export const MAX_COMBINED_MANIFEST_BYTES = 10_000_000

/** The files could not all be read; `diagnostics` says where and why. */
export class ManifestReadError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(d => `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}`).join('\n'))
    this.name = 'ManifestReadError'
  }
}

export interface ReadResult {
  files: SourceFile[]
  diagnostics: Diagnostic[]
}

const problem = (file: string, message: string, code: string, line = 1, col = 1): Diagnostic =>
  ({ file, line, col, endLine: line, endCol: col, severity: 'error', code, message })

/** Reads every manifest under `paths`; throws ManifestReadError when one cannot be read, Error for a bad path. */
export function readManifestFiles(paths: string[], cwd = process.cwd()): SourceFile[] {
  const { files, diagnostics } = readManifestSources(paths, cwd)
  if (diagnostics.length > 0) throw new ManifestReadError(diagnostics)
  return files
}

export function readManifestSources(paths: string[], cwd = process.cwd()): ReadResult {
  const found: string[] = []
  const diagnostics: Diagnostic[] = []
  const shown = (file: string) => relative(cwd, file) || file
  for (const path of paths) {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) throw new Error(`${path}: no such file or directory`)
    if (stat.isDirectory()) walk(path, realpathSync(path), found, diagnostics, shown, new Set())
    else if (stat.isFile()) found.push(path)
    else diagnostics.push(problem(shown(path), 'not a regular file (a pipe, socket or device): not read', 'not-a-file'))
  }
  const files: SourceFile[] = []
  let total = 0
  for (const file of found) {
    total += statSync(file).size
    if (total > MAX_COMBINED_MANIFEST_BYTES) {
      diagnostics.push(problem(shown(file), `exceeded max combined manifest file size: Argo CD's repo server reads at ` +
        `most 10M of manifests for one application (reposerver.max.combined.directory.manifests.size); this file ` +
        'goes past it, so nothing is read from here on', 'too-large'))
      break
    }
    const decoded = decodeUtf8(readFileSync(file))
    if (typeof decoded === 'string') files.push({ path: shown(file), text: decoded })
    else diagnostics.push(problem(shown(file), decoded.message, 'invalid-utf8', decoded.line, decoded.col))
  }
  return { files, diagnostics }
}

/**
 * A directory's *.yaml / *.yml files, sorted by name, sub-directories included. Symlinks are followed while their
 * target stays inside `root` (Argo CD refuses a repository with one that leaves it); pipes, sockets and devices
 * are skipped (a git repository cannot hold them).
 */
function walk(dir: string, root: string, out: string[], diagnostics: Diagnostic[], shown: (f: string) => string,
  visited: Set<string>): void {
  const real = realpathSync(dir)
  if (visited.has(real)) return // a symlinked directory already walked: no loops
  visited.add(real)
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))
  for (const entry of entries) {
    const full = join(dir, entry.name)
    const kind = entryKind(entry, full, root)
    if (kind === 'outside') {
      diagnostics.push(problem(shown(full), `repository contains out-of-bounds symlinks. file: ${shown(full)} ` +
        '(Argo CD refuses to read a repository with a symlink that leaves it; this one is not read)', 'out-of-bounds-symlink'))
    } else if (kind === 'dir') walk(full, root, out, diagnostics, shown, visited)
    else if (kind === 'file' && /\.ya?ml$/i.test(entry.name)) out.push(full)
  }
}

function entryKind(entry: Dirent, full: string, root: string): 'dir' | 'file' | 'outside' | 'other' {
  if (entry.isDirectory()) return 'dir'
  if (entry.isFile()) return 'file'
  if (!entry.isSymbolicLink()) return 'other' // a pipe, socket or device
  let target: string
  try {
    target = realpathSync(full)
  } catch {
    return 'other' // a dangling or looping symlink reads as nothing
  }
  if (target !== root && !target.startsWith(root + sep)) return 'outside'
  const stat = statSync(target)
  return stat.isDirectory() ? 'dir' : stat.isFile() ? 'file' : 'other'
}

/** The text, or where it stops being UTF-8, in go-yaml's words (what Argo CD's reader says). */
export function decodeUtf8(bytes: Uint8Array): string | { message: string; line: number; col: number } {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    const { offset, what } = firstInvalid(bytes)
    const before = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, offset))
    const lines = before.split('\n')
    return {
      message: `yaml: ${what} (byte ${offset}: the file is not UTF-8 text, which Kubernetes manifests must be; ` +
        'nothing in it is read)',
      line: lines.length, col: lines[lines.length - 1]!.length + 1,
    }
  }
}

function firstInvalid(b: Uint8Array): { offset: number; what: string } {
  for (let i = 0; i < b.length;) {
    const c = b[i]!
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1
    if (n < 0) return { offset: i, what: 'invalid leading UTF-8 octet' }
    for (let k = 1; k <= n; k++) {
      if (i + k >= b.length) return { offset: i, what: 'incomplete UTF-8 octet sequence' }
      if ((b[i + k]! & 0xc0) !== 0x80) return { offset: i + k, what: 'invalid trailing UTF-8 octet' }
    }
    // Overlong forms and surrogates the decoder refused: the leading octet is where it goes wrong.
    if ((c === 0xe0 && b[i + 1]! < 0xa0) || (c === 0xed && b[i + 1]! > 0x9f) || (c === 0xf0 && b[i + 1]! < 0x90) ||
      (c === 0xf4 && b[i + 1]! > 0x8f)) return { offset: i, what: 'invalid leading UTF-8 octet' }
    i += n + 1
  }
  return { offset: b.length, what: 'incomplete UTF-8 octet sequence' }
}
