// Paths in the learner's repository: what a new or renamed file or folder may be called, and which folders exist.
// Pure (no DOM): the session refuses a bad path with it, the file tree says why while the learner types.
import type { SourceFile } from '../../manifest/index.ts'

/** The repository as the file tree shows it: the files, and the folders the learner made that have no file yet. */
export interface RepoTree {
  files: readonly SourceFile[]
  folders: readonly string[]
}

export type PathKind = 'file' | 'folder'

// The manifests are YAML: a file of another kind would be read as YAML all the same.
const MANIFEST_NAME = /\.ya?ml$/
const BAD_CHARACTER = /[\\:*?"<>|\u0000-\u001f]/

/** `a/b/c.yaml` -> `a/b`; a path at the top -> ''. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf('/')
  return i < 0 ? '' : path.slice(0, i)
}

export function joinPath(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`
}

/** `path` is `folder` or lies inside it. */
export function isWithin(path: string, folder: string): boolean {
  return path === folder || path.startsWith(`${folder}/`)
}

/** Every folder of the tree: the learner's, and those that hold a file (with all their parents). */
export function allFolders(tree: RepoTree): Set<string> {
  const out = new Set<string>()
  const addWithParents = (folder: string) => {
    for (let f = folder; f !== '' && !out.has(f); f = parentOf(f)) out.add(f)
  }
  for (const f of tree.folders) addWithParents(f)
  for (const f of tree.files) addWithParents(parentOf(f.path))
  return out
}

/** The learner's folders that are still empty: a folder that holds a file needs no entry of its own. */
export function emptyFolders(folders: readonly string[], files: readonly SourceFile[]): string[] {
  const unique = [...new Set(folders)]
  return unique.filter(folder => !files.some(f => isWithin(f.path, folder)) &&
    !unique.some(other => other !== folder && isWithin(other, folder)))
}

/**
 * Why `path` cannot become a new file or folder (or the new name of `renaming`), or undefined if it can: no empty
 * name or part, no `.` or `..`, no character that git or a file system refuses, no duplicate, manifests end in
 * .yaml or .yml.
 */
export function pathProblem(path: string, kind: PathKind, tree: RepoTree, renaming?: string): string | undefined {
  if (path.trim() === '') return 'A name is required.'
  const parts = path.split('/')
  for (const part of parts) {
    if (part === '') return 'A name cannot be empty: no "/" at the start, at the end or twice in a row.'
    if (part === '.' || part === '..') return `"${part}" is not allowed in a path: files stay inside the repository.`
    if (part.trim() !== part) return 'A name cannot start or end with a space.'
    if (BAD_CHARACTER.test(part)) return 'A name cannot hold \\ : * ? " < > | or control characters.'
  }
  if (kind === 'file' && !MANIFEST_NAME.test(path)) return 'A manifest file name ends in .yaml or .yml.'
  if (renaming !== undefined && kind === 'folder' && isWithin(path, renaming)) {
    return 'A folder cannot move into itself.'
  }
  const others: RepoTree = renaming === undefined ? tree : {
    files: tree.files.filter(f => !isWithin(f.path, renaming)),
    folders: tree.folders.filter(f => !isWithin(f, renaming)),
  }
  if (others.files.some(f => f.path === path) || allFolders(others).has(path)) return `${path} already exists.`
  const fileOnTheWay = parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('/'))
    .find(prefix => others.files.some(f => f.path === prefix))
  return fileOnTheWay === undefined ? undefined : `${fileOnTheWay} is a file, not a folder.`
}

/** Throws the problem of `path` (see pathProblem): the session's guard. */
export function checkPath(path: string, kind: PathKind, tree: RepoTree, renaming?: string): void {
  const problem = pathProblem(path, kind, tree, renaming)
  if (problem !== undefined) throw new Error(`${path}: ${problem}`)
}

/** `path` after its folder `from` became `to` (a path outside `from` stays as it is). */
export function movedPath(path: string, from: string, to: string): string {
  return isWithin(path, from) ? to + path.slice(from.length) : path
}
